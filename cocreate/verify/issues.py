"""Issues the pilot ran into and what was done about them (課題と対応)."""

from __future__ import annotations

from collections.abc import Iterable

from cocreate.errors import InputError
from cocreate.model import PilotIssue, Workshop, new_id

__all__ = ["add_issue", "remove_issue"]


def add_issue(
    workshop: Workshop, text: str, response: str = "", kpis: Iterable[str] = ()
) -> tuple[Workshop, PilotIssue]:
    """Record an issue of the pilot, what was done about it and the KPIs it bears on."""
    flat = " ".join((text or "").split())
    if not flat:
        raise InputError(None, "must not be empty", field="text")
    known = {k.id for k in workshop.pilot.kpis}
    refs = tuple(dict.fromkeys(k.strip() for k in kpis if k.strip()))
    for ref in refs:
        if ref not in known:
            listed = ", ".join(sorted(known)) or "none in the pilot plan"
            raise InputError(None, f"unknown KPI {ref!r}; KPIs: {listed}", field="kpi")
    issue = PilotIssue(
        new_id("q", (i.id for i in workshop.pilot.issues)),
        flat,
        " ".join((response or "").split()),
        refs,
    )
    pilot = workshop.pilot.edit(issues=(*workshop.pilot.issues, issue))
    return workshop.edit(pilot=pilot), issue


def remove_issue(workshop: Workshop, issue_id: str) -> Workshop:
    """The workshop without one issue."""
    kept = tuple(i for i in workshop.pilot.issues if i.id != issue_id)
    if len(kept) == len(workshop.pilot.issues):
        raise InputError(None, f"unknown issue {issue_id!r}", field="issue")
    return workshop.edit(pilot=workshop.pilot.edit(issues=kept))
