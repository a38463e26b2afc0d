"""The inventory (業務の棚卸し): candidates' figures, edits, and the 業務説明表 sheet in and out.

**Figures.** A candidate's *annual volume* is ``annual_volume`` when given; else the sum
of its twelve ``monthly`` figures; else the period figures: ``busy_volume`` in each busy
month, ``quiet_volume`` in each quiet month and ``normal_volume`` in each other month
(a missing figure counts as the normal one). Its *annual hours* are volume × minutes ÷
60 when both are known (the 業務量調査, :func:`cocreate.process.metrics.workload_hours`),
else FTE × ``settings.annual_hours_per_person`` (投入資源); *person-years* and *cost*
follow as in a workshop (hours ÷ annual hours per person, hours × hourly cost).

**The sheet.** :data:`LAYOUT` is the column order of the exported sheet, with Japanese
headers; the importer also takes the other headers in :data:`COLUMNS` (matched after
NFKC, with spaces, brackets and their contents after the first word ignored), in any
order. Yes/no cells take ○/×, はい/いいえ, 可/不可, あり/なし, yes/no, true/false, 1/0;
months take ``7,8``, ``7月・8月`` or ``7-9``. A bad cell is one InputError naming the
file, the row and the column (``inventory.xlsx:row 5: column I (年間件数): ...``).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocreate.errors import InputError, RuleError
from cocreate.model import ID_PATTERN, Medium, Settings, new_id
from cocreate.portfolio_model import Candidate, Core, LegalKind, Portfolio, Routine
from cocreate.process.metrics import person_years, workload_hours
from cocreate.text import formula_like, neutralise, one_line

__all__ = [
    "COLUMNS",
    "LAYOUT",
    "SHEET",
    "Figures",
    "ImportResult",
    "InventoryImport",
    "add_candidate",
    "annual_volume",
    "csv_text",
    "edit_candidate",
    "figures",
    "import_inventory",
    "read_inventory",
    "remove_candidate",
    "row_values",
    "workbook_bytes",
]

#: The sheet's name in an exported workbook (and the one preferred on import).
SHEET = "業務説明表"

#: Our column -> (the exported header, other headers the importer accepts).
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("業務ID", "ID", "番号", "業務番号", "No"),
    "name": ("業務名", "業務名称", "事務名", "事務事業名", "名称"),
    "purpose": ("目的（誰のために・何のために）", "目的", "業務の目的", "概要"),
    "owner": ("所管部署", "所管課", "担当課", "所管"),
    "bureaus": ("実施部局", "実施部署", "実施課"),
    "shared": ("部局共通", "全庁共通", "共通業務"),
    "legal_kind": ("根拠の種別", "根拠法令等の種別", "法令種別"),
    "legal_basis": ("根拠法令等", "根拠法令", "根拠"),
    "annual_volume": ("年間件数", "年間処理件数", "件数（年間）", "処理件数"),
    "normal_volume": ("通常期（件/月）", "通常期", "通常期件数"),
    "busy_volume": ("繁忙期（件/月）", "繁忙期", "繁忙期件数"),
    "quiet_volume": ("閑散期（件/月）", "閑散期", "閑散期件数"),
    "busy_months": ("繁忙月", "繁忙期の月"),
    "quiet_months": ("閑散月", "閑散期の月"),
    **{f"month{m}": (f"{m}月",) for m in range(1, 13)},
    "fte": ("投入人員（人）", "投入人員", "投入資源", "人員", "FTE", "従事人数"),
    "minutes": (
        "1件あたり時間（分）",
        "1件あたり時間",
        "所要時間（分）",
        "処理時間（分）",
        "所要時間",
    ),
    "routine": ("定型/非定型", "定型・非定型", "定型区分"),
    "core": ("コア/ノンコア", "コア・ノンコア", "コア区分"),
    "paper": ("紙", "紙媒体"),
    "seal": ("押印", "押印・署名"),
    "counter": ("窓口", "対面・窓口"),
    "outsourceable": ("外部委託の可否", "外部委託", "委託可否", "アウトソーシング"),
    "digitisable": ("デジタル化の可否", "デジタル化", "電子化の可否", "システム化"),
    "note": ("備考", "メモ", "特記事項"),
    "author": ("提案者",),
}

#: The columns of an exported sheet, in order.
LAYOUT = tuple(COLUMNS)

_YES = {"○", "〇", "◯", "✓", "✔", "はい", "可", "あり", "有", "要", "yes", "y", "true", "1"}
_NO = {"×", "✕", "✗", "いいえ", "不可", "なし", "無", "否", "no", "n", "false", "0", "-"}
_ROUTINE = {"定型": Routine.ROUTINE, "非定型": Routine.NON_ROUTINE}
_CORE = {"コア": Core.CORE, "ノンコア": Core.NON_CORE, "非コア": Core.NON_CORE}
_LEGAL = {
    "法律": LegalKind.LAW,
    "法令": LegalKind.LAW,
    "政令": LegalKind.LAW,
    "省令": LegalKind.LAW,
    "条例": LegalKind.ORDINANCE,
    "規則": LegalKind.RULE,
    "要綱": LegalKind.GUIDELINE,
    "要領": LegalKind.GUIDELINE,
    "通知": LegalKind.GUIDELINE,
    "なし": LegalKind.NONE,
}
LEGAL_LABELS = {
    LegalKind.LAW: "法律",
    LegalKind.ORDINANCE: "条例",
    LegalKind.RULE: "規則",
    LegalKind.GUIDELINE: "要綱",
    LegalKind.NONE: "なし",
}
_MEDIA = {"paper": Medium.PAPER, "seal": Medium.SEAL, "counter": Medium.COUNTER}


def _key(header: str) -> str:
    text = unicodedata.normalize("NFKC", header).lower()
    return re.sub(r"[\s・/／_\-]", "", text)


_LOOKUP = {_key(header): column for column, headers in COLUMNS.items() for header in headers}


# --------------------------------------------------------------------------- figures


def annual_volume(candidate: Candidate) -> int | None:
    """Cases a year (see the module docstring); None when no figure is given.

    >>> annual_volume(Candidate("c", "x", normal_volume=100, busy_volume=300, busy_months=(3, 4)))
    1600
    """
    if candidate.annual_volume is not None:
        return candidate.annual_volume
    if candidate.monthly:
        return sum(candidate.monthly)
    normal, busy, quiet = candidate.normal_volume, candidate.busy_volume, candidate.quiet_volume
    if normal is None and busy is None and quiet is None:
        return None
    busy_months = set(candidate.busy_months)
    quiet_months = set(candidate.quiet_months) - busy_months
    base = normal or 0
    total = 0
    for month in range(1, 13):
        if month in busy_months:
            total += busy if busy is not None else base
        elif month in quiet_months:
            total += quiet if quiet is not None else base
        else:
            total += base
    return total


@dataclass(frozen=True, slots=True)
class Figures:
    """A candidate's workload: annual volume, hours, person-years, cost, and their source."""

    volume: int | None
    hours: float | None
    person_years: float | None
    cost: float | None
    source: str
    """``volume×minutes``, ``fte`` or empty when the hours cannot be known."""


def figures(candidate: Candidate, settings: Settings) -> Figures:
    """The candidate's workload figures (the module docstring has the definitions)."""
    volume = annual_volume(candidate)
    if volume is not None and candidate.minutes is not None:
        hours, source = workload_hours(volume, candidate.minutes), "volume×minutes"
    elif candidate.fte is not None:
        hours, source = candidate.fte * settings.annual_hours_per_person, "fte"
    else:
        return Figures(volume, None, None, None, "")
    return Figures(
        volume, hours, person_years(hours, settings), hours * settings.hourly_cost, source
    )


# --------------------------------------------------------------------------- edits


def _check(candidate: Candidate) -> Candidate:
    name = one_line(candidate.name)
    if not name:
        raise InputError(None, "a candidate needs a name")
    if not ID_PATTERN.match(candidate.id):
        raise InputError(None, f"{candidate.id!r} is not a valid id")
    return candidate.edit(name=name)


def add_candidate(portfolio: Portfolio, candidate: Candidate) -> Portfolio:
    """Add a candidate to the facilitator's inventory (an empty id takes the next ``cN``)."""
    if not candidate.id:
        candidate = candidate.edit(id=new_id("c", (c.id for c in portfolio.candidates)))
    if portfolio.candidate(candidate.id) is not None:
        raise RuleError(f"a candidate {candidate.id!r} already exists")
    return portfolio.edit(inventory=(*portfolio.inventory, _check(candidate.edit(author=""))))


def edit_candidate(portfolio: Portfolio, candidate_id: str, **changes: Any) -> Portfolio:
    """Change fields of an inventory candidate (a member edits their own through selection)."""
    for i, item in enumerate(portfolio.inventory):
        if item.id == candidate_id:
            changed = _check(item.edit(**changes))
            inventory = (*portfolio.inventory[:i], changed, *portfolio.inventory[i + 1 :])
            return portfolio.edit(inventory=inventory)
    if portfolio.candidate(candidate_id) is not None:
        raise RuleError(f"{candidate_id!r} is a member's proposal: only they can edit it")
    raise InputError(None, f"unknown candidate {candidate_id!r}")


def remove_candidate(portfolio: Portfolio, candidate_id: str) -> Portfolio:
    """Remove an inventory candidate; refused while votes, decisions or a workshop name it."""
    if not any(c.id == candidate_id for c in portfolio.inventory):
        raise InputError(None, f"unknown inventory candidate {candidate_id!r}")
    if any(r.candidate == candidate_id for r in portfolio.ratings) or any(
        d.candidate == candidate_id and d.count for d in portfolio.dots
    ):
        raise RuleError(f"members have voted on {candidate_id!r}: it cannot be removed")
    if portfolio.link_of(candidate_id) or portfolio.decision_of(candidate_id):
        raise RuleError(f"{candidate_id!r} has a decision or a workshop: it cannot be removed")
    return portfolio.edit(inventory=tuple(c for c in portfolio.inventory if c.id != candidate_id))


# --------------------------------------------------------------------------- the sheet out


def _mark(value: bool | None) -> str:
    return "" if value is None else ("○" if value else "×")


def _months(months: Sequence[int]) -> str:
    return ",".join(str(m) for m in months)


def row_values(candidate: Candidate) -> list[Any]:
    """The candidate's cells in :data:`LAYOUT` order (numbers as numbers, blanks as "")."""
    monthly = candidate.monthly or ()
    values: dict[str, Any] = {
        "id": candidate.id,
        "name": candidate.name,
        "purpose": candidate.purpose,
        "owner": candidate.owner,
        "bureaus": "、".join(candidate.bureaus),
        "shared": _mark(candidate.shared),
        "legal_kind": LEGAL_LABELS.get(candidate.legal_kind, "") if candidate.legal_kind else "",
        "legal_basis": candidate.legal_basis,
        "annual_volume": candidate.annual_volume,
        "normal_volume": candidate.normal_volume,
        "busy_volume": candidate.busy_volume,
        "quiet_volume": candidate.quiet_volume,
        "busy_months": _months(candidate.busy_months),
        "quiet_months": _months(candidate.quiet_months),
        **{f"month{m}": (monthly[m - 1] if monthly else None) for m in range(1, 13)},
        "fte": candidate.fte,
        "minutes": candidate.minutes,
        "routine": {Routine.ROUTINE: "定型", Routine.NON_ROUTINE: "非定型"}.get(
            candidate.routine, ""
        )
        if candidate.routine
        else "",
        "core": {Core.CORE: "コア", Core.NON_CORE: "ノンコア"}.get(candidate.core, "")
        if candidate.core
        else "",
        **{
            name: _mark(True) if medium in candidate.media else ""
            for name, medium in _MEDIA.items()
        },
        "outsourceable": _mark(candidate.outsourceable),
        "digitisable": _mark(candidate.digitisable),
        "note": candidate.note,
        "author": candidate.author,
    }
    return [values[column] for column in LAYOUT]


def _headers() -> list[str]:
    return [COLUMNS[column][0] for column in LAYOUT]


def csv_text(candidates: Iterable[Candidate]) -> str:
    """The inventory as CSV text (no BOM), every text cell safe from formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_headers())
    for candidate in candidates:
        writer.writerow([neutralise("" if v is None else v) for v in row_values(candidate)])
    return buffer.getvalue()


def csv_bytes(candidates: Iterable[Candidate], encoding: str = "utf-8-sig") -> bytes:
    """The CSV as bytes: UTF-8 with a BOM (Excel's CSV UTF-8) or ``cp932``.

    A character cp932 cannot hold is refused with the candidate it is in.
    """
    text = csv_text(candidates)
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        line = text.count("\r\n", 0, exc.start) + 1
        raise InputError(
            None,
            f"row {line}: {text[exc.start]!r} cannot be written in {encoding};"
            " export as UTF-8 instead",
        ) from None


def workbook_bytes(candidates: Iterable[Candidate], title: str = "") -> bytes:
    """The inventory as an ``.xlsx`` workbook with one sheet, :data:`SHEET`."""
    from openpyxl import Workbook

    from cocreate.process.xlsx import Sheet

    book = Workbook()
    first = book.active
    assert first is not None  # a new workbook always has one sheet
    book.remove(first)
    sheet = Sheet(book, SHEET)
    sheet.header(_headers())
    formats = {
        "annual_volume": "#,##0",
        "normal_volume": "#,##0",
        "busy_volume": "#,##0",
        "quiet_volume": "#,##0",
        "fte": "0.00",
        "minutes": "#,##0.0",
    }
    row_formats = [formats.get(column) for column in LAYOUT]
    for candidate in candidates:
        sheet.append(row_values(candidate), row_formats)
    sheet.finish()
    book.properties.title = title or SHEET
    book.properties.creator = "cocreate"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- the sheet in


@dataclass(frozen=True, slots=True)
class InventoryImport:
    """What a sheet holds: its candidates (ids as given, or empty) and the columns ignored."""

    candidates: tuple[Candidate, ...]
    ignored: tuple[str, ...] = ()


class _Cells:
    """One row's cells by our column names, with the file, row and column for errors."""

    def __init__(
        self, path: Path, number: int, cells: Sequence[str], at: dict, names: dict, csv: bool
    ) -> None:
        self.path, self.row, self.cells, self.at, self.names = path, number, cells, at, names
        self.csv = csv

    def fail(self, column: str, message: str) -> InputError:
        from openpyxl.utils import get_column_letter

        where = f"column {get_column_letter(self.at[column] + 1)} ({self.names[column]})"
        return InputError(self.path, message, row=self.row, field=where)

    def text(self, column: str) -> str:
        at: int | None = self.at.get(column)
        if at is None or at >= len(self.cells):
            return ""
        from cocreate.tables import control_character

        value = self.cells[at]
        if self.csv and value.startswith("'") and formula_like(value[1:]):
            # The apostrophe our export put before a formula-like text (Excel hides it).
            value = value[1:]
        found = control_character(value)
        if found is not None:
            raise self.fail(column, f"holds a control character U+{ord(found):04X}; remove it")
        return value

    def number(self, column: str, *, whole: bool) -> float | int | None:
        raw = unicodedata.normalize("NFKC", self.text(column)).replace(",", "").strip()
        raw = re.sub(r"(件|人|分|時間|名)$", "", raw).strip()
        if raw in ("", "-", "—", "―", "ー", "－"):  # a dash is how a sheet says "none"
            return None
        try:
            value = float(raw)
        except ValueError:
            raise self.fail(column, f"not a number: {self.text(column)!r}") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise self.fail(column, f"not a finite number: {self.text(column)!r}")
        if value < 0:
            raise self.fail(column, f"must not be negative: {self.text(column)!r}")
        if whole:
            if not value.is_integer():
                raise self.fail(column, f"must be a whole number, not {self.text(column)!r}")
            if value > 2**53:
                raise self.fail(column, "number is too large")
            return int(value)
        return value

    def flag(self, column: str) -> bool | None:
        raw = unicodedata.normalize("NFKC", self.text(column)).strip().lower()
        if not raw:
            return None
        # NFKC folds ○ and × to themselves, and full-width letters to ASCII.
        if raw in _YES:
            return True
        if raw in _NO:
            return False
        raise self.fail(
            column, f"expected ○ or × (はい/いいえ, 可/不可), not {self.text(column)!r}"
        )

    def choice(self, column: str, choices: dict[str, Any]) -> Any:
        raw = unicodedata.normalize("NFKC", self.text(column)).strip()
        if not raw:
            return None
        for label, value in choices.items():
            if raw == label or raw == value.value:
                return value
        allowed = "、".join(choices)
        raise self.fail(column, f"expected one of {allowed}, not {self.text(column)!r}")

    def months(self, column: str) -> tuple[int, ...]:
        raw = unicodedata.normalize("NFKC", self.text(column)).replace("月", "")
        if not raw.strip():
            return ()
        months: list[int] = []
        for part in re.split(r"[,、・\s]+", raw.strip()):
            if not part:
                continue
            span = re.fullmatch(r"(\d{1,2})\s*[-~〜]\s*(\d{1,2})", part)
            if span:
                first, last = int(span[1]), int(span[2])
                if not (1 <= first <= 12 and 1 <= last <= 12):
                    raise self.fail(column, f"months are 1 to 12, not {self.text(column)!r}")
                month = first
                while True:  # 11-2 runs over the new year: 11, 12, 1, 2
                    months.append(month)
                    if month == last:
                        break
                    month = month % 12 + 1
                continue
            if not part.isdigit() or not 1 <= int(part) <= 12:
                raise self.fail(column, f"months are 1 to 12 (like 7,8 or 7-9), not {part!r}")
            months.append(int(part))
        return tuple(dict.fromkeys(months))


def _is_header(cells: Sequence[str]) -> bool:
    found = {_LOOKUP.get(_key(c)) for c in cells if c}
    return "name" in found


def read_inventory(path: str | Path, *, encoding: str | None = None) -> InventoryImport:
    """Read an inventory sheet (xlsx, CSV UTF-8 with or without BOM, cp932).

    The header is the first of the first ten rows that names a 業務名 column. Rows with
    no name and nothing else are skipped; a row with figures but no name is an error.
    """
    from cocreate.tables import read_table

    table = read_table(path, encoding=encoding, what="an inventory sheet", prefer_sheet=SHEET)
    header_at = table.find_header(_is_header, within=10)
    if header_at is None:
        raise InputError(
            table.path, "no header row with a 業務名 column in the first 10 rows", row=1
        )
    table.check_ragged(header_at)
    _, header = table.rows[header_at]
    at: dict[str, int] = {}
    names: dict[str, str] = {}
    ignored: list[str] = []
    for position, cell in enumerate(header):
        if not cell:
            continue
        column = _LOOKUP.get(_key(cell))
        if column is None:
            ignored.append(cell)
            continue
        if column in at:
            raise InputError(
                table.path,
                f"two columns for the same field: {names[column]!r} and {cell!r}",
                row=table.rows[header_at][0],
            )
        at[column] = position
        names[column] = cell
    candidates: list[Candidate] = []
    seen: dict[str, int] = {}
    for number, cells in table.rows[header_at + 1 :]:
        if not any(cells):
            continue
        row = _Cells(table.path, number, cells, at, names, table.encoding != "xlsx")
        name = one_line(row.text("name"))
        if not name:
            raise InputError(table.path, "the row has no 業務名", row=number)
        candidate_id = row.text("id")
        if candidate_id:
            if not ID_PATTERN.match(candidate_id):
                raise row.fail(
                    "id", f"{candidate_id!r} is not an id (letters, digits, '.', '-', '_')"
                )
            if candidate_id in seen:
                raise row.fail("id", f"{candidate_id!r} is also on row {seen[candidate_id]}")
            seen[candidate_id] = number
        candidates.append(_candidate(row, candidate_id, name))
    return InventoryImport(tuple(candidates), tuple(ignored))


def _candidate(row: _Cells, candidate_id: str, name: str) -> Candidate:
    monthly_values = [row.number(f"month{m}", whole=True) for m in range(1, 13)]
    given = [v for v in monthly_values if v is not None]
    if given and len(given) != 12:
        first_blank = next(m for m, v in enumerate(monthly_values, start=1) if v is None)
        column = f"month{first_blank}"
        if column in row.at:
            raise row.fail(column, "twelve monthly figures, or none: this month is blank")
        raise InputError(
            row.path, f"twelve monthly figures, or none: no {first_blank}月 column", row=row.row
        )
    bureaus = tuple(
        b for b in (one_line(x) for x in re.split(r"[、,，;；/／\n]", row.text("bureaus"))) if b
    )
    media = tuple(medium for column, medium in _MEDIA.items() if row.flag(column))
    return Candidate(
        id=candidate_id,
        name=name,
        purpose=row.text("purpose"),
        owner=one_line(row.text("owner")),
        bureaus=bureaus,
        shared=row.flag("shared"),
        legal_kind=row.choice("legal_kind", _LEGAL),
        legal_basis=one_line(row.text("legal_basis")),
        annual_volume=row.number("annual_volume", whole=True),  # type: ignore[arg-type]
        normal_volume=row.number("normal_volume", whole=True),  # type: ignore[arg-type]
        busy_volume=row.number("busy_volume", whole=True),  # type: ignore[arg-type]
        quiet_volume=row.number("quiet_volume", whole=True),  # type: ignore[arg-type]
        busy_months=row.months("busy_months"),
        quiet_months=row.months("quiet_months"),
        monthly=tuple(int(v) for v in given) if given else (),
        fte=row.number("fte", whole=False),
        minutes=row.number("minutes", whole=False),
        routine=row.choice("routine", _ROUTINE),
        core=row.choice("core", _CORE),
        media=media,
        outsourceable=row.flag("outsourceable"),
        digitisable=row.flag("digitisable"),
        note=row.text("note"),
    )


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The portfolio with the sheet in it, and what happened to the rows."""

    portfolio: Portfolio
    added: int
    updated: int
    skipped: tuple[str, ...] = ()
    """Ids of members' proposals on the sheet (an exported sheet holds them): left as
    they are, since only their author edits them."""


def import_inventory(
    portfolio: Portfolio, imported: InventoryImport, *, replace: bool = False
) -> ImportResult:
    """Put an imported sheet into the inventory.

    A row whose 業務ID is an inventory candidate's replaces its fields; a row with no id,
    or a new one, is added (no id: the next ``cN``); a row with a member's proposal's id
    is skipped. ``replace`` drops the inventory candidates the sheet does not hold
    (refused for one with votes, a decision or a workshop).
    """
    inventory = list(portfolio.inventory)
    positions = {c.id: i for i, c in enumerate(inventory)}
    taken = {c.id for c in portfolio.candidates} | {c.id for c in imported.candidates if c.id}
    added = updated = 0
    kept: set[str] = set()
    skipped: list[str] = []
    for candidate in imported.candidates:
        if not candidate.id:
            candidate = candidate.edit(id=new_id("c", taken))
            taken.add(candidate.id)
        if candidate.id in positions:
            inventory[positions[candidate.id]] = candidate
            updated += 1
        elif portfolio.candidate(candidate.id) is not None:
            skipped.append(candidate.id)
            continue
        else:
            positions[candidate.id] = len(inventory)
            inventory.append(candidate)
            added += 1
        kept.add(candidate.id)
    result = portfolio.edit(inventory=tuple(inventory))
    if replace:
        for candidate in portfolio.inventory:
            if candidate.id not in kept:
                result = remove_candidate(result, candidate.id)
    return ImportResult(result, added, updated, tuple(skipped))
