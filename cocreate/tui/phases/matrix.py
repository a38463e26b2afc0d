"""Phase 6, matrix: effect against effort with quadrants, and the ranked list beside it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.message import Message
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Label, LoadingIndicator, Static
from textual.worker import get_current_worker

from cocreate.model import Workshop
from cocreate.prioritize.voting import can_see_tally
from cocreate.tui.phases.base import PhasePane
from cocreate.tui.styles import stylesheet
from cocreate.tui.widgets.columns import Column, FittedTable
from cocreate.tui.widgets.matrix_view import MatrixChart
from cocreate.tui.widgets.text import number

__all__ = ["MatrixPane"]

RANKED_COLUMNS = ("rank", "id", "title", "dots", "hours", "effect", "effort", "quadrant", "flags")


class MatrixPane(PhasePane):
    """The tally: computed with pandas in a worker, hidden from members until voting closes."""

    PHASE = "matrix"
    DEFAULT_CSS = stylesheet(__file__)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh_tally", "recount", id="matrix.refresh"),
    ]

    @dataclass
    class TallyComputed(Message, bubble=False):
        """The tally worker counted the votes of ``workshop``."""

        rows: list[Any]
        workshop: Workshop

    @dataclass
    class TallyFailed(Message, bubble=False):
        error: str

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []
        self.views = ContentSwitcher(initial="matrix-loading", id="matrix-views")
        self.spinner = LoadingIndicator(id="matrix-loading")
        self.note = Static("", id="matrix-hidden")
        self.chart = MatrixChart(id="chart")
        self.ranked = FittedTable(id="ranked", cursor_type="row", zebra_stripes=True)
        label = {key: self.tr(f"ui.matrix.col.{key}") for key in RANKED_COLUMNS}
        # The title is cut, never dropped: an id alone says nothing on a projector. On a
        # narrow screen the id (the rank names a mark on the chart too), the medians and
        # the quadrant go first.
        self.columns = (
            Column("rank", label["rank"], "number"),
            Column("id", label["id"], "fixed", drop=4),  # the rank links a row to the chart
            Column("title", label["title"], least=8, most=40, weight=3, enough=16),
            Column("dots", label["dots"], "number"),
            Column("hours", label["hours"], "number", short=self.tr("ui.col_short.hours_saved")),
            Column("effect", label["effect"], "number", drop=6),
            Column("effort", label["effort"], "number", drop=6),
            Column("quadrant", label["quadrant"], least=4, most=12, drop=5),
            Column("flags", label["flags"], least=2, most=12, drop=3),
        )

    def compose(self) -> ComposeResult:
        with self.views:
            yield self.spinner
            yield self.note
            with Horizontal(id="matrix-layout"):
                with Vertical(id="matrix-left"):
                    yield Label(self.tr("ui.matrix.title"), classes="pane-title")
                    yield self.chart
                with Vertical(id="matrix-right"):
                    yield Label(self.tr("ui.matrix.ranked"), classes="pane-title")
                    yield self.ranked

    def first_focus(self) -> Widget | None:
        return self.ranked

    def show_workshop(self, workshop: Workshop) -> None:
        if not can_see_tally(workshop, self.ctx.session.member):
            self.note.update(self.tr("ui.matrix.hidden"))
            self._show_view("matrix-hidden")
            return
        if not workshop.ideas:
            # Nothing to tally: show the empty matrix now rather than a spinner, a
            # worker and a second layout and paint when its empty result arrives.
            self.workers.cancel_group(self, "tally")
            self._show_rows([], workshop)
            return
        if not self.rows:
            self._show_view("matrix-loading")
        self.compute_tally(workshop)

    def _show_view(self, name: str) -> None:
        """Show one of the loading spinner, the hidden/failed note or the matrix."""
        self.views.current = name
        # A spinner redraws itself 16 times a second even when it is not shown.
        self.spinner.auto_refresh = 1 / 16 if name == "matrix-loading" else None

    def action_refresh_tally(self) -> None:
        """Count the votes again."""
        self.show_workshop(self.workshop)

    @work(thread=True, exclusive=True, group="tally", description="tally")
    def compute_tally(self, workshop: Workshop) -> None:
        """Tally with pandas, off the UI thread: pandas loads here, never at start-up."""
        worker = get_current_worker()
        try:
            from cocreate.prioritize.tally import tally

            rows = tally(workshop)
        except Exception as exc:
            if not worker.is_cancelled:
                self.post_message(self.TallyFailed(str(exc)))
            return
        if not worker.is_cancelled:
            self.post_message(self.TallyComputed(rows, workshop))

    @on(TallyFailed)
    def _show_error(self, event: TallyFailed) -> None:
        self.note.update(self.tr("ui.matrix.failed", error=escape(event.error)))
        self._show_view("matrix-hidden")

    @on(TallyComputed)
    def _tallied(self, event: TallyComputed) -> None:
        self._show_rows(event.rows, event.workshop)

    def _show_rows(self, rows: list[Any], workshop: Workshop) -> None:
        self.rows = rows
        self._show_view("matrix-layout")
        self.chart.show(rows, workshop.settings.quadrant_split, self.tr)
        cells = []
        for row in rows:
            quadrant = self.tr(f"ui.quadrant.{row.quadrant}") if row.quadrant else "—"
            flags = " ".join(self.tr(f"ui.flag.{flag}") for flag in row.flags)
            shown = (
                str(row.rank),
                row.id,
                Text(row.title),
                str(row.dots),
                number(row.hours_saved),
                number(row.effect, 1),
                number(row.effort, 1),
                quadrant,
                flags,
            )
            cells.append((row.id, shown))
        self.ranked.fill(self.columns, cells)
