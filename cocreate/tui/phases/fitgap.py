"""Fit & Gap (under the Map tab, ``g`` in the bureaus' view): one map against a reference flow.

One table, three sections: the fits (work both do; ⚠ where the map is on paper, seal or
counter and the reference is not), the gaps (steps the map does that the reference lacks)
and the reference steps the map lacks, each with its step names and media on both sides.
``n`` goes to the next map, ``r`` to the next reference when the workshop has several.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Label, Static

from cocreate.model import Medium, Workshop
from cocreate.tui.phases.base import PhasePane
from cocreate.tui.styles import stylesheet

if TYPE_CHECKING:
    from cocreate.variants.fitgap import FitGap, FitGapItem

__all__ = ["Computed", "FitGapPane"]

#: Cells of the fit-rate bar.
BAR = 20


@dataclass(frozen=True, slots=True)
class Computed:
    """What the worker hands back: the maps to choose from and the chosen pair's fit & gap."""

    references: tuple[tuple[str, str], ...]
    """The reference maps, as (id, name)."""
    maps: tuple[tuple[str, str], ...]
    """The maps checked against a reference (as-is first, then standards and to-bes)."""
    result: FitGap | None
    error: str = ""


class FitGapPane(PhasePane):
    """One map against a reference flow: the fit rate, the fits, the gaps, what is missing."""

    PHASE = "fitgap"
    DEFAULT_CSS = stylesheet(__file__)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_map", "next map", id="fitgap.map"),
        Binding("r", "next_reference", "next reference", id="fitgap.reference"),
        Binding("escape,g", "app.phase('variants')", "bureaus", id="fitgap.back"),
    ]

    @dataclass
    class FitGapComputed(Message, bubble=False):
        computed: Computed
        generation: int

    def __init__(self) -> None:
        super().__init__()
        self.computed: Computed | None = None
        self.map_id = ""
        """The map chosen with ``n`` (empty: the first)."""
        self.reference_id = ""
        """The reference chosen with ``r`` (empty: the first)."""
        self._deferred = False
        self._generation = 0
        self._shown: tuple[str, str] = ("", "")
        """The (reference, map) the table shows."""
        self.summary = Label("", id="fitgap-summary", classes="phase-summary")
        self.rate = Static("", id="fitgap-rate")
        self.table: DataTable[object] = DataTable(
            id="fitgap-steps", cursor_type="row", zebra_stripes=True
        )
        self.legend = Static("", id="fitgap-legend")

    def compose(self) -> ComposeResult:
        yield self.summary
        yield self.rate
        yield self.table
        yield self.legend

    def first_focus(self) -> Widget | None:
        return self.table

    # -------------------------------------------------------------- showing

    def show_workshop(self, workshop: Workshop) -> None:
        if not self.display:
            self._deferred = True  # the alignment waits for a visit
            return
        self._deferred = False
        self._start(workshop)

    def on_show(self) -> None:
        if self._deferred:
            self._deferred = False
            self._start(self.workshop)

    def _start(self, workshop: Workshop) -> None:
        self._generation += 1
        self.run_fit_gap(workshop, self.reference_id, self.map_id, self._generation, self.ctx.lang)

    @work(thread=True, exclusive=True, group="fitgap", description="fit & gap")
    def run_fit_gap(
        self, workshop: Workshop, reference: str, chosen: str, generation: int, lang: str
    ) -> None:
        """Align the chosen map with the reference off the UI thread."""
        from cocreate.errors import CocreateError
        from cocreate.i18n import error_text
        from cocreate.model import VariantKind
        from cocreate.variants.fitgap import fit_gap
        from cocreate.variants.maps import maps as all_maps

        infos = list(all_maps(workshop))
        references = tuple((i.id, i.name) for i in infos if i.kind == VariantKind.REFERENCE)
        others = [i for i in infos if i.kind != VariantKind.REFERENCE]
        others.sort(key=lambda i: i.kind != VariantKind.AS_IS)  # stable: file order kept
        maps = tuple((i.id, i.name) for i in others)
        result = None
        error = ""
        if references and maps:
            ref = reference if reference in dict(references) else references[0][0]
            own = chosen if chosen in dict(maps) else maps[0][0]
            try:
                result = fit_gap(workshop, ref, own)
            except CocreateError as exc:
                error = error_text(exc, lang)
        computed = Computed(references, maps, result, error)
        self.post_message(self.FitGapComputed(computed, generation))

    @on(FitGapComputed)
    def _computed(self, event: FitGapComputed) -> None:
        if event.generation != self._generation:
            return  # a later choice or edit is on its way
        self.computed = computed = event.computed
        result = computed.result
        if result is not None:
            self.reference_id, self.map_id = result.reference.id, result.map.id
        self.refresh_bindings()
        self.table.display = result is not None
        if not computed.references:
            self._say(self.tr("ui.fitgap.no_reference"))
        elif not computed.maps:
            self._say(self.tr("ui.fitgap.no_map"))
        elif result is None:
            self._say(computed.error)
        else:
            self._show(computed, result)

    def _say(self, line: str) -> None:
        """The one line shown when there is nothing to align."""
        self.summary.update("")
        self.rate.update(Text(line, style="bold yellow"))
        self.legend.update("")
        self.table.clear(columns=True)

    def _show(self, computed: Computed, result: FitGap) -> None:
        refs = [i for i, _ in computed.references]
        maps = [i for i, _ in computed.maps]
        summary = self.tr(
            "ui.fitgap.summary",
            map=result.map.name,
            reference=result.reference.name,
            index=maps.index(result.map.id) + 1,
            count=len(maps),
        )
        if len(refs) > 1:
            summary += self.tr(
                "ui.fitgap.summary_references",
                index=refs.index(result.reference.id) + 1,
                count=len(refs),
            )
        self.summary.update(summary)
        self.rate.update(self._rate_text(result))
        self.legend.update(Text(self.tr("ui.fitgap.legend", map=result.map.name), style="dim"))
        table = self.table
        # The same row again after an edit; the first fit (under its heading) for a new pair.
        pair = (result.reference.id, result.map.id)
        keep = table.cursor_row if pair == self._shown and table.row_count else 1
        self._shown = pair
        table.clear(columns=True)
        table.add_column("", key="mark")
        table.add_column(self.tr("ui.fitgap.col.step", map=result.map.name), key="step")
        table.add_column(self.tr("ui.fitgap.col.medium"), key="medium")
        table.add_column(self.tr("ui.fitgap.col.reference"), key="reference")
        table.add_column(self.tr("ui.fitgap.col.medium"), key="reference_medium")
        touched = sum(item.touch_differs for item in result.fits)
        sections: tuple[tuple[str, str, tuple[FitGapItem, ...]], ...] = (
            ("fits", "bold green", result.fits),
            ("gaps", "bold yellow", result.gaps),
            ("missing", "bold magenta", result.missing),
        )
        for name, style, items in sections:
            heading = self.tr(f"ui.fitgap.{name}", count=len(items), touch=touched)
            table.add_row("", Text(heading, style=style), "", "", "", key=f"-{name}")
            if not items:
                table.add_row("", Text(self.tr("ui.fitgap.none"), style="dim"), "", "", "")
            for item in items:
                table.add_row(*self._cells(item), key=f"{name}:{item.row}")
        table.move_cursor(row=min(max(keep, 0), table.row_count - 1))

    def _rate_text(self, result: FitGap) -> Text:
        total = len(result.fits) + len(result.missing)
        filled = round(result.fit_rate * BAR)
        text = Text()
        text.append(self.tr("ui.fitgap.rate", rate=f"{result.fit_rate:.0%}"), style="bold")
        text.append("  ")
        text.append("█" * filled, style="green")
        text.append("░" * (BAR - filled), style="dim")
        text.append("  ")
        text.append(self.tr("ui.fitgap.rate_detail", fits=len(result.fits), total=total))
        return text

    def _medium(self, medium: Medium | None, *, warn: bool = False) -> Text:
        if medium is None:
            return Text("")
        return Text(self.tr(f"ui.medium.{medium.value}"), style="bold yellow" if warn else "")

    def _cells(self, item: FitGapItem) -> list[Text]:
        absent = Text("—", style="dim", justify="center")
        warn = item.touch_differs
        mine = Text(item.step_name) if item.step is not None else absent
        theirs = Text(item.reference_name) if item.reference is not None else absent
        return [
            Text("⚠", style="bold yellow") if warn else Text(""),
            mine,
            self._medium(item.medium, warn=warn),
            theirs,
            self._medium(item.reference_medium),
        ]

    # -------------------------------------------------------------- choosing

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = super().check_action(action, parameters)
        if not allowed or action not in ("next_map", "next_reference"):
            return allowed
        if self.computed is None or self.computed.result is None:
            return None  # nothing shown to go on from
        choices = self.computed.maps if action == "next_map" else self.computed.references
        return True if len(choices) > 1 else None  # dimmed: nothing to go on to

    @staticmethod
    def _after(choices: tuple[tuple[str, str], ...], current: str) -> str:
        ids = [i for i, _ in choices]
        return ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]

    def action_next_map(self) -> None:
        """Check the next map (bureau) against the reference."""
        if self.computed is None or len(self.computed.maps) < 2:
            return
        self.map_id = self._after(self.computed.maps, self.map_id)
        self._start(self.workshop)

    def action_next_reference(self) -> None:
        """Check the map against the next reference flow."""
        if self.computed is None or len(self.computed.references) < 2:
            return
        self.reference_id = self._after(self.computed.references, self.reference_id)
        self._start(self.workshop)
