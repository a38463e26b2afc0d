"""Phase 1, the map: the as-is steps table, lanes and flows, the drawn process and its metrics."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, DataTable, Label
from textual.worker import get_current_worker

from cocreate.model import Medium, Step, StepKind, Workshop
from cocreate.process import edit
from cocreate.tui.screens.base import PhaseScreen
from cocreate.tui.screens.forms import Field, FormScreen, SpareForm
from cocreate.tui.widgets.metrics_panel import MetricsPanel
from cocreate.tui.widgets.process_view import ProcessDiagram
from cocreate.tui.widgets.text import number

__all__ = ["MapScreen"]

VIEWS = ("steps", "diagram", "flows")


# ----------------------------------------------------------------------- the edits


def _step_changes(values: dict[str, Any]) -> dict[str, Any]:
    """The step form's values as keyword arguments of ``cocreate.process.edit``."""
    changes = {key: values[key] for key in ("name", "lane", "kind", "medium") if values.get(key)}
    for key in ("minutes", "wait_minutes"):
        if key in values:
            changes[key] = values[key] or 0.0
    if "volume" in values:
        changes["volume"] = values["volume"]
    if "notes" in values:
        changes["notes"] = values["notes"] or ""
    return changes


def _share(values: dict[str, Any]) -> float | None:
    """A share as typed: a percentage (20) or a fraction (0.2)."""
    share = values.get("share")
    return share / 100 if share is not None and share > 1 else share


# ----------------------------------------------------------------------- the screen


class MapScreen(PhaseScreen):
    """The as-is process: steps, lanes and flows, drawn, with its metrics."""

    CSS_PATH = "map.tcss"
    PHASE = "map"
    FACILITATOR_ONLY = frozenset(
        {"add_step", "edit_step", "remove_step", "add_flow", "add_lane", "nudge_minutes"}
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_step", "add step", id="map.add_step"),
        Binding("enter,e", "edit_step", "edit", id="map.edit_step", key_display="⏎"),
        Binding("delete", "remove_step", "remove", id="map.remove_step", show=False),
        Binding("plus,equals_sign", "nudge_minutes(1)", "min +1", id="map.minutes_up", show=False),
        Binding("minus", "nudge_minutes(-1)", "min −1", id="map.minutes_down", show=False),
        Binding("f", "add_flow", "flow", id="map.add_flow"),
        Binding("l", "add_lane", "lane", id="map.add_lane", show=False),
        Binding("v", "next_view", "view", id="map.view"),
        Binding("m", "toggle_metrics", "metrics", id="map.metrics", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._spare_form = SpareForm()

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="map-layout"):
            with Vertical(id="map-main"):
                yield Label("", id="view-title")
                with ContentSwitcher(initial="steps", id="views"):
                    yield DataTable(id="steps", cursor_type="row", zebra_stripes=True)
                    # The drawing and the lanes and flows views are filled in when first
                    # shown (_build_views): ~40 ms less before the first frame.
                    yield VerticalScroll(id="diagram")
                    yield Vertical(id="flows")
            yield MetricsPanel(id="metrics")

    def on_mount(self) -> None:
        table = self.query_one("#steps", DataTable)
        for key in ("id", "lane", "name", "kind", "minutes", "wait", "volume", "medium"):
            table.add_column(self.tr(f"ui.map.col.{key}"), key=key)
        self._show_view_title()
        super().on_mount()

    async def _build_views(self) -> None:
        """Mount the drawing and the lanes and flows tables (once, when first shown)."""
        if self.query("#flows-table"):
            return
        lanes = DataTable(id="lanes-table", cursor_type="row")
        flows = DataTable(id="flows-table", cursor_type="row")
        await self.query_one("#diagram").mount(ProcessDiagram(id="process"))
        await self.query_one("#flows").mount(lanes, flows)
        lanes.add_columns(
            self.tr("ui.map.col.lane_id"), self.tr("ui.map.col.lane"), self.tr("ui.map.col.steps")
        )
        flows.add_columns(
            self.tr("ui.map.col.from"),
            self.tr("ui.map.col.to"),
            self.tr("ui.map.col.label"),
            self.tr("ui.map.col.share"),
        )
        self._show_views(self.workshop)

    # -------------------------------------------------------------- showing

    def show_workshop(self, workshop: Workshop) -> None:
        lanes = {lane.id: lane.name for lane in workshop.lanes}
        table = self.query_one("#steps", DataTable)
        keep = table.cursor_row
        table.clear()
        for step in workshop.steps:
            table.add_row(
                step.id,
                Text(lanes.get(step.lane, step.lane)),
                Text(step.name),
                self.tr(f"ui.kind.{step.kind.value}"),
                number(step.minutes, 1),
                number(step.wait_minutes, 1),
                number(step.volume) if step.volume is not None else "—",
                self.tr(f"ui.medium.{step.medium.value}"),
                key=step.id,
            )
        if workshop.steps:
            table.move_cursor(row=min(keep, len(workshop.steps) - 1))
        if self.query("#flows-table"):
            self._show_views(workshop)
        self.query_one(MetricsPanel).show_waiting(self.tr("ui.metrics.computing"))
        # After the next refresh: the thread must not share the GIL with painting this frame.
        self.call_after_refresh(self.compute_metrics, workshop)
        if self.app.screens_built:
            # The next add-step form, built now while a change is being drawn anyway: the
            # first step added after it opens in half the time.
            self.call_after_refresh(self.build_ahead)

    def _show_views(self, workshop: Workshop) -> None:
        lanes_table = self.query_one("#lanes-table", DataTable)
        lanes_table.clear()
        for lane in workshop.lanes:
            count = sum(1 for s in workshop.steps if s.lane == lane.id)
            lanes_table.add_row(lane.id, Text(lane.name), str(count), key=lane.id)
        flows_table = self.query_one("#flows-table", DataTable)
        flows_table.clear()
        for flow in workshop.flows:
            share = f"{flow.share:.0%}" if flow.share is not None else ""
            flows_table.add_row(flow.source, flow.target, Text(flow.label), share)
        self.query_one(ProcessDiagram).show(workshop)

    @work(thread=True, exclusive=True, group="metrics", description="metrics")
    def compute_metrics(self, workshop: Workshop) -> None:
        """Analyse the process off the UI thread (networkx loads here, not at start-up)."""
        worker = get_current_worker()
        try:
            from cocreate.process.metrics import analyse

            metrics = analyse(workshop)
        except Exception as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self.query_one(MetricsPanel).show_error, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_metrics, metrics, workshop)

    def _show_metrics(self, metrics: Any, workshop: Workshop) -> None:
        self.metrics = metrics
        self.query_one(MetricsPanel).show(metrics, workshop, self.tr)

    def _show_view_title(self) -> None:
        current = self.query_one(ContentSwitcher).current or "steps"
        parts = []
        for view in VIEWS:
            label = self.tr(f"ui.map.view.{view}")
            parts.append(f"[reverse] {label} [/]" if view == current else f" {label} ")
        hint = self.tr("ui.map.view_hint")
        self.query_one("#view-title", Label).update(" ".join(parts) + f"  [dim]{hint}[/]")

    # -------------------------------------------------------------- actions

    def _selected_step(self) -> str | None:
        table = self.query_one("#steps", DataTable)
        if not self.workshop.steps or table.cursor_row < 0:
            return None
        return self.workshop.steps[min(table.cursor_row, len(self.workshop.steps) - 1)].id

    def _step_fields(self, step: Step | None) -> list[Field]:
        ws = self.workshop
        lanes = [(lane.name, lane.id) for lane in ws.lanes]
        fields = [
            Field(
                "name",
                self.tr("ui.map.field.name"),
                value=step.name if step else "",
                required=True,
                placeholder=self.tr("ui.map.placeholder.name"),
            ),
            Field(
                "lane",
                self.tr("ui.map.field.lane"),
                "choice",
                value=step.lane if step else (lanes[0][1] if lanes else None),
                options=lanes,
                required=True,
            ),
            Field(
                "kind",
                self.tr("ui.map.field.kind"),
                "choice",
                value=(step.kind if step else StepKind.TASK).value,
                options=[(self.tr(f"ui.kind.{k.value}"), k.value) for k in StepKind],
                required=True,
            ),
            Field(
                "minutes",
                self.tr("ui.map.field.minutes"),
                "number",
                value=step.minutes if step else None,
                placeholder="10",
            ),
            Field(
                "wait_minutes",
                self.tr("ui.map.field.wait"),
                "number",
                value=step.wait_minutes if step else None,
                placeholder="0",
            ),
            Field(
                "volume",
                self.tr("ui.map.field.volume"),
                "number",
                value=step.volume if step else None,
                placeholder=self.tr("ui.map.placeholder.volume"),
            ),
            Field(
                "medium",
                self.tr("ui.map.field.medium"),
                "choice",
                value=(step.medium if step else Medium.OTHER).value,
                options=[(self.tr(f"ui.medium.{m.value}"), m.value) for m in Medium],
                required=True,
            ),
            Field("notes", self.tr("ui.map.field.notes"), value=step.notes if step else ""),
        ]
        return fields

    def action_add_step(self) -> None:
        """Add a step after the selected one."""
        if not self.workshop.lanes:
            self.notify(self.tr("ui.map.need_lane"), severity="warning")
            return
        after = self._selected_step()
        title = self.tr("ui.map.add_title", after=after or "—")

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.app.apply(
                    "ui.label.add_step",
                    lambda ws: edit.add_step(ws, **_step_changes(values), after=after)[0],
                )
                table = self.query_one("#steps", DataTable)
                if after is not None:
                    table.move_cursor(row=table.cursor_row + 1)

        # The spare form built when the map was last drawn, if its lanes are still those.
        self.app.push_screen(self._spare_form.take(title, self._step_fields(None)), done)

    def build_ahead(self) -> None:
        """Build the next add-step form off screen while the map is looked at."""
        if self.member_mode or not self.workshop.lanes or not self.app.is_running:
            return
        self._spare_form.prepare(self.app, self._step_fields(None))

    def action_edit_step(self) -> None:
        """Edit the selected step."""
        step_id = self._selected_step()
        step = self.workshop.step(step_id) if step_id else None
        if step is None:
            return

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.app.apply(
                    "ui.label.edit_step",
                    lambda ws: edit.edit_step(ws, step.id, **_step_changes(values)),
                )

        title = self.tr("ui.map.edit_title", id=step.id)
        self.app.push_screen(FormScreen(title, self._step_fields(step)), done)

    @on(DataTable.RowSelected, "#steps")
    def _row_selected(self) -> None:
        if not self.member_mode:
            self.action_edit_step()

    def action_remove_step(self) -> None:
        """Remove the selected step (or, in the lanes and flows view, the selected lane or flow)."""
        focused = self.focused
        if isinstance(focused, DataTable) and focused.id == "flows-table" and self.workshop.flows:
            flow = self.workshop.flows[min(focused.cursor_row, len(self.workshop.flows) - 1)]
            self.app.apply(
                "ui.label.remove_flow", lambda ws: edit.remove_flow(ws, flow.source, flow.target)
            )
            return
        if isinstance(focused, DataTable) and focused.id == "lanes-table" and self.workshop.lanes:
            lane = self.workshop.lanes[min(focused.cursor_row, len(self.workshop.lanes) - 1)]
            self.app.apply("ui.label.remove_lane", lambda ws: edit.remove_lane(ws, lane.id))
            return
        step_id = self._selected_step()
        if step_id:
            self.app.apply("ui.label.remove_step", lambda ws: edit.remove_step(ws, step_id))

    def action_nudge_minutes(self, step: int) -> None:
        """Change the selected step's minutes in place, a minute at a time."""
        step_id = self._selected_step()
        current = self.workshop.step(step_id) if step_id else None
        if current is None:
            return
        minutes = max(0.0, current.minutes + step)
        self.app.apply(
            "ui.label.edit_step", lambda ws: edit.edit_step(ws, current.id, minutes=minutes)
        )

    def action_add_flow(self) -> None:
        """Add a flow from the selected step to another."""
        steps = [(f"{s.id} {s.name}", s.id) for s in self.workshop.steps]
        if len(steps) < 2:
            return
        fields = [
            Field(
                "source",
                self.tr("ui.map.col.from"),
                "choice",
                steps,
                value=self._selected_step(),
                required=True,
            ),
            Field("target", self.tr("ui.map.col.to"), "choice", steps, required=True),
            Field(
                "label",
                self.tr("ui.map.col.label"),
                placeholder=self.tr("ui.map.placeholder.label"),
            ),
            Field("share", self.tr("ui.map.field.share"), "number", placeholder="20"),
        ]

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.app.apply(
                    "ui.label.add_flow",
                    lambda ws: edit.add_flow(
                        ws,
                        source=values["source"],
                        target=values["target"],
                        label=values.get("label") or "",
                        share=_share(values),
                    ),
                )

        self.app.push_screen(FormScreen(self.tr("ui.map.flow_title"), fields), done)

    def action_add_lane(self) -> None:
        """Add a lane."""
        fields = [
            Field(
                "name",
                self.tr("ui.map.col.lane"),
                required=True,
                placeholder=self.tr("ui.map.placeholder.lane"),
            )
        ]

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.app.apply(
                    "ui.label.add_lane", lambda ws: edit.add_lane(ws, name=values["name"])[0]
                )

        self.app.push_screen(FormScreen(self.tr("ui.map.lane_title"), fields), done)

    async def action_next_view(self) -> None:
        """Switch between the table, the drawing, and lanes and flows."""
        await self._build_views()
        switcher = self.query_one(ContentSwitcher)
        current = switcher.current or "steps"
        switcher.current = VIEWS[(VIEWS.index(current) + 1) % len(VIEWS)]
        self.query_one("#body").set_class(switcher.current == "diagram", "-drawing")
        focus = {"steps": "#steps", "diagram": "#diagram", "flows": "#flows-table"}
        self.query_one(focus[switcher.current]).focus()
        self._show_view_title()

    def action_toggle_metrics(self) -> None:
        """Show or hide the metrics panel."""
        self.query_one("#body").toggle_class("-no-metrics")
