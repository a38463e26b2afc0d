"""Phase 5, vote: one member's ballot: effect and effort set with keys, dots within the budget."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.markup import escape
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label

from cocreate.model import Idea, Workshop
from cocreate.prioritize import voting
from cocreate.tui.fields import Field
from cocreate.tui.phases.base import PhasePane
from cocreate.tui.styles import stylesheet
from cocreate.tui.widgets.columns import Column, FittedTable

__all__ = ["VotePane", "scale"]

SCALE = 5
#: Where a rating starts when a member first presses a key on an unrated idea.
MIDDLE = 3


def scale(value: int | None) -> str:
    """A 1-5 rating as five dots (●●●○○), or blanks when unset."""
    if value is None:
        return "·" * SCALE
    return "●" * value + "○" * (SCALE - value)


class VotePane(PhasePane):
    """Rate effect and effort, place dots; the facilitator closes voting here."""

    PHASE = "vote"
    DEFAULT_CSS = stylesheet(__file__)
    FACILITATOR_ONLY = frozenset({"switch_member", "toggle_voting", "voting_rules"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "effect(1)", "effect +", id="vote.effect_up"),
        Binding("E", "effect(-1)", "effect −", id="vote.effect_down", show=False),
        Binding("f", "effort(1)", "effort +", id="vote.effort_up"),
        Binding("F", "effort(-1)", "effort −", id="vote.effort_down", show=False),
        Binding("d,plus", "dot(1)", "dot +", id="vote.dot_up"),
        Binding("D,minus", "dot(-1)", "dot −", id="vote.dot_down"),
        Binding("m", "switch_member", "member", id="vote.member"),
        Binding("c", "toggle_voting", "open/close", id="vote.toggle"),
        Binding("s", "voting_rules", "rules", id="vote.rules", show=False),
    ]

    @dataclass
    class IdeaRated(Message):
        """``member`` rated an idea's effect and effort (1-5 each)."""

        member: str
        idea_id: str
        effect: int
        effort: int

    @dataclass
    class DotsPlaced(Message):
        """``member`` now has ``count`` dots on an idea."""

        member: str
        idea_id: str
        count: int

    @dataclass
    class VotingRulesSet(Message):
        dots_per_member: int
        cap_per_idea: int
        anonymous: bool

    class VotingClosed(Message):
        """The facilitator closed voting: members may now see the tally."""

    class VotingOpened(Message):
        """The facilitator opened voting again."""

    def __init__(self) -> None:
        super().__init__()
        self.drafts: dict[str, tuple[int | None, int | None]] = {}
        """Ratings half entered (effect set, effort not yet): saved once both are set."""
        self.ballot_member = self.author
        """Whose ballot is shown (the facilitator may enter one from paper)."""
        self.summary = Label("", id="ballot-summary", classes="phase-summary")
        self.table = FittedTable(id="ballot", cursor_type="row", zebra_stripes=True)
        label = {
            k: self.tr(f"ui.vote.col.{k}") for k in ("id", "title", "effect", "effort", "dots")
        }
        # The ballot itself (effect, effort, dots) is never cut: the title gives way.
        self.columns = (
            Column("id", label["id"], "fixed"),
            Column("title", label["title"], least=8, most=60),
            Column("effect", label["effect"], "fixed"),
            Column("effort", label["effort"], "fixed"),
            Column("dots", label["dots"], "fixed"),
        )
        self.status = Label("", id="vote-status")

    def compose(self) -> ComposeResult:
        yield self.summary
        yield self.table
        yield self.status

    def first_focus(self) -> Widget | None:
        return self.table

    def show_workshop(self, workshop: Workshop) -> None:
        member = self.ballot_member
        ratings = {r.idea: r for r in workshop.ratings if r.member == member}
        dots = {d.idea: d.count for d in workshop.dots if d.member == member}
        table = self.table
        keep = table.cursor_row
        shown = voting.shown_ids(workshop, self.ctx.session.member)
        rows = []
        ideas = self._listed(workshop)
        for idea in ideas:
            effect, effort = self._rating(idea.id, ratings)
            cells = (
                shown.get(idea.id, idea.id),
                Text(idea.title),
                Text(scale(effect), style="bold green"),
                Text(scale(effort), style="bold dark_orange"),
                Text("●" * dots.get(idea.id, 0), style="bold dodger_blue2"),
            )
            rows.append((idea.id, cells))
        table.fill(self.columns, rows)
        if ideas:
            table.move_cursor(row=min(max(keep, 0), len(ideas) - 1))
        person = workshop.member(member)
        name = person.name if person else member
        left = voting.dots_left(workshop, member) if person else 0
        state = self.tr("ui.vote.closed") if workshop.voting.closed else self.tr("ui.vote.open")
        self.summary.update(
            self.tr(
                "ui.vote.summary",
                name=escape(name),
                left=left,
                budget=workshop.voting.dots_per_member,
                cap=workshop.voting.cap_per_idea,
                state=state,
            )
        )
        status = self.status
        if self.member_mode:
            status.update(self.tr("ui.vote.keys"))
        else:
            waiting = voting.not_voted(workshop)
            if workshop.voting.anonymous:  # no output says who has voted: only how many not
                line = self.tr("ui.anon.not_voted", count=len(waiting))
            else:
                names = [escape(m.name) for m in workshop.members if m.id in waiting]
                line = self.tr("ui.vote.not_voted", names="、".join(names) or "—")
            status.update(line + "\n" + self.tr("ui.vote.keys"))

    def _rating(self, idea_id: str, ratings: dict[str, Any]) -> tuple[int | None, int | None]:
        if idea_id in ratings:
            return ratings[idea_id].effect, ratings[idea_id].effort
        return self.drafts.get(idea_id, (None, None))

    def _listed(self, workshop: Workshop) -> list[Idea]:
        return voting.shown_order(workshop, self.ctx.session.member, workshop.ideas)

    def _selected(self) -> Idea | None:
        ideas = self._listed(self.workshop)
        row = self.table.cursor_row
        if not ideas or row < 0:
            return None
        return ideas[min(row, len(ideas) - 1)]

    def _change_rating(self, which: int, step: int) -> None:
        idea = self._selected()
        if idea is None:
            return
        if self.workshop.voting.closed:
            self.notify(self.tr("ui.vote.closed_note"), severity="warning")
            return
        member = self.ballot_member
        ratings = {r.idea: r for r in self.workshop.ratings if r.member == member}
        values = list(self._rating(idea.id, ratings))
        current = values[which]
        values[which] = MIDDLE if current is None else max(1, min(SCALE, current + step))
        effect, effort = values
        if effect is None or effort is None:
            self.drafts[idea.id] = (effect, effort)
            self.show_workshop(self.workshop)
            hint = "ui.vote.now_effort" if effort is None else "ui.vote.now_effect"
            self.notify(self.tr(hint))
            return
        self.drafts.pop(idea.id, None)
        self.post_message(self.IdeaRated(member, idea.id, effect, effort))

    def action_effect(self, step: int) -> None:
        """Raise or lower your effect rating of the selected idea."""
        self._change_rating(0, step)

    def action_effort(self, step: int) -> None:
        """Raise or lower your effort rating of the selected idea."""
        self._change_rating(1, step)

    def action_dot(self, step: int) -> None:
        """Put one more dot on the selected idea, or take one back."""
        idea = self._selected()
        if idea is None:
            return
        member = self.ballot_member
        current = sum(
            d.count for d in self.workshop.dots if d.member == member and d.idea == idea.id
        )
        count = current + step
        if count < 0:
            return
        # The common refusals in the UI language; the domain rules still decide.
        ws = self.workshop
        if ws.voting.closed:
            self.notify(self.tr("ui.vote.closed_note"), severity="warning")
            return
        if step > 0 and count > ws.voting.cap_per_idea:
            self.notify(self.tr("ui.vote.over_cap", cap=ws.voting.cap_per_idea), severity="warning")
            return
        if step > 0 and voting.dots_left(ws, member) <= 0:
            self.notify(self.tr("ui.vote.no_dots_left"), severity="warning")
            return
        self.post_message(self.DotsPlaced(member, idea.id, count))

    def action_switch_member(self) -> None:
        """Enter the ballot of another member (e.g. from paper)."""
        members = [(f"{m.name} ({m.id})", m.id) for m in self.workshop.members]
        fields = [
            Field(
                "member",
                self.tr("ui.vote.field.member"),
                "choice",
                members,
                value=self.ballot_member,
                required=True,
            )
        ]

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.ballot_member = values["member"]
                self.drafts.clear()
                self.show_workshop(self.workshop)

        self.open_form(self.tr("ui.vote.member_title"), fields, done)

    def action_voting_rules(self) -> None:
        """Set the dots per member, the cap per idea and anonymous mode."""
        rules = self.workshop.voting
        yes_no = [(self.tr("ui.vote.yes"), "yes"), (self.tr("ui.vote.no"), "no")]
        fields = [
            Field(
                "dots_per_member",
                self.tr("ui.vote.field.dots"),
                "number",
                value=rules.dots_per_member,
                required=True,
            ),
            Field(
                "cap_per_idea",
                self.tr("ui.vote.field.cap"),
                "number",
                value=rules.cap_per_idea,
                required=True,
            ),
            Field(
                "anonymous",
                self.tr("ui.vote.field.anonymous"),
                "choice",
                yes_no,
                value="yes" if rules.anonymous else "no",
                required=True,
            ),
        ]

        def edit(values: dict[str, Any]) -> VotePane.VotingRulesSet:
            return self.VotingRulesSet(
                int(values["dots_per_member"]),
                int(values["cap_per_idea"]),
                values["anonymous"] == "yes",
            )

        self.open_form(self.tr("ui.vote.rules_title"), fields, edit=edit)

    def action_toggle_voting(self) -> None:
        """Close voting (members then see the tally), or open it again."""
        if self.workshop.voting.closed:
            self.post_message(self.VotingOpened())
        else:
            self.confirm(
                self.tr("ui.ask.close_voting"),
                self.tr("ui.ask.close"),
                lambda: self.post_message(self.VotingClosed()),
            )
