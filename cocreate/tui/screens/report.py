"""Phase 8, report: export the pilot proposal with progress, and say where the files went."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, RichLog
from textual.worker import get_current_worker

from cocreate.model import Workshop
from cocreate.tui.screens.base import PhaseScreen

__all__ = ["FORMATS", "ReportScreen"]

FORMATS = ("html", "md")


class ReportScreen(PhaseScreen):
    """Pick formats and a folder, export in a worker, list the files written."""

    CSS_PATH = "report.tcss"
    PHASE = "report"
    FACILITATOR_ONLY = frozenset({"export"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+x", "export", "export", id="report.export", priority=True),
    ]

    def compose_body(self) -> ComposeResult:
        with Vertical(id="report-form"):
            yield Label(self.tr("ui.report.intro"), id="report-intro")
            with Horizontal(classes="report-row"):
                yield Label(self.tr("ui.report.formats"), classes="report-label")
                for name in FORMATS:
                    yield Checkbox(
                        self.tr(f"ui.report.format.{name}"),
                        True,
                        id=f"format-{name}",
                        compact=True,
                    )
            with Horizontal(classes="report-row"):
                yield Label(self.tr("ui.report.folder"), classes="report-label")
                yield Input(id="report-folder", compact=True)
                yield Button(
                    self.tr("ui.report.export"), id="report-export", variant="primary", compact=True
                )
            yield ProgressBar(id="report-progress", total=100, show_eta=False)
            yield RichLog(id="report-log", wrap=True, markup=True)

    def on_mount(self) -> None:
        # Relative to the workshop folder, so the default is short and the same everywhere.
        self.query_one("#report-folder", Input).value = "report"
        if self.member_mode:
            self.query_one("#report-export", Button).disabled = True
            self.query_one("#report-log", RichLog).write(self.tr("ui.report.member"))
        super().on_mount()

    def show_workshop(self, workshop: Workshop) -> None:
        del workshop

    @on(Button.Pressed, "#report-export")
    def action_export(self) -> None:
        """Write the pilot proposal (HTML and Markdown) to the folder."""
        if self.member_mode:
            return
        formats = tuple(
            name for name in FORMATS if self.query_one(f"#format-{name}", Checkbox).value
        )
        if not formats:
            self.notify(self.tr("ui.report.no_format"), severity="warning")
            return
        out_dir = self.app.session.folder / (
            self.query_one("#report-folder", Input).value.strip() or "report"
        )
        self.query_one("#report-progress", ProgressBar).update(total=100, progress=0)
        log = self.query_one("#report-log", RichLog)
        log.write(self.tr("ui.report.started", folder=escape(str(out_dir))))
        self.run_export(self.app.session.folder, out_dir, formats)

    @work(thread=True, exclusive=True, group="export", description="export")
    def run_export(self, folder: Path, out_dir: Path, formats: tuple[str, ...]) -> None:
        """Export off the UI thread (matplotlib loads here for the charts)."""
        worker = get_current_worker()

        def progress(done: int, total: int, label: str) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._progress, done, total, label)

        try:
            from cocreate.reports import export

            written = export(folder, out_dir, self.app.lang, formats, progress)
        except Exception as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._finished, list(written))

    def _progress(self, done: float | None, total: float | None, message: str) -> None:
        bar = self.query_one("#report-progress", ProgressBar)
        if total:
            bar.update(total=total, progress=done or 0)
        if message:
            self.query_one("#report-log", RichLog).write(f"  {escape(message)}")

    def _failed(self, message: str) -> None:
        self.query_one("#report-log", RichLog).write(f"[$error]{escape(message)}[/]")
        self.notify(message, title=self.tr("ui.report.failed"), severity="error")

    def _finished(self, paths: list[Path]) -> None:
        bar = self.query_one("#report-progress", ProgressBar)
        bar.update(total=bar.total or 100, progress=bar.total or 100)
        log = self.query_one("#report-log", RichLog)
        log.write(self.tr("ui.report.done", count=len(paths)))
        for path in paths:
            log.write(f"  [b]{escape(str(path))}[/b]")
        self.notify(self.tr("ui.report.done", count=len(paths)))
        self.last_export = paths
