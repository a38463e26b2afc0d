"""Phase 8, report: export the pilot proposal with progress, and say where the files went."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

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
                    yield Checkbox(self.tr(f"ui.report.format.{name}"), True, id=f"format-{name}")
            with Horizontal(classes="report-row"):
                yield Label(self.tr("ui.report.folder"), classes="report-label")
                yield Input(id="report-folder")
                yield Button(self.tr("ui.report.export"), id="report-export", variant="primary")
            yield ProgressBar(id="report-progress", total=100, show_eta=False)
            yield RichLog(id="report-log", wrap=True, markup=True)

    def on_mount(self) -> None:
        folder = self.app.session.folder / "report"
        self.query_one("#report-folder", Input).value = str(folder)
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
        out_dir = Path(self.query_one("#report-folder", Input).value.strip() or "report")
        self.query_one("#report-progress", ProgressBar).update(total=100, progress=0)
        log = self.query_one("#report-log", RichLog)
        log.write(self.tr("ui.report.started", folder=escape(str(out_dir))))
        self.run_export(self.app.session.folder, out_dir, formats)

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, folder: Path, out_dir: Path, formats: tuple[str, ...]) -> None:
        """Export off the UI thread (matplotlib loads here for the charts)."""
        worker = get_current_worker()

        def progress(*args: Any, **kwargs: Any) -> None:
            done, total, message = _progress_parts(args, kwargs)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._progress, done, total, message)

        try:
            from cocreate.reports import export

            written = export(folder, out_dir, self.app.lang, formats, progress)
        except Exception as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._finished, _paths(written, out_dir))

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


def _progress_parts(args: tuple, kwargs: dict) -> tuple[float | None, float | None, str]:
    """Accept progress as (done, total, message), (fraction, message) or a message alone."""
    numbers = [a for a in args if isinstance(a, int | float) and not isinstance(a, bool)]
    texts = [str(a) for a in args if isinstance(a, str)]
    done = kwargs.get("done", numbers[0] if numbers else None)
    total = kwargs.get("total", numbers[1] if len(numbers) > 1 else None)
    if done is not None and total is None and 0 <= done <= 1:
        done, total = done * 100, 100
    message = kwargs.get("message", texts[0] if texts else "")
    return done, total, message


def _paths(written: Any, out_dir: Path) -> list[Path]:
    if isinstance(written, dict):
        written = list(written.values())
    if isinstance(written, str | Path):
        written = [written]
    try:
        return [Path(p) for p in written]
    except TypeError:
        return sorted(p for p in out_dir.rglob("*") if p.is_file())
