"""Survey import: ratings, dots and problems from Microsoft Forms and Google Forms exports.

Both services export one row per respondent and one column per question: CSV (UTF-8
with a BOM as downloaded, or cp932 once it has been opened and saved by Japanese Excel)
or XLSX. Importing works in two steps, so that nothing is written from a bad file:

1. :func:`plan_import` reads the table, matches respondents to members and columns to
   questions, checks every cell and applies the answers to the workshop in memory. It
   returns a :class:`FormsPlan` listing every invalid cell, one per line with its row.
2. :func:`apply_plan` writes each respondent's answers into that member's own file, under
   its lock; the CLI only calls it when the plan has no issue, or with ``--skip-invalid``
   (then invalid cells, and rows of unknown respondents, are left out).

**Respondents** are matched by email (case-insensitive) first, then by name (NFKC,
spaces ignored) or member id, then through the mapping file's ``respondents``. An
unknown respondent is an invalid row: nobody is added to the workshop from a survey.
When one member answered twice, the later row wins, as in the forms themselves.

**Columns** are matched by their header. Metadata columns (ID, times, points) are
ignored. A question column refers to an idea by its id (``効果 [watanabe.i1]``) or by
its title (Google Forms grid questions export ``Question [row title]``), and its kind
comes from a keyword: effect (効果, effect, impact), effort (手間, 労力, 難易度, effort),
dots (ドット, 投票, dots, votes). A dots column naming no idea is a checkbox *ballot*:
each idea its cell lists gets one dot. A problem column (困りごと, 問題, problem) makes
each non-empty cell a problem, at the step named in the header if any. Anything else is
reported as an ignored column; a JSON mapping file names what cannot be guessed::

    {
      "columns": {
        "Q1": {"kind": "effect", "idea": "watanabe.i1"},
        "Q2": {"kind": "effort", "idea": "watanabe.i1"},
        "業務で困っていること": {"kind": "problem", "steps": ["s02"]},
        "備考": {"kind": "ignore"}
      },
      "respondents": {"guest@example.com": "sato"},
      "scale": {"とても大きい": 5, "大きい": 4, "普通": 3, "小さい": 2, "とても小さい": 1}
    }
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cocreate.contribute import normalise
from cocreate.errors import CocreateError, InputError, RuleError
from cocreate.model import Workshop

__all__ = [
    "KINDS",
    "Column",
    "FormsPlan",
    "Issue",
    "MemberAnswers",
    "Table",
    "apply_answers",
    "apply_plan",
    "load_mapping",
    "match_columns",
    "plan_import",
    "read_table",
]

#: What a column can hold.
KINDS = ("email", "name", "effect", "effort", "dots", "ballot", "problem", "ignore")

_EMAIL_HEADERS = {
    "email",
    "e-mail",
    "email address",
    "メール",
    "メールアドレス",
    "電子メール",
    "電子メール アドレス",
    "メール アドレス",
    "username",
    "ユーザー名",
}
_NAME_HEADERS = {"name", "full name", "your name", "名前", "氏名", "お名前", "回答者"}
# Metadata of Microsoft Forms (ID, 開始時刻, 完了時刻, 最終変更時刻) and Google Forms
# (タイムスタンプ, スコア), and quiz columns: never questions.
_IGNORED_HEADERS = {
    "id",
    "start time",
    "completion time",
    "last modified time",
    "timestamp",
    "開始時刻",
    "完了時刻",
    "最終変更時刻",
    "タイムスタンプ",
    "score",
    "スコア",
    "total points",
    "合計点",
    "quiz feedback",
    "クイズのフィードバック",
}
_IGNORED_PREFIXES = ("points - ", "feedback - ", "ポイント - ", "フィードバック - ")
_KEYWORDS = {
    "effect": ("効果", "effect", "impact", "インパクト"),
    "effort": ("手間", "労力", "難易度", "実現の難しさ", "effort", "difficulty"),
    "dots": ("ドット", "投票", "dots", "dot", "votes", "vote"),
}
_PROBLEM_KEYWORDS = ("困りごと", "困っていること", "困っている", "問題", "problem", "pain")
_BRACKETS = re.compile(r"[\[［]([^\]］]*)[\]］]")
# "4", "4 - 大きい", "4（大きい）", "4: high"; never "4.5" or "45".
_LEADING_INT = re.compile(r"^(\d+)(?:\.0+)?(?:\s*(?:[-–—:(]).*|\s+\D.*)?$", re.DOTALL)


# =========================================================================== reading


@dataclass(frozen=True, slots=True)
class Table:
    """A survey export as text: the header row and each data row with its row number."""

    path: Path
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    """(row number as a spreadsheet shows it, header = 1; cells as text)."""
    encoding: str = ""


def read_table(path: str | Path, encoding: str | None = None) -> Table:
    """Read a Forms export: ``.csv`` (UTF-8 with or without BOM, cp932, UTF-16) or ``.xlsx``.

    Raises InputError naming the file for anything unreadable.
    """
    from cocreate.storage import MAX_FILE_BYTES

    source = Path(path)
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if source.is_dir():
        raise InputError(source, "is a folder, not a survey export")
    if size > MAX_FILE_BYTES:
        raise InputError(source, f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}")
    suffix = source.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(source)
    if suffix in (".xls", ".xlsm", ".ods"):
        raise InputError(source, f"{suffix} files are not read; save it as .xlsx or CSV")
    return _read_csv(source, encoding)


def _decode(source: Path, raw: bytes, encoding: str | None) -> tuple[str, str]:
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except LookupError:
            raise InputError(None, f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise InputError(
                source, f"not {encoding} (byte 0x{raw[exc.start]:02x})", line=line
            ) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp932"), "cp932"
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(
            source, "neither UTF-8 nor Shift_JIS (cp932); give --encoding", line=line
        ) from None


def _read_csv(source: Path, encoding: str | None) -> Table:
    raw = source.read_bytes()
    try:
        text, used = _decode(source, raw, encoding)
    except UnicodeDecodeError as exc:  # a BOM that lies
        raise InputError(source, f"cannot decode: {exc.reason}") from None
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[tuple[int, tuple[str, ...]]] = []
    headers: tuple[str, ...] = ()
    try:
        for index, record in enumerate(reader, start=1):
            if index == 1:
                headers = tuple(cell.strip() for cell in record)
                continue
            rows.append((index, tuple(record)))
    except csv.Error as exc:
        raise InputError(source, f"CSV syntax error: {exc}", row=reader.line_num) from None
    if not headers or not any(headers):
        raise InputError(source, "empty file: no header row")
    return Table(source, headers, tuple(rows), used)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _read_xlsx(source: Path) -> Table:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(source, f"not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        sheet = book.worksheets[0]
        headers: tuple[str, ...] = ()
        rows: list[tuple[int, tuple[str, ...]]] = []
        for index, record in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = tuple(_cell_text(v) for v in record)
            if index == 1:
                headers = tuple(c.strip() for c in cells)
                continue
            rows.append((index, cells))
    finally:
        book.close()
    while headers and not headers[-1]:
        headers = headers[:-1]
    if not headers:
        raise InputError(source, "empty sheet: no header row")
    return Table(source, headers, tuple(rows), "xlsx")


def load_mapping(path: str | Path) -> dict[str, Any]:
    """Read and check a JSON mapping file (see the module docstring for its shape)."""
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
        if spec["kind"] in ("effect", "effort", "dots") and not isinstance(spec.get("idea"), str):
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


# =========================================================================== columns


@dataclass(frozen=True, slots=True)
class Column:
    """What one column of the export holds."""

    index: int
    header: str
    kind: str
    """One of :data:`KINDS`."""
    idea: str | None = None
    steps: tuple[str, ...] = ()


def _find_idea(workshop: Workshop, header: str) -> str | None:
    for idea in workshop.ideas:
        if re.search(rf"(?<![\w.]){re.escape(idea.id)}(?![\w])", header):
            return idea.id
    wanted = [normalise(m) for m in _BRACKETS.findall(header)]
    whole = normalise(header)
    best: tuple[int, str] | None = None
    for idea in workshop.ideas:
        title = normalise(idea.title)
        if not title:
            continue
        if title in wanted:
            return idea.id
        if title in whole and (best is None or len(title) > best[0]):
            best = (len(title), idea.id)
    return best[1] if best else None


def _find_steps(workshop: Workshop, header: str) -> tuple[str, ...]:
    found = []
    inside = [normalise(m) for m in _BRACKETS.findall(header)]
    for step in workshop.steps:
        by_id = re.search(rf"(?<![\w.]){re.escape(step.id)}(?![\w])", header)
        if by_id or normalise(step.name) in inside:
            found.append(step.id)
    return tuple(found)


_BALLOT_SEPARATORS = re.compile(r"\s*(?:;|,|\n)\s*")


def _ballot(workshop: Workshop, cell: str) -> tuple[list[str], list[str]]:
    """The ideas a checkbox answer lists, and the items that are no idea.

    Microsoft Forms joins choices with ``;``, Google Forms with ``, ``; a title may
    itself hold a comma, so at each place the longest idea title (or id) that ends at a
    separator wins, and only text matching no idea is split at the next separator.
    """
    labels: dict[str, str] = {}
    for idea in workshop.ideas:
        labels[idea.id.casefold()] = idea.id
        if normalise(idea.title):
            labels[normalise(idea.title)] = idea.id
    text = normalise(cell)
    chosen: list[str] = []
    unknown: list[str] = []
    at = 0
    while at < len(text):
        gap = _BALLOT_SEPARATORS.match(text, at)
        if gap is not None:
            at = gap.end()
            continue
        best = None
        for label, idea_id in labels.items():
            end = at + len(label)
            whole = end == len(text) or _BALLOT_SEPARATORS.match(text, end) is not None
            if text.startswith(label, at) and whole:
                if best is None or len(label) > len(best[0]):
                    best = (label, idea_id)
        if best is not None:
            chosen.append(best[1])
            at += len(best[0])
            continue
        stop = _BALLOT_SEPARATORS.search(text, at)
        end = stop.start() if stop else len(text)
        unknown.append(text[at:end])
        at = end
    return chosen, unknown


def _kind_of(text: str) -> str | None:
    hits = [kind for kind, words in _KEYWORDS.items() if any(w in text for w in words)]
    return hits[0] if len(hits) == 1 else None


def match_columns(
    workshop: Workshop, table: Table, mapping: Mapping[str, Any] | None = None
) -> tuple[list[Column], list[str]]:
    """Decide what each column holds; return the columns and notes on ignored ones.

    A mapping entry (matched on the normalised header) wins over guessing. Raises
    InputError when the mapping names a column the file does not have or an unknown
    idea or step, and when no column identifies the respondent.
    """
    mapped = {normalise(k): v for k, v in (mapping or {}).get("columns", {}).items()}
    headers = {normalise(h) for h in table.headers}
    for key in mapped:
        if key not in headers:
            raise InputError(
                table.path, f"the mapping names column {key!r}, which the file does not have"
            )
    ideas = {i.id for i in workshop.ideas}
    steps = {s.id for s in workshop.steps}
    columns: list[Column] = []
    notes: list[str] = []
    for index, header in enumerate(table.headers):
        key = normalise(header)
        if key in mapped:
            spec = mapped[key]
            if spec.get("idea") is not None and spec["idea"] not in ideas:
                raise InputError(
                    table.path, f"mapping for column {header!r}: unknown idea {spec['idea']!r}"
                )
            for ref in spec.get("steps", []):
                if ref not in steps:
                    raise InputError(
                        table.path, f"mapping for column {header!r}: unknown step {ref!r}"
                    )
            columns.append(
                Column(index, header, spec["kind"], spec.get("idea"), tuple(spec.get("steps", [])))
            )
            continue
        if not key or key in _IGNORED_HEADERS or key.startswith(_IGNORED_PREFIXES):
            columns.append(Column(index, header, "ignore"))
            continue
        if key in _EMAIL_HEADERS:
            columns.append(Column(index, header, "email"))
            continue
        if key in _NAME_HEADERS:
            columns.append(Column(index, header, "name"))
            continue
        idea = _find_idea(workshop, header)
        if idea is not None:
            kind = _kind_of(key)
            if kind is not None:
                columns.append(Column(index, header, kind, idea))
                continue
            notes.append(
                f"column {index + 1} {header!r} names idea {idea} but not whether it"
                " rates effect, effort or dots; ignored (map it in a mapping file)"
            )
            columns.append(Column(index, header, "ignore"))
            continue
        if _kind_of(key) == "dots":
            # "Which ideas get your dots?" as a checkbox question: the cell lists ideas.
            columns.append(Column(index, header, "ballot"))
            continue
        if any(word in key for word in _PROBLEM_KEYWORDS):
            columns.append(Column(index, header, "problem", None, _find_steps(workshop, header)))
            continue
        notes.append(
            f"column {index + 1} {header!r} is not a known question; ignored (map it"
            " in a mapping file)"
        )
        columns.append(Column(index, header, "ignore"))
    if not any(c.kind in ("email", "name") for c in columns):
        raise InputError(
            table.path,
            "no column identifies the respondent (an email or name"
            ' column); map one with {"kind": "email"} in a mapping file',
        )
    return columns, notes


# =========================================================================== planning


@dataclass(frozen=True, slots=True)
class Issue:
    """One invalid cell or row, with where it is."""

    path: Path
    row: int | None
    """Spreadsheet row (header = 1); None for an issue about the file as a whole."""
    column: str
    message: str

    def format(self) -> str:
        return InputError(self.path, self.message, row=self.row, field=self.column or None).format()


@dataclass(slots=True)
class MemberAnswers:
    """What one respondent answered: applied to their own file only."""

    member: str
    ratings: dict[str, tuple[int, int]] = field(default_factory=dict)
    dots: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FormsPlan:
    """The outcome of reading a survey, before anything is written."""

    table: Table
    answers: tuple[MemberAnswers, ...]
    issues: tuple[Issue, ...]
    notes: tuple[str, ...]
    workshop: Workshop
    """The workshop with every valid answer applied (what :func:`apply_plan` will write)."""

    @property
    def ratings(self) -> int:
        return sum(len(a.ratings) for a in self.answers)

    @property
    def dots(self) -> int:
        return sum(sum(a.dots.values()) for a in self.answers)

    @property
    def problems(self) -> int:
        return sum(len(a.problems) for a in self.answers)


def _respondents(workshop: Workshop, mapping: Mapping[str, Any] | None) -> dict[str, str]:
    index: dict[str, str] = {}
    for member in workshop.members:
        index[member.id.casefold()] = member.id
        index[normalise(member.name).replace(" ", "")] = member.id
    for member in workshop.members:  # emails last: they win over a clashing name
        if member.email:
            index[member.email.strip().casefold()] = member.id
    for key, member_id in (mapping or {}).get("respondents", {}).items():
        index[normalise(key).replace(" ", "")] = member_id
        index[key.strip().casefold()] = member_id
    return index


def _score(text: str, scale: Mapping[str, int], allowed: range) -> int:
    key = normalise(text)
    for label, value in scale.items():
        if normalise(label) == key:
            if value not in allowed:
                raise ValueError(
                    f"the mapping's scale gives {value}, outside {allowed.start}-{allowed.stop - 1}"
                )
            return value
    match = _LEADING_INT.match(key)
    if match is None:
        raise ValueError(f"{text!r} is not a whole number")
    value = int(match[1])
    if value not in allowed:
        raise ValueError(f"{value} is outside {allowed.start}-{allowed.stop - 1}")
    return value


def plan_import(
    workshop: Workshop,
    table: Table,
    mapping: Mapping[str, Any] | None = None,
) -> FormsPlan:
    """Check every cell of ``table`` and apply the valid answers to ``workshop`` in memory.

    Invalid cells become :class:`Issue` entries (one per cell, with its row) and are
    left out of the result; rows of unknown respondents are left out entirely.
    """
    from cocreate.prioritize.voting import SCALE

    columns, notes = match_columns(workshop, table, mapping)
    for key, member_id in (mapping or {}).get("respondents", {}).items():
        if workshop.member(member_id) is None:
            raise InputError(
                table.path,
                f"the mapping sends respondent {key!r} to {member_id!r}, who is not a member",
            )
    scale = (mapping or {}).get("scale", {})
    people = _respondents(workshop, mapping)
    issues: list[Issue] = []
    answers: dict[str, MemberAnswers] = {}
    cap = workshop.voting.cap_per_idea
    path = table.path

    for row, cells in table.rows:

        def cell(column: Column, cells: Sequence[str] = cells) -> str:
            return cells[column.index].strip() if column.index < len(cells) else ""

        if not any(c.strip() for c in cells):
            continue
        member = None
        tried = []
        for column in columns:
            if column.kind in ("email", "name") and cell(column):
                value = cell(column)
                tried.append(value)
                member = people.get(value.casefold()) or people.get(
                    normalise(value).replace(" ", "")
                )
                if member is not None:
                    break
        if member is None:
            who = " / ".join(repr(v) for v in tried) or "no email or name"
            issues.append(
                Issue(
                    path,
                    row,
                    "",
                    f"unknown respondent {who}: not a member of"
                    " this workshop (add them, or map them in a mapping file)",
                )
            )
            continue
        mine = answers.setdefault(member, MemberAnswers(member))
        effects: dict[str, tuple[int, str]] = {}
        efforts: dict[str, tuple[int, str]] = {}
        row_dots: dict[str, int] = {}
        broken: set[str | None] = set()  # ideas with an invalid cell: reported once
        for column in columns:
            value = cell(column)
            if column.kind in ("effect", "effort", "dots") and value:
                allowed = SCALE if column.kind != "dots" else range(0, cap + 1)
                try:
                    number = _score(value, scale, allowed)
                except ValueError as exc:
                    what = "dots" if column.kind == "dots" else f"{column.kind} rating"
                    issues.append(Issue(path, row, column.header, f"invalid {what}: {exc}"))
                    broken.add(column.idea)
                    continue
                target = {"effect": effects, "effort": efforts}.get(column.kind)
                if target is not None:
                    target[column.idea] = (number, column.header)
                else:
                    row_dots[column.idea] = row_dots.get(column.idea, 0) + number
            elif column.kind == "ballot" and value:
                chosen, unknown = _ballot(workshop, value)
                for item in unknown:
                    issues.append(
                        Issue(
                            path,
                            row,
                            column.header,
                            f"{item!r} in the ballot is not an idea of this workshop",
                        )
                    )
                for idea in chosen:
                    row_dots[idea] = row_dots.get(idea, 0) + 1
            elif column.kind == "problem" and value:
                # Importing the same export twice must not add the same problem twice.
                given = {normalise(text) for text, _ in mine.problems} | {
                    normalise(p.text) for p in workshop.contributions_of(member).problems
                }
                if normalise(value) not in given:
                    mine.problems.append((value, column.steps))
        for idea in sorted(effects.keys() | efforts.keys()):
            if idea in effects and idea in efforts:
                mine.ratings[idea] = (effects[idea][0], efforts[idea][0])
            elif idea not in broken:
                given, missing = (effects, "effort") if idea in effects else (efforts, "effect")
                issues.append(
                    Issue(
                        path,
                        row,
                        given[idea][1],
                        f"rates {idea} but its {missing} is not answered; a rating needs both",
                    )
                )
        if row_dots:
            budget = workshop.voting.dots_per_member
            over_cap = [i for i, n in row_dots.items() if n > cap]
            total = sum(row_dots.values())
            if over_cap:
                issues.append(
                    Issue(
                        path,
                        row,
                        "",
                        f"{row_dots[over_cap[0]]} dots on {over_cap[0]}, over the cap of {cap}",
                    )
                )
            elif total > budget:
                issues.append(
                    Issue(
                        path,
                        row,
                        "",
                        f"{total} dots in all, over the budget of"
                        f" {budget} per member; none of this row's dots imported",
                    )
                )
            else:
                # The survey row is the member's whole ballot of dots: it replaces theirs.
                mine.dots = dict(row_dots)

    result = workshop
    done: list[MemberAnswers] = []
    for mine in answers.values():
        try:
            result = apply_answers(result, mine)
        except CocreateError as exc:
            issues.append(Issue(path, None, "", f"answers of {mine.member}: {exc}"))
            continue
        if mine.ratings or mine.dots or mine.problems:
            done.append(mine)
    issues.sort(key=lambda issue: issue.row or 0)
    return FormsPlan(table, tuple(done), tuple(issues), tuple(notes), result)


def apply_answers(workshop: Workshop, answers: MemberAnswers) -> Workshop:
    """Apply one respondent's answers to the workshop, obeying the voting rules.

    Ratings replace that member's rating of the same idea; dots replace all of the
    member's dots (a survey is a whole ballot); a problem whose text the member has
    already given (after normalising) is not added twice, so importing the same file
    again changes nothing.
    """
    from cocreate.contribute import add_problem
    from cocreate.prioritize.voting import place_dots, rate

    if (answers.ratings or answers.dots) and workshop.voting.closed:
        raise RuleError("voting is closed: the survey's ratings and dots cannot be imported")
    result = workshop
    for idea, (effect, effort) in answers.ratings.items():
        result = rate(result, answers.member, idea, effect, effort)
    if answers.dots:
        for dot in result.contributions_of(answers.member).dots:
            result = place_dots(result, answers.member, dot.idea, 0)
        for idea, count in answers.dots.items():
            result = place_dots(result, answers.member, idea, count)
    have = {normalise(p.text) for p in result.contributions_of(answers.member).problems}
    for text, steps in answers.problems:
        if normalise(text) in have:
            continue
        result, _ = add_problem(result, answers.member, text, steps, allow_duplicate=True)
        have.add(normalise(text))
    return result


def apply_plan(folder: str | Path, plan: FormsPlan) -> list[str]:
    """Write each respondent's answers to their own file (locked read-modify-write).

    Answers are re-applied to each member's file as it is on disk at that moment, so
    work saved since the plan was made is kept. Returns the member ids written.
    """
    from cocreate import storage

    written = []
    for answers in plan.answers:

        def change(current, answers: MemberAnswers = answers):
            workshop = storage.load(folder).with_contributions(current)
            return apply_answers(workshop, answers).contributions_of(answers.member)

        storage.update_member(folder, answers.member, change)
        written.append(answers.member)
    return written
