"""The bureaus' maps side by side (under the Map tab): alignment, differences, the standard flow."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Label, Static

from cocreate.model import StandardChoice, StepChoice, VariantKind, Workshop
from cocreate.tui.fields import Field
from cocreate.tui.phases.base import PhasePane
from cocreate.tui.styles import stylesheet

if TYPE_CHECKING:
    from cocreate.variants.compare import StepComparison, VariantComparison
    from cocreate.variants.standard import Composition, StandardSavings

__all__ = ["VariantsPane", "standard_id"]


def standard_id(workshop: Workshop) -> str:
    """The standard the pane composes: the workshop's (first) one, else a new ``standard``."""
    found = [v.id for v in workshop.variants if v.kind == VariantKind.STANDARD]
    return found[0] if found else "standard"


@dataclass(frozen=True, slots=True)
class Computed:
    """What the worker hands back: the comparison, and the standard with its savings."""

    comparison: VariantComparison
    composition: Composition | None
    savings: StandardSavings | None
    error: str = ""


class VariantsPane(PhasePane):
    """Every bureau's way of the same work, one column each; confirm, correct, standardise."""

    PHASE = "variants"
    DEFAULT_CSS = stylesheet(__file__)
    FACILITATOR_ONLY = frozenset({"confirm", "join", "split", "forget", "keep", "drop", "take"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,m", "confirm", "confirm", id="variants.confirm", key_display="⏎"),
        Binding("j", "join", "join", id="variants.join"),
        Binding("s", "split", "split", id="variants.split"),
        Binding("u", "forget", "by rule", id="variants.forget", show=False),
        Binding("k", "keep", "keep", id="variants.keep"),
        Binding("x", "drop", "drop", id="variants.drop"),
        Binding("t", "take", "take", id="variants.take"),
        Binding("escape,b", "app.phase('map')", "map", id="variants.map"),
        Binding("g", "app.phase('fitgap')", "fit & gap", id="variants.fitgap"),
    ]

    @dataclass
    class StepsMatched(Message):
        """These steps (``variant:step``) were confirmed as the same work, named ``name``."""

        steps: tuple[str, ...]
        name: str

    @dataclass
    class StepKeptApart(Message):
        """This step was confirmed as its map's own work, with no counterpart elsewhere."""

        step: str

    @dataclass
    class AlignmentForgotten(Message):
        """The confirmed row holding ``step`` was let go: it aligns by rule again."""

        step: str

    @dataclass
    class StandardChosen(Message):
        """The standard flow's way of one aligned step was chosen (keep, drop, take)."""

        standard: str
        choice: StepChoice

    @dataclass
    class ComparisonComputed(Message, bubble=False):
        computed: Computed

    def __init__(self) -> None:
        super().__init__()
        self.computed: Computed | None = None
        self._deferred = False
        self.summary = Label("", id="variants-summary", classes="phase-summary")
        self.figures: DataTable[object] = DataTable(
            id="variants-figures", cursor_type="none", zebra_stripes=True
        )
        self.steps: DataTable[object] = DataTable(
            id="variants-steps", cursor_type="row", zebra_stripes=True
        )
        self.savings = Static("", id="variants-savings")

    def compose(self) -> ComposeResult:
        yield self.summary
        yield self.figures
        yield self.steps
        yield self.savings

    def first_focus(self) -> Widget | None:
        return self.steps

    # -------------------------------------------------------------- showing

    def show_workshop(self, workshop: Workshop) -> None:
        if not self.display:
            self._deferred = True  # the comparison (every map's metrics) waits for a visit
            return
        self._deferred = False
        self._start(workshop)

    def _start(self, workshop: Workshop) -> None:
        self.run_comparison(workshop)

    def on_show(self) -> None:
        if self._deferred:  # its first visit: what was built is filled in now, once
            self._deferred = False
            self._start(self.workshop)

    @work(thread=True, exclusive=True, group="variants", description="compare")
    def run_comparison(self, workshop: Workshop) -> None:
        """Compare the maps and compose the standard off the UI thread."""
        from cocreate.errors import CocreateError
        from cocreate.variants.compare import compare
        from cocreate.variants.standard import compose, savings

        comparison = compare(workshop)
        composition = saved = None
        error = ""
        std = standard_id(workshop)
        stored = workshop.variant(std)
        try:
            composition = compose(
                workshop,
                std,
                name=stored.name if stored else std,
                base=stored.base if stored else "",
                choices=stored.choices if stored else (),
            )
            if stored is not None:
                saved = savings(workshop, std)
        except CocreateError as exc:
            error = str(exc)
        self.post_message(self.ComparisonComputed(Computed(comparison, composition, saved, error)))

    @on(ComparisonComputed)
    def _computed(self, event: ComparisonComputed) -> None:
        from cocreate.process.metrics import metric_label
        from cocreate.variants.compare import PER_CASE, PER_YEAR

        self.computed = computed = event.computed
        comparison = computed.comparison
        names = [f.map.name for f in comparison.maps]
        lang = self.ctx.lang
        figures = self.figures
        figures.clear(columns=True)
        figures.add_column(self.tr("ui.variants.col.figure"), key="figure")
        for figure in comparison.maps:
            figures.add_column(figure.map.name, key=figure.map.id)
        for name in (*PER_CASE, *PER_YEAR):
            label = (
                self.tr("ui.variants.cases") if name == "annual_cases" else metric_label(name, lang)
            )
            values = [f.value(name) for f in comparison.maps]
            cells = [
                self._figure_cell(name, v, values, f.metrics.currency)
                for v, f in zip(values, comparison.maps, strict=True)
            ]
            figures.add_row(Text(label), *cells, key=name)
        table = self.steps
        keep = table.cursor_row
        table.clear(columns=True)
        table.add_column("", key="mark")
        table.add_column(self.tr("ui.variants.col.step"), key="step")
        for figure in comparison.maps:
            table.add_column(figure.map.name, key=figure.map.id)
        table.add_column(self.tr("ui.variants.col.standard"), key="standard")
        choices = {}
        if computed.composition is not None:
            choices = {s.row.id: s for s in computed.composition.steps}
        for step in comparison.steps:
            table.add_row(
                *self._step_cells(step, choices.get(step.row.id), comparison), key=step.row.id
            )
        if comparison.steps:
            table.move_cursor(row=min(max(keep, 0), len(comparison.steps) - 1))
        confirmed = sum(s.row.confirmed for s in comparison.steps)
        self.summary.update(
            self.tr(
                "ui.variants.summary",
                maps=len(comparison.maps),
                names="・".join(names),
                partial=len(comparison.partial()),
                confirmed=confirmed,
                rows=len(comparison.steps),
            )
        )
        self.savings.update(self._savings_text(computed))

    def _figure_cell(self, name: str, value: float, values: list[float], currency: str) -> Text:
        """A figure, the lowest of its row in bold (fewer minutes, touches, hours are better)."""
        from cocreate.variants.compare import format_figure

        text = Text(format_figure(name, value, currency), justify="right")
        if name != "annual_cases" and len(set(values)) > 1 and value == min(values):
            text.stylize("bold green")
        return text

    def _step_cells(
        self, step: StepComparison, composed: Any, comparison: VariantComparison
    ) -> list[Any]:
        mark = ("✓" if step.row.confirmed else " ") + ("⚑" if step.partial else " ")
        cells: list[Any] = [mark, Text(step.row.name)]
        for way in step.ways:
            if way is None:
                cells.append(Text("—", style="dim", justify="center"))
                continue
            star = "★" if step.best == way.variant else ""
            medium = self.tr(f"ui.medium.{way.medium.value}")
            cell = Text(f"{star}{way.minutes:g}/{way.wait_minutes:g} {medium}")
            if star:
                cell.stylize("bold green")
            elif way.touch:
                cell.stylize("yellow")
            cells.append(cell)
        cells.append(self._choice_text(composed, comparison))
        return cells

    def _choice_text(self, composed: Any, comparison: VariantComparison) -> Text:
        if composed is None:
            return Text("—", style="dim")
        label = self.tr(f"variants.choice.{composed.choice.value}")
        if composed.choice == StandardChoice.TAKE and composed.source is not None:
            name = (
                comparison.figures_of(composed.source.variant).map.name
                if composed.source.variant in comparison.ids
                else composed.source.variant
            )
            label = self.tr("ui.variants.take_from", name=name)
        return Text(
            ("* " if composed.chosen else "  ") + label, style="" if composed.chosen else "dim"
        )

    def _savings_text(self, computed: Computed) -> Text:
        from cocreate.variants.compare import format_figure

        text = Text()
        if computed.error:
            text.append(computed.error + "\n", style="bold red")
        saved = computed.savings
        if saved is None:
            text.append(self.tr("ui.variants.no_standard"), style="dim")
            return text
        text.append(self.tr("ui.variants.savings", name=saved.standard.name) + "\n", style="bold")
        for bureau in saved.bureaus:
            text.append(
                self.tr(
                    "ui.variants.saving_row",
                    name=bureau.map.name,
                    now=format_figure("annual_hours", bureau.as_is.annual_hours),
                    std=format_figure("annual_hours", bureau.standard.annual_hours),
                    saved=format_figure("annual_hours", bureau.hours_saved),
                    py=format_figure("person_years", bureau.person_years_saved),
                )
                + "\n"
            )
        text.append(
            self.tr(
                "ui.variants.saving_total",
                saved=format_figure("annual_hours", saved.hours_saved),
                py=format_figure("person_years", saved.person_years_saved),
            ),
            style="bold",
        )
        return text

    # -------------------------------------------------------------- the selected row

    def _selected(self) -> StepComparison | None:
        if self.computed is None:
            return None
        steps = self.computed.comparison.steps
        row = self.steps.cursor_row
        if not steps or row < 0:
            return None
        return steps[min(row, len(steps) - 1)]

    def _refs(self, step: StepComparison) -> tuple[str, ...]:
        return tuple(str(ref) for ref in step.row.steps)

    def _map_name(self, variant_id: str) -> str:
        assert self.computed is not None
        comparison = self.computed.comparison
        if variant_id in comparison.ids:
            return comparison.figures_of(variant_id).map.name
        return variant_id

    def _as_is_refs(self, step: StepComparison) -> list[tuple[str, str]]:
        """The row's steps in the as-is maps, as (label, ``variant:step``) options."""
        standards = {v.id for v in self.workshop.variants if v.kind != VariantKind.AS_IS}
        return [
            (f"{self._map_name(ref.variant)}: {ref.step}", str(ref))
            for ref in step.row.steps
            if ref.variant not in standards
        ]

    # -------------------------------------------------------------- alignment

    def action_confirm(self) -> None:
        """Confirm the highlighted row: these steps are the same work (written to the file)."""
        step = self._selected()
        if step is None:
            return
        if step.row.confirmed:
            self.notify(self.tr("ui.variants.already_confirmed", name=step.row.name))
            return
        self.post_message(self.StepsMatched(self._refs(step), step.row.name))

    def action_join(self) -> None:
        """Join the highlighted row with another one that is the same work under another name."""
        step = self._selected()
        if step is None or self.computed is None:
            return
        others = [
            (f"{s.row.name}  ({'・'.join(self._map_name(v) for v in s.row.variants)})", s.row.id)
            for s in self.computed.comparison.steps
            if s.row.id != step.row.id
        ]
        fields = [
            Field("row", self.tr("ui.variants.field.row"), "choice", others, required=True),
            Field("name", self.tr("ui.variants.field.name"), value=step.row.name),
        ]

        def done(values: dict[str, Any] | None) -> None:
            if not values or self.computed is None:
                return
            other = next(s for s in self.computed.comparison.steps if s.row.id == values["row"])
            steps = (*self._refs(step), *self._refs(other))
            self.post_message(self.StepsMatched(steps, values.get("name") or step.row.name))

        self.open_form(self.tr("ui.variants.join_title", name=step.row.name), fields, done)

    def action_split(self) -> None:
        """Take one step out of the highlighted row: its map does that work alone."""
        step = self._selected()
        if step is None:
            return
        options = [(f"{self._map_name(r.variant)}: {r.step}", str(r)) for r in step.row.steps]
        if len(options) < 2:
            self.notify(self.tr("ui.variants.single", name=step.row.name))
            return
        fields = [
            Field("step", self.tr("ui.variants.field.step"), "choice", options, required=True)
        ]

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.post_message(self.StepKeptApart(values["step"]))

        self.open_form(self.tr("ui.variants.split_title", name=step.row.name), fields, done)

    def action_forget(self) -> None:
        """Let the highlighted row's confirmation go: it aligns by name and position again."""
        step = self._selected()
        if step is None:
            return
        if not step.row.confirmed:
            self.notify(self.tr("ui.variants.not_confirmed", name=step.row.name))
            return
        self.post_message(self.AlignmentForgotten(str(step.row.steps[0])))

    # -------------------------------------------------------------- the standard flow

    def _choose(self, choice: StandardChoice, variant: str = "") -> None:
        step = self._selected()
        if step is None:
            return
        refs = self._as_is_refs(step)
        if not refs:
            self.notify(self.tr("ui.variants.not_as_is", name=step.row.name), severity="warning")
            return
        ref = refs[0][1]
        self.post_message(
            self.StandardChosen(standard_id(self.workshop), StepChoice(ref, choice, variant))
        )

    def action_keep(self) -> None:
        """In the standard flow, keep the highlighted step the way its base map does it."""
        self._choose(StandardChoice.KEEP)

    def action_drop(self) -> None:
        """Leave the highlighted step out of the standard flow."""
        self._choose(StandardChoice.DROP)

    def action_take(self) -> None:
        """In the standard flow, do the highlighted step the way one bureau does it."""
        step = self._selected()
        if step is None:
            return
        refs = self._as_is_refs(step)
        if not refs:
            self.notify(self.tr("ui.variants.not_as_is", name=step.row.name), severity="warning")
            return
        maps = [(label.split(":")[0], ref.split(":")[0]) for label, ref in refs]
        best = step.best if step.best in {v for _, v in maps} else maps[0][1]
        fields = [
            Field(
                "variant",
                self.tr("ui.variants.field.variant"),
                "choice",
                maps,
                value=best,
                required=True,
            )
        ]

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self._choose(StandardChoice.TAKE, values["variant"])

        self.open_form(self.tr("ui.variants.take_title", name=step.row.name), fields, done)
