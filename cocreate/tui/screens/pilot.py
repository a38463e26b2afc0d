"""Phase 7, pilot: the small-start plan, with KPI baselines taken from the as-is map."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.widgets import DataTable, Input, Label, Select, Static
from textual.worker import get_current_worker

from cocreate.errors import CocreateError
from cocreate.model import Kpi, Pilot, Workshop
from cocreate.pilot import add_kpi, choose_ideas, edit_kpi, edit_pilot, parse_start, parse_weeks
from cocreate.tui.screens.base import PhaseScreen
from cocreate.tui.screens.forms import Field, FormScreen
from cocreate.tui.widgets.text import number

__all__ = ["PilotScreen"]

TEXT_FIELDS = ("title", "purpose", "scope_unit", "start", "weeks")


def _typed(name: str, raw: Any) -> Any:
    """A plan field's value as typed, read the way ``cocreate.pilot`` reads it."""
    if name == "start":
        return parse_start(raw or "")
    if name == "weeks":
        return parse_weeks(raw or "")
    return raw or ""


def _shown(pilot: Pilot, name: str) -> str:
    value = getattr(pilot, name)
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


class PilotScreen(PhaseScreen):
    """The plan form; each field is saved when you leave it or press enter."""

    CSS_PATH = "pilot.tcss"
    AUTO_FOCUS = ""  # the KPI table is focused in on_mount: not an input, so 1-8 still work
    PHASE = "pilot"
    FACILITATOR_ONLY = frozenset({"choose_ideas", "add_kpi", "edit_kpi"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "choose_ideas", "ideas", id="pilot.ideas"),
        Binding("ctrl+n", "add_kpi", "add KPI", id="pilot.add_kpi"),
        Binding("ctrl+g", "edit_kpi", "edit KPI", id="pilot.edit_kpi"),
        Binding("escape", "leave_field", "leave field", id="pilot.leave", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.baselines: dict[str, float] = {}
        self.shown_values: dict[str, str] = {}

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="pilot-form"):
            for name in TEXT_FIELDS:
                with Horizontal(classes="pilot-row"):
                    yield Label(self.tr(f"ui.pilot.field.{name}"), classes="pilot-label")
                    yield Input(
                        id=f"pilot-{name}",
                        compact=True,
                        placeholder=self.tr(f"ui.pilot.placeholder.{name}"),
                    )
            with Horizontal(classes="pilot-row"):
                yield Label(self.tr("ui.pilot.field.owner"), classes="pilot-label")
                yield Select([], id="pilot-owner", prompt="—", compact=True)
            with Horizontal(classes="pilot-row"):
                yield Label(self.tr("ui.pilot.field.ideas"), classes="pilot-label")
                yield Static("", id="pilot-ideas")
            yield Label(self.tr("ui.pilot.kpis"), classes="pane-title")
            yield DataTable(id="kpis", cursor_type="row", zebra_stripes=True)
            yield Static("", id="pilot-more")

    def on_mount(self) -> None:
        table = self.query_one("#kpis", DataTable)
        for key in ("id", "name", "baseline", "target", "unit"):
            table.add_column(self.tr(f"ui.pilot.col.{key}"), key=key)
        if self.member_mode:
            for widget in self.query("#pilot-form Input, #pilot-form Select"):
                widget.disabled = True
        table.focus(scroll_visible=False)
        super().on_mount()

    def show_workshop(self, workshop: Workshop) -> None:
        pilot = workshop.pilot
        focused = self.focused
        for name in TEXT_FIELDS:
            field = self.query_one(f"#pilot-{name}", Input)
            shown = self.shown_values.get(name)
            typing = field is focused and shown is not None and field.value != shown
            if not typing:  # never overwrite what someone is typing right now
                with field.prevent(Input.Changed):
                    field.value = _shown(pilot, name)
                self.shown_values[name] = field.value
        owner = self.query_one("#pilot-owner", Select)
        with owner.prevent(Select.Changed):
            owner.set_options([(m.name, m.id) for m in workshop.members])
            if pilot.owner and workshop.member(pilot.owner):
                owner.value = pilot.owner
        ideas = []
        for idea_id in pilot.ideas:
            idea = workshop.idea(idea_id)
            ideas.append(f"{idea_id} {escape(idea.title) if idea else '?'}")
        self.query_one("#pilot-ideas", Static).update(
            "\n".join(ideas) or f"[dim]{self.tr('ui.pilot.no_ideas')}[/]"
        )
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
        self.query_one("#pilot-more", Static).update("\n".join(more))
        if any(kpi.metric and kpi.baseline is None for kpi in pilot.kpis):
            self.compute_baselines(workshop)
        else:
            # No KPI takes its baseline from the map: no analysis of the whole process
            # (~50 ms of CPU for 2,000 steps, competing with the screen for the GIL).
            self.workers.cancel_group(self, "baselines")

    def _show_kpis(self, workshop: Workshop) -> None:
        table = self.query_one("#kpis", DataTable)
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
            self.app.call_from_thread(self._show_baselines, values)

    def _show_baselines(self, values: dict[str, float]) -> None:
        self.baselines = values
        self._show_kpis(self.workshop)

    # -------------------------------------------------------------- editing

    def _commit(self, name: str, value: Any) -> None:
        if self.member_mode:
            return
        if _shown(self.workshop.pilot, name) == (value or "") and name != "owner":
            return
        try:
            typed = _typed(name, value)
        except CocreateError as exc:
            self.notify(str(exc), title=self.tr("ui.note.refused"), severity="error")
            return
        self.app.apply(f"ui.label.pilot.{name}", lambda ws: edit_pilot(ws, **{name: typed}))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        name = (event.input.id or "").removeprefix("pilot-")
        self._commit(name, event.value)
        self.focus_next()

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        name = (event.input.id or "").removeprefix("pilot-")
        if name in TEXT_FIELDS:
            self._commit(name, event.input.value)

    @on(Select.Changed, "#pilot-owner")
    def _owner(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL and event.value != self.workshop.pilot.owner:
            self._commit("owner", event.value)

    async def flush(self) -> None:
        """Save the field being typed in (quitting while in the form loses nothing)."""
        focused = self.focused
        if isinstance(focused, Input) and focused.id and focused.id.startswith("pilot-"):
            self._commit(focused.id.removeprefix("pilot-"), focused.value)

    def action_leave_field(self) -> None:
        """Leave the field being typed in (it is saved) so 1-8 switch phases again."""
        self.query_one("#kpis", DataTable).focus()

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
                chosen = tuple(values["ideas"])
                self.app.apply(
                    "ui.label.pilot.ideas",
                    lambda ws: choose_ideas(ws, chosen),
                )

        self.app.push_screen(FormScreen(self.tr("ui.pilot.ideas_title"), fields), done)

    def _kpi_fields(self, kpi: Kpi | None) -> list[Field]:
        from cocreate.process.metrics import METRICS, metric_label

        metrics = [(metric_label(name, self.app.lang), name) for name in METRICS]
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
            if not values:
                return

            def change(ws: Workshop) -> Workshop:
                return add_kpi(ws, **_kpi_values(values))[0]

            self.app.apply("ui.label.pilot.kpi", change)

        self.app.push_screen(
            FormScreen(self.tr("ui.pilot.kpi_title"), self._kpi_fields(None)), done
        )

    def action_edit_kpi(self) -> None:
        """Edit the selected KPI's target, baseline or unit."""
        kpis = self.workshop.pilot.kpis
        row = self.query_one("#kpis", DataTable).cursor_row
        if not kpis or row < 0:
            return
        kpi = kpis[min(row, len(kpis) - 1)]

        def done(values: dict[str, Any] | None) -> None:
            if not values:
                return

            def change(ws: Workshop) -> Workshop:
                return edit_kpi(ws, kpi.id, **_kpi_values(values))

            self.app.apply("ui.label.pilot.kpi", change)

        self.app.push_screen(
            FormScreen(self.tr("ui.pilot.kpi_edit_title", id=kpi.id), self._kpi_fields(kpi)), done
        )

    @on(DataTable.RowSelected, "#kpis")
    def _kpi_selected(self) -> None:
        if not self.member_mode:
            self.action_edit_kpi()


def _kpi_values(values: dict[str, Any]) -> dict[str, Any]:
    """The KPI form's values as keyword arguments of ``cocreate.pilot``."""
    return {
        "name": values["name"],
        "metric": values["metric"] or "",
        "baseline": values["baseline"],
        "target": values["target"],
        "unit": values["unit"] or "",
    }
