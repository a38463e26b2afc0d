"""Fit and gap of a unit's map against a reference flow (a published standard flow).

Through the alignment (:mod:`cocreate.variants.align`), each step of the reference and
of the unit's map falls in one of three lists:

* **fits**: work both do; a fit on paper, seal or counter where the reference is not
  is marked, since that is where the unit's way differs most;
* **gaps**: steps the unit does that the reference lacks (its own approvals, ledgers);
* **missing**: reference steps the unit lacks.

Start and end steps mark where a flow begins and ends rather than work, so they are
left out of all three.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cocreate.errors import InputError
from cocreate.model import Medium, StepKind, VariantKind, Workshop
from cocreate.variants.align import align
from cocreate.variants.compare import TOUCH_MEDIA
from cocreate.variants.maps import MapInfo, StepRef, map_ids, map_info, map_view

__all__ = ["FitGap", "FitGapItem", "fit_gap", "reference_maps"]


@dataclass(frozen=True, slots=True)
class FitGapItem:
    """One aligned step, as the reference and the unit do it (or not)."""

    row: str
    name: str
    reference: StepRef | None
    reference_name: str
    reference_medium: Medium | None
    step: StepRef | None
    step_name: str
    medium: Medium | None

    @property
    def touch_differs(self) -> bool:
        """True for a fit the unit does on paper, seal or counter and the reference not."""
        return (
            self.medium in TOUCH_MEDIA
            and self.reference_medium is not None
            and self.reference_medium not in TOUCH_MEDIA
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "name": self.name,
            "reference": None if self.reference is None else self.reference.step,
            "reference_name": self.reference_name,
            "reference_medium": None
            if self.reference_medium is None
            else self.reference_medium.value,
            "step": None if self.step is None else self.step.step,
            "step_name": self.step_name,
            "medium": None if self.medium is None else self.medium.value,
            "touch_differs": self.touch_differs,
        }


@dataclass(frozen=True, slots=True)
class FitGap:
    """A unit's map against a reference flow."""

    reference: MapInfo
    map: MapInfo
    fits: tuple[FitGapItem, ...]
    gaps: tuple[FitGapItem, ...]
    """Steps the unit does that the reference lacks."""
    missing: tuple[FitGapItem, ...]
    """Reference steps the unit lacks."""

    @property
    def fit_rate(self) -> float:
        """Share of the reference's steps the unit does (0 for an empty reference)."""
        total = len(self.fits) + len(self.missing)
        return len(self.fits) / total if total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference.as_dict(),
            "map": self.map.as_dict(),
            "fit_rate": round(self.fit_rate, 6),
            "fits": [item.as_dict() for item in self.fits],
            "gaps": [item.as_dict() for item in self.gaps],
            "missing": [item.as_dict() for item in self.missing],
        }


def reference_maps(workshop: Workshop) -> tuple[str, ...]:
    """The maps of kind reference."""
    return tuple(v.id for v in workshop.variants if v.kind == VariantKind.REFERENCE)


def fit_gap(workshop: Workshop, reference_id: str, variant_id: str) -> FitGap:
    """Fit and gap of one map against a reference flow.

    >>> from cocreate.model import Lane, Meta, Step, Variant
    >>> lanes = (Lane("l", "L"),)
    >>> own = (Step("a", "申請", "l"), Step("b", "課長補佐の押印", "l", medium=Medium.SEAL))
    >>> ref = (Step("a", "申請", "l"), Step("c", "在庫確認", "l"))
    >>> w = Workshop(Meta("t"), lanes=lanes, steps=own, variants=(
    ...     Variant("ref", "標準", VariantKind.REFERENCE, lanes=lanes, steps=ref),))
    >>> result = fit_gap(w, "ref", "main")
    >>> [[i.name for i in items] for items in (result.fits, result.gaps, result.missing)]
    [['申請'], ['課長補佐の押印'], ['在庫確認']]
    """
    known = map_ids(workshop)
    for wanted in (reference_id, variant_id):
        if wanted not in known:
            raise InputError(None, f"unknown variant {wanted!r}; the maps are {', '.join(known)}")
    if reference_id == variant_id:
        raise InputError(None, "a map is checked against another map, not itself")
    alignment = align(workshop).among([reference_id, variant_id])
    ref_view, own_view = map_view(workshop, reference_id), map_view(workshop, variant_id)
    fits, gaps, missing = [], [], []
    for row in alignment.rows:
        theirs = row.step_in(reference_id)
        mine = row.step_in(variant_id)
        ref_step = ref_view.step(theirs) if theirs is not None else None
        own_step = own_view.step(mine) if mine is not None else None
        boundary = (StepKind.START, StepKind.END)
        if all(s is None or s.kind in boundary for s in (ref_step, own_step)):
            continue
        item = FitGapItem(
            row=row.id,
            name=row.name,
            reference=StepRef(reference_id, theirs) if theirs is not None else None,
            reference_name=ref_step.name if ref_step is not None else "",
            reference_medium=ref_step.medium if ref_step is not None else None,
            step=StepRef(variant_id, mine) if mine is not None else None,
            step_name=own_step.name if own_step is not None else "",
            medium=own_step.medium if own_step is not None else None,
        )
        if ref_step is not None and own_step is not None:
            fits.append(item)
        elif own_step is not None:
            gaps.append(item)
        else:
            missing.append(item)
    return FitGap(
        map_info(workshop, reference_id),
        map_info(workshop, variant_id),
        tuple(fits),
        tuple(gaps),
        tuple(missing),
    )
