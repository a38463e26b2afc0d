"""The effect-versus-effort matrix as a Mermaid ``quadrantChart`` (text, no drawing)."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from cocreate.i18n import t
from cocreate.prioritize.tally import IdeaTally

__all__ = ["mermaid_quadrant", "write_quadrant"]

#: How far inside the high side a value exactly on the split is drawn (Mermaid units).
_ON_SPLIT_NUDGE = 0.02


def _mermaid_string(text: str) -> str:
    """``text`` as a quoted Mermaid string: one line, no double quote, no ``%%`` comment."""
    flat = " ".join(text.replace('"', "”").split())
    return '"' + re.sub(r"%%+", "％", flat) + '"'


#: Mermaid clips a point drawn on the chart's edge: the scale keeps this far inside it.
_EDGE_MARGIN = 0.04
#: Radius of the fan of identical points (Mermaid units).
_MERMAID_SPREAD = 0.025


def _unit(value: float, split: float) -> float:
    """A rating 1..5 mapped into 0..1 so that ``split`` lands on Mermaid's fixed 0.5 line.

    A value exactly on the split counts as high (as in the tally), so it is drawn just
    inside the high half rather than on the line. 1 and 5 land a margin inside the
    chart's edges, where Mermaid would cut the point in half.
    """
    if value == split:
        return 0.5 + _ON_SPLIT_NUDGE
    if value < split:
        share = 0.5 * (value - 1) / (split - 1) if split > 1 else 0.0
    else:
        share = 0.5 + 0.5 * (value - split) / (5 - split) if split < 5 else 1.0
    share = min(max(share, 0.0), 1.0)
    return _EDGE_MARGIN + (1 - 2 * _EDGE_MARGIN) * share


def _mermaid_points(rows: Sequence[IdeaTally], split: float) -> list[tuple[float, float]]:
    """Each rated row's (x, y) in Mermaid units; rows on one point fanned out around it,
    each kept on its own side of the split and inside the edges."""
    groups: dict[tuple[float, float], list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        # The callers pass only the rated rows: both ratings are there.
        assert row.effort is not None and row.effect is not None
        groups[(row.effort, row.effect)].append(index)
    out = [(0.0, 0.0)] * len(rows)
    low, high = _EDGE_MARGIN / 2, 1 - _EDGE_MARGIN / 2
    for (effort, effect), members in groups.items():
        x, y = _unit(effort, split), _unit(effect, split)
        for k, index in enumerate(members):
            fx, fy = x, y
            if len(members) > 1:
                angle = math.pi / 2 + 2 * math.pi * k / len(members)
                fx, fy = (
                    x + _MERMAID_SPREAD * math.cos(angle),
                    y + _MERMAID_SPREAD * math.sin(angle),
                )
            # never across the split line, never onto the edge
            fx = max(fx, 0.505) if effort >= split else min(fx, 0.495)
            fy = max(fy, 0.505) if effect >= split else min(fy, 0.495)
            out[index] = (min(max(fx, low), high), min(max(fy, low), high))
    return out


def _coordinate(share: float) -> str:
    """Mermaid's lexer reads only ``1`` or ``0`` with optional decimals: never ``1.0``."""
    if share >= 1:
        return "1"
    text = f"{share:.3f}".rstrip("0").rstrip(".")
    return text or "0"


def mermaid_quadrant(
    rows: Sequence[IdeaTally],
    lang: str = "ja",
    split: float = 3.0,
    *,
    title: str | None = None,
    label_chars: int = 16,
) -> str:
    """The matrix as a Mermaid ``quadrantChart`` (unrated ideas are left out).

    Mermaid draws its quadrant lines at 0.5, so each axis is mapped piecewise: 1..split
    to 0..0.5 and split..5 to 0.5..1, a margin inside the edges. Ideas with the same
    medians are fanned out around their point so none hides another. Points are labelled
    with the idea id and title; every label is a quoted string, so Japanese and
    punctuation are read as text.
    """
    from cocreate.charts import shorten

    def say(key: str) -> str:
        return _mermaid_string(t(key, lang))

    chart_title = title if title is not None else t("prioritize.matrix.title", lang)
    lines = [
        "quadrantChart",
        f"    title {' '.join(chart_title.split())}",
        f"    x-axis {say('prioritize.mermaid.x_low')} --> {say('prioritize.mermaid.x_high')}",
        f"    y-axis {say('prioritize.mermaid.y_low')} --> {say('prioritize.mermaid.y_high')}",
        # Mermaid numbers quadrants counter-clockwise from the top right.
        f"    quadrant-1 {say('prioritize.quadrant_short.major_project')}",
        f"    quadrant-2 {say('prioritize.quadrant_short.quick_win')}",
        f"    quadrant-3 {say('prioritize.quadrant_short.fill_in')}",
        f"    quadrant-4 {say('prioritize.quadrant_short.thankless')}",
    ]
    rated = [row for row in rows if row.effect is not None and row.effort is not None]
    for row, (x, y) in zip(rated, _mermaid_points(rated, split), strict=True):
        label = _mermaid_string(f"{row.id} {shorten(row.title, label_chars)}")
        lines.append(f"    {label}: [{_coordinate(x)}, {_coordinate(y)}]")
    return "\n".join(lines) + "\n"


def write_quadrant(
    rows: Sequence[IdeaTally], path: str | Path, lang: str = "ja", split: float = 3.0
) -> Path:
    """Write :func:`mermaid_quadrant` to ``path`` atomically (UTF-8)."""
    from cocreate.storage import atomic_write

    target = Path(path)
    atomic_write(target, mermaid_quadrant(rows, lang, split))
    return target
