"""The facilitator's edits of the workshop itself: its members, its details and its settings.

Pure functions like :mod:`cocreate.process.edit`: the workshop first, the next workshop
back, nothing saved. Keyword arguments default to :data:`~cocreate.process.edit.KEEP`.
Bad values raise :class:`~cocreate.errors.InputError`, edits the rules refuse raise
:class:`~cocreate.errors.RuleError`; each names the argument at fault (``error.argument``)
so a form can mark that field.

>>> from cocreate.model import Meta, Workshop
>>> from cocreate.contribute import add_member
>>> ws, _ = add_member(Workshop(meta=Meta(title="t")), "sato", "sato")
>>> ws = edit_member(ws, "sato", name="佐藤 一郎")
>>> ws.member("sato").name
'佐藤 一郎'
>>> edit_settings(ws, hourly_cost=3500).settings.hourly_cost
3500.0
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from cocreate.errors import InputError, RuleError
from cocreate.model import Member, Role, Workshop
from cocreate.process.edit import KEEP, Keep

__all__ = [
    "MemberRemoval",
    "edit_member",
    "edit_meta",
    "edit_settings",
    "member_removal",
    "remove_member",
]


def _text(value: str, what: str, argument: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(None, f"{what} must not be empty").about(argument, "ui.refusal.empty")
    return value.strip()


def _member(workshop: Workshop, member_id: str) -> Member:
    member = workshop.member(member_id)
    if member is None:
        raise InputError(None, f"unknown member {member_id!r}").keyed(
            "error.member.unknown_id", member=member_id
        )
    return member


# --------------------------------------------------------------------------- members


def edit_member(
    workshop: Workshop,
    member_id: str,
    *,
    name: str | Keep = KEEP,
    role: Role | str | Keep = KEEP,
    email: str | Keep = KEEP,
) -> Workshop:
    """Rename a member, change their role or email. Their id (in every file) stays."""
    member = _member(workshop, member_id)
    if name is not KEEP:
        member = member.edit(name=_text(name, "a member's name", "name"))
    if role is not KEEP:
        try:
            member = member.edit(role=Role(role))
        except ValueError:
            choices = ", ".join(Role.values())
            raise InputError(None, f"unknown role {role!r}; expected one of {choices}").about(
                "role", "ui.refusal.unknown_role", value=role, choices=choices
            ) from None
    if email is not KEEP:
        email = email.strip()
        if email and ("@" not in email or any(ch.isspace() for ch in email)):
            raise InputError(None, f"{email!r} is not an email address").about(
                "email", "ui.refusal.not_an_email", value=email
            )
        others = [m for m in workshop.members if m.id != member_id]
        if email and any(m.email.casefold() == email.casefold() for m in others):
            raise InputError(None, f"another member already has the email {email!r}").about(
                "email", "ui.refusal.email_taken", value=email
            )
        member = member.edit(email=email)
    members = tuple(member if m.id == member_id else m for m in workshop.members)
    return workshop.edit(members=members)


@dataclass(frozen=True, slots=True)
class MemberRemoval:
    """What removing a member does, to say it before asking."""

    member: str
    items: int
    """Their problems, causes and ideas."""
    ballot: bool
    """They rated an idea or placed a dot."""

    @property
    def keeps_member(self) -> bool:
        """With contributions the member stays, as a former member, so their work stays theirs."""
        return bool(self.items or self.ballot)


def member_removal(workshop: Workshop, member_id: str) -> MemberRemoval:
    """What :func:`remove_member` would do to ``member_id`` and their contributions."""
    _member(workshop, member_id)
    mine = workshop.contributions_of(member_id)
    items = len(mine.problems) + len(mine.causes) + len(mine.ideas)
    ballot = bool(mine.ratings or any(d.count for d in mine.dots))
    return MemberRemoval(member_id, items, ballot)


def remove_member(workshop: Workshop, member_id: str) -> Workshop:
    """Take a member off the workshop.

    A member with no contributions is removed. One with problems, causes, ideas or a
    ballot stays as a *former* member (role ``former``): their work keeps its author,
    and they no longer count as someone who has not voted. Refused while they are the
    facilitator, the pilot's owner or in the pilot team.
    """
    member = _member(workshop, member_id)
    if workshop.meta.facilitator == member_id:
        raise RuleError(f"{member_id} is the workshop's facilitator; name another first").keyed(
            "error.member.facilitator", member=member_id
        )
    pilot = workshop.pilot
    if pilot.owner == member_id or any(t.member == member_id for t in pilot.team):
        raise RuleError(
            f"{member_id} is in the pilot plan (owner or team); take them off first"
        ).keyed("error.member.in_pilot", member=member_id)
    if member_removal(workshop, member_id).keeps_member:
        former = member.edit(role=Role.FORMER)
        return workshop.edit(
            members=tuple(former if m.id == member_id else m for m in workshop.members)
        )
    return workshop.edit(members=tuple(m for m in workshop.members if m.id != member_id))


# --------------------------------------------------------------------------- the workshop


def edit_meta(
    workshop: Workshop,
    *,
    title: str | Keep = KEEP,
    organisation: str | Keep = KEEP,
    business_area: str | Keep = KEEP,
    dates: Iterable[dt.date] | Keep = KEEP,
    background: str | Keep = KEEP,
    facilitator: str | Keep = KEEP,
) -> Workshop:
    """The workshop's title, organisation, business area, session dates and background."""
    meta = workshop.meta
    if title is not KEEP:
        meta = meta.edit(title=_text(title, "the workshop's title", "title"))
    if organisation is not KEEP:
        meta = meta.edit(organisation=organisation.strip())
    if business_area is not KEEP:
        meta = meta.edit(business_area=business_area.strip())
    if dates is not KEEP:
        days = tuple(dates)
        if not all(isinstance(d, dt.date) for d in days):
            raise InputError(None, "session dates must be dates").about(
                "dates", "ui.refusal.not_dates"
            )
        meta = meta.edit(dates=tuple(sorted(set(days))))
    if background is not KEEP:
        meta = meta.edit(background=background.strip())
    if facilitator is not KEEP:
        if facilitator and workshop.member(facilitator) is None:
            raise InputError(None, f"unknown member {facilitator!r}").about(
                "facilitator", "error.member.unknown_id", member=facilitator
            )
        meta = meta.edit(facilitator=facilitator)
    return workshop.edit(meta=meta)


def _amount(value: object, what: str, argument: str, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(None, f"{what} must be a number, not {value!r}").about(
            argument, "ui.refusal.not_a_number", value=value
        )
    if value < 0 or (positive and value == 0):
        key = "ui.refusal.at_least" if positive else "ui.refusal.negative"
        raise InputError(None, f"{what} must be more than 0, not {value:g}").about(
            argument, key, value=f"{value:g}", least="0.1"
        )
    return float(value)


def edit_settings(
    workshop: Workshop,
    *,
    annual_cases: int | Keep | None = KEEP,
    hourly_cost: float | Keep = KEEP,
    annual_hours_per_person: float | Keep = KEEP,
    currency: str | Keep = KEEP,
    quadrant_split: float | Keep = KEEP,
    language: str | Keep = KEEP,
) -> Workshop:
    """The numbers the analyses use: cases a year, hourly cost, hours per person-year, …

    ``annual_cases`` None derives the volume from the steps; ``quadrant_split`` is where
    the matrix divides high from low, within the rating scale 1–5.
    """
    settings = workshop.settings
    if annual_cases is not KEEP:
        if annual_cases is not None:
            cases = _amount(annual_cases, "annual cases", "annual_cases")
            if not cases.is_integer():
                raise InputError(None, f"annual cases must be whole, not {cases:g}").about(
                    "annual_cases", "ui.refusal.not_a_number", value=f"{cases:g}"
                )
            annual_cases = int(cases)
        settings = settings.edit(annual_cases=annual_cases)
    if hourly_cost is not KEEP:
        settings = settings.edit(hourly_cost=_amount(hourly_cost, "hourly cost", "hourly_cost"))
    if annual_hours_per_person is not KEEP:
        hours = _amount(
            annual_hours_per_person,
            "hours per person-year",
            "annual_hours_per_person",
            positive=True,
        )
        settings = settings.edit(annual_hours_per_person=hours)
    if currency is not KEEP:
        settings = settings.edit(currency=_text(currency, "the currency", "currency").upper())
    if quadrant_split is not KEEP:
        split = _amount(quadrant_split, "the quadrant split", "quadrant_split")
        if not 1 <= split <= 5:
            raise InputError(None, f"the quadrant split is on the 1-5 scale, not {split:g}").about(
                "quadrant_split", "ui.refusal.scale", value=f"{split:g}"
            )
        settings = settings.edit(quadrant_split=split)
    if language is not KEEP:
        if language not in ("", "ja", "en"):
            raise InputError(None, f"unknown language {language!r}; expected ja or en").about(
                "language", "ui.refusal.unknown_language", value=language
            )
        settings = settings.edit(language=language)
    return workshop.edit(settings=settings)
