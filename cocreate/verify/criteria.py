"""Rollout criteria (横展開の判断基準) linked to KPIs, so each can be judged from measurements.

A criterion is a sentence the group agreed (``差戻し率が10%以下になっている``) plus the
conditions that decide it: a KPI and the value it must reach, in the KPI's direction (at
most for a lower-is-better KPI, at least otherwise); no value means the KPI's target.

Plans written before criteria could be linked hold them as free text
(``Pilot.rollout_criteria``). They still load, and each counts as a criterion that is not
measurable until it is linked. Linking one (:func:`link_criterion`) turns every free-text
criterion into a linked-to-nothing :class:`~cocreate.model.Criterion` first (ids ``r1``,
``r2``, ... in their order), so their order is kept and none is lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cocreate.errors import InputError
from cocreate.model import Criterion, CriterionCondition, Pilot, Workshop, new_id

__all__ = [
    "CriterionRef",
    "add_criterion",
    "all_criteria",
    "link_criterion",
    "parse_condition",
    "remove_criterion",
]


@dataclass(frozen=True, slots=True)
class CriterionRef:
    """A criterion as evaluation and lists see it, linked or still free text."""

    ref: str
    """Its id (``r1``), or ``#n`` for the n-th free-text criterion."""
    criterion: Criterion
    linked: bool


def all_criteria(pilot: Pilot) -> tuple[CriterionRef, ...]:
    """Every rollout criterion: the linked ones, then the free-text ones as ``#1``, ``#2``."""
    out = [CriterionRef(c.id, c, True) for c in pilot.criteria]
    for n, text in enumerate(pilot.rollout_criteria, start=1):
        out.append(CriterionRef(f"#{n}", Criterion(f"#{n}", text), False))
    return tuple(out)


def parse_condition(text: str) -> CriterionCondition:
    """``k4<=0.1``, ``k4=0.1``, ``k4:0.1`` or just ``k4`` (the KPI's target).

    The direction always follows the KPI; ``<=`` or ``>=`` is accepted for readability.

    >>> parse_condition("k4<=0.1")
    CriterionCondition(kpi='k4', threshold=0.1)
    """
    import re
    import unicodedata

    flat = unicodedata.normalize("NFKC", text).strip()
    found = re.match(r"^([A-Za-z0-9][A-Za-z0-9_.\-]*)\s*(?:(?:<=|>=|=|:)\s*(.+))?$", flat)
    if found is None:
        raise InputError(None, f"{text!r} is not KPI or KPI=THRESHOLD", field="kpi")
    kpi, threshold = found.groups()
    if threshold is None:
        return CriterionCondition(kpi)
    try:
        return CriterionCondition(kpi, float(threshold.replace(",", "")))
    except ValueError:
        raise InputError(None, f"threshold {threshold!r} is not a number", field="kpi") from None


def _conditions(
    workshop: Workshop, conditions: Iterable[CriterionCondition | str]
) -> tuple[CriterionCondition, ...]:
    from cocreate.verify.values import check_value

    kpis = {k.id: k for k in workshop.pilot.kpis}
    out: list[CriterionCondition] = []
    for condition in conditions:
        if isinstance(condition, str):
            condition = parse_condition(condition)
        kpi = kpis.get(condition.kpi)
        if kpi is None:
            known = ", ".join(kpis) or "none in the pilot plan"
            raise InputError(None, f"unknown KPI {condition.kpi!r}; KPIs: {known}", field="kpi")
        if condition.threshold is not None:
            check_value(kpi, condition.threshold)
        out.append(condition)
    return tuple(out)


def _linked(pilot: Pilot) -> Pilot:
    """The pilot with its free-text criteria turned into unlinked Criterion records."""
    criteria = list(pilot.criteria)
    for text in pilot.rollout_criteria:
        criteria.append(Criterion(new_id("r", (c.id for c in criteria)), text))
    return pilot.edit(criteria=tuple(criteria), rollout_criteria=())


def add_criterion(
    workshop: Workshop, text: str, conditions: Iterable[CriterionCondition | str] = ()
) -> tuple[Workshop, Criterion]:
    """Add a rollout criterion with its conditions; ids are ``r1``, ``r2``, ..."""
    flat = " ".join((text or "").split())
    if not flat:
        raise InputError(None, "must not be empty", field="text")
    pilot = _linked(workshop.pilot)
    criterion = Criterion(
        new_id("r", (c.id for c in pilot.criteria)), flat, _conditions(workshop, conditions)
    )
    pilot = pilot.edit(criteria=(*pilot.criteria, criterion))
    return workshop.edit(pilot=pilot), criterion


def _find(pilot: Pilot, ref: str) -> int:
    """Position in ``pilot.criteria`` (after :func:`_linked`) of ``ref``: an id, ``#n`` or ``n``."""
    refs = all_criteria(pilot)
    wanted = ref.strip()
    if wanted.isdigit():
        wanted = f"#{wanted}"
    for position, item in enumerate(refs):
        if item.ref == wanted:
            return position
    known = ", ".join(r.ref for r in refs) or "none yet"
    raise InputError(None, f"unknown criterion {ref!r}; criteria: {known}", field="criterion")


def link_criterion(
    workshop: Workshop,
    ref: str,
    conditions: Iterable[CriterionCondition | str],
    *,
    replace: bool = True,
) -> tuple[Workshop, Criterion]:
    """Link a criterion (by id, or ``#n`` / ``n`` for a free-text one) to KPI conditions.

    With ``replace`` (the default) the given conditions replace the criterion's; else
    they are added to them. At least one condition is needed.
    """
    position = _find(workshop.pilot, ref)
    new = _conditions(workshop, conditions)
    if not new:
        raise InputError(None, "give at least one KPI condition", field="kpi")
    pilot = _linked(workshop.pilot)
    criterion = pilot.criteria[position]
    criterion = criterion.edit(conditions=new if replace else (*criterion.conditions, *new))
    criteria = list(pilot.criteria)
    criteria[position] = criterion
    return workshop.edit(pilot=pilot.edit(criteria=tuple(criteria))), criterion


def remove_criterion(workshop: Workshop, ref: str) -> Workshop:
    """The workshop without one criterion (by id, or ``#n`` for a free-text one)."""
    position = _find(workshop.pilot, ref)
    pilot = workshop.pilot
    if position < len(pilot.criteria):
        kept = pilot.criteria[:position] + pilot.criteria[position + 1 :]
        return workshop.edit(pilot=pilot.edit(criteria=kept))
    index = position - len(pilot.criteria)
    texts = pilot.rollout_criteria[:index] + pilot.rollout_criteria[index + 1 :]
    return workshop.edit(pilot=pilot.edit(rollout_criteria=texts))
