"""Checks of a whole workshop, as they were imported before the split.

The errors that make a workshop unusable are in :mod:`cocreate.integrity` (checked by
every load); the warnings a facilitator should see are in :mod:`cocreate.review`.
This module keeps the old names importable while callers move to those two.
"""

from __future__ import annotations

from cocreate.integrity import ERROR, WARNING, Finding, errors, raise_first_error
from cocreate.review import dead_ends, findings, members_not_voted, unreachable_steps, warnings

__all__ = [
    "ERROR",
    "WARNING",
    "Finding",
    "dead_ends",
    "errors",
    "findings",
    "members_not_voted",
    "raise_first_error",
    "unreachable_steps",
    "warnings",
]
