"""One chart per KPI: its baseline, its target and the values measured over the pilot.

Drawn on a :class:`matplotlib.figure.Figure` from :func:`cocreate.charts.new_figure` (never
pyplot), with the bundled Japanese font and participant text kept literal. A share (0–1)
is drawn in percent. The pilot period is shaded, so a reader sees which values fall in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from cocreate.i18n import t

if TYPE_CHECKING:
    from cocreate.verify.evaluate import KpiResult
    from cocreate.verify.period import PilotPeriod

__all__ = ["kpi_chart"]

_MEASURED = "#1d3f6e"
_BASELINE = "#7a8591"
_TARGET = "#2e7d32"
_MISSED = "#c62828"


def kpi_chart(
    result: KpiResult,
    lang: str,
    *,
    period: PilotPeriod | None = None,
    label: Callable[[float], str] = lambda v: f"{v:,.6g}",
) -> bytes:
    """The KPI's chart as PNG bytes.

    Parameters
    ----------
    result : the KPI's evaluation (its plan and measurements).
    lang : ``ja`` or ``en``, for the legend.
    period : the pilot period, shaded when given.
    label : formats a value in the KPI's unit, for the point labels.
    """
    from matplotlib.dates import date2num

    from cocreate.charts import figure_bytes, new_figure
    from cocreate.verify.values import value_unit

    percent = value_unit(result.kpi).kind == "share"
    scale = 100.0 if percent else 1.0
    fig = new_figure(6.4, 2.7)
    ax = fig.add_subplot()
    days = [m.date for m in result.measurements]
    values = [m.value * scale for m in result.measurements]
    start = min([*days, *([period.start] if period else [])], default=dt.date.today())
    end = max([*days, *([period.end] if period and period.end else [])], default=start)
    margin = dt.timedelta(days=max((end - start).days // 20, 2))
    left, right = start - margin, end + margin
    if period is not None:
        shade = t("results.chart.period", lang)
        ax.axvspan(
            date2num(period.start),
            date2num(period.end or right),
            color="#eef3f8",
            zorder=0,
            label=shade,
        )
    if result.baseline is not None:
        text = t("results.chart.baseline", lang, value=label(result.baseline))
        ax.axhline(result.baseline * scale, color=_BASELINE, linestyle="--", lw=1.2, label=text)
    if result.target is not None:
        text = t("results.chart.target", lang, value=label(result.target))
        ax.axhline(result.target * scale, color=_TARGET, linestyle=":", lw=1.6, label=text)
    if values:
        text = t("results.chart.measured", lang)
        ax.plot(date2num(days), values, color=_MEASURED, marker="o", linewidth=2, label=text)
        missed = result.verdict.value == "not-met"
        for day, value, measurement in zip(days, values, result.measurements, strict=True):
            colour = _MISSED if missed and measurement is result.latest else _MEASURED
            ax.annotate(
                label(measurement.value),
                (date2num(day), value),
                textcoords="offset points",
                xytext=(0, 7),
                ha="center",
                fontsize=7.5,
                color=colour,
            )
    # Dates as matplotlib's day numbers, as its date converter would make them: its type
    # hints take numbers only.
    ax.set_xlim(date2num(left), date2num(right))
    ticks = sorted({*days, *([period.start] if period else [])})
    ax.set_xticks(date2num(ticks))
    ax.set_xticklabels([f"{d.month}/{d.day}" for d in ticks], fontsize=7.5)
    ax.tick_params(axis="y", labelsize=7.5)
    if percent:
        ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:g}%")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="#e3e7eb", linewidth=0.6)
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    low, high = ax.get_ylim()
    ax.set_ylim(min(low, 0) if low >= 0 else low, high + (high - low) * 0.12)
    return figure_bytes(fig, "png")
