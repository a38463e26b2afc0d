"""Where things live: the files of a workshop folder, the bundled sample, the user's copies."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

__all__ = [
    "MEMBERS_DIR",
    "SAMPLE_SLUG",
    "WORKSHOP_FILE",
    "data_home",
    "member_file",
    "sample_workshop",
    "user_sample",
]

#: The facilitator's file of a workshop folder.
WORKSHOP_FILE = "workshop.toml"
#: The folder of the members' files, ``members/<member>.toml``.
MEMBERS_DIR = "members"

SAMPLE_SLUG = "equipment-lending"


def member_file(member_id: str) -> str:
    """A member's file, relative to the workshop folder: ``members/<member>.toml``."""
    return f"{MEMBERS_DIR}/{member_id}.toml"


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
    if (target / WORKSHOP_FILE).is_file():
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
