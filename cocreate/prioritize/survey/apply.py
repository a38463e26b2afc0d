"""Applying a survey's answers: to a workshop in memory, and to the members' files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cocreate.contribute import normalise
from cocreate.errors import RuleError
from cocreate.model import MemberContributions, Workshop

if TYPE_CHECKING:
    from cocreate.prioritize.survey.plan import FormsPlan, MemberAnswers

__all__ = ["apply_answers", "apply_plan"]

_CLOSED = "voting is closed: the survey's ratings and dots cannot be imported"


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
        raise RuleError(_CLOSED)
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

    The workshop is read once (and anonymous respondents are added to it, under its
    lock); then each member's file is read under its own lock, the answers applied to it
    and written atomically, so work saved since the plan was made is kept. Returns the
    member ids written. Refused whole, before anything is written, if voting has closed
    since the plan was made.
    """
    from cocreate import storage

    def ready(current: Workshop) -> Workshop:
        if plan.votes and current.voting.closed:
            raise RuleError(_CLOSED)
        known = {m.id for m in current.members}
        added = tuple(m for m in plan.new_members if m.id not in known)
        return current.edit(members=(*current.members, *added)) if added else current

    if plan.new_members:
        workshop = storage.update_workshop(folder, ready)
    else:
        workshop = ready(storage.load(folder))
    written = []
    for answers in plan.answers:

        def change(
            current: MemberContributions, answers: MemberAnswers = answers
        ) -> MemberContributions:
            mine = workshop.with_contributions(current)
            return apply_answers(mine, answers).contributions_of(answers.member)

        storage.update_member(folder, answers.member, change)
        written.append(answers.member)
    return written
