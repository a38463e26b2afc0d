"""Phase 6, matrix: effect against effort with quadrants, and the ranked list beside it."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import ContentSwitcher, DataTable, Label, LoadingIndicator, Static
from textual.worker import get_current_worker

from cocreate.model import Workshop
from cocreate.prioritize.voting import can_see_tally
from cocreate.tui.screens.base import PhaseScreen
from cocreate.tui.widgets.matrix_view import MatrixChart
from cocreate.tui.widgets.text import number

__all__ = ["MatrixScreen"]


class MatrixScreen(PhaseScreen):
    """The tally: computed with pandas in a worker, hidden from members until voting closes."""

    CSS_PATH = "matrix.tcss"
    PHASE = "matrix"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh_tally", "recount", id="matrix.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []

    def compose_body(self) -> ComposeResult:
        with ContentSwitcher(initial="matrix-loading", id="matrix-views"):
            yield LoadingIndicator(id="matrix-loading")
            yield Static("", id="matrix-hidden")
            with Horizontal(id="matrix-layout"):
                with Vertical(id="matrix-left"):
                    yield Label(self.tr("ui.matrix.title"), classes="pane-title")
                    yield MatrixChart(id="chart")
                with Vertical(id="matrix-right"):
                    yield Label(self.tr("ui.matrix.ranked"), classes="pane-title")
                    yield DataTable(id="ranked", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#ranked", DataTable)
        # The title goes last: on a narrow screen the numbers stay in view.
        columns = ("rank", "id", "quadrant", "dots", "effect", "effort", "hours", "flags", "title")
        for key in columns:
            table.add_column(self.tr(f"ui.matrix.col.{key}"), key=key)
        super().on_mount()

    def show_workshop(self, workshop: Workshop) -> None:
        if not can_see_tally(workshop, self.app.session.member):
            self.query_one("#matrix-hidden", Static).update(self.tr("ui.matrix.hidden"))
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
        self.query_one("#matrix-views", ContentSwitcher).current = name
        # A spinner redraws itself 16 times a second even when it is not shown.
        spinner = self.query_one("#matrix-loading", LoadingIndicator)
        spinner.auto_refresh = 1 / 16 if name == "matrix-loading" else None

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
                self.app.call_from_thread(self._show_error, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_rows, rows, workshop)

    def _show_error(self, message: str) -> None:
        self.query_one("#matrix-hidden", Static).update(
            self.tr("ui.matrix.failed", error=escape(message))
        )
        self._show_view("matrix-hidden")

    def _show_rows(self, rows: list[Any], workshop: Workshop) -> None:
        self.rows = rows
        self._show_view("matrix-layout")
        self.query_one(MatrixChart).show(rows, workshop.settings.quadrant_split, self.tr)
        table = self.query_one("#ranked", DataTable)
        table.clear()
        for row in rows:
            quadrant = self.tr(f"ui.quadrant.{row.quadrant}") if row.quadrant else "—"
            flags = " ".join(self.tr(f"ui.flag.{flag}") for flag in row.flags)
            table.add_row(
                str(row.rank),
                row.id,
                quadrant,
                str(row.dots),
                number(row.effect, 1),
                number(row.effort, 1),
                number(row.hours_saved),
                flags,
                Text(row.title),
                key=row.id,
            )
