"""Where bundled things live: the sample workshop."""

from __future__ import annotations

from pathlib import Path

__all__ = ["SAMPLE_SLUG", "sample_workshop"]

SAMPLE_SLUG = "equipment-lending"


def sample_workshop() -> Path:
    """The bundled sample workshop folder (``workshops/equipment-lending`` in a clone)."""
    return Path(__file__).resolve().parent.parent / "workshops" / SAMPLE_SLUG
