"""Phase 9, verify: KPIs measured against the baseline, the criteria, the decision, the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, DataTable, Label, Static

from cocreate.model import MeasurementMethod, Outcome, VariantKind, Workshop
from cocreate.tui.fields import Field
from cocreate.tui.phases.base import PhasePane
from cocreate.tui.phases.checked import ask_checked
from cocreate.tui.styles import stylesheet
from cocreate.tui.widgets.text import fit, number

if TYPE_CHECKING:
    from cocreate.verify.decide import VerificationStatus
    from cocreate.verify.evaluate import Evaluation

__all__ = ["DecisionFields", "MeasurementFields", "VerifyPane"]

COLUMNS = ("id", "kpi", "baseline", "target", "latest", "achieved", "verdict", "date", "count")
VERDICT_STYLE = {"met": "bold green", "not-met": "bold red", "not-measurable": "dim"}
#: The to-be map's figures shown against the as-is and the plan's projection.
SURVEY_FIGURES = ("annual_hours", "person_years", "lead_time_minutes", "paper_touches")


@dataclass(frozen=True, slots=True)
class MeasurementFields:
    """A measurement as the form gives it (read by ``cocreate.verify.measure``)."""

    kpi: str
    value: str
    """As typed: ``add_measurement`` reads it in the KPI's unit (``8%``, ``0.08``, ``１２``)."""
    date: dt.date
    method: MeasurementMethod
    by: str
    note: str


@dataclass(frozen=True, slots=True)
class DecisionFields:
    """The rollout decision as the form gives it (``cocreate.verify.decide``)."""

    outcome: Outcome
    by: str
    reasons: tuple[str, ...]
    units: tuple[str, ...]
    start: dt.date | None
    date: dt.date


def _lines(text: str) -> tuple[str, ...]:
    """Reasons or units typed on one line, split at 、 ; or newlines (not at plain commas)."""
    for mark in ("、", "；", ";", "\n"):
        text = text.replace(mark, "\x00")
    return tuple(part.strip() for part in text.split("\x00") if part.strip())


def _right(text: str, width: int) -> str:
    """``text`` right-aligned in ``width`` terminal cells (Japanese counts two a character)."""
    from rich.cells import cell_len

    return " " * max(width - cell_len(text), 1) + text


class VerifyPane(PhasePane):
    """After the pilot: each KPI judged, the survey re-run, the criteria, the decision, export."""

    PHASE = "verify"
    DEFAULT_CSS = stylesheet(__file__)
    FACILITATOR_ONLY = frozenset(
        {"add_measurement", "remove_measurement", "rerun_survey", "decide", "export_results"}
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_measurement", "measure", id="verify.measure"),
        Binding("r", "rerun_survey", "re-run survey", id="verify.resurvey"),
        Binding("d", "decide", "decision", id="verify.decide"),
        Binding("ctrl+x", "export_results", "export", id="verify.export", priority=True),
        Binding("delete", "remove_measurement", "remove", id="verify.remove", show=False),
    ]

    @dataclass
    class MeasurementAdded(Message):
        fields: MeasurementFields

    @dataclass
    class MeasurementRemoved(Message):
        measurement_id: str

    @dataclass
    class SurveyRerun(Message):
        """The workload survey was run again on a to-be map: each map KPI measured on it."""

        variant: str
        date: dt.date
        by: str

    @dataclass
    class DecisionRecorded(Message):
        fields: DecisionFields

    @dataclass
    class EvaluationComputed(Message, bubble=False):
        evaluation: Evaluation
        status: VerificationStatus

    @dataclass
    class EvaluationFailed(Message, bubble=False):
        error: str

    @dataclass
    class ExportFinished(Message, bubble=False):
        paths: list[Path]

    @dataclass
    class ExportFailed(Message, bubble=False):
        error: str

    def __init__(self) -> None:
        super().__init__()
        self.evaluation: Evaluation | None = None
        self._deferred = False
        self.last_export: list[Path] = []
        self.summary = Label("", id="verify-summary", classes="phase-summary")
        self.table: DataTable[object] = DataTable(
            id="verify-kpis", cursor_type="row", zebra_stripes=True
        )
        for key in COLUMNS:
            self.table.add_column(self.tr(f"ui.verify.col.{key}"), key=key)
        self.criteria = Static("", id="verify-criteria")
        self.survey = Static("", id="verify-survey")
        self.decision = Static("", id="verify-decision")
        self.export_button = Button(
            self.tr("ui.verify.export"),
            id="verify-export",
            variant="primary",
            compact=True,
            disabled=self.member_mode,
        )

    def compose(self) -> ComposeResult:
        yield self.summary
        yield self.table
        with Horizontal(id="verify-lower"):
            yield self.criteria
            yield self.survey
        with Horizontal(id="verify-bottom"):
            yield self.decision
            yield self.export_button

    def first_focus(self) -> Widget | None:
        return self.table

    @property
    def today(self) -> dt.date:
        return self.ctx.clock().date()

    # -------------------------------------------------------------- showing

    def show_workshop(self, workshop: Workshop) -> None:
        if not self.display:
            # Built ahead or about to be shown: the evaluation (the map's metrics) waits
            # until the pane is on screen, so building it costs no worker.
            self._deferred = True
            return
        self._deferred = False
        self._start(workshop)

    def _start(self, workshop: Workshop) -> None:
        if not workshop.pilot.kpis:
            self.summary.update(self.tr("ui.verify.no_kpis"))
        self.run_evaluation(workshop)

    def on_show(self) -> None:
        if self._deferred:  # its first visit: what was built is filled in now, once
            self._deferred = False
            self._start(self.workshop)

    @work(thread=True, exclusive=True, group="verify", description="evaluate")
    def run_evaluation(self, workshop: Workshop) -> None:
        """Evaluate off the UI thread: the map's metrics and the re-run survey."""
        from cocreate.errors import CocreateError
        from cocreate.verify.decide import verification_status
        from cocreate.verify.evaluate import evaluate

        try:
            result = evaluate(workshop)
            status = verification_status(workshop, today=self.today, evaluation=result)
        except CocreateError as exc:
            self.post_message(self.EvaluationFailed(str(exc)))
            return
        self.post_message(self.EvaluationComputed(result, status))

    @on(EvaluationFailed)
    def _evaluation_failed(self, event: EvaluationFailed) -> None:
        self.summary.update(Text(event.error, style="bold red"))

    @on(EvaluationComputed)
    def _evaluation_computed(self, event: EvaluationComputed) -> None:
        self.evaluation = result = event.evaluation
        status = event.status
        self.summary.update(
            self.tr(
                "ui.verify.summary",
                stage=self.tr(f"verify.stage.{status.stage.value}"),
                met=status.kpis_met,
                kpis=status.kpis,
                measured=status.kpis_measured,
                criteria_met=status.criteria_met,
                criteria=status.criteria,
            )
        )
        table = self.table
        keep = table.cursor_row
        table.clear()
        for kpi in result.kpis:
            latest = kpi.latest
            verdict = kpi.verdict.value
            table.add_row(
                kpi.kpi.id,
                Text(kpi.kpi.name),
                number(kpi.baseline, 2),
                number(kpi.target, 2),
                number(latest.value if latest else None, 2),
                "—" if kpi.achievement is None else f"{kpi.achievement:.0%}",
                Text(self.tr(f"verify.verdict.{verdict}"), style=VERDICT_STYLE[verdict]),
                latest.date.isoformat() if latest else "—",
                str(len(kpi.measurements)),
                key=kpi.kpi.id,
            )
        if result.kpis:
            table.move_cursor(row=min(max(keep, 0), len(result.kpis) - 1))
        self.criteria.update(self._criteria_text(result))
        self.survey.update(self._survey_text(result))
        self.decision.update(self._decision_text())

    def _criteria_text(self, result: Evaluation) -> Text:
        text = Text(self.tr("ui.verify.criteria") + "\n", style="bold")
        if not result.criteria:
            text.append(self.tr("ui.verify.no_criteria"), style="dim")
        for criterion in result.criteria:
            verdict = criterion.verdict.value
            text.append(f"{criterion.ref:<4}")
            text.append(self.tr(f"verify.verdict.{verdict}"), style=VERDICT_STYLE[verdict])
            text.append(f"  {criterion.criterion.text}\n")
            if criterion.evidence:
                ids = ", ".join(criterion.evidence)
                text.append("      " + self.tr("ui.verify.evidence", ids=ids) + "\n", "dim")
            elif criterion.reason or criterion.conditions:
                reasons = [c.reason for c in criterion.conditions if c.reason]
                why = criterion.reason or (reasons[0] if reasons else "")
                if why:
                    text.append("      " + self.tr(f"verify.reason.{why}") + "\n", "dim")
        return text

    def _survey_text(self, result: Evaluation) -> Text:
        text = Text(self.tr("ui.verify.survey") + "\n", style="bold")
        survey = result.resurvey
        if survey is None:
            text.append(self.tr("ui.verify.no_survey") + "\n", style="dim")
        else:
            text.append(self.tr("ui.verify.survey_of", variant=survey.variant) + "\n", "dim")
            head = (self.tr("ui.verify.before"), self.tr("ui.verify.expected"))
            heads = (*head, self.tr("ui.verify.after"))
            text.append(fit("", 14) + "".join(_right(h, 10) for h in heads) + "\n")
            for name in SURVEY_FIGURES:
                before = getattr(survey.before, name)
                after = getattr(survey.after, name)
                expected = getattr(survey.expected, name) if survey.expected else None
                label = self.tr(f"ui.verify.figure.{name}")
                text.append(fit(label, 14))
                for value in (before, expected, after):
                    text.append(_right(number(value, 1), 10))
                text.append("\n")
        saving = result.savings
        text.append(self.tr("ui.verify.savings") + "\n", style="bold")
        for key, value in (("estimated", saving.estimated), ("verified", saving.verified)):
            if value is None:
                text.append(self.tr(f"ui.verify.saving.{key}_none") + "\n", style="dim")
            else:
                text.append(
                    self.tr(
                        f"ui.verify.saving.{key}",
                        hours=number(value.hours, 0),
                        py=number(value.person_years, 2),
                        cost=number(value.cost, 0),
                    )
                    + "\n"
                )
        return text

    def _decision_text(self) -> Text:
        from cocreate.verify.decide import rollout_decision

        decision = rollout_decision(self.workshop)
        text = Text(self.tr("ui.verify.decision") + "  ", style="bold")
        if decision is None or decision.rollout is None:
            text.append(self.tr("ui.verify.no_decision"), style="dim")
            return text
        maker = self.workshop.member(decision.owner)
        text.append(decision.text)
        text.append(
            "  "
            + self.tr(
                "ui.verify.decided_by",
                date=decision.date.isoformat(),
                by=maker.name if maker else decision.owner,
            ),
            style="dim",
        )
        for reason in decision.rollout.reasons:
            text.append(f"\n  ・{reason}")
        return text

    def _selected_kpi(self) -> str | None:
        kpis = self.workshop.pilot.kpis
        row = self.table.cursor_row
        if not kpis or row < 0 or self.evaluation is None or not self.evaluation.kpis:
            return kpis[0].id if kpis else None
        return self.evaluation.kpis[min(row, len(self.evaluation.kpis) - 1)].kpi.id

    # -------------------------------------------------------------- editing

    def _member_options(self) -> list[tuple[str, str]]:
        return [(m.name, m.id) for m in self.workshop.members]

    def action_add_measurement(self) -> None:
        """Record a measured value of a KPI (the highlighted one to start with)."""
        from cocreate.verify.values import parse_date

        kpis = self.workshop.pilot.kpis
        if not kpis:
            self.notify(self.tr("ui.verify.no_kpis"), severity="warning")
            return
        methods = [(self.tr(f"verify.method.{m.value}"), m.value) for m in MeasurementMethod]
        fields = [
            Field(
                "kpi",
                self.tr("ui.verify.field.kpi"),
                "choice",
                [(f"{k.id} {k.name}", k.id) for k in kpis],
                value=self._selected_kpi(),
                required=True,
            ),
            Field(
                "value",
                self.tr("ui.verify.field.value"),
                required=True,
                placeholder=self.tr("ui.verify.placeholder.value"),
            ),
            Field(
                "date",
                self.tr("ui.verify.field.date"),
                value=self.today.isoformat(),
                required=True,
            ),
            Field(
                "method",
                self.tr("ui.verify.field.method"),
                "choice",
                methods,
                value=MeasurementMethod.MEASURED.value,
                required=True,
            ),
            Field(
                "by",
                self.tr("ui.verify.field.by"),
                "choice",
                self._member_options(),
                value=self.author or None,
            ),
            Field("note", self.tr("ui.verify.field.note")),
        ]

        def read(values: dict[str, Any]) -> MeasurementFields:
            from cocreate.verify.measure import find_kpi
            from cocreate.verify.values import parse_value

            kpi = find_kpi(self.workshop, values["kpi"])
            parse_value(kpi, values["value"])  # the unit checked here, so the form reopens
            return MeasurementFields(
                kpi=kpi.id,
                value=values["value"],
                date=parse_date(values["date"]),
                method=MeasurementMethod(values["method"]),
                by=values.get("by") or "",
                note=values.get("note") or "",
            )

        ask_checked(
            self,
            self.tr("ui.verify.measure_title"),
            fields,
            read,
            lambda m: self.post_message(self.MeasurementAdded(m)),
        )

    def action_remove_measurement(self) -> None:
        """Remove the highlighted KPI's latest measurement; ctrl+z brings it back."""
        if self.evaluation is None:
            return
        kpi_id = self._selected_kpi()
        result = next((k for k in self.evaluation.kpis if k.kpi.id == kpi_id), None)
        if result is None or result.latest is None:
            self.notify(self.tr("ui.verify.nothing_to_remove"))
            return
        self.post_message(self.MeasurementRemoved(result.latest.id))

    def action_rerun_survey(self) -> None:
        """Measure every map KPI on a to-be map of the process as it now runs."""
        from cocreate.verify.values import parse_date

        tobe = [v for v in self.workshop.variants if v.kind == VariantKind.TO_BE]
        if not tobe:
            self.notify(self.tr("ui.verify.no_tobe"), severity="warning")
            return
        fields = [
            Field(
                "variant",
                self.tr("ui.verify.field.variant"),
                "choice",
                [(f"{v.id} {v.name}", v.id) for v in tobe],
                value=tobe[-1].id,
                required=True,
            ),
            Field(
                "date", self.tr("ui.verify.field.date"), value=self.today.isoformat(), required=True
            ),
            Field(
                "by",
                self.tr("ui.verify.field.by"),
                "choice",
                self._member_options(),
                value=self.author or None,
            ),
        ]

        def read(values: dict[str, Any]) -> SurveyRerunArgs:
            return SurveyRerunArgs(values["variant"], parse_date(values["date"]), values["by"])

        ask_checked(
            self,
            self.tr("ui.verify.resurvey_title"),
            fields,
            read,
            lambda a: self.post_message(self.SurveyRerun(a.variant, a.date, a.by or "")),
        )

    def action_decide(self) -> None:
        """Record the rollout decision: 横展開, 継続試行, 見直し or 中止, with its reasons."""
        from cocreate.verify.values import parse_date

        outcomes = [(self.tr(f"verify.outcome.{o.value}"), o.value) for o in Outcome]
        fields = [
            Field(
                "outcome",
                self.tr("ui.verify.field.outcome"),
                "choice",
                outcomes,
                value=Outcome.ROLLOUT.value,
                required=True,
            ),
            Field(
                "by",
                self.tr("ui.verify.field.decided_by"),
                "choice",
                self._member_options(),
                value=self.workshop.pilot.owner or None,
                required=True,
            ),
            Field(
                "reasons",
                self.tr("ui.verify.field.reasons"),
                required=True,
                placeholder=self.tr("ui.verify.placeholder.reasons"),
            ),
            Field(
                "units",
                self.tr("ui.verify.field.units"),
                placeholder=self.tr("ui.verify.placeholder.units"),
            ),
            Field("start", self.tr("ui.verify.field.start"), placeholder="2027-04-12"),
            Field(
                "date", self.tr("ui.verify.field.date"), value=self.today.isoformat(), required=True
            ),
        ]

        def read(values: dict[str, Any]) -> DecisionFields:
            start = (values.get("start") or "").strip()
            return DecisionFields(
                outcome=Outcome(values["outcome"]),
                by=values["by"],
                reasons=_lines(values["reasons"]),
                units=_lines(values.get("units") or ""),
                start=parse_date(start, "start") if start else None,
                date=parse_date(values["date"]),
            )

        ask_checked(
            self,
            self.tr("ui.verify.decide_title"),
            fields,
            read,
            lambda d: self.post_message(self.DecisionRecorded(d)),
        )

    # -------------------------------------------------------------- the results report

    @on(Button.Pressed, "#verify-export")
    def action_export_results(self) -> None:
        """Write the results report (実証結果報告書) as HTML and Markdown into report/."""
        if self.member_mode:
            return
        out_dir = self.ctx.session.folder / "report"
        self.notify(self.tr("ui.report.started", folder=str(out_dir)))
        self.run_export(self.workshop, out_dir)

    @work(thread=True, exclusive=True, group="export", description="export results")
    def run_export(self, workshop: Workshop, out_dir: Path) -> None:
        """Export off the UI thread (matplotlib loads here for the charts)."""
        try:
            from cocreate.reports.results import export_results

            written = export_results(workshop, out_dir, lang=self.ctx.lang, today=self.today)
        except Exception as exc:  # shown, never a traceback on the projector
            self.post_message(self.ExportFailed(str(exc)))
            return
        self.post_message(self.ExportFinished(list(written)))

    @on(ExportFailed)
    def _export_failed(self, event: ExportFailed) -> None:
        self.notify(event.error, title=self.tr("ui.report.failed"), severity="error")

    @on(ExportFinished)
    def _export_finished(self, event: ExportFinished) -> None:
        self.last_export = event.paths
        files = "\n".join(str(p) for p in event.paths)
        self.notify(f"{self.tr('ui.report.done', count=len(event.paths))}\n{files}", timeout=10)


@dataclass(frozen=True, slots=True)
class SurveyRerunArgs:
    variant: str
    date: dt.date
    by: str
