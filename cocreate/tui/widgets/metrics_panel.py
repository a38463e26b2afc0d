"""The process metrics beside the map: workload, lead time, handoffs, touchpoints, bottlenecks."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Static

from cocreate.tui.widgets.text import cell_len, fit, number

__all__ = ["MetricsPanel", "metric_rows"]

#: (metric name, digits) in the order the panel lists them.
SHOWN = (
    ("annual_hours", 0),
    ("person_years", 2),
    ("cost", 0),
    ("lead_time_minutes", 0),
    ("work_minutes", 0),
    ("cycle_efficiency", 1),
    ("handoffs", 0),
    ("paper_touches", 0),
    ("seal_touches", 0),
    ("counter_touches", 0),
    ("loops", 0),
)


def metric_rows(metrics: Any, tr: Any) -> list[tuple[str, str]]:
    """(label, value) pairs for the panel, values formatted for people."""
    rows = []
    for name, digits in SHOWN:
        value = getattr(metrics, name)
        if name == "loops":
            text = number(len(value))
        elif name == "cycle_efficiency":
            text = f"{value:.{digits}%}"
        elif name == "cost":
            text = tr("ui.metric.yen", value=number(value / 10_000), full=number(value))
        elif name == "lead_time_minutes":
            text = tr("ui.metric.lead_time", hours=number(value / 60, 1), minutes=number(value))
        elif name in ("work_minutes",):
            text = tr("ui.metric.minutes", value=number(value, 1))
        elif name == "annual_hours":
            text = tr("ui.metric.hours", value=number(value))
        else:
            text = number(value, digits)
        rows.append((tr(f"ui.metric.{name}"), text))
    return rows


class MetricsPanel(VerticalScroll):
    """Shows ``ProcessMetrics``; the screen computes them in a worker and hands them down."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.heading = Static("", id="metrics-title")
        self.body = Static("", id="metrics-body")
        self.bottlenecks = Static("", id="metrics-bottlenecks")

    def compose(self) -> ComposeResult:
        # The heading and the bottlenecks come with the first metrics (``show``): the
        # first frame, drawn while they are computed, says only that they are.
        yield self.body

    def show_waiting(self, text: str) -> None:
        self.body.update(text)

    def show(self, metrics: Any, workshop: Any, tr: Any) -> None:
        if self.heading.parent is None:
            self.mount(self.heading, before=self.body)
            self.mount(self.bottlenecks)
        width = max(self.size.width - 2, 20)
        self.heading.update(tr("ui.metrics.title"))
        lines = []
        for label, value in metric_rows(metrics, tr):
            room = width - cell_len(value) - 1
            lines.append(f"{escape(fit(label, room))} [b]{value}[/b]")
        self.body.update("\n".join(lines))
        names = {step.id: step.name for step in workshop.steps}
        bottlenecks = [tr("ui.metrics.bottlenecks")]
        for step_id in metrics.bottlenecks:
            bottlenecks.append(escape(fit(f" ▲ {step_id} {names.get(step_id, '')}", width)))
        self.bottlenecks.update("\n".join(bottlenecks))

    def show_error(self, message: str) -> None:
        self.body.update(f"[$error]{escape(message)}[/]")
