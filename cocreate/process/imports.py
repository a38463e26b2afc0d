"""What every process import returns, and how it lands in a workshop folder.

An importer (BPMN, step table, event log) returns a ``ProcessImport``: lanes, steps and
flows ready for the model, plus the list of what it could not map. ``import_into`` then
creates a workshop from it or puts it into an existing one, and records the source file
in ``workshop.sources``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cocreate import storage
from cocreate.errors import InputError, WorkshopError
from cocreate.model import ID_PATTERN, Flow, Lane, Meta, Settings, Step, Workshop

__all__ = ["IdMaker", "ProcessImport", "import_into", "merge_process"]


@dataclass(frozen=True, slots=True)
class ProcessImport:
    """A process read from another tool's file."""

    source: Path
    lanes: tuple[Lane, ...]
    steps: tuple[Step, ...]
    flows: tuple[Flow, ...]
    unmapped: tuple[str, ...] = ()
    """One line for each thing in the file that has no place in cocreate's model."""
    notes: tuple[str, ...] = ()
    """How the import read the file (thresholds, assumptions), one line each."""
    title: str = ""
    annual_cases: int | None = None


class IdMaker:
    """Turns another tool's ids (or names) into valid, unique cocreate ids."""

    #: Made ids are at most this long (``ID_PATTERN`` allows 64).
    MAX_LENGTH = 60

    def __init__(self, prefix: str, taken: Iterable[str] = ()) -> None:
        self.prefix = prefix
        self.taken: set[str] = set(taken)
        self.count = 0
        self._suffix: dict[str, int] = {}

    def make(self, raw: str = "") -> str:
        """A new id for ``raw``: itself when it is a valid id, else made from it.

        Making an id from one this made gives it back unchanged, so ids are stable
        across round trips: the cut to ``MAX_LENGTH`` comes before the strip of
        separators at the ends, and a number added to tell clashes apart fits within
        the length.
        """
        text = unicodedata.normalize("NFKC", raw or "")
        text = re.sub(r"[^A-Za-z0-9_.\-]+", "_", text).strip("_.-")
        text = text[: self.MAX_LENGTH].rstrip("_.-")
        if not text or not ID_PATTERN.match(text):
            self.count += 1
            text = f"{self.prefix}{self.count}"
            while text in self.taken:
                self.count += 1
                text = f"{self.prefix}{self.count}"
        # Counting on from the last suffix given to this base gives the same ids as
        # counting from 2 (the taken set only grows), without rescanning each time.
        base, n = text, self._suffix.get(text, 1)
        while text in self.taken:
            n += 1
            suffix = f"_{n}"
            text = f"{base[: self.MAX_LENGTH - len(suffix)]}{suffix}"
        self._suffix[base] = n
        self.taken.add(text)
        return text


def merge_process(
    workshop: Workshop, imported: ProcessImport, source: str, *, replace: bool = False
) -> Workshop:
    """The workshop with the imported process in it and the source recorded.

    A workshop that already has steps keeps them unless ``replace``; replacing is refused
    when problems, ideas or the pilot still name steps the new process does not have.
    """
    if workshop.steps and not replace:
        raise InputError(
            imported.source,
            f"the workshop already has a process of {len(workshop.steps)} steps;"
            " pass --replace to replace it",
        )
    settings = workshop.settings
    if imported.annual_cases is not None and (replace or settings.annual_cases is None):
        settings = settings.edit(annual_cases=imported.annual_cases)
    sources = tuple(dict.fromkeys([*workshop.sources, source]))
    updated = workshop.edit(
        lanes=imported.lanes,
        steps=imported.steps,
        flows=imported.flows,
        settings=settings,
        sources=sources,
    )
    from cocreate.integrity import errors

    found = errors(updated)
    if found:
        first = found[0]
        raise WorkshopError(
            imported.source,
            f"cannot import: {first.field}: {first.message}"
            + (f" (and {len(found) - 1} more)" if len(found) > 1 else ""),
        )
    return updated


def _source_name(folder: Path, file: Path) -> str:
    """The source as a path relative to the workshop folder, so the folder can move."""
    try:
        return Path(os.path.relpath(file.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return str(file.resolve())


def import_into(
    folder: str | Path, imported: ProcessImport, *, replace: bool = False, title: str = ""
) -> Workshop:
    """Create a workshop at ``folder`` from the import, or put it into the one there."""
    folder = Path(folder)
    source = _source_name(folder, imported.source)
    if storage.is_workshop(folder):
        return storage.update_workshop(
            folder, lambda w: merge_process(w, imported, source, replace=replace)
        )
    base = Workshop(
        meta=Meta(title=title or imported.title or imported.source.stem),
        settings=Settings(annual_cases=imported.annual_cases),
    )
    return storage.create(folder, merge_process(base, imported, source))


@dataclass(slots=True)
class Report:
    """Collects what an importer could not map, without repeating itself."""

    lines: list[str] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set, repr=False)

    def add(self, line: str) -> None:
        # A set, not a scan of the list: a long table may add a line per row.
        if line not in self._seen:
            self._seen.add(line)
            self.lines.append(line)
