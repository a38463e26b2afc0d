"""Planning a survey import: every cell checked, every valid answer applied in memory.

Nothing is written here; :func:`cocreate.prioritize.survey.apply.apply_plan` writes the
plan. Respondents are matched to members by email, name or id, or through the mapping
file. Microsoft Forms' anonymous responses (メール ``anonymous`` and no name) are each a
respondent of their own, added as a member ``anon-…`` whose id comes from the response's
ID and times, so the same export imported again counts each response once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cocreate.contribute import normalise
from cocreate.errors import CocreateError, InputError
from cocreate.model import Member, Role, Workshop
from cocreate.prioritize.survey.apply import apply_answers
from cocreate.prioritize.survey.columns import Column, ballot, match_columns
from cocreate.prioritize.survey.read import SurveyTable
from cocreate.prioritize.survey.scales import WordScale, score
from cocreate.tables import control_character

__all__ = ["ANONYMOUS", "FormsPlan", "Issue", "MemberAnswers", "plan_import"]

#: What Microsoft Forms writes in the email column of an anonymous response.
ANONYMOUS = "anonymous"
_RESPONSE_KEYS = {"id", "開始時刻", "完了時刻", "start time", "completion time"}
_RATED = ("effect", "effort", "feasibility")


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

    table: SurveyTable
    answers: tuple[MemberAnswers, ...]
    issues: tuple[Issue, ...]
    notes: tuple[str, ...]
    workshop: Workshop
    """The workshop with every valid answer applied (what ``apply_plan`` will write)."""
    new_members: tuple[Member, ...] = ()
    """Anonymous respondents not yet in the workshop: added by ``apply_plan``."""
    anonymous: int = 0
    """Rows answered anonymously."""

    @property
    def ratings(self) -> int:
        return sum(len(a.ratings) for a in self.answers)

    @property
    def dots(self) -> int:
        return sum(sum(a.dots.values()) for a in self.answers)

    @property
    def problems(self) -> int:
        return sum(len(a.problems) for a in self.answers)

    @property
    def votes(self) -> bool:
        return any(a.ratings or a.dots for a in self.answers)

    def nothing_imported(self) -> str | None:
        """Why this plan would import nothing, or None when it imports something."""
        if self.answers:
            return None
        rows = sum(1 for _, cells in self.table.rows if any(c.strip() for c in cells))
        if not rows:
            return "the file has a header but no answers"
        if self.issues:
            return f"every answer in its {rows} row(s) is invalid (see above)"
        return (
            f"its {rows} row(s) answer none of the questions this import reads (their"
            " rating, dots and problem cells are empty, or already imported)"
        )


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


def _anonymous_member(table: SurveyTable, row: int, cells: Sequence[str]) -> Member:
    """The member an anonymous response becomes: the same for the same response."""
    keys = [i for i, h in enumerate(table.headers) if normalise(h) in _RESPONSE_KEYS]
    values = [cells[i] if i < len(cells) else "" for i in keys]
    basis = "\x1f".join(values) if any(values) else f"{row}\x1f" + "\x1f".join(cells)
    digest = hashlib.sha256(basis.encode("utf-8")).hexdigest()[:10]
    forms_id = next(
        (cells[i] for i in keys if normalise(table.headers[i]) == "id" and i < len(cells)), ""
    )
    label = f"ID {forms_id}" if forms_id else f"行 {row}"
    return Member(f"anon-{digest}", f"匿名の回答者（{label}）", Role.VOLUNTEER)


@dataclass(slots=True)
class _Row:
    """One row's answers as they are read, before they go to the member."""

    effects: dict[str, tuple[int, str]] = field(default_factory=dict)
    efforts: dict[str, tuple[int, str]] = field(default_factory=dict)
    dots: dict[str, int] = field(default_factory=dict)
    broken: set[str | None] = field(default_factory=set)


def _read_cell(
    workshop: Workshop,
    column: Column,
    value: str,
    scales: tuple[Mapping[str, int], WordScale],
    at: tuple[Path, int],
    row: _Row,
    issues: list[Issue],
) -> None:
    """Put one rating, dots or ballot cell into ``row``, or an Issue into ``issues``."""
    from cocreate.prioritize.voting import SCALE

    path, number = at
    mapping, words = scales
    if column.kind in (*_RATED, "dots"):
        rated = column.kind != "dots"
        allowed = SCALE if rated else range(0, workshop.voting.cap_per_idea + 1)
        try:
            n = score(value, mapping, words if rated else None, allowed)
        except ValueError as exc:
            what = "dots" if column.kind == "dots" else f"{column.kind} rating"
            issues.append(Issue(path, number, column.header, f"invalid {what}: {exc}"))
            row.broken.add(column.idea)
            return
        if column.kind == "effect":
            row.effects[column.idea or ""] = (n, column.header)
        elif column.kind == "effort":
            row.efforts[column.idea or ""] = (n, column.header)
        elif column.kind == "feasibility":
            # Feasible is the opposite of effort: 5 (very feasible) is an effort of 1.
            row.efforts[column.idea or ""] = (6 - n, column.header)
        else:
            row.dots[column.idea or ""] = row.dots.get(column.idea or "", 0) + n
    elif column.kind == "ballot":
        chosen, unknown = ballot(workshop, value)
        for item in unknown:
            issues.append(
                Issue(
                    path,
                    number,
                    column.header,
                    f"{item!r} in the ballot is not an idea of this workshop",
                )
            )
        for idea in chosen:
            row.dots[idea] = row.dots.get(idea, 0) + 1


def _finish_row(
    workshop: Workshop, row: _Row, mine: MemberAnswers, at: tuple[Path, int], issues: list[Issue]
) -> None:
    """Pair effects with efforts and check the row's dots against the rules."""
    path, number = at
    for idea in sorted(row.effects.keys() | row.efforts.keys()):
        if idea in row.effects and idea in row.efforts:
            mine.ratings[idea] = (row.effects[idea][0], row.efforts[idea][0])
        elif idea not in row.broken:
            given, missing = (
                (row.effects, "effort") if idea in row.effects else (row.efforts, "effect")
            )
            issues.append(
                Issue(
                    path,
                    number,
                    given[idea][1],
                    f"rates {idea} but its {missing} is not answered; a rating needs both",
                )
            )
    if not row.dots:
        return
    cap = workshop.voting.cap_per_idea
    budget = workshop.voting.dots_per_member
    over_cap = [i for i, n in row.dots.items() if n > cap]
    total = sum(row.dots.values())
    if over_cap:
        message = f"{row.dots[over_cap[0]]} dots on {over_cap[0]}, over the cap of {cap}"
        issues.append(Issue(path, number, "", message))
    elif total > budget:
        message = (
            f"{total} dots in all, over the budget of {budget} per member; none of this"
            " row's dots imported"
        )
        issues.append(Issue(path, number, "", message))
    else:
        # The survey row is the member's whole ballot of dots: it replaces theirs.
        mine.dots = dict(row.dots)


def plan_import(
    workshop: Workshop,
    table: SurveyTable,
    mapping: Mapping[str, Any] | None = None,
) -> FormsPlan:
    """Check every cell of ``table`` and apply the valid answers to ``workshop`` in memory.

    Invalid cells become :class:`Issue` entries (one per cell, with its row) and are
    left out of the result; rows of unknown respondents are left out entirely.
    """
    for key, member_id in (mapping or {}).get("respondents", {}).items():
        if workshop.member(member_id) is None:
            raise InputError(
                table.path,
                f"the mapping sends respondent {key!r} to {member_id!r}, who is not a member",
            )
    columns, notes = match_columns(workshop, table, mapping)
    rated = [c for c in columns if c.kind in _RATED]
    words = WordScale.from_answers(
        cells[c.index] for _, cells in table.rows for c in rated if c.index < len(cells)
    )
    scales = ((mapping or {}).get("scale", {}), words)
    people = _respondents(workshop, mapping)
    who = [c for c in columns if c.kind in ("email", "name")]
    issues: list[Issue] = []
    answers: dict[str, MemberAnswers] = {}
    new_members: dict[str, Member] = {}
    anonymous = 0
    path = table.path

    for number, cells in table.rows:
        if not any(c.strip() for c in cells):
            continue

        def cell(column: Column, cells: Sequence[str] = cells) -> str:
            return cells[column.index].strip() if column.index < len(cells) else ""

        given = [cell(c) for c in who if cell(c)]
        member = None
        for value in given:
            member = people.get(value.casefold()) or people.get(normalise(value).replace(" ", ""))
            if member is not None:
                break
        if member is None and given and all(v.casefold() == ANONYMOUS for v in given):
            anonymous += 1
            stranger = _anonymous_member(table, number, cells)
            member = stranger.id
            if workshop.member(member) is None:
                new_members[member] = stranger
        if member is None:
            shown = " / ".join(repr(v) for v in given) or "no email or name"
            issues.append(
                Issue(
                    path,
                    number,
                    "",
                    f"unknown respondent {shown}: not a member of"
                    " this workshop (add them, or map them in a mapping file)",
                )
            )
            continue
        mine = answers.setdefault(member, MemberAnswers(member))
        row = _Row()
        for column in columns:
            value = cell(column)
            if not value or column.kind in ("email", "name", "ignore"):
                continue
            bad = control_character(value)
            if bad is not None:
                issues.append(
                    Issue(
                        path,
                        number,
                        column.header,
                        f"control character U+{ord(bad):04X} in {value[:60]!r}; remove it",
                    )
                )
                row.broken.add(column.idea)
                continue
            if column.kind == "problem":
                # Importing the same export twice must not add the same problem twice.
                have = {normalise(text) for text, _ in mine.problems} | {
                    normalise(p.text) for p in workshop.contributions_of(member).problems
                }
                if normalise(value) not in have:
                    mine.problems.append((value, column.steps))
                continue
            _read_cell(workshop, column, value, scales, (path, number), row, issues)
        _finish_row(workshop, row, mine, (path, number), issues)

    result = workshop.edit(members=(*workshop.members, *new_members.values()))
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
    kept = {a.member for a in done}
    return FormsPlan(
        table,
        tuple(done),
        tuple(issues),
        tuple(notes),
        result,
        new_members=tuple(m for m in new_members.values() if m.id in kept),
        anonymous=anonymous,
    )
