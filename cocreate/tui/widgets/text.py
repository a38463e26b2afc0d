"""Fitting text into terminal cells: Japanese characters take two cells, not one."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

__all__ = ["cell_len", "fit", "number"]


def fit(text: str, width: int) -> str:
    """``text`` padded or cut to exactly ``width`` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(set_cell_size(text, width - 1).rstrip(), width - 1) + "…"


def number(value: float | None, digits: int = 0) -> str:
    """A number with thousands separators; '—' for none."""
    if value is None:
        return "—"
    if digits == 0 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"
