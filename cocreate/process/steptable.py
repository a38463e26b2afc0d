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
種別               kind                          開始, 作業, 判断, 待ち, 終了 (or English)
備考               notes, メモ                   free text
=================  ===========================  ==========================================

``次工程`` lists the following steps by ID or by name, separated by ``、`` ``,`` ``;`` or
new lines; each may carry a share in brackets: ``s03（20%）`` or ``不備なし(0.8)``.
An empty ``次工程`` means the next row; ``-``, ``なし`` or ``終了`` mean none. Without a
``次工程`` column every row leads to the next. Without a ``種別`` column the first row is
the start, a row with no next step is an end, and a row with two or more is a decision.

CSV files may be UTF-8 with or without a BOM, or cp932 (what Excel in Japan saves). A
title row or blank rows above the header are skipped.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocreate.errors import InputError
from cocreate.model import Flow, Lane, Medium, Step, StepKind
from cocreate.process.imports import IdMaker, ProcessImport, Report

__all__ = ["COLUMNS", "MAX_TABLE_BYTES", "MEDIA", "read_steps"]

#: Step tables larger than this are refused.
MAX_TABLE_BYTES = 20 * 1024 * 1024

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

_NONE = {"-", "－", "ー", "なし", "無し", "終了", "none", "end", "—"}
_SPLIT = re.compile(r"[、,;\n]+")
_SHARE = re.compile(r"^(?P<ref>.*?)\s*[(](?P<share>[0-9.]+)\s*(?P<pct>%)?\s*[)]$")
_HEADER_ROWS = 10


def _key(text: Any) -> str:
    text = unicodedata.normalize("NFKC", str(text or "")).lower()
    return re.sub(r"\s+", "", text)


_LOOKUP = {_key(header): column for column, headers in COLUMNS.items() for header in headers}


@dataclass(slots=True)
class _Table:
    path: Path
    rows: list[tuple[int, list[str]]]  # (1-based row number, cells)


def _decode(path: Path, raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp932")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path,
            f"neither UTF-8 nor cp932 (byte 0x{raw[exc.start]:02x}); save the table as CSV UTF-8",
            line=line,
        ) from None


def _read_csv(path: Path, raw: bytes) -> _Table:
    text = _decode(path, raw)
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            rows.append((reader.line_num, [c.strip() for c in cells]))
    except csv.Error as exc:
        raise InputError(path, f"CSV syntax error: {exc}", line=reader.line_num) from None
    return _Table(path, rows)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(path: Path, sheet: str | None) -> _Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(path, f"not a readable Excel workbook (.xlsx): {exc}") from None
    try:
        if sheet is not None:
            if sheet not in book.sheetnames:
                raise InputError(path, f"no sheet {sheet!r}; sheets: {', '.join(book.sheetnames)}")
            ws = book[sheet]
        else:
            ws = book.worksheets[0]
        rows = [
            (number, [_cell_text(v) for v in values])
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
    return _Table(path, rows)


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


def read_steps(path: str | Path, *, sheet: str | None = None) -> ProcessImport:
    """Read a step table (``.csv``, ``.tsv``, ``.txt`` or ``.xlsx``).

    Raises
    ------
    InputError
        With the row and column for a bad number, an unknown next step or a missing
        header; what has no place in the model (an unknown 媒体, extra columns) is listed
        in ``unmapped`` instead.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    if path.is_dir():
        raise InputError(path, "is a folder, not a step table")
    if size > MAX_TABLE_BYTES:
        raise InputError(path, f"file is {size:,} bytes, over the limit of {MAX_TABLE_BYTES:,}")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        table = _read_xlsx(path, sheet)
    elif path.suffix.lower() == ".xls":
        raise InputError(path, "old Excel format (.xls): save it as .xlsx or CSV UTF-8")
    else:
        table = _read_csv(path, path.read_bytes())

    report = Report()
    header_at = None
    for index, (_, cells) in enumerate(table.rows[:_HEADER_ROWS]):
        if any(_LOOKUP.get(_key(c)) == "name" for c in cells):
            header_at = index
            break
    if header_at is None:
        raise InputError(
            path,
            f"no header row with a step column (工程 or step) in the first {_HEADER_ROWS} rows",
            row=1,
        )
    header_row, header = table.rows[header_at]
    columns: dict[str, int] = {}
    names: dict[str, str] = {}
    for position, cell in enumerate(header):
        column = _LOOKUP.get(_key(cell))
        if column is None:
            if cell:
                report.add(f"column {cell!r} (not a step-table column)")
            continue
        if column in columns:
            raise InputError(
                path, f"two columns for {column}: {names[column]!r} and {cell!r}", row=header_row
            )
        columns[column] = position
        names[column] = cell

    def cell(cells: list[str], column: str) -> str:
        at = columns.get(column)
        if at is None or at >= len(cells):
            return ""
        return cells[at].strip()

    records = [
        (number, cells)
        for number, cells in table.rows[header_at + 1 :]
        if any(c.strip() for c in cells)
    ]
    if not records:
        raise InputError(path, "the table has a header but no steps", row=header_row)

    lane_ids = IdMaker("lane")
    lanes: dict[str, Lane] = {}
    step_ids = IdMaker("s")
    width = max(2, len(str(len(records))))
    steps: list[Step] = []
    by_ref: dict[str, str] = {}
    nexts: list[tuple[int, str]] = []
    for position, (number, cells) in enumerate(records, start=1):
        name = " ".join(cell(cells, "name").split())
        if not name:
            raise InputError(path, "the step has no name", row=number, field=names["name"])
        lane_name = cell(cells, "lane") or "担当未設定"
        if lane_name not in lanes:
            lane_id = lane_ids.make(lane_name)
            lanes[lane_name] = Lane(lane_id, lane_name)
        raw_id = cell(cells, "id")
        step_id = step_ids.make(raw_id) if raw_id else step_ids.make(f"s{position:0{width}d}")
        if raw_id and step_id != raw_id:
            report.add(f"row {number}: id {raw_id!r} became {step_id!r}")
        medium_text = cell(cells, "medium")
        medium = MEDIA.get(_key(medium_text))
        if medium is None:
            report.add(f"row {number}: 媒体 {medium_text!r} (kept as 'other')")
            medium = Medium.OTHER
        kind_text = cell(cells, "kind")
        kind = KINDS.get(_key(kind_text)) if kind_text else None
        if kind_text and kind is None:
            raise InputError(
                path,
                f"unknown kind {kind_text!r}; expected one of"
                " 開始, 作業, 判断, 待ち, 終了 (start, task, decision, wait, end)",
                row=number,
                field=names["kind"],
            )
        step = Step(
            id=step_id,
            name=name,
            lane=lanes[lane_name].id,
            kind=kind or StepKind.TASK,
            minutes=_number(path, number, names.get("minutes", ""), cell(cells, "minutes")) or 0.0,
            volume=_number(
                path, number, names.get("volume", ""), cell(cells, "volume"), whole=True
            ),
            wait_minutes=_number(path, number, names.get("wait", ""), cell(cells, "wait")) or 0.0,
            medium=medium,
            notes=cell(cells, "notes"),
        )
        steps.append(step)
        by_ref.setdefault(_key(step_id), step_id)
        if raw_id:
            by_ref.setdefault(_key(raw_id), step_id)
        nexts.append((number, cell(cells, "next")))
    for step in steps:
        by_ref.setdefault(_key(step.name), step.id)

    flows: list[Flow] = []
    out_count: dict[str, int] = {}
    has_next = "next" in columns
    for index, (number, text) in enumerate(nexts):
        source = steps[index].id
        targets: list[tuple[str, float | None]] = []
        if not has_next or not text:
            if index + 1 < len(steps) and steps[index].kind != StepKind.END:
                targets.append((steps[index + 1].id, None))
        elif _key(text) not in _NONE:
            for part in _SPLIT.split(unicodedata.normalize("NFKC", text)):
                part = part.strip()
                if not part:
                    continue
                share = None
                match = _SHARE.match(part)
                if match:
                    part = match["ref"].strip()
                    try:
                        share = float(match["share"])
                    except ValueError:
                        raise InputError(
                            path, f"bad share in {text!r}", row=number, field=names["next"]
                        ) from None
                    if match["pct"]:
                        share /= 100
                    if share > 1:
                        raise InputError(
                            path, f"share over 100% in {text!r}", row=number, field=names["next"]
                        )
                target = by_ref.get(_key(part))
                if target is None:
                    raise InputError(
                        path,
                        f"unknown next step {part!r} (give an ID or a step name from this table)",
                        row=number,
                        field=names["next"],
                    )
                targets.append((target, share))
        for target, share in targets:
            if any(f.source == source and f.target == target for f in flows):
                report.add(f"row {number}: {target} named twice as next step")
                continue
            flows.append(Flow(source, target, "", share))
            out_count[source] = out_count.get(source, 0) + 1

    if "kind" not in columns and steps:
        for index, step in enumerate(steps):
            outs = out_count.get(step.id, 0)
            if index == 0:
                kind = StepKind.START
            elif outs == 0:
                kind = StepKind.END
            elif outs >= 2:
                kind = StepKind.DECISION
            else:
                kind = StepKind.TASK
            steps[index] = step.edit(kind=kind)

    return ProcessImport(
        source=path,
        lanes=tuple(lanes.values()),
        steps=tuple(steps),
        flows=tuple(flows),
        unmapped=tuple(report.lines),
        title=path.stem,
    )
