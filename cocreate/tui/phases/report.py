"""Phase 8, report: export the pilot proposal with progress, and say where the files went."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Label, ProgressBar, RichLog, Select
from textual.worker import get_current_worker

from cocreate.model import Workshop
from cocreate.tui.phases.base import PhasePane
from cocreate.tui.styles import stylesheet
from cocreate.tui.widgets.text_input import TextInput

__all__ = ["FORMATS", "ReportPane"]

FORMATS = ("html", "md")
#: What can be written: the pilot proposal, or the results report after the pilot.
KINDS = ("proposal", "results")


class ReportPane(PhasePane):
    """Pick formats and a folder, export in a worker, list the files written."""

    PHASE = "report"
    DEFAULT_CSS = stylesheet(__file__)
    FACILITATOR_ONLY = frozenset({"export"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+x", "export", "export", id="report.export", priority=True),
    ]

    @dataclass
    class ExportProgressed(Message, bubble=False):
        done: float | None
        total: float | None
        label: str

    @dataclass
    class ExportFinished(Message, bubble=False):
        paths: list[Path]

    @dataclass
    class ExportFailed(Message, bubble=False):
        error: str

    def __init__(self) -> None:
        super().__init__()
        self.last_export: list[Path] = []
        self.formats = {
            name: Checkbox(
                self.tr(f"ui.report.format.{name}"), True, id=f"format-{name}", compact=True
            )
            for name in FORMATS
        }
        # The report's own language, not the UI's: a Japanese facilitator may hand an
        # English report to a partner. It starts as the workshop's setting, then the UI's.
        self.language = Select[str](
            [(self.tr(f"ui.report.lang.{code}"), code) for code in ("ja", "en")],
            value=self.ctx.session.workshop.settings.language or self.ctx.lang,
            allow_blank=False,
            compact=True,
            id="report-lang",
        )
        self.kind = Select[str](
            [(self.tr(f"ui.report.kind.{kind}"), kind) for kind in KINDS],
            value="proposal",
            allow_blank=False,
            compact=True,
            id="report-kind",
        )
        # Relative to the workshop folder, so the default is short and the same everywhere.
        self.folder = TextInput("report", id="report-folder", compact=True)
        self.export_button = Button(
            self.tr("ui.report.export"),
            id="report-export",
            variant="primary",
            compact=True,
            disabled=self.member_mode,
        )
        self.progress = ProgressBar(id="report-progress", total=100, show_eta=False)
        self.log_view = RichLog(id="report-log", wrap=True, markup=True)
        if self.member_mode:
            self.log_view.write(self.tr("ui.report.member"))

    def compose(self) -> ComposeResult:
        with Vertical(id="report-form"):
            yield Label(self.tr("ui.report.intro"), id="report-intro")
            with Horizontal(classes="report-row"):
                yield Label(self.tr("ui.report.kind"), classes="report-label")
                yield self.kind
                yield Label(self.tr("ui.report.language"), classes="report-label")
                yield self.language
            with Horizontal(classes="report-row"):
                yield Label(self.tr("ui.report.formats"), classes="report-label")
                yield from self.formats.values()
            with Horizontal(classes="report-row"):
                yield Label(self.tr("ui.report.folder"), classes="report-label")
                yield self.folder
                yield self.export_button
            yield self.progress
            yield self.log_view

    def first_focus(self) -> Widget | None:
        return self.kind

    def show_workshop(self, workshop: Workshop) -> None:
        del workshop

    @on(Button.Pressed, "#report-export")
    def action_export(self) -> None:
        """Write the pilot proposal (HTML and Markdown) to the folder."""
        if self.member_mode:
            return
        formats = tuple(name for name, box in self.formats.items() if box.value)
        if not formats:
            # Said where the user looks (the log), not only in a toast that fades.
            self.log_view.write(f"[b]⚠ {self.tr('ui.report.no_format')}[/b]")
            self.notify(self.tr("ui.report.no_format"), severity="warning")
            next(iter(self.formats.values())).focus()
            return
        folder = self.ctx.session.folder
        out_dir = folder / (self.folder.value.strip() or "report")
        self.progress.update(total=100, progress=0)
        self.log_view.write(self.tr("ui.report.started", folder=escape(str(out_dir))))
        lang = self.language.value if isinstance(self.language.value, str) else self.ctx.lang
        kind = self.kind.value if isinstance(self.kind.value, str) else "proposal"
        self.run_export(self.ctx.session.workshop, out_dir, formats, lang, kind)

    @work(thread=True, exclusive=True, group="export", description="export")
    def run_export(
        self,
        workshop: Workshop,
        out_dir: Path,
        formats: tuple[str, ...],
        lang: str = "",
        kind: str = "proposal",
    ) -> None:
        """Export off the UI thread (matplotlib loads here for the charts)."""
        worker = get_current_worker()

        def progress(done: float | None, total: float | None, label: str) -> None:
            if not worker.is_cancelled:
                self.post_message(self.ExportProgressed(done, total, label))

        try:
            lang = lang or self.ctx.lang
            if kind == "results":
                from cocreate.reports.results import export_results

                written = export_results(workshop, out_dir, lang, formats, progress)
            else:
                from cocreate.reports import export

                written = export(workshop, out_dir, lang, formats, progress)
        except Exception as exc:
            self.post_message(self.ExportFailed(str(exc)))
            return
        self.post_message(self.ExportFinished(list(written)))

    @on(ExportProgressed)
    def _progress(self, event: ExportProgressed) -> None:
        if event.total:
            self.progress.update(total=event.total, progress=event.done or 0)
        if event.label:
            self.log_view.write(f"  {escape(event.label)}")

    @on(ExportFailed)
    def _failed(self, event: ExportFailed) -> None:
        self.log_view.write(f"[b]✗ {escape(event.error)}[/b]")  # Rich markup: no $variables
        self.notify(event.error, title=self.tr("ui.report.failed"), severity="error")

    @on(ExportFinished)
    def _finished(self, event: ExportFinished) -> None:
        bar = self.progress
        bar.update(total=bar.total or 100, progress=bar.total or 100)
        self.log_view.write(self.tr("ui.report.done", count=len(event.paths)))
        for path in event.paths:
            self.log_view.write(f"  [b]{escape(str(path))}[/b]")
        self.notify(self.tr("ui.report.done", count=len(event.paths)))
        self.last_export = event.paths
