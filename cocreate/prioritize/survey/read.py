"""Reading a survey export (through :mod:`cocreate.tables`) and a mapping file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocreate.errors import InputError
from cocreate.tables import read_table

__all__ = ["KINDS", "SurveyTable", "load_mapping", "read_export"]

#: What a column can hold.
KINDS = (
    "email",
    "name",
    "effect",
    "effort",
    "feasibility",
    "dots",
    "ballot",
    "problem",
    "ignore",
)


@dataclass(frozen=True, slots=True)
class SurveyTable:
    """A survey export as text: the header row and each answer row with its number."""

    path: Path
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    """(row number as a spreadsheet shows it, header = 1; cells as text)."""
    encoding: str = ""


def read_export(
    path: str | Path, encoding: str | None = None, *, sheet: str | None = None
) -> SurveyTable:
    """Read a Forms export: CSV (the table reader's encodings) or ``.xlsx``; row 1 is the
    header. Raises InputError naming the file (and row) for anything unreadable."""
    table = read_table(path, sheet=sheet, encoding=encoding, what="a survey export")
    if not table.rows or not any(table.rows[0][1]):
        raise InputError(table.path, "empty file: no header row", row=1)
    table.check_ragged(0)
    headers = table.rows[0][1]
    width = len(headers)
    while width and not headers[width - 1]:
        width -= 1
    return SurveyTable(table.path, headers[:width], table.rows[1:], table.encoding)


def load_mapping(path: str | Path) -> dict[str, Any]:
    """Read and check a JSON mapping file (see the package docstring for its shape)."""
    source = Path(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except UnicodeDecodeError:
        raise InputError(source, "not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            source, f"JSON syntax error: {exc.msg}", line=exc.lineno, column=exc.colno
        ) from None
    if not isinstance(data, dict):
        raise InputError(source, 'must be a JSON object with "columns", "respondents"')
    for key in data:
        if key not in ("columns", "respondents", "scale"):
            raise InputError(
                source, "unknown key; expected columns, respondents or scale", field=key
            )
    columns = data.get("columns", {})
    if not isinstance(columns, dict):
        raise InputError(source, "must be an object keyed by column header", field="columns")
    for header, spec in columns.items():
        where = f"columns.{header}"
        if not isinstance(spec, dict):
            raise InputError(source, 'must be an object like {"kind": "effect"}', field=where)
        unknown = sorted(set(spec) - {"kind", "idea", "steps"})
        if unknown:
            raise InputError(source, "unknown key", field=f"{where}.{unknown[0]}")
        if spec.get("kind") not in KINDS:
            raise InputError(
                source, f"kind must be one of {', '.join(KINDS)}", field=f"{where}.kind"
            )
        rated = ("effect", "effort", "feasibility", "dots")
        if spec["kind"] in rated and not isinstance(spec.get("idea"), str):
            raise InputError(source, "needs the idea id it rates", field=f"{where}.idea")
        steps = spec.get("steps", [])
        if not isinstance(steps, list) or not all(isinstance(s, str) for s in steps):
            raise InputError(source, "must be a list of step ids", field=f"{where}.steps")
    for name in ("respondents", "scale"):
        table = data.get(name, {})
        kind = str if name == "respondents" else int
        if not isinstance(table, dict) or not all(
            isinstance(v, kind) and not isinstance(v, bool) for v in table.values()
        ):
            what = "member ids" if name == "respondents" else "whole numbers"
            raise InputError(source, f"must be an object whose values are {what}", field=name)
    return data
