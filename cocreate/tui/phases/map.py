"""Phase 1, the map: the as-is steps table, lanes and flows, the drawn process and its metrics."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, Label
from textual.worker import get_current_worker

from cocreate.model import Medium, Step, StepKind, Workshop
from cocreate.tui.fields import Field
from cocreate.tui.phases.base import PhasePane
from cocreate.tui.styles import stylesheet
from cocreate.tui.widgets.columns import Column, FittedTable
from cocreate.tui.widgets.metrics_panel import MetricsPanel
from cocreate.tui.widgets.text import number

__all__ = ["MapPane", "StepFields"]

VIEWS = ("steps", "diagram", "flows")
STEP_COLUMNS = ("id", "lane", "name", "kind", "minutes", "wait", "volume", "medium")


@dataclass(frozen=True, slots=True)
class StepFields:
    """A step as the step form gives it: the keyword arguments of ``process.edit``."""

    name: str
    lane: str
    kind: StepKind
    minutes: float
    wait_minutes: float
    volume: int | None
    medium: Medium
    notes: str

    @classmethod
    def from_form(cls, values: dict[str, Any]) -> StepFields:
        """From the form's checked values (an empty number: 0 minutes, a derived volume)."""
        volume = values.get("volume")
        return cls(
            name=values["name"],
            lane=values["lane"],
            kind=StepKind(values["kind"]),
            minutes=values.get("minutes") or 0.0,
            wait_minutes=values.get("wait_minutes") or 0.0,
            volume=None if volume is None else round(volume),
            medium=Medium(values["medium"]),
            notes=values.get("notes") or "",
        )


class MapPane(PhasePane):
    """The as-is process: steps, lanes and flows, drawn, with its metrics."""

    PHASE = "map"
    DEFAULT_CSS = stylesheet(__file__)
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
        Binding("n", "next_map", "next map", id="map.next_map"),
        Binding("b", "app.phase('variants')", "bureaus", id="map.variants"),
        Binding("m", "toggle_metrics", "metrics", id="map.metrics", show=False),
    ]

    # -------------------------------------------------------------- what it tells the app

    @dataclass
    class MapEdit(Message):
        """An edit of one map; the app makes it on that map (``variants.maps.edit_map``)."""

        map_id: str = field(default="", kw_only=True)
        """The map it was made on: ``""`` for the workshop's own, else a variant's id."""

    @dataclass
    class StepAdded(MapEdit):
        """A step was filled in, to go after step ``after`` (or last, for None)."""

        after: str | None
        fields: StepFields

    @dataclass
    class StepEdited(MapEdit):
        """Step ``step_id`` was filled in again."""

        step_id: str
        fields: StepFields

    @dataclass
    class MinutesNudged(MapEdit):
        """Step ``step_id``'s minutes were set in place, a minute at a time."""

        step_id: str
        minutes: float

    @dataclass
    class StepRemoved(MapEdit):
        """Step ``step_id`` was removed."""

        step_id: str

    @dataclass
    class FlowAdded(MapEdit):
        """A flow ``source`` → ``target`` was filled in."""

        source: str
        target: str
        label: str
        share: float | None
        """A fraction between 0 and 1, or None for an even split."""

    @dataclass
    class FlowRemoved(MapEdit):
        """The flow ``source`` → ``target`` was removed."""

        source: str
        target: str

    @dataclass
    class LaneAdded(MapEdit):
        """A lane named ``name`` was filled in."""

        name: str

    @dataclass
    class LaneRemoved(MapEdit):
        """Lane ``lane_id`` was removed."""

        lane_id: str

    @dataclass
    class LaneEdited(MapEdit):
        """Lane ``lane_id`` was renamed."""

        lane_id: str
        name: str

    @dataclass
    class FlowEdited(MapEdit):
        """The flow ``source`` → ``target`` got a new label or share."""

        source: str
        target: str
        label: str
        share: float | None

    @dataclass
    class MetricsComputed(Message, bubble=False):
        """The metrics worker analysed ``workshop``."""

        metrics: Any
        workshop: Workshop

    @dataclass
    class MetricsFailed(Message, bubble=False):
        """The metrics worker could not analyse the process (``error`` says why)."""

        error: str

    # -------------------------------------------------------------- composing

    def __init__(self) -> None:
        super().__init__()
        self._follow: frozenset[str] | None = None
        """After adding a step after the selected one: the step ids before the add."""
        self.map_id = ""
        """The map on show and edited: ``""`` for the workshop's own, else a variant's id."""
        self.steps_table = FittedTable(id="steps", cursor_type="row", zebra_stripes=True)
        # At 80 columns the essential ones stay: id, step, minutes, volume, medium.
        label = {key: self.tr(f"ui.map.col.{key}") for key in STEP_COLUMNS}
        self.step_columns = (
            Column("id", label["id"], "fixed"),
            Column("lane", label["lane"], least=6, most=16, drop=2),
            Column("name", label["name"], least=10, most=36, weight=2, enough=20),
            Column("kind", label["kind"], least=4, most=8, drop=1),
            Column("minutes", label["minutes"], "number", short=self.tr("ui.col_short.minutes")),
            Column("wait", label["wait"], "number", drop=3, short=self.tr("ui.col_short.wait")),
            Column("volume", label["volume"], "number", short=self.tr("ui.col_short.volume")),
            Column("medium", label["medium"], "fixed"),
        )
        self.views = ContentSwitcher(initial="steps", id="views")
        self.view_title = Label(self._view_title("steps"), id="view-title")
        self.metrics_panel = MetricsPanel(id="metrics")
        # The drawing and the lanes and flows views are filled in when first shown
        # (_build_views): less to build before the first frame.
        self.diagram = VerticalScroll(id="diagram")
        self.flows = Vertical(id="flows")
        self.lanes_table: DataTable[Any] | None = None
        self.flows_table: DataTable[Any] | None = None
        self.process: Any = None  # the ProcessDiagram, once drawn

    def compose(self) -> ComposeResult:
        # The pane itself lays the two out side by side (map.tcss): one container less.
        with Vertical(id="map-main"):
            yield self.view_title
            with self.views:
                yield self.steps_table
                yield self.diagram
                yield self.flows
        yield self.metrics_panel

    def first_focus(self) -> Widget | None:
        return self.steps_table

    async def _build_views(self) -> None:
        """Mount the drawing and the lanes and flows tables (once, when first shown)."""
        if self.flows_table is not None:
            return
        from cocreate.tui.widgets.process_view import ProcessDiagram  # not before a first frame

        lanes: DataTable[object] = DataTable(id="lanes-table", cursor_type="row")
        flows: DataTable[object] = DataTable(id="flows-table", cursor_type="row")
        lanes.add_columns(
            self.tr("ui.map.col.lane_id"), self.tr("ui.map.col.lane"), self.tr("ui.map.col.steps")
        )
        flows.add_columns(
            self.tr("ui.map.col.from"),
            self.tr("ui.map.col.to"),
            self.tr("ui.map.col.label"),
            self.tr("ui.map.col.share"),
        )
        process = ProcessDiagram(id="process")
        await self.diagram.mount(process)
        await self.flows.mount(lanes, flows)
        self.lanes_table, self.flows_table, self.process = lanes, flows, process
        self._show_views(self.workshop)

    # -------------------------------------------------------------- which map

    @property
    def workshop(self) -> Workshop:
        """The workshop with the map on show as its process (its own map, or a variant's)."""
        return self._on_map(self.ctx.session.workshop)

    def _on_map(self, workshop: Workshop) -> Workshop:
        """``workshop`` with the map on show as its process; its own map if that is gone."""
        if self.map_id and workshop.variant(self.map_id) is not None:
            return workshop.variant_view(self.map_id)
        return workshop

    def _map_label(self, workshop: Workshop) -> str:
        """The map on show ("国際局（現状）"), when the workshop has more than one map."""
        if not workshop.variants:
            return ""
        from cocreate.variants.maps import map_info, primary_id

        if self.map_id:
            info = map_info(workshop, self.map_id)
            kind = self.tr(f"variants.kind.{info.kind.value}")
            name = self.tr("ui.map.named_kind", name=info.name, kind=kind)
        else:
            own = map_info(workshop, primary_id(workshop))
            name = self.tr("ui.map.own_map", name=own.name)
        # The footer shows the key (n); the title names the map, before the views.
        return f"[b]{escape(name)}[/] │ "

    def action_next_map(self) -> None:
        """Show the next map of the process: the own map, then each variant in turn."""
        workshop = self.ctx.session.workshop
        ids = ["", *(v.id for v in workshop.variants)]
        at = ids.index(self.map_id) if self.map_id in ids else 0
        self.map_id = ids[(at + 1) % len(ids)]
        self.steps_table.move_cursor(row=0)
        self.show_workshop(workshop)

    # -------------------------------------------------------------- showing

    def show_workshop(self, workshop: Workshop) -> None:
        if self.map_id and workshop.variant(self.map_id) is None:
            self.notify(self.tr("ui.map.map_gone", map=self.map_id), severity="warning")
            self.map_id = ""
        full = workshop
        workshop = self._on_map(workshop)
        self.view_title.update(self._view_title(self.views.current or "steps", full))
        lanes = {lane.id: lane.name for lane in workshop.lanes}
        table = self.steps_table
        keep = table.cursor_row
        if self._follow is not None:
            known, self._follow = self._follow, None
            added = [i for i, s in enumerate(workshop.steps) if s.id not in known]
            if added:
                keep = added[0]  # the cursor follows the step just added
        rows = [
            (
                step.id,
                (
                    step.id,
                    Text(lanes.get(step.lane, step.lane)),
                    Text(step.name),
                    self.tr(f"ui.kind.{step.kind.value}"),
                    number(step.minutes, 1),
                    number(step.wait_minutes, 1),
                    number(step.volume) if step.volume is not None else "—",
                    self.tr(f"ui.medium.{step.medium.value}"),
                ),
            )
            for step in workshop.steps
        ]
        table.fill(self.step_columns, rows)
        if workshop.steps:
            table.move_cursor(row=min(keep, len(workshop.steps) - 1))
        if self.flows_table is not None:
            self._show_views(workshop)
        self.metrics_panel.show_waiting(self.tr("ui.metrics.computing"))
        # After the next refresh: the thread must not share the GIL with painting this frame.
        self.call_after_refresh(self.compute_metrics, workshop)

    def _show_views(self, workshop: Workshop) -> None:
        if self.lanes_table is None or self.flows_table is None or self.process is None:
            return
        self.lanes_table.clear()
        for lane in workshop.lanes:
            count = sum(1 for s in workshop.steps if s.lane == lane.id)
            self.lanes_table.add_row(lane.id, Text(lane.name), str(count), key=lane.id)
        self.flows_table.clear()
        for flow in workshop.flows:
            share = f"{flow.share:.0%}" if flow.share is not None else ""
            self.flows_table.add_row(flow.source, flow.target, Text(flow.label), share)
        self.process.show(workshop)

    @work(thread=True, exclusive=True, group="metrics", description="metrics")
    def compute_metrics(self, workshop: Workshop) -> None:
        """Analyse the process off the UI thread (networkx loads here, not at start-up)."""
        worker = get_current_worker()
        try:
            from cocreate.process.metrics import analyse

            metrics = analyse(workshop)
        except Exception as exc:
            if not worker.is_cancelled:
                self.post_message(self.MetricsFailed(str(exc)))
            return
        if not worker.is_cancelled:
            self.post_message(self.MetricsComputed(metrics, workshop))

    @on(MetricsComputed)
    def _show_metrics(self, event: MetricsComputed) -> None:
        self.metrics = event.metrics
        self.metrics_panel.show(event.metrics, event.workshop, self.tr)

    @on(MetricsFailed)
    def _show_metrics_error(self, event: MetricsFailed) -> None:
        self.metrics_panel.show_error(event.error)

    def _view_title(self, current: str, workshop: Workshop | None = None) -> str:
        parts = []
        for view in VIEWS:
            label = self.tr(f"ui.map.view.{view}")
            parts.append(f"[reverse] {label} [/]" if view == current else f" {label} ")
        views = " ".join(parts) + f"  [dim]{self.tr('ui.map.view_hint')}[/]"
        return (self._map_label(workshop) if workshop is not None else "") + views

    # -------------------------------------------------------------- actions

    def _selected_step(self) -> str | None:
        table = self.steps_table
        if not self.workshop.steps or table.cursor_row < 0:
            return None
        return self.workshop.steps[min(table.cursor_row, len(self.workshop.steps) - 1)].id

    def _step_fields(self, step: Step | None) -> list[Field]:
        lanes = [(lane.name, lane.id) for lane in self.workshop.lanes]
        return [
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
                placeholder=self.tr("ui.edit.placeholder.minutes"),
            ),
            Field(
                "wait_minutes",
                self.tr("ui.map.field.wait"),
                "number",
                value=step.wait_minutes if step else None,
                placeholder=self.tr("ui.edit.placeholder.minutes"),
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

    def action_add_step(self) -> None:
        """Add a step after the selected one."""
        if not self.workshop.lanes:
            self.notify(self.tr("ui.map.need_lane"), severity="warning")
            return
        after = self._selected_step()
        known = frozenset(s.id for s in self.workshop.steps)

        def edit(values: dict[str, Any]) -> MapPane.StepAdded:
            return self.StepAdded(after, StepFields.from_form(values), map_id=self.map_id)

        def done(values: dict[str, Any] | None) -> None:
            if values:
                if after is not None:
                    self._follow = known
                self.post_message(edit(values))

        title = self.tr("ui.map.add_title", after=after or "—")
        self.open_form(title, self._step_fields(None), done, edit=edit)

    def action_edit_step(self) -> None:
        """Edit the selected step, or in lanes and flows the selected lane or flow."""
        focused = self.screen.focused
        if (self.views.current or "steps") == "flows":
            if focused is not None and focused is self.lanes_table:
                self._edit_lane()
            elif focused is not None and focused is self.flows_table:
                self._edit_flow()
            return
        step_id = self._selected_step()
        step = self.workshop.step(step_id) if step_id else None
        if step is None:
            return

        def edit(values: dict[str, Any]) -> MapPane.StepEdited:
            return self.StepEdited(step.id, StepFields.from_form(values), map_id=self.map_id)

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.post_message(edit(values))

        title = self.tr("ui.map.edit_title", id=step.id)
        self.open_form(title, self._step_fields(step), done, edit=edit)

    @on(DataTable.RowSelected, "#steps")
    async def _row_selected(self) -> None:
        await self.run_action("edit_step")

    @on(DataTable.RowSelected, "#lanes-table")
    def _lane_selected(self) -> None:
        self._edit_lane()

    @on(DataTable.RowSelected, "#flows-table")
    def _flow_selected(self) -> None:
        self._edit_flow()

    def _edit_lane(self) -> None:
        lanes = self.workshop.lanes
        if self.lanes_table is None or not lanes or self.member_mode:
            return
        lane = lanes[min(self.lanes_table.cursor_row, len(lanes) - 1)]
        fields = [Field("name", self.tr("ui.map.col.lane"), value=lane.name, required=True)]

        def edit(values: dict[str, Any]) -> MapPane.LaneEdited:
            return self.LaneEdited(lane.id, values["name"], map_id=self.map_id)

        self.open_form(self.tr("ui.edit.lane_title", id=lane.id), fields, edit=edit)

    def _edit_flow(self) -> None:
        flows = self.workshop.flows
        if self.flows_table is None or not flows or self.member_mode:
            return
        flow = flows[min(self.flows_table.cursor_row, len(flows) - 1)]
        fields = [
            Field(
                "label",
                self.tr("ui.map.col.label"),
                value=flow.label,
                placeholder=self.tr("ui.map.placeholder.label"),
            ),
            Field(
                "share",
                self.tr("ui.map.field.share"),
                "number",
                value=None if flow.share is None else round(flow.share * 100, 1),
                placeholder=self.tr("ui.edit.placeholder.share"),
            ),
        ]

        def edit(values: dict[str, Any]) -> MapPane.FlowEdited:
            return self.FlowEdited(
                flow.source,
                flow.target,
                values["label"],
                _share(values.get("share")),
                map_id=self.map_id,
            )

        title = self.tr("ui.edit.flow_title", source=flow.source, target=flow.target)
        self.open_form(title, fields, edit=edit)

    def action_remove_step(self) -> None:
        """Remove what is selected on screen: a step, or in lanes and flows a lane or flow.

        Only what the user sees selected: in the lanes and flows view with neither table
        focused, or in the drawing, nothing is removed (the steps table is not on show).
        Always asks first.
        """
        focused = self.screen.focused
        view = self.views.current or "steps"
        flows, lanes = self.workshop.flows, self.workshop.lanes
        if view == "flows":
            if focused is not None and focused is self.flows_table and flows:
                flow = flows[min(self.flows_table.cursor_row, len(flows) - 1)]
                question = self.tr("ui.ask.remove_flow", source=flow.source, target=flow.target)
                self.confirm_remove(
                    question, self.FlowRemoved(flow.source, flow.target, map_id=self.map_id)
                )
            elif focused is not None and focused is self.lanes_table and lanes:
                lane = lanes[min(self.lanes_table.cursor_row, len(lanes) - 1)]
                question = self.tr("ui.ask.remove_lane", name=lane.name)
                self.confirm_remove(question, self.LaneRemoved(lane.id, map_id=self.map_id))
            return
        if view != "steps" or focused is not self.steps_table:
            return
        step_id = self._selected_step()
        step = self.workshop.step(step_id) if step_id else None
        if step is not None:
            question = self.tr("ui.ask.remove_step", id=step.id, name=step.name)
            self.confirm_remove(question, self.StepRemoved(step.id, map_id=self.map_id))

    def action_nudge_minutes(self, step: int) -> None:
        """Change the selected step's minutes in place, a minute at a time."""
        step_id = self._selected_step()
        current = self.workshop.step(step_id) if step_id else None
        if current is not None:
            self.post_message(
                self.MinutesNudged(current.id, max(0.0, current.minutes + step), map_id=self.map_id)
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
            Field(
                "share",
                self.tr("ui.map.field.share"),
                "number",
                placeholder=self.tr("ui.edit.placeholder.share"),
            ),
        ]

        def edit(values: dict[str, Any]) -> MapPane.FlowAdded:
            return self.FlowAdded(
                values["source"],
                values["target"],
                values["label"],
                _share(values.get("share")),
                map_id=self.map_id,
            )

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.post_message(edit(values))

        self.open_form(self.tr("ui.map.flow_title"), fields, done, edit=edit)

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

        def edit(values: dict[str, Any]) -> MapPane.LaneAdded:
            return self.LaneAdded(values["name"], map_id=self.map_id)

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.post_message(edit(values))

        self.open_form(self.tr("ui.map.lane_title"), fields, done, edit=edit)

    async def action_next_view(self) -> None:
        """Switch between the table, the drawing, and lanes and flows."""
        await self._build_views()
        current = self.views.current or "steps"
        shown = VIEWS[(VIEWS.index(current) + 1) % len(VIEWS)]
        self.views.current = shown
        self.set_class(shown == "diagram", "-drawing")
        focus = {"steps": self.steps_table, "diagram": self.diagram, "flows": self.flows_table}
        target = focus[shown]
        if target is not None:
            target.focus()
        self.view_title.update(self._view_title(shown, self.ctx.session.workshop))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_map" and not self.ctx.session.workshop.variants:
            return False  # one map only: nothing to switch to
        return super().check_action(action, parameters)

    def action_toggle_metrics(self) -> None:
        """Show or hide the metrics panel."""
        self.toggle_class("-no-metrics")


def _share(value: float | None) -> float | None:
    """A share as typed: always a percentage (20 → 0.2, 1 → 0.01), as the field says."""
    return None if value is None else value / 100
