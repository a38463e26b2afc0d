"""What each column of a survey export holds: respondent, rating, dots, ballot or problem.

A column names an idea by its id (``効果 [watanabe.i1]``), by its title in brackets
(Google Forms grids: ``効果 [申請様式を統一する]``), after the question and a dot
(Microsoft Forms Likert: ``効果.申請様式を統一する``, a title cut with ``…`` too), or by a
title anywhere in the header (``「申請様式を統一する」の効果``). What it asks comes
from a keyword in the rest of the header, once the idea's title is taken out (so an idea
called 手間を減らす… can still be rated for its effect).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cocreate.contribute import normalise
from cocreate.errors import InputError
from cocreate.model import Workshop
from cocreate.prioritize.survey.read import SurveyTable

__all__ = ["KEYWORDS", "PROBLEM_KEYWORDS", "Column", "ballot", "match_columns"]

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
#: Column kind -> the words in a header that ask for it. Feasibility (実現性) is the
#: opposite of effort: a feasibility of 5 is an effort of 1.
KEYWORDS = {
    "effect": ("効果", "effect", "impact", "インパクト"),
    "effort": (
        "手間",
        "労力",
        "難易度",
        "実現の難しさ",
        "負担",
        "工数",
        "コスト",
        "effort",
        "difficulty",
        "cost",
    ),
    "feasibility": (
        "実現性",
        "実現可能性",
        "実現のしやすさ",
        "実行可能性",
        "やりやすさ",
        "feasibility",
    ),
    "dots": ("ドット", "投票", "dots", "dot", "votes", "vote"),
}
PROBLEM_KEYWORDS = (
    "困りごと",
    "困っていること",
    "困っている",
    "問題",
    "課題",
    "不便",
    "problem",
    "pain",
)
_BRACKETS = re.compile(r"[\[［]([^\]］]*)[\]］]")
_CUT = ("...", "…")


@dataclass(frozen=True, slots=True)
class Column:
    """What one column of the export holds."""

    index: int
    header: str
    kind: str
    """One of :data:`cocreate.prioritize.survey.read.KINDS`."""
    idea: str | None = None
    steps: tuple[str, ...] = ()


def _titles(workshop: Workshop) -> dict[str, str]:
    return {normalise(i.title): i.id for i in workshop.ideas if normalise(i.title)}


def find_idea(workshop: Workshop, header: str) -> tuple[str | None, str]:
    """The idea a header names, and the header with that name taken out."""
    key = normalise(header)
    for idea in workshop.ideas:
        found = re.search(rf"(?<![\w.]){re.escape(idea.id.casefold())}(?![\w])", key)
        if found:
            return idea.id, key[: found.start()] + key[found.end() :]
    titles = _titles(workshop)
    for inside in _BRACKETS.finditer(key):
        named = titles.get(normalise(inside[1]))
        if named is not None:
            return named, key[: inside.start()] + key[inside.end() :]
    question, dot, statement = key.partition(".")
    if dot and _kind_of(question) is not None:
        statement = statement.strip()
        if statement in titles:
            return titles[statement], question
        if statement.endswith(_CUT):
            stem = statement.rstrip(".…").strip()
            starting = [i for t, i in titles.items() if stem and t.startswith(stem)]
            if len(starting) == 1:
                return starting[0], question
    best: tuple[int, str, str] | None = None
    for title, idea_id in titles.items():
        if title in key and (best is None or len(title) > best[0]):
            best = (len(title), idea_id, key.replace(title, " ", 1))
    return (best[1], best[2]) if best else (None, key)


def _find_steps(workshop: Workshop, header: str) -> tuple[str, ...]:
    found = []
    inside = [normalise(m) for m in _BRACKETS.findall(header)]
    for step in workshop.steps:
        by_id = re.search(rf"(?<![\w.]){re.escape(step.id)}(?![\w])", header)
        if by_id or normalise(step.name) in inside:
            found.append(step.id)
    return tuple(found)


def _kind_of(text: str) -> str | None:
    hits = [kind for kind, words in KEYWORDS.items() if any(w in text for w in words)]
    return hits[0] if len(hits) == 1 else None


_BALLOT_SEPARATORS = re.compile(r"\s*(?:;|,|\n)\s*")


def ballot(workshop: Workshop, cell: str) -> tuple[list[str], list[str]]:
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


def _mapped(
    workshop: Workshop, table: SurveyTable, mapping: Mapping[str, Any] | None
) -> dict[str, dict[str, Any]]:
    mapped = {normalise(k): v for k, v in (mapping or {}).get("columns", {}).items()}
    headers = {normalise(h) for h in table.headers}
    ideas = {i.id for i in workshop.ideas}
    steps = {s.id for s in workshop.steps}
    for key, spec in mapped.items():
        if key not in headers:
            raise InputError(
                table.path, f"the mapping names column {key!r}, which the file does not have"
            )
        if spec.get("idea") is not None and spec["idea"] not in ideas:
            raise InputError(
                table.path, f"mapping for column {key!r}: unknown idea {spec['idea']!r}"
            )
        for ref in spec.get("steps", []):
            if ref not in steps:
                raise InputError(table.path, f"mapping for column {key!r}: unknown step {ref!r}")
    return mapped


def _guess(workshop: Workshop, index: int, header: str, notes: list[str]) -> Column:
    key = normalise(header)
    if not key or key in _IGNORED_HEADERS or key.startswith(_IGNORED_PREFIXES):
        return Column(index, header, "ignore")
    if key in _EMAIL_HEADERS:
        return Column(index, header, "email")
    if key in _NAME_HEADERS:
        return Column(index, header, "name")
    idea, rest = find_idea(workshop, header)
    if idea is not None:
        kind = _kind_of(rest)
        if kind is not None:
            return Column(index, header, kind, idea)
        notes.append(
            f"column {index + 1} {header!r} names idea {idea} but not whether it"
            " rates effect, effort or dots; ignored (map it in a mapping file)"
        )
        return Column(index, header, "ignore")
    if _kind_of(key) == "dots":
        # "Which ideas get your dots?" as a checkbox question: the cell lists ideas.
        return Column(index, header, "ballot")
    if any(word in key for word in PROBLEM_KEYWORDS):
        return Column(index, header, "problem", None, _find_steps(workshop, header))
    notes.append(
        f"column {index + 1} {header!r} is not a known question; ignored (map it in a mapping file)"
    )
    return Column(index, header, "ignore")


def match_columns(
    workshop: Workshop, table: SurveyTable, mapping: Mapping[str, Any] | None = None
) -> tuple[list[Column], list[str]]:
    """Decide what each column holds; return the columns and notes on ignored ones.

    A mapping entry (matched on the normalised header) wins over guessing. Raises
    InputError when the mapping names a column the file does not have or an unknown
    idea or step, when no column identifies the respondent, and when no column is a
    question this import knows.
    """
    mapped = _mapped(workshop, table, mapping)
    columns: list[Column] = []
    notes: list[str] = []
    for index, header in enumerate(table.headers):
        spec = mapped.get(normalise(header))
        if spec is not None:
            steps = tuple(spec.get("steps", []))
            columns.append(Column(index, header, spec["kind"], spec.get("idea"), steps))
        else:
            columns.append(_guess(workshop, index, header, notes))
    if not any(c.kind in ("email", "name") for c in columns):
        raise InputError(
            table.path,
            "no column identifies the respondent (an email or name"
            ' column); map one with {"kind": "email"} in a mapping file',
        )
    if not any(c.kind not in ("email", "name", "ignore") for c in columns):
        raise InputError(
            table.path,
            f"none of the {len(columns)} columns is a question this import knows (effect,"
            " effort, dots or problems, by a keyword and an idea's id or title); nothing to"
            " import: name them in a mapping file",
        )
    return columns, notes
