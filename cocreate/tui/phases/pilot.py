"""Phase 7, pilot: the small-start plan, with KPI baselines taken from the as-is map."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Input, Label, Select, Static
from textual.worker import get_current_worker

from cocreate.errors import CocreateError
from cocreate.model import Kpi, Milestone, Pilot, Risk, TeamMember, Workshop
from cocreate.pilot import parse_start, parse_weeks
from cocreate.tui.fields import Field
from cocreate.tui.phases.base import PhasePane
from cocreate.tui.styles import stylesheet
from cocreate.tui.widgets.text import number
from cocreate.tui.widgets.text_input import TextInput

__all__ = ["KpiFields", "PilotPane"]

TEXT_FIELDS = ("title", "purpose", "scope_unit", "start", "weeks")

#: The parts of the plan listed in the plan table, in order.
PLAN_PARTS = ("team", "scope", "milestones", "risks", "criteria", "communication")
COMMUNICATION = ("channel", "shared", "audience", "meetings")

#: A field of the plan as ``cocreate.pilot.edit_pilot`` takes it.
PlanValue = str | dt.date | int | None


def _typed(name: str, raw: str) -> PlanValue:
    """A plan field's value as typed, read the way ``cocreate.pilot`` reads it."""
    if name == "start":
        return parse_start(raw)
    if name == "weeks":
        return parse_weeks(raw)
    return raw


def _shown(pilot: Pilot, name: str) -> str:
    value = getattr(pilot, name)
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


@dataclass(frozen=True, slots=True)
class KpiFields:
    """A KPI as the KPI form gives it: the keyword arguments of ``cocreate.pilot``."""

    name: str
    metric: str
    baseline: float | None
    target: float | None
    unit: str
    measured_by: str = ""
    ideas: tuple[str, ...] = ()

    @classmethod
    def from_form(cls, values: dict[str, Any]) -> KpiFields:
        return cls(
            name=values["name"],
            metric=values["metric"] or "",
            baseline=values["baseline"],
            target=values["target"],
            unit=values["unit"] or "",
            measured_by=values.get("measured_by") or "",
            ideas=tuple(values.get("ideas") or ()),
        )


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One row of the plan table: a part of the plan and the item on it (None: "add…")."""

    part: str
    item: Any = None


class PilotPane(PhasePane):
    """The plan form; each field is saved when you leave it or press enter."""

    PHASE = "pilot"
    DEFAULT_CSS = stylesheet(__file__)
    FACILITATOR_ONLY = frozenset(
        {"choose_ideas", "add_kpi", "edit_kpi", "remove", "add_to_plan", "edit_plan"}
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "choose_ideas", "ideas", id="pilot.ideas"),
        Binding("ctrl+n", "add_kpi", "add KPI", id="pilot.add_kpi"),
        Binding("ctrl+g", "edit_kpi", "edit KPI", id="pilot.edit_kpi"),
        Binding("a", "add_to_plan", "add", id="pilot.add_to_plan", show=False),
        Binding("e", "edit_plan", "edit", id="pilot.edit_plan", show=False),
        Binding("delete", "remove", "remove", id="pilot.remove", show=False),
        Binding("ctrl+l", "app.phase('tasks')", "tasks", id="pilot.tasks"),
        Binding("escape", "leave_field", "leave field", id="pilot.leave", show=False),
    ]

    @dataclass
    class PlanEdited(Message):
        """A field of the plan was typed in or chosen: ``name`` is edit_pilot's keyword."""

        name: str
        value: PlanValue

    @dataclass
    class IdeasChosen(Message):
        ideas: tuple[str, ...]

    @dataclass
    class KpiAdded(Message):
        fields: KpiFields

    @dataclass
    class KpiEdited(Message):
        kpi_id: str
        fields: KpiFields

    @dataclass
    class KpiRemoved(Message):
        kpi_id: str

    @dataclass
    class ScopeStepsChosen(Message):
        steps: tuple[str, ...]

    @dataclass
    class TeamMemberSet(Message):
        """A team member added (``old`` None), changed, or removed (``member`` None)."""

        old: TeamMember | None
        member: str | None
        role: str = ""

    @dataclass
    class MilestoneSet(Message):
        old: Milestone | None
        date: dt.date | None
        text: str = ""

    @dataclass
    class RiskSet(Message):
        old: Risk | None
        text: str | None
        mitigation: str = ""

    @dataclass
    class CriterionSet(Message):
        old: str | None
        text: str | None

    @dataclass
    class CommunicationEdited(Message):
        """Keywords of ``cocreate.pilot.edit_communication``."""

        rules: dict[str, str]

    @dataclass
    class BaselinesComputed(Message, bubble=False):
        """KPI baselines from the as-is metrics, by metric name."""

        values: dict[str, float]

    def __init__(self) -> None:
        super().__init__()
        self.baselines: dict[str, float] = {}
        self.shown_values: dict[str, str] = {}
        disabled = self.member_mode  # the plan is the facilitator's to write
        self.inputs = {
            name: TextInput(
                id=f"pilot-{name}",
                compact=True,
                placeholder=self.tr(
                    f"ui.edit.placeholder.{name}"
                    if name in ("start", "weeks")
                    else f"ui.pilot.placeholder.{name}"
                ),
                disabled=disabled,
            )
            for name in TEXT_FIELDS
        }
        self.owner = Select[str]([], id="pilot-owner", prompt="—", compact=True, disabled=disabled)
        self.ideas = Static("", id="pilot-ideas")
        self.kpis: DataTable[str | Text] = DataTable(
            id="kpis", cursor_type="row", zebra_stripes=True
        )
        for key in ("id", "name", "baseline", "target", "unit"):
            self.kpis.add_column(self.tr(f"ui.pilot.col.{key}"), key=key)
        self.plan: DataTable[str | Text] = DataTable(
            id="plan", cursor_type="row", zebra_stripes=True
        )
        for key in ("part", "item", "detail"):
            self.plan.add_column(self.tr(f"ui.plan.col.{key}"), key=key)
        self.plan_rows: list[PlanRow] = []

    def compose(self) -> ComposeResult:
        # Not a focus stop of its own: the first tab goes to a field, never to an
        # invisible scroll container where typed text would be lost.
        with VerticalScroll(id="pilot-form", can_focus=False):
            for name in TEXT_FIELDS:
                with Horizontal(classes="pilot-row"):
                    yield Label(self.tr(f"ui.pilot.field.{name}"), classes="pilot-label")
                    yield self.inputs[name]
            with Horizontal(classes="pilot-row"):
                yield Label(self.tr("ui.pilot.field.owner"), classes="pilot-label")
                yield self.owner
            with Horizontal(classes="pilot-row"):
                yield Label(self.tr("ui.pilot.field.ideas"), classes="pilot-label")
                yield self.ideas
            yield Label(self.tr("ui.pilot.kpis"), classes="pane-title")
            yield self.kpis
            yield Label(self.tr("ui.plan.title"), classes="pane-title", id="plan-title")
            yield self.plan

    def first_focus(self) -> Widget | None:
        return self.kpis  # not an input, so 1-8 still switch phases

    def show_workshop(self, workshop: Workshop) -> None:
        pilot = workshop.pilot
        focused = self.screen.focused
        for name in TEXT_FIELDS:
            field = self.inputs[name]
            shown = self.shown_values.get(name)
            typing = field is focused and shown is not None and field.value != shown
            if not typing:  # never overwrite what someone is typing right now
                with field.prevent(Input.Changed):
                    field.value = _shown(pilot, name)
                self.shown_values[name] = field.value
        owner = self.owner
        with owner.prevent(Select.Changed):
            owner.set_options([(m.name, m.id) for m in workshop.members])
            if pilot.owner and workshop.member(pilot.owner):
                owner.value = pilot.owner
        ideas = []
        for idea_id in pilot.ideas:
            idea = workshop.idea(idea_id)
            ideas.append(f"{idea_id} {escape(idea.title) if idea else '?'}")
        self.ideas.update("\n".join(ideas) or f"[dim]{self.tr('ui.pilot.no_ideas')}[/]")
        self._show_kpis(workshop)
        self._show_plan(workshop)
        if any(kpi.metric and kpi.baseline is None for kpi in pilot.kpis):
            self.compute_baselines(workshop)
        else:
            # No KPI takes its baseline from the map: no analysis of the whole process
            # (~50 ms of CPU for 2,000 steps, competing with the screen for the GIL).
            self.workers.cancel_group(self, "baselines")

    def _show_kpis(self, workshop: Workshop) -> None:
        table = self.kpis
        keep = table.cursor_row
        table.clear()
        for kpi in workshop.pilot.kpis:
            baseline: str | Text
            if kpi.baseline is not None:
                baseline = number(kpi.baseline, 2)
            elif kpi.metric and kpi.metric in self.baselines:
                baseline = Text.assemble(
                    number(self.baselines[kpi.metric], 1),
                    " ",
                    (self.tr("ui.pilot.from_map"), "dim"),
                )
            elif kpi.metric:
                baseline = "…"
            else:
                baseline = "—"
            table.add_row(
                kpi.id,
                Text(kpi.name),
                baseline,
                number(kpi.target, 2) if kpi.target is not None else "—",
                Text(kpi.unit),
                key=kpi.id,
            )
        if workshop.pilot.kpis:
            table.move_cursor(row=min(max(keep, 0), len(workshop.pilot.kpis) - 1))

    def _show_plan(self, workshop: Workshop) -> None:
        """Every part of the plan in full (team, scope, milestones, risks, criteria, rules)."""
        pilot = workshop.pilot
        rows: list[tuple[PlanRow, str, str]] = []
        add = self.tr("ui.plan.add")
        for person in pilot.team:
            member = workshop.member(person.member)
            name = member.name if member else person.member
            rows.append((PlanRow("team", person), name, person.role))
        rows.append((PlanRow("team"), add, ""))
        steps = [f"{s} {st.name}" if (st := workshop.step(s)) else s for s in pilot.scope_steps]
        rows.append((PlanRow("scope", pilot.scope_steps), "、".join(steps) or "—", ""))
        for milestone in pilot.milestones:
            rows.append(
                (PlanRow("milestones", milestone), milestone.date.isoformat(), milestone.text)
            )
        rows.append((PlanRow("milestones"), add, ""))
        for risk in pilot.risks:
            rows.append((PlanRow("risks", risk), risk.text, risk.mitigation))
        rows.append((PlanRow("risks"), add, ""))
        for criterion in pilot.rollout_criteria:
            rows.append((PlanRow("criteria", criterion), criterion, ""))
        rows.append((PlanRow("criteria"), add, ""))
        rules = pilot.communication
        for name in COMMUNICATION:
            rows.append(
                (
                    PlanRow("communication", name),
                    self.tr(f"ui.plan.rule.{name}"),
                    getattr(rules, name),
                )
            )
        table = self.plan
        keep = table.cursor_row
        table.clear()
        shown_part = ""
        for row, item, detail in rows:
            part = self.tr(f"ui.plan.part.{row.part}") if row.part != shown_part else ""
            shown_part = row.part
            table.add_row(part, Text(item), Text(detail))
        self.plan_rows = [row for row, _, _ in rows]
        table.move_cursor(row=min(max(keep, 0), len(rows) - 1))

    @work(thread=True, exclusive=True, group="baselines", description="baselines")
    def compute_baselines(self, workshop: Workshop) -> None:
        """KPI baselines from the as-is metrics (networkx loads here, in a worker)."""
        worker = get_current_worker()
        try:
            from cocreate.process.metrics import METRICS, analyse, metric_value

            metrics = analyse(workshop)
            values = {name: metric_value(metrics, name) for name in METRICS}
        except Exception:
            values = {}
        if not worker.is_cancelled:
            self.post_message(self.BaselinesComputed(values))

    @on(BaselinesComputed)
    def _show_baselines(self, event: BaselinesComputed) -> None:
        self.baselines = event.values
        self._show_kpis(self.workshop)

    # -------------------------------------------------------------- editing

    def _edit(self, name: str, value: str) -> PlanEdited | None:
        """The edit of field ``name`` to what was typed, if it changes the plan."""
        if self.member_mode:
            return None
        if _shown(self.workshop.pilot, name) == (value or "") and name != "owner":
            return None
        try:
            return self.PlanEdited(name, _typed(name, value or ""))
        except CocreateError as exc:
            describe = getattr(self.app, "refusal_text", str)  # in the UI's language
            self.notify(describe(exc), title=self.tr("ui.note.refused"), severity="error")
            return None

    def _commit(self, name: str, value: str) -> None:
        edit = self._edit(name, value)
        if edit is not None:
            self.post_message(edit)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        name = (event.input.id or "").removeprefix("pilot-")
        self._commit(name, event.value)
        self.screen.focus_next()

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        name = (event.input.id or "").removeprefix("pilot-")
        if name in TEXT_FIELDS:
            self._commit(name, event.input.value)

    @on(Select.Changed, "#pilot-owner")
    def _owner(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.workshop.pilot.owner:
            self._commit("owner", event.value)

    def unsaved_edits(self) -> list[Message]:
        """The field being typed in (quitting while in the form loses nothing)."""
        focused = self.screen.focused
        if isinstance(focused, Input) and focused.id and focused.id.startswith("pilot-"):
            edit = self._edit(focused.id.removeprefix("pilot-"), focused.value)
            if edit is not None:
                return [edit]
        return []

    def action_leave_field(self) -> None:
        """Leave the field being typed in (it is saved) so 1-8 switch phases again."""
        self.kpis.focus()

    def action_choose_ideas(self) -> None:
        """Choose which ideas the pilot tries."""
        ideas = [(f"{i.id} {i.title}", i.id) for i in self.workshop.ideas]
        fields = [
            Field(
                "ideas",
                self.tr("ui.pilot.field.ideas"),
                "multi",
                ideas,
                value=self.workshop.pilot.ideas,
            )
        ]

        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.post_message(self.IdeasChosen(tuple(values["ideas"])))

        self.open_form(self.tr("ui.pilot.ideas_title"), fields, done)

    def _kpi_fields(self, kpi: Kpi | None) -> list[Field]:
        from cocreate.process.metrics import METRICS, metric_label

        metrics = [(metric_label(name, self.ctx.lang), name) for name in METRICS]
        return [
            Field(
                "name", self.tr("ui.pilot.col.name"), value=kpi.name if kpi else "", required=True
            ),
            Field(
                "metric",
                self.tr("ui.pilot.field.metric"),
                "choice",
                metrics,
                value=kpi.metric if kpi and kpi.metric else None,
            ),
            Field(
                "baseline",
                self.tr("ui.pilot.col.baseline"),
                "number",
                value=kpi.baseline if kpi else None,
                placeholder=self.tr("ui.pilot.placeholder.baseline"),
            ),
            Field(
                "target",
                self.tr("ui.pilot.col.target"),
                "number",
                value=kpi.target if kpi else None,
            ),
            Field("unit", self.tr("ui.pilot.col.unit"), value=kpi.unit if kpi else ""),
            Field(
                "measured_by",
                self.tr("ui.plan.kpi.measured_by"),
                value=kpi.measured_by if kpi else "",
                placeholder=self.tr("ui.plan.kpi.measured_by_placeholder"),
            ),
            Field(
                "ideas",
                self.tr("ui.plan.kpi.ideas"),
                "multi",
                [(f"{i.id} {i.title}", i.id) for i in self.workshop.ideas],
                value=kpi.ideas if kpi else tuple(self.workshop.pilot.ideas),
            ),
        ]

    def action_add_kpi(self) -> None:
        """Add a KPI; its baseline comes from the map when it names a metric."""

        def edit(values: dict[str, Any]) -> PilotPane.KpiAdded:
            return self.KpiAdded(KpiFields.from_form(values))

        self.open_form(self.tr("ui.pilot.kpi_title"), self._kpi_fields(None), edit=edit)

    def action_edit_kpi(self) -> None:
        """Edit the selected KPI's target, baseline or unit."""
        kpis = self.workshop.pilot.kpis
        row = self.kpis.cursor_row
        if not kpis or row < 0:
            return
        kpi = kpis[min(row, len(kpis) - 1)]

        def edit(values: dict[str, Any]) -> PilotPane.KpiEdited:
            return self.KpiEdited(kpi.id, KpiFields.from_form(values))

        title = self.tr("ui.pilot.kpi_edit_title", id=kpi.id)
        self.open_form(title, self._kpi_fields(kpi), edit=edit)

    @on(DataTable.RowSelected, "#kpis")
    async def _kpi_selected(self) -> None:
        await self.run_action("edit_kpi")

    # -------------------------------------------------------------- the rest of the plan

    def _plan_row(self) -> PlanRow | None:
        if self.screen.focused is not self.plan or not self.plan_rows:
            return None
        return self.plan_rows[min(max(self.plan.cursor_row, 0), len(self.plan_rows) - 1)]

    @on(DataTable.RowSelected, "#plan")
    def _plan_selected(self) -> None:
        if not self.member_mode:
            self.action_edit_plan()

    def action_add_to_plan(self) -> None:
        """Add to the part of the plan the cursor is on (a team member, a risk, …)."""
        row = self._plan_row()
        if row is not None:
            self._open_plan_form(
                PlanRow(row.part) if row.part not in ("scope", "communication") else row
            )

    def action_edit_plan(self) -> None:
        """Edit the selected item of the plan (on an "add…" row: add one)."""
        row = self._plan_row()
        if row is not None:
            self._open_plan_form(row)

    def action_remove(self) -> None:
        """Remove the selected KPI or item of the plan, after asking."""
        focused = self.screen.focused
        if focused is self.kpis:
            kpis = self.workshop.pilot.kpis
            if kpis and self.kpis.cursor_row >= 0:
                kpi = kpis[min(self.kpis.cursor_row, len(kpis) - 1)]
                question = self.tr("ui.ask.remove_kpi", id=kpi.id, name=kpi.name)
                self.confirm_remove(question, self.KpiRemoved(kpi.id))
            return
        row = self._plan_row()
        if row is None or row.item is None or row.part in ("scope", "communication"):
            return
        removals: dict[str, Callable[[], Message]] = {
            "team": lambda: self.TeamMemberSet(row.item, None),
            "milestones": lambda: self.MilestoneSet(row.item, None),
            "risks": lambda: self.RiskSet(row.item, None),
            "criteria": lambda: self.CriterionSet(row.item, None),
        }
        removal = removals[row.part]()
        text = getattr(row.item, "text", None) or getattr(row.item, "member", None) or row.item
        self.confirm_remove(self.tr("ui.ask.remove_item", text=str(text)[:40]), removal)

    def _open_plan_form(self, row: PlanRow) -> None:
        title = self.tr(f"ui.plan.part.{row.part}")
        item = row.item
        if row.part == "team":
            members = [(f"{m.name}（{m.id}）", m.id) for m in self.workshop.members]
            fields = [
                Field(
                    "member",
                    self.tr("ui.plan.team.member"),
                    "choice",
                    members,
                    value=item.member if item else None,
                    required=True,
                ),
                Field(
                    "role",
                    self.tr("ui.plan.team.role"),
                    value=item.role if item else "",
                    placeholder=self.tr("ui.plan.team.role_placeholder"),
                ),
            ]
            self.open_form(
                title,
                fields,
                edit=lambda v: self.TeamMemberSet(item, v["member"], v["role"] or ""),
            )
        elif row.part == "scope":
            steps = [(f"{s.id} {s.name}", s.id) for s in self.workshop.steps]
            fields = [
                Field(
                    "steps",
                    self.tr("ui.plan.part.scope"),
                    "multi",
                    steps,
                    value=self.workshop.pilot.scope_steps,
                )
            ]
            self.open_form(title, fields, edit=lambda v: self.ScopeStepsChosen(tuple(v["steps"])))
        elif row.part == "milestones":
            fields = [
                Field(
                    "date",
                    self.tr("ui.plan.milestone.date"),
                    "date",
                    value=item.date.isoformat() if item else "",
                    required=True,
                    placeholder=self.tr("ui.edit.placeholder.date"),
                ),
                Field(
                    "text",
                    self.tr("ui.plan.milestone.text"),
                    value=item.text if item else "",
                    required=True,
                ),
            ]
            self.open_form(
                title, fields, edit=lambda v: self.MilestoneSet(item, v["date"], v["text"])
            )
        elif row.part == "risks":
            fields = [
                Field(
                    "text",
                    self.tr("ui.plan.risk.text"),
                    value=item.text if item else "",
                    required=True,
                ),
                Field(
                    "mitigation",
                    self.tr("ui.plan.risk.mitigation"),
                    value=item.mitigation if item else "",
                ),
            ]
            self.open_form(
                title, fields, edit=lambda v: self.RiskSet(item, v["text"], v["mitigation"] or "")
            )
        elif row.part == "criteria":
            fields = [
                Field("text", self.tr("ui.plan.part.criteria"), value=item or "", required=True)
            ]
            self.open_form(title, fields, edit=lambda v: self.CriterionSet(item, v["text"]))
        elif row.part == "communication":
            rules = self.workshop.pilot.communication
            fields = [
                Field(
                    name,
                    self.tr(f"ui.plan.rule.{name}"),
                    value=getattr(rules, name),
                    placeholder=self.tr(f"ui.plan.rule.{name}_placeholder"),
                )
                for name in COMMUNICATION
            ]
            self.open_form(
                title,
                fields,
                edit=lambda v: self.CommunicationEdited({n: v[n] or "" for n in COMMUNICATION}),
            )
