"""The app's side of every edit: each pane's message applied through one domain function.

Panes say what happened (``MapPane.StepAdded``, ``IdeasPane.IdeaRemoved``, …); the app
turns each into a change of the workshop made by the domain (``cocreate.process.edit``,
``cocreate.contribute``, ``cocreate.prioritize.voting``, ``cocreate.pilot``), applies it
through the session, which saves it, and hands the new state down. The handlers are
found by their names (Textual's ``on_<sender>_<message>``), so this module imports no
pane and the panes load only when they are built.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from cocreate import contribute, facilitate
from cocreate import pilot as plan
from cocreate.errors import CocreateError
from cocreate.i18n import t
from cocreate.model import Workshop
from cocreate.prioritize import voting
from cocreate.process import edit

if TYPE_CHECKING:
    from textual.message import Message
    from textual.notifications import SeverityLevel

    from cocreate.session import Change, Session
    from cocreate.tui.phases.causes import CausesPane
    from cocreate.tui.phases.ideas import IdeasPane
    from cocreate.tui.phases.map import MapPane
    from cocreate.tui.phases.pilot import PilotPane
    from cocreate.tui.phases.problems import ProblemsPane
    from cocreate.tui.phases.vote import VotePane
    from cocreate.tui.screens.forms_workshop import WorkshopEditor

__all__ = ["AppliesEdits"]


def _on_map(event: MapPane.MapEdit, change: Change) -> Change:
    """``change`` made on the map the pane showed when the edit was made (its own map,
    or a variant's), with the references to a removed step checked on every map."""
    from cocreate.variants.maps import edit_map

    return lambda ws: edit_map(ws, event.map_id, change)


class AppliesEdits:
    """Mixed into the app: the handlers of the panes' edit messages."""

    if TYPE_CHECKING:  # what the app provides
        session: Session

        def apply(self, label: str, change: Change) -> bool: ...

        def tr(self, key: str, /, **values: object) -> str: ...

        def notify(
            self,
            message: str,
            *,
            title: str = "",
            severity: SeverityLevel = "information",
            timeout: float | None = None,
            markup: bool = True,
        ) -> None: ...

        lang: str
        sub_title: str

    _dry_run: list[tuple[str, Change]] | None = None
    """While ``check_edit`` runs: the changes the handler would have applied."""

    def _edit(self, label: str, change: Change) -> bool:
        if self._dry_run is not None:
            self._dry_run.append((label, change))
            return False
        return self.apply(label, change)

    def check_edit(self, message: Message) -> None:
        """Raise the domain's refusal of ``message``'s edit, without applying it.

        The same handler runs as when the message is posted, so a form checks exactly
        the change the app will make; nothing is saved and nothing is notified.
        """
        handler = getattr(self, message.handler_name, None)
        if handler is None:
            return
        captured: list[tuple[str, Change]] = []
        self._dry_run = captured
        try:
            handler(message)
        finally:
            self._dry_run = None
        for _label, change in captured:
            self.session.check(change)

    def refusal_text(self, error: CocreateError) -> str:
        """A refusal in the UI's language where the domain gave it a key, else as it is."""
        if error.key:
            return t(error.key, self.lang, **error.values)
        return str(error)

    # -------------------------------------------------------------- the map

    def on_map_pane_step_added(self, event: MapPane.StepAdded) -> None:
        fields = dataclasses.asdict(event.fields)
        self._edit(
            "ui.label.add_step",
            _on_map(event, lambda ws: edit.add_step(ws, **fields, after=event.after)[0]),
        )

    def on_map_pane_step_edited(self, event: MapPane.StepEdited) -> None:
        fields = dataclasses.asdict(event.fields)
        self._edit(
            "ui.label.edit_step",
            _on_map(event, lambda ws: edit.edit_step(ws, event.step_id, **fields)),
        )

    def on_map_pane_minutes_nudged(self, event: MapPane.MinutesNudged) -> None:
        self._edit(
            "ui.label.edit_step",
            _on_map(event, lambda ws: edit.edit_step(ws, event.step_id, minutes=event.minutes)),
        )

    def on_map_pane_step_removed(self, event: MapPane.StepRemoved) -> None:
        self._edit(
            "ui.label.remove_step", _on_map(event, lambda ws: edit.remove_step(ws, event.step_id))
        )

    def on_map_pane_flow_added(self, event: MapPane.FlowAdded) -> None:
        self._edit(
            "ui.label.add_flow",
            _on_map(
                event,
                lambda ws: edit.add_flow(
                    ws,
                    source=event.source,
                    target=event.target,
                    label=event.label,
                    share=event.share,
                ),
            ),
        )

    def on_map_pane_flow_removed(self, event: MapPane.FlowRemoved) -> None:
        self._edit(
            "ui.label.remove_flow",
            _on_map(event, lambda ws: edit.remove_flow(ws, event.source, event.target)),
        )

    def on_map_pane_lane_added(self, event: MapPane.LaneAdded) -> None:
        self._edit(
            "ui.label.add_lane", _on_map(event, lambda ws: edit.add_lane(ws, name=event.name)[0])
        )

    def on_map_pane_lane_edited(self, event: MapPane.LaneEdited) -> None:
        self._edit(
            "ui.label.edit_lane",
            _on_map(event, lambda ws: edit.edit_lane(ws, event.lane_id, name=event.name)),
        )

    def on_map_pane_flow_edited(self, event: MapPane.FlowEdited) -> None:
        self._edit(
            "ui.label.edit_flow",
            _on_map(
                event,
                lambda ws: edit.edit_flow(
                    ws, event.source, event.target, label=event.label, share=event.share
                ),
            ),
        )

    def on_map_pane_lane_removed(self, event: MapPane.LaneRemoved) -> None:
        self._edit(
            "ui.label.remove_lane", _on_map(event, lambda ws: edit.remove_lane(ws, event.lane_id))
        )

    # -------------------------------------------------------------- problems, causes, ideas

    def on_problems_pane_problem_added(self, event: ProblemsPane.ProblemAdded) -> None:
        author, now = self.session.author, self.session.clock()

        def change(ws: Workshop) -> Workshop:
            return contribute.add_problem(ws, author, event.text, event.steps, event.category, now)[
                0
            ]

        if self._edit("ui.label.add_problem", change):
            self.notify(self.tr("ui.problems.added"))

    def on_problems_pane_problem_edited(self, event: ProblemsPane.ProblemEdited) -> None:
        self._edit(
            "ui.label.edit_problem",
            lambda ws: contribute.edit_problem(
                ws, event.problem_id, text=event.text, steps=event.steps, category=event.category
            ),
        )

    def on_problems_pane_problem_removed(self, event: ProblemsPane.ProblemRemoved) -> None:
        self._edit("ui.label.remove", lambda ws: contribute.remove_item(ws, event.problem_id))

    def on_causes_pane_cause_added(self, event: CausesPane.CauseAdded) -> None:
        author, now = self.session.author, self.session.clock()
        self._edit(
            "ui.label.add_cause",
            lambda ws: contribute.add_cause(
                ws, author, event.problem_id, event.text, event.parent, event.category, now
            )[0],
        )

    def on_causes_pane_cause_edited(self, event: CausesPane.CauseEdited) -> None:
        self._edit(
            "ui.label.edit_cause",
            lambda ws: contribute.edit_cause(
                ws, event.cause_id, text=event.text, category=event.category
            ),
        )

    def on_causes_pane_cause_removed(self, event: CausesPane.CauseRemoved) -> None:
        self._edit("ui.label.remove", lambda ws: contribute.remove_item(ws, event.cause_id))

    def on_ideas_pane_idea_added(self, event: IdeasPane.IdeaAdded) -> None:
        author, now, idea = self.session.author, self.session.clock(), event.fields
        self._edit(
            "ui.label.add_idea",
            lambda ws: contribute.add_idea(
                ws,
                author,
                idea.title,
                idea.causes,
                idea.steps,
                idea.action,
                idea.reduction,
                idea.description,
                now=now,
            )[0],
        )

    def on_ideas_pane_idea_edited(self, event: IdeasPane.IdeaEdited) -> None:
        fields = dataclasses.asdict(event.fields)
        self._edit(
            "ui.label.edit_idea", lambda ws: contribute.edit_idea(ws, event.idea_id, **fields)
        )

    def on_ideas_pane_idea_removed(self, event: IdeasPane.IdeaRemoved) -> None:
        self._edit("ui.label.remove", lambda ws: contribute.remove_item(ws, event.idea_id))

    # -------------------------------------------------------------- the vote

    def on_vote_pane_idea_rated(self, event: VotePane.IdeaRated) -> None:
        self._edit(
            "ui.label.rate",
            lambda ws: voting.rate(ws, event.member, event.idea_id, event.effect, event.effort),
        )

    def on_vote_pane_dots_placed(self, event: VotePane.DotsPlaced) -> None:
        self._edit(
            "ui.label.dot",
            lambda ws: voting.place_dots(ws, event.member, event.idea_id, event.count),
        )

    def on_vote_pane_voting_rules_set(self, event: VotePane.VotingRulesSet) -> None:
        self._edit(
            "ui.label.voting_rules",
            lambda ws: voting.configure_voting(
                ws,
                dots_per_member=event.dots_per_member,
                cap_per_idea=event.cap_per_idea,
                anonymous=event.anonymous,
            ),
        )

    def on_vote_pane_voting_closed(self, event: VotePane.VotingClosed | None = None) -> None:
        if self._edit("ui.label.close_voting", voting.close_voting):
            self.notify(self.tr("ui.vote.closed_note"))

    def on_vote_pane_voting_opened(self, event: VotePane.VotingOpened | None = None) -> None:
        if self._edit("ui.label.open_voting", voting.open_voting):
            self.notify(self.tr("ui.vote.opened_note"))

    # -------------------------------------------------------------- the pilot plan

    def on_pilot_pane_plan_edited(self, event: PilotPane.PlanEdited) -> None:
        change = {event.name: event.value}
        self._edit(f"ui.label.pilot.{event.name}", lambda ws: plan.edit_pilot(ws, **change))  # type: ignore[arg-type]  # one keyword of edit_pilot, by name

    def on_pilot_pane_ideas_chosen(self, event: PilotPane.IdeasChosen) -> None:
        self._edit("ui.label.pilot.ideas", lambda ws: plan.choose_ideas(ws, event.ideas))

    def on_pilot_pane_kpi_added(self, event: PilotPane.KpiAdded) -> None:
        fields = dataclasses.asdict(event.fields)
        self._edit("ui.label.pilot.kpi", lambda ws: plan.add_kpi(ws, **fields)[0])

    def on_pilot_pane_kpi_edited(self, event: PilotPane.KpiEdited) -> None:
        fields = dataclasses.asdict(event.fields)
        self._edit("ui.label.pilot.kpi", lambda ws: plan.edit_kpi(ws, event.kpi_id, **fields))

    def on_pilot_pane_kpi_removed(self, event: PilotPane.KpiRemoved) -> None:
        self._edit("ui.label.pilot.kpi", lambda ws: plan.remove_kpi(ws, event.kpi_id))

    def on_pilot_pane_scope_steps_chosen(self, event: PilotPane.ScopeStepsChosen) -> None:
        self._edit("ui.label.pilot.scope", lambda ws: plan.choose_scope_steps(ws, event.steps))

    def on_pilot_pane_team_member_set(self, event: PilotPane.TeamMemberSet) -> None:
        self._edit(
            "ui.label.pilot.team",
            lambda ws: plan.set_team_member(ws, event.old, event.member, event.role),
        )

    def on_pilot_pane_milestone_set(self, event: PilotPane.MilestoneSet) -> None:
        self._edit(
            "ui.label.pilot.milestones",
            lambda ws: plan.set_milestone(ws, event.old, event.date, event.text),
        )

    def on_pilot_pane_risk_set(self, event: PilotPane.RiskSet) -> None:
        self._edit(
            "ui.label.pilot.risks",
            lambda ws: plan.set_risk(ws, event.old, event.text, event.mitigation),
        )

    def on_pilot_pane_criterion_set(self, event: PilotPane.CriterionSet) -> None:
        self._edit(
            "ui.label.pilot.criteria", lambda ws: plan.set_criterion(ws, event.old, event.text)
        )

    def on_pilot_pane_communication_edited(self, event: PilotPane.CommunicationEdited) -> None:
        rules = dict(event.rules)
        self._edit(
            "ui.label.pilot.communication",
            lambda ws: plan.edit_communication(ws, **rules),
        )

    # -------------------------------------------------------------- the workshop itself

    def on_workshop_editor_member_added(self, event: WorkshopEditor.MemberAdded) -> None:
        self._edit(
            "ui.label.add_member",
            lambda ws: contribute.add_member(
                ws, event.member_id, event.name, event.role, event.email
            )[0],
        )

    def on_workshop_editor_member_edited(self, event: WorkshopEditor.MemberEdited) -> None:
        self._edit(
            "ui.label.edit_member",
            lambda ws: facilitate.edit_member(
                ws, event.member_id, name=event.name, role=event.role, email=event.email
            ),
        )

    def on_workshop_editor_member_removed(self, event: WorkshopEditor.MemberRemoved) -> None:
        self._edit(
            "ui.label.remove_member", lambda ws: facilitate.remove_member(ws, event.member_id)
        )

    def on_workshop_editor_details_edited(self, event: WorkshopEditor.DetailsEdited) -> None:
        details = dict(event.details)
        if self._edit("ui.label.details", lambda ws: facilitate.edit_meta(ws, **details)):
            self.sub_title = self.session.workshop.meta.title

    def on_workshop_editor_settings_edited(self, event: WorkshopEditor.SettingsEdited) -> None:
        settings = dict(event.settings)
        self._edit("ui.label.settings", lambda ws: facilitate.edit_settings(ws, **settings))
