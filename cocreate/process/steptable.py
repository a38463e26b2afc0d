"""Step tables (工程表) from CSV or Excel: one row per step, Japanese or English headers.

Columns (headers are matched after NFKC normalisation, ignoring case, spaces and
brackets, so ``所要時間（分）`` and ``所要時間(分)`` are the same):

=================  ===========================  ==========================================
column             also accepted                holds
=================  ===========================  ==========================================
工程 (required)    step, name, 工程名, 業務      the step's name
担当               lane, 担当者, 部署, 担当課    who does it; each distinct value is a lane
所要時間(分)       minutes, 作業時間(分)         hands-on minutes per case
年間件数           volume, 件数                  cases a year (empty: derived)
待ち時間(分)       wait, wait_minutes            minutes a case waits at the step
媒体               medium                        紙, 押印, 窓口, 電話, 郵送, メール, システム
次工程             next                          the steps that follow, see below
ID                 id, 番号, No                  the step's id (default s01, s02, ...)
担当ID             laneid                        the lane's id (default: made from 担当)
種別               kind                          開始, 作業, 判断, 待ち, 終了 (or English)
備考               notes, メモ                   free text
=================  ===========================  ==========================================

``次工程`` lists the following steps by ID or by name, separated by ``、`` ``,`` ``;`` or
new lines; each may carry a label in 「」 and a share in brackets: ``s03（20%）``,
``不備なし(0.8)`` or ``s05「差戻し」（20%）``.
An empty ``次工程`` means the next row; ``-``, ``なし`` or ``終了`` mean none. Without a
``次工程`` column every row leads to the next. Without a ``種別`` column the first row is
the start, a row with no next step is an end, and a row with two or more is a decision.

The file is read by :mod:`cocreate.tables` (UTF-8 with or without a BOM, or cp932;
``.xlsx`` streamed, sizes bounded), and rows are numbered as the spreadsheet shows them.
A title row or blank rows above the header are skipped. A CSV row with fewer cells than
the header, or a control character in a cell, is refused with its row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cocreate.errors import InputError
from cocreate.model import Flow, Lane, Medium, Step, StepKind
from cocreate.process.imports import IdMaker, ProcessImport, Report
from cocreate.tables import MAX_TABLE_BYTES, Table, check_text, read_table

__all__ = [
    "COLUMNS",
    "KINDS",
    "LAYOUT",
    "MAX_TABLE_BYTES",
    "MEDIA",
    "SHEET",
    "kind_label",
    "medium_label",
    "read_steps",
    "table_rows",
]

#: Our column -> the headers that name it (normalised with ``_key``).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("工程", "工程名", "業務", "作業", "作業名", "手順", "step", "name", "task"),
    "lane": ("担当", "担当者", "部署", "担当課", "担当部署", "lane", "role", "actor"),
    "minutes": (
        "所要時間(分)",
        "所要時間",
        "作業時間(分)",
        "作業時間",
        "処理時間(分)",
        "minutes",
        "time(min)",
        "duration(min)",
    ),
    "volume": ("年間件数", "件数", "年間処理件数", "volume", "annualvolume", "cases"),
    "wait": ("待ち時間(分)", "待ち時間", "待機時間(分)", "wait", "waitminutes", "wait(min)"),
    "medium": ("媒体", "medium", "media"),
    "next": ("次工程", "次の工程", "後工程", "next", "nextstep", "nextsteps"),
    "id": ("id", "番号", "no", "no.", "工程id", "工程番号"),
    "lane_id": ("担当id", "laneid", "lane_id"),
    "kind": ("種別", "種類", "区分", "kind", "type"),
    "notes": ("備考", "メモ", "notes", "note", "remarks"),
}

#: What a 媒体 cell may say -> the medium.
MEDIA: dict[str, Medium] = {
    **{m.value: m for m in Medium},
    "紙": Medium.PAPER,
    "書面": Medium.PAPER,
    "帳票": Medium.PAPER,
    "申請書": Medium.PAPER,
    "押印": Medium.SEAL,
    "印鑑": Medium.SEAL,
    "はんこ": Medium.SEAL,
    "ハンコ": Medium.SEAL,
    "決裁印": Medium.SEAL,
    "窓口": Medium.COUNTER,
    "対面": Medium.COUNTER,
    "持参": Medium.COUNTER,
    "電話": Medium.PHONE,
    "tel": Medium.PHONE,
    "郵送": Medium.MAIL,
    "郵便": Medium.MAIL,
    "post": Medium.MAIL,
    "メール": Medium.EMAIL,
    "電子メール": Medium.EMAIL,
    "e-mail": Medium.EMAIL,
    "システム": Medium.SYSTEM,
    "電子": Medium.SYSTEM,
    "電子申請": Medium.SYSTEM,
    "excel": Medium.SYSTEM,
    "エクセル": Medium.SYSTEM,
    "その他": Medium.OTHER,
    "": Medium.OTHER,
}

KINDS: dict[str, StepKind] = {
    **{k.value: k for k in StepKind},
    "開始": StepKind.START,
    "始点": StepKind.START,
    "スタート": StepKind.START,
    "作業": StepKind.TASK,
    "処理": StepKind.TASK,
    "タスク": StepKind.TASK,
    "判断": StepKind.DECISION,
    "分岐": StepKind.DECISION,
    "確認": StepKind.DECISION,
    "待ち": StepKind.WAIT,
    "待機": StepKind.WAIT,
    "終了": StepKind.END,
    "終点": StepKind.END,
    "完了": StepKind.END,
}

#: The headers ``table_rows`` writes, in its order: what ``read_steps`` reads back.
LAYOUT = (
    "ID",
    "工程",
    "担当",
    "担当ID",
    "種別",
    "所要時間(分)",
    "年間件数",
    "待ち時間(分)",
    "媒体",
    "次工程",
    "備考",
)
#: The sheet name a workbook's step table has; ``read_steps`` prefers it.
SHEET = "工程表"
_KIND_LABELS = {
    StepKind.START: "開始",
    StepKind.TASK: "作業",
    StepKind.DECISION: "判断",
    StepKind.WAIT: "待ち",
    StepKind.END: "終了",
}
_MEDIUM_LABELS = {
    Medium.PAPER: "紙",
    Medium.SEAL: "押印",
    Medium.COUNTER: "窓口",
    Medium.PHONE: "電話",
    Medium.MAIL: "郵送",
    Medium.EMAIL: "メール",
    Medium.SYSTEM: "システム",
    Medium.OTHER: "その他",
}

_NONE = {"-", "－", "ー", "なし", "無し", "終了", "none", "end", "—"}
# A next step per item: separators inside a 「label」 do not split it.
_ITEMS = re.compile(r"(?:「[^」]*」|[^、,;\n])+")
_SHARE = re.compile(r"^(?P<ref>.*?)\s*[(](?P<share>[0-9.]+)\s*(?P<pct>%)?\s*[)]$")
_LABEL = re.compile(r"^(?P<ref>.*?)\s*「(?P<label>[^」]*)」$")
_HEADER_ROWS = 10
_NO_LANE = "担当未設定"


def _key(text: Any) -> str:
    text = unicodedata.normalize("NFKC", str(text or "")).lower()
    return re.sub(r"\s+", "", text)


_LOOKUP = {_key(header): column for column, headers in COLUMNS.items() for header in headers}


def _is_header(cells: Sequence[str]) -> bool:
    return any(_LOOKUP.get(_key(c)) == "name" for c in cells)


@dataclass(slots=True)
class _Columns:
    """Where each of our columns is in the table, and its header as written."""

    path: Path
    at: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def cell(self, number: int, cells: Sequence[str], column: str) -> str:
        """The cell's text, refused if it holds a control character."""
        at = self.at.get(column)
        if at is None or at >= len(cells):
            return ""
        return check_text(cells[at], self.path, row=number, field=self.names[column])

    def name(self, column: str) -> str:
        return self.names.get(column, "")


def _columns(table: Table, header_at: int, report: Report) -> _Columns:
    header_row, header = table.rows[header_at]
    columns = _Columns(table.path)
    for position, cell in enumerate(header):
        column = _LOOKUP.get(_key(cell))
        if column is None:
            if cell:
                report.add(f"column {cell!r} (not a step-table column)")
            continue
        if column in columns.at:
            raise InputError(
                table.path,
                f"two columns for {column}: {columns.names[column]!r} and {cell!r}",
                row=header_row,
            )
        columns.at[column] = position
        columns.names[column] = cell
    return columns


def _number(path: Path, row: int, field: str, text: str, *, whole: bool = False) -> Any:
    cleaned = unicodedata.normalize("NFKC", text).replace(",", "").strip()
    cleaned = re.sub(r"(分|件|min|minutes|回)$", "", cleaned).strip()
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise InputError(path, f"not a number: {text!r}", row=row, field=field) from None
    if value < 0 or value != value or value in (float("inf"), float("-inf")):
        raise InputError(
            path, f"must be a number of at least 0, not {text!r}", row=row, field=field
        )
    if whole:
        if not value.is_integer():
            raise InputError(path, f"must be a whole number, not {text!r}", row=row, field=field)
        return int(value)
    return value


@dataclass(slots=True)
class _Rows:
    """The steps read from the rows, before their flows."""

    steps: list[Step] = field(default_factory=list)
    lanes: dict[str, Lane] = field(default_factory=dict)
    """Lane name -> lane."""
    nexts: list[tuple[int, str]] = field(default_factory=list)
    """(row number, 次工程 text) per step."""
    by_ref: dict[str, str] = field(default_factory=dict)
    """Normalised id or name -> step id."""


def _lane(columns: _Columns, rows: _Rows, ids: IdMaker, number: int, cells: Sequence[str]) -> str:
    name = " ".join(columns.cell(number, cells, "lane").split()) or _NO_LANE
    raw_id = columns.cell(number, cells, "lane_id")
    lane = rows.lanes.get(name)
    if lane is None:
        lane = Lane(ids.make(raw_id or name), name)
        rows.lanes[name] = lane
    elif raw_id and raw_id != lane.id:
        raise InputError(
            columns.path,
            f"担当 {name!r} has the lane id {lane.id!r} in an earlier row, not {raw_id!r}",
            row=number,
            field=columns.name("lane_id"),
        )
    return lane.id


def _kind(columns: _Columns, number: int, cells: Sequence[str]) -> StepKind | None:
    text = columns.cell(number, cells, "kind")
    if not text:
        return None
    kind = KINDS.get(_key(text))
    if kind is None:
        raise InputError(
            columns.path,
            f"unknown kind {text!r}; expected one of"
            " 開始, 作業, 判断, 待ち, 終了 (start, task, decision, wait, end)",
            row=number,
            field=columns.name("kind"),
        )
    return kind


def _read_rows(
    columns: _Columns, records: Sequence[tuple[int, Sequence[str]]], report: Report
) -> _Rows:
    path = columns.path
    rows = _Rows()
    lane_ids = IdMaker("lane")
    step_ids = IdMaker("s")
    width = max(2, len(str(len(records))))
    for position, (number, cells) in enumerate(records, start=1):

        def value(column: str, cells: Sequence[str] = cells, number: int = number) -> str:
            return columns.cell(number, cells, column)

        name = " ".join(value("name").split())
        if not name:
            raise InputError(path, "the step has no name", row=number, field=columns.name("name"))
        lane = _lane(columns, rows, lane_ids, number, cells)
        raw_id = value("id")
        step_id = step_ids.make(raw_id) if raw_id else step_ids.make(f"s{position:0{width}d}")
        if raw_id and step_id != raw_id:
            report.add(f"row {number}: id {raw_id!r} became {step_id!r}")
        medium_text = value("medium")
        medium = MEDIA.get(_key(medium_text))
        if medium is None:
            report.add(f"row {number}: 媒体 {medium_text!r} (kept as 'other')")
            medium = Medium.OTHER

        def number_of(column: str, *, whole: bool = False, number: int = number) -> Any:
            return _number(path, number, columns.name(column), value(column), whole=whole)

        rows.steps.append(
            Step(
                id=step_id,
                name=name,
                lane=lane,
                kind=_kind(columns, number, cells) or StepKind.TASK,
                minutes=number_of("minutes") or 0.0,
                volume=number_of("volume", whole=True),
                wait_minutes=number_of("wait") or 0.0,
                medium=medium,
                notes=value("notes"),
            )
        )
        rows.by_ref.setdefault(_key(step_id), step_id)
        if raw_id:
            rows.by_ref.setdefault(_key(raw_id), step_id)
        rows.nexts.append((number, value("next")))
    for step in rows.steps:
        rows.by_ref.setdefault(_key(step.name), step.id)
    return rows


def _targets(
    columns: _Columns, rows: _Rows, number: int, text: str
) -> list[tuple[str, str, float | None]]:
    """The (step id, label, share) that a 次工程 cell names."""
    path, field = columns.path, columns.name("next")
    targets: list[tuple[str, str, float | None]] = []
    for item in _ITEMS.findall(unicodedata.normalize("NFKC", text)):
        part = item.strip()
        if not part:
            continue
        share = None
        match = _SHARE.match(part)
        if match:
            part = match["ref"].strip()
            try:
                share = float(match["share"])
            except ValueError:
                raise InputError(path, f"bad share in {text!r}", row=number, field=field) from None
            if match["pct"]:
                share /= 100
            if share > 1:
                raise InputError(path, f"share over 100% in {text!r}", row=number, field=field)
        label = ""
        target = rows.by_ref.get(_key(part))
        labelled = _LABEL.match(part) if target is None else None
        if labelled:
            target = rows.by_ref.get(_key(labelled["ref"]))
            label = labelled["label"].strip()
        if target is None:
            raise InputError(
                path,
                f"unknown next step {part!r} (give an ID or a step name from this table)",
                row=number,
                field=field,
            )
        targets.append((target, label, share))
    return targets


def _flows(columns: _Columns, rows: _Rows, report: Report) -> list[Flow]:
    flows: list[Flow] = []
    seen: set[tuple[str, str]] = set()
    has_next = "next" in columns.at
    steps = rows.steps
    for index, (number, text) in enumerate(rows.nexts):
        source = steps[index].id
        targets: list[tuple[str, str, float | None]] = []
        if not has_next or not text:
            if index + 1 < len(steps) and steps[index].kind != StepKind.END:
                targets.append((steps[index + 1].id, "", None))
        elif _key(text) not in _NONE:
            targets = _targets(columns, rows, number, text)
        for target, label, share in targets:
            if (source, target) in seen:
                report.add(f"row {number}: {target} named twice as next step")
                continue
            seen.add((source, target))
            flows.append(Flow(source, target, label, share))
    return flows


def _inferred_kinds(steps: list[Step], flows: list[Flow]) -> list[Step]:
    """Without a 種別 column: the first row starts, no next step ends, two or more decide."""
    outs: dict[str, int] = {}
    for flow in flows:
        outs[flow.source] = outs.get(flow.source, 0) + 1
    inferred = []
    for index, step in enumerate(steps):
        count = outs.get(step.id, 0)
        if index == 0:
            kind = StepKind.START
        elif count == 0:
            kind = StepKind.END
        elif count >= 2:
            kind = StepKind.DECISION
        else:
            kind = StepKind.TASK
        inferred.append(step.edit(kind=kind))
    return inferred


def kind_label(kind: StepKind) -> str:
    """The 種別 a step table writes for ``kind``."""
    return _KIND_LABELS.get(kind, kind.value)


def medium_label(medium: Medium) -> str:
    """The 媒体 a step table writes for ``medium``."""
    return _MEDIUM_LABELS.get(medium, medium.value)


def _share_text(share: float) -> str:
    return f"{share * 100:.12g}%"


def _next_text(flows: Sequence[Flow]) -> str:
    """The 次工程 cell for a step's outgoing flows: ids, 「labels」 and shares."""
    if not flows:
        return "-"
    items = []
    for flow in flows:
        item = flow.target
        if flow.label:
            item += f"「{flow.label}」"
        if flow.share is not None:
            item += f"（{_share_text(flow.share)}）"
        items.append(item)
    return "、".join(items)


def table_rows(workshop: Any) -> list[list[Any]]:
    """The workshop's process as a step table: :data:`LAYOUT`, then one row per step.

    Numbers stay numbers (an empty 年間件数 is ``None``: derived). Every row names its
    next steps and its kind, so reading the table back with :func:`read_steps` gives the
    same steps, lanes and flows.
    """
    lanes = {lane.id: lane for lane in workshop.lanes}
    outgoing: dict[str, list[Flow]] = {}
    for flow in workshop.flows:
        outgoing.setdefault(flow.source, []).append(flow)
    rows: list[list[Any]] = [list(LAYOUT)]
    for step in workshop.steps:
        lane = lanes.get(step.lane)
        rows.append(
            [
                step.id,
                step.name,
                lane.name if lane else _NO_LANE,
                step.lane,
                kind_label(step.kind),
                step.minutes,
                step.volume,
                step.wait_minutes,
                medium_label(step.medium),
                _next_text(outgoing.get(step.id, [])),
                step.notes,
            ]
        )
    return rows


def read_steps(
    path: str | Path, *, sheet: str | None = None, encoding: str | None = None
) -> ProcessImport:
    """Read a step table (``.csv``, ``.tsv``, ``.txt`` or ``.xlsx``).

    In a workbook, ``sheet`` names the sheet; without it a sheet named 工程表 (as
    ``cocreate export xlsx`` writes) is read if there is one, else the first.

    Raises
    ------
    InputError
        With the row and column for a bad number, an unknown next step, a missing
        header, a ragged row or a control character; what has no place in the model
        (an unknown 媒体, extra columns) is listed in ``unmapped`` instead.
    """
    table = read_table(
        path, sheet=sheet, encoding=encoding, what="a step table", prefer_sheet=SHEET
    )
    header_at = table.find_header(_is_header, _HEADER_ROWS)
    if header_at is None:
        raise InputError(
            table.path,
            f"no header row with a step column (工程 or step) in the first {_HEADER_ROWS} rows",
            row=1,
        )
    table.check_ragged(header_at)
    report = Report()
    columns = _columns(table, header_at, report)
    records = [(number, cells) for number, cells in table.rows[header_at + 1 :] if any(cells)]
    if not records:
        raise InputError(
            table.path, "the table has a header but no steps", row=table.rows[header_at][0]
        )
    if table.encoding == "xlsx":
        width = len(table.rows[header_at][1])
        for number, cells in records:
            extra = next((i for i in range(width, len(cells)) if cells[i]), None)
            if extra is not None:
                report.add(f"row {number}: a value in column {extra + 1}, which has no header")
    rows = _read_rows(columns, records, report)
    flows = _flows(columns, rows, report)
    steps = rows.steps if "kind" in columns.at else _inferred_kinds(rows.steps, flows)
    return ProcessImport(
        source=table.path,
        lanes=tuple(rows.lanes.values()),
        steps=tuple(steps),
        flows=tuple(flows),
        unmapped=tuple(report.lines),
        title=table.path.stem,
    )
