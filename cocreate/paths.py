"""Where bundled things live (the sample workshop) and where a user's own copies go."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

__all__ = ["SAMPLE_SLUG", "data_home", "sample_workshop", "user_sample"]

SAMPLE_SLUG = "equipment-lending"


def sample_workshop() -> Path:
    """The bundled sample workshop folder (``workshops/equipment-lending`` in a clone)."""
    return Path(__file__).resolve().parent.parent / "workshops" / SAMPLE_SLUG


def data_home() -> Path:
    """cocreate's folder for the user's data: ``$COCREATE_HOME``, else the XDG data home."""
    if os.environ.get("COCREATE_HOME"):
        return Path(os.environ["COCREATE_HOME"])
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "cocreate"


def user_sample() -> Path:
    """The user's own copy of the sample, made on first use and kept after that.

    Opening the sample in the app edits it, and the bundled one is the test suite's
    fixture: edits go to a copy in :func:`data_home` instead.
    """
    target = data_home() / "workshops" / SAMPLE_SLUG
    if (target / "workshop.toml").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # Copy beside the target and rename, so a crash never leaves half a sample there.
    staging = Path(tempfile.mkdtemp(prefix=f".{SAMPLE_SLUG}.", dir=target.parent))
    try:
        shutil.copytree(
            sample_workshop(), staging / SAMPLE_SLUG, ignore=shutil.ignore_patterns(".*")
        )
        os.replace(staging / SAMPLE_SLUG, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
