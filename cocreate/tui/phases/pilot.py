"""Phase 7, pilot: the small-start plan, with KPI baselines taken from the as-is map."""

from __future__ import annotations

import datetime as dt
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
from cocreate.model import Kpi, Pilot, Workshop
from cocreate.pilot import parse_start, parse_weeks
from cocreate.tui.fields import Field
from cocreate.tui.phases.base import PhasePane
from cocreate.tui.widgets.text import number

__all__ = ["KpiFields", "PilotPane"]

TEXT_FIELDS = ("title", "purpose", "scope_unit", "start", "weeks")

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

    @classmethod
    def from_form(cls, values: dict[str, Any]) -> KpiFields:
        return cls(
            name=values["name"],
            metric=values["metric"] or "",
            baseline=values["baseline"],
            target=values["target"],
            unit=values["unit"] or "",
        )


class PilotPane(PhasePane):
    """The plan form; each field is saved when you leave it or press enter."""

    PHASE = "pilot"
    FACILITATOR_ONLY = frozenset({"choose_ideas", "add_kpi", "edit_kpi"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "choose_ideas", "ideas", id="pilot.ideas"),
        Binding("ctrl+n", "add_kpi", "add KPI", id="pilot.add_kpi"),
        Binding("ctrl+g", "edit_kpi", "edit KPI", id="pilot.edit_kpi"),
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
    class BaselinesComputed(Message, bubble=False):
        """KPI baselines from the as-is metrics, by metric name."""

        values: dict[str, float]

    def __init__(self) -> None:
        super().__init__()
        self.baselines: dict[str, float] = {}
        self.shown_values: dict[str, str] = {}
        disabled = self.member_mode  # the plan is the facilitator's to write
        self.inputs = {
            name: Input(
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
        self.kpis = DataTable(id="kpis", cursor_type="row", zebra_stripes=True)
        for key in ("id", "name", "baseline", "target", "unit"):
            self.kpis.add_column(self.tr(f"ui.pilot.col.{key}"), key=key)
        self.more = Static("", id="pilot-more")

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
            yield self.more

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
        more = [
            self.tr(
                "ui.pilot.summary_more",
                team=len(pilot.team),
                risks=len(pilot.risks),
                milestones=len(pilot.milestones),
                criteria=len(pilot.rollout_criteria),
            )
        ]
        self.more.update("\n".join(more))
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
            self.notify(str(exc), title=self.tr("ui.note.refused"), severity="error")
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
        ]

    def action_add_kpi(self) -> None:
        """Add a KPI; its baseline comes from the map when it names a metric."""

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.post_message(self.KpiAdded(KpiFields.from_form(values)))

        self.open_form(self.tr("ui.pilot.kpi_title"), self._kpi_fields(None), done)

    def action_edit_kpi(self) -> None:
        """Edit the selected KPI's target, baseline or unit."""
        kpis = self.workshop.pilot.kpis
        row = self.kpis.cursor_row
        if not kpis or row < 0:
            return
        kpi = kpis[min(row, len(kpis) - 1)]

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.post_message(self.KpiEdited(kpi.id, KpiFields.from_form(values)))

        self.open_form(self.tr("ui.pilot.kpi_edit_title", id=kpi.id), self._kpi_fields(kpi), done)

    @on(DataTable.RowSelected, "#kpis")
    async def _kpi_selected(self) -> None:
        await self.run_action("edit_kpi")
