"""A chosen candidate becomes a workshop, its title, bureau, volume and settings carried over."""

from __future__ import annotations

import datetime as dt

from cocreate.errors import InputError, RuleError
from cocreate.model import Member, Meta, Role, Workshop
from cocreate.portfolio.inventory import annual_volume
from cocreate.portfolio_model import Link, Portfolio

__all__ = ["link_workshop", "workshop_from_candidate"]


def workshop_from_candidate(
    portfolio: Portfolio, candidate_id: str, *, today: dt.date | None = None
) -> Workshop:
    """A new workshop for ``candidate_id``, with the inventory's data carried over.

    The title and business area are the candidate's name; the organisation is the
    portfolio's with the owning bureau (所管部署); the background is its purpose and legal
    basis; the settings are the portfolio's with ``annual_cases`` from the candidate's
    annual volume; the members are the portfolio's, so the same volunteers carry on.
    """
    candidate = portfolio.candidate(candidate_id)
    if candidate is None:
        raise InputError(None, f"unknown candidate {candidate_id!r}")
    if portfolio.link_of(candidate_id) is not None:
        folder = portfolio.link_of(candidate_id).folder  # type: ignore[union-attr]
        raise RuleError(f"{candidate_id!r} already has a workshop: {folder}")
    organisation = " ".join(x for x in (portfolio.meta.organisation, candidate.owner) if x)
    background = candidate.purpose
    if candidate.legal_basis:
        basis = f"根拠法令等: {candidate.legal_basis}"
        background = f"{background}\n\n{basis}" if background else basis
    volume = annual_volume(candidate)
    settings = portfolio.settings.edit(annual_cases=volume)
    members: tuple[Member, ...] = portfolio.members
    facilitator = portfolio.meta.facilitator
    if facilitator and not any(m.id == facilitator for m in members):
        members = (Member(facilitator, facilitator, Role.FACILITATOR), *members)
    return Workshop(
        meta=Meta(
            title=candidate.name,
            organisation=organisation,
            business_area=candidate.name,
            facilitator=facilitator,
            dates=(today or dt.date.today(),),
            background=background,
        ),
        settings=settings,
        members=members,
    )


def link_workshop(portfolio: Portfolio, candidate_id: str, folder: str) -> Portfolio:
    """Record that the workshop in ``folder`` (relative to the portfolio) is the candidate's."""
    if portfolio.candidate(candidate_id) is None:
        raise InputError(None, f"unknown candidate {candidate_id!r}")
    if portfolio.link_of(candidate_id) is not None:
        raise RuleError(f"{candidate_id!r} already has a workshop")
    if any(link.folder == folder for link in portfolio.links):
        raise RuleError(f"{folder} is already another candidate's workshop")
    return portfolio.edit(links=(*portfolio.links, Link(candidate_id, folder)))
