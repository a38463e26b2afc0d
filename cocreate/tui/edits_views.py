"""The app's side of the edits of the Tasks, Verify and Variants panes, one domain function each.

As in :mod:`cocreate.tui.edits`: the panes say what happened (``TasksPane.TaskAdded``,
``VerifyPane.MeasurementAdded``, ``VariantsPane.StepsMatched``, …), the app applies it
through ``cocreate.verify`` or ``cocreate.variants`` and the session saves it. A refusal
(an unknown KPI, a date before the pilot, a step no map has) is shown by ``apply`` with
its one-line reason and changes nothing. Handlers are found by name, so no pane is
imported here.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from cocreate.model import Workshop

if TYPE_CHECKING:
    from cocreate.session import Change, Session
    from cocreate.tui.phases.tasks import TasksPane
    from cocreate.tui.phases.variants import VariantsPane
    from cocreate.tui.phases.verify import VerifyPane

__all__ = ["AppliesViewEdits"]


class AppliesViewEdits:
    """Mixed into the app: the handlers of the tasks', verification's and variants' edits."""

    if TYPE_CHECKING:  # what the app provides
        session: Session
        lang: str

        def apply(self, label: str, change: Change) -> bool: ...

        def tr(self, key: str, /, **values: object) -> str: ...

        def notify(self, message: str) -> None: ...

    # -------------------------------------------------------------- tasks

    def on_tasks_pane_task_added(self, event: TasksPane.TaskAdded) -> None:
        from cocreate.verify.tasks import add_task

        fields = dataclasses.asdict(event.fields)
        today = self.session.clock().date()
        if self.apply("ui.label.add_task", lambda ws: add_task(ws, **fields, today=today)[0]):
            self.notify(self.tr("ui.tasks.added"))

    def on_tasks_pane_task_edited(self, event: TasksPane.TaskEdited) -> None:
        from cocreate.verify.tasks import edit_task

        fields = dataclasses.asdict(event.fields)
        today = self.session.clock().date()
        self.apply(
            "ui.label.edit_task",
            lambda ws: edit_task(ws, event.task_id, **fields, today=today)[0],
        )

    def on_tasks_pane_task_completed(self, event: TasksPane.TaskCompleted) -> None:
        from cocreate.verify.tasks import complete_task

        self.apply(
            "ui.label.complete_task", lambda ws: complete_task(ws, event.task_id, on=event.on)[0]
        )

    def on_tasks_pane_task_removed(self, event: TasksPane.TaskRemoved) -> None:
        from cocreate.verify.tasks import remove_task

        self.apply("ui.label.remove_task", lambda ws: remove_task(ws, event.task_id))

    # -------------------------------------------------------------- verification

    def on_verify_pane_measurement_added(self, event: VerifyPane.MeasurementAdded) -> None:
        from cocreate.verify.measure import add_measurement

        m = event.fields
        if self.apply(
            "ui.label.measure",
            lambda ws: add_measurement(
                ws, m.kpi, m.value, m.date, method=m.method, by=m.by, note=m.note
            )[0],
        ):
            self.notify(self.tr("ui.verify.measured"))

    def on_verify_pane_measurement_removed(self, event: VerifyPane.MeasurementRemoved) -> None:
        from cocreate.verify.measure import remove_measurement

        self.apply(
            "ui.label.remove_measurement",
            lambda ws: remove_measurement(ws, event.measurement_id),
        )

    def on_verify_pane_survey_rerun(self, event: VerifyPane.SurveyRerun) -> None:
        from cocreate.verify.resurvey import measure_from_variant

        added: list[int] = []

        def change(ws: Workshop) -> Workshop:
            changed, made = measure_from_variant(ws, event.variant, event.date, by=event.by)
            added.append(len(made))
            return changed

        if self.apply("ui.label.resurvey", change):
            self.notify(self.tr("ui.verify.resurveyed", count=added[-1], variant=event.variant))

    def on_verify_pane_decision_recorded(self, event: VerifyPane.DecisionRecorded) -> None:
        from cocreate.verify.decide import record_decision

        d, lang = event.fields, self.lang
        if self.apply(
            "ui.label.decide",
            lambda ws: record_decision(
                ws,
                d.outcome,
                by=d.by,
                reasons=d.reasons,
                units=d.units,
                start=d.start,
                date=d.date,
                lang=lang,
            )[0],
        ):
            self.notify(self.tr("ui.verify.decided"))

    # -------------------------------------------------------------- variants

    def on_variants_pane_steps_matched(self, event: VariantsPane.StepsMatched) -> None:
        from cocreate.variants.align import match

        self.apply("ui.label.align", lambda ws: match(ws, event.steps, event.name))

    def on_variants_pane_step_kept_apart(self, event: VariantsPane.StepKeptApart) -> None:
        from cocreate.variants.align import keep_apart

        self.apply("ui.label.align", lambda ws: keep_apart(ws, event.step))

    def on_variants_pane_alignment_forgotten(self, event: VariantsPane.AlignmentForgotten) -> None:
        from cocreate.variants.align import forget

        self.apply("ui.label.align", lambda ws: forget(ws, event.step))

    def on_variants_pane_standard_chosen(self, event: VariantsPane.StandardChosen) -> None:
        from cocreate.variants.standard import choose

        name = self.tr("variants.standard.default_name")
        self.apply(
            "ui.label.standard",
            lambda ws: choose(ws, event.standard, event.choice, name=name),
        )
