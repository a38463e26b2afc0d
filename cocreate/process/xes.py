"""XES event logs (IEEE 1849), plain or gzipped, streamed into the frame ``dfg_of`` reads.

The file is parsed with expat in one pass, with no element tree: each event's few
attributes go straight into columns of codes (activities, cases and resources are
numbered as they are first met, four bytes each) and timestamps are converted in batches
to eight, so memory grows by about a hundred bytes an event (less than the file's own
400 to 700), not with the size of a tree of the file: a 1 GB log does not need 1 GB of
objects. pm4py is not used.

What is read, by the keys of the standard extensions:

* a trace's ``concept:name`` is the case; its other attributes are the case attributes
  (their names and how many cases carry each are kept);
* an event's ``concept:name`` is the activity, ``time:timestamp`` the time it happened
  (converted to UTC), ``org:resource`` who did it, and ``lifecycle:transition`` which
  point of the activity it marks (an event without one is a ``complete``);
* attributes nested inside attributes, ``<global>`` defaults and log attributes are
  skipped, as pm4py's reader skips them.

**Lifecycles.** ``lifecycle="all"`` keeps every event, as pm4py's ``discover_dfg`` counts
them; ``"complete"`` keeps the ``complete`` events only; ``"pairs"`` pairs each ``start``
with the next ``complete`` of the same activity in the same case (first in, first out),
giving each activity instance its start, so work and wait minutes are measured. The
default, ``"auto"``, is ``complete`` for a log that holds both ``start`` and ``complete``
events, else ``all`` (a log whose transitions are its own words, as BPI 2013's
``Queued`` and ``Closed``, keeps them all).

**Hostile XML** is refused as in a BPMN file: any DTD (``<!DOCTYPE``), and so any entity
declaration or external reference, before a single event is read.
"""

from __future__ import annotations

import gzip
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from cocreate.errors import InputError
from cocreate.tables import check_file, check_text, control_character

__all__ = ["LIFECYCLES", "MAX_XES_BYTES", "XesLog", "is_xes", "read_xes"]

#: What ``lifecycle=`` may be.
LIFECYCLES = ("auto", "all", "complete", "pairs")
#: An XES file that unpacks to more than this is refused (a gzip bomb).
MAX_XES_BYTES = 8 * 1024**3
_CHUNK = 1 << 20
_BATCH = 20_000
_VALUE_TAGS = {"string", "date", "int", "float", "boolean", "id"}

Progress = Callable[[int, int, int], None]


@dataclass(frozen=True, slots=True)
class XesLog:
    """An XES log read into the columns ``dfg_of`` takes, with what was left out."""

    frame: Any
    """A pandas DataFrame: case, activity, timestamp (UTC), and resource and start."""
    lifecycle: str
    """The rule applied: all, complete or pairs (``auto`` resolved)."""
    transitions: dict[str, int]
    """lifecycle:transition value -> events, over the whole file."""
    dropped: int = 0
    """Events left out by the lifecycle rule (and starts that found no complete)."""
    case_attributes: dict[str, int] = field(default_factory=dict)
    """Trace attribute key (besides the case id) -> cases that carry it."""
    notes: tuple[str, ...] = ()


def is_xes(path: str | Path) -> bool:
    """Whether ``path`` holds XES, by its name (``.xes``, ``.xes.gz``) or its first bytes."""
    source = Path(path)
    name = source.name.lower()
    if name.endswith((".xes", ".xes.gz")):
        return True
    try:
        with source.open("rb") as handle:
            head = handle.read(512)
        if head.startswith(b"\x1f\x8b"):
            with gzip.open(source, "rb") as unpacked:
                head = unpacked.read(512)
    except (OSError, EOFError):
        return False
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"<?xml") or text.startswith(b"<log")


class _Refused(Exception):
    """Raised from an expat handler; carries the one line to show."""


@dataclass(slots=True)
class _Columns:
    """What the parse collects: codes per event and the names they stand for."""

    activity_key: str
    case_key: str
    timestamp_key: str
    resource_key: str
    activities: dict[str, int] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)
    resources: dict[str, int] = field(default_factory=dict)
    transitions: dict[str, int] = field(default_factory=dict)
    activity: array = field(default_factory=lambda: array("i"))
    case: array = field(default_factory=lambda: array("i"))
    resource: array = field(default_factory=lambda: array("i"))
    transition: array = field(default_factory=lambda: array("i"))
    lines: array = field(default_factory=lambda: array("i"))
    stamps: list[Any] = field(default_factory=list)
    """Batches of int64 nanoseconds (UTC)."""
    pending: list[str] = field(default_factory=list)
    """Timestamps of the current batch, as written."""
    case_attributes: dict[str, int] = field(default_factory=dict)


def _code(table: dict[str, int], value: str) -> int:
    code = table.get(value)
    if code is None:
        code = table[value] = len(table)
    return code


class _Parser:
    """expat handlers that fill :class:`_Columns` as the file streams through."""

    def __init__(self, path: Path, columns: _Columns) -> None:
        from xml.parsers import expat

        self.path = path
        self.columns = columns
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.StartDoctypeDeclHandler = self.doctype
        self.parser.EntityDeclHandler = self.entity
        self.parser.ExternalEntityRefHandler = self.external
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.stack: list[str] = []
        self.trace: dict[str, str] | None = None
        self.trace_events: list[tuple[dict[str, str], int]] = []
        self.event: dict[str, str] | None = None
        self.event_line = 0
        self.events = 0
        self.outside = 0

    # -- hostile XML: refused as BPMN refuses it
    def doctype(self, *_: Any) -> None:
        raise _Refused(
            "refused: the file has a DTD (<!DOCTYPE>), which XES never needs and which can"
            " expand entities or fetch remote files"
        )

    def entity(self, *_: Any) -> None:
        raise _Refused("refused: the file declares XML entities")

    def external(self, *_: Any) -> int:
        raise _Refused("refused: the file refers to an external entity")

    # -- the log
    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = name.rpartition(":")[2] if ":" in name else name
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(tag)
        if not parent and tag != "log":
            raise _Refused(f"not an XES log: the root element is <{tag}>, not <log>")
        if tag == "trace" and parent == "log":
            self.trace = {}
            self.trace_events = []
        elif tag == "event":
            if parent == "trace":
                self.event = {}
                self.event_line = self.parser.CurrentLineNumber
            else:
                self.outside += 1
        elif tag in _VALUE_TAGS and "key" in attrs:
            if parent == "event" and self.event is not None:
                self.event[attrs["key"]] = attrs.get("value", "")
            elif parent == "trace" and self.trace is not None:
                self.trace[attrs["key"]] = attrs.get("value", "")

    def end(self, name: str) -> None:
        tag = self.stack.pop()
        if tag == "event" and self.event is not None:
            self.trace_events.append((self.event, self.event_line))
            self.event = None
        elif tag == "trace" and self.trace is not None and self.stack == ["log"]:
            self._close_trace()
            self.trace = None

    def _close_trace(self) -> None:
        c = self.columns
        trace = self.trace or {}
        line = self.parser.CurrentLineNumber
        case_id = trace.get(c.case_key)
        if case_id is None:
            raise _Refused(f"a trace without {c.case_key!r}: cannot tell its case", line)
        for key in trace:
            if key != c.case_key:
                c.case_attributes[key] = c.case_attributes.get(key, 0) + 1
        case = _code(c.cases, case_id)
        for event, event_line in self.trace_events:
            activity = event.get(c.activity_key)
            if activity is None or not activity.strip():
                raise _Refused(f"an event without {c.activity_key!r}", event_line)
            stamp = event.get(c.timestamp_key)
            if stamp is None:
                raise _Refused(f"an event without {c.timestamp_key!r}", event_line)
            resource = event.get(c.resource_key)
            c.activity.append(_code(c.activities, activity))
            c.case.append(case)
            c.resource.append(-1 if resource is None else _code(c.resources, resource))
            transition = event.get("lifecycle:transition", "complete")
            c.transition.append(_code(c.transitions, transition))
            c.lines.append(event_line)
            c.pending.append(stamp)
            if len(c.pending) >= _BATCH:
                _flush(self.path, c)
        self.events += len(self.trace_events)
        self.trace_events = []


def _flush(path: Path, columns: _Columns) -> None:
    """Convert the pending timestamps to int64 nanoseconds, naming the line of a bad one."""
    import numpy as np
    import pandas as pd

    if not columns.pending:
        return
    values = pd.Series(columns.pending, dtype=object)
    parsed = pd.to_datetime(values, utc=True, format="ISO8601", errors="coerce")
    bad = parsed.isna().to_numpy()
    if bad.any():
        retry = pd.to_datetime(values[bad], utc=True, format="mixed", errors="coerce")
        parsed = parsed.copy()
        parsed[bad] = retry
        still = parsed.isna().to_numpy().nonzero()[0]
        if len(still):
            at = int(still[0])
            first = len(columns.lines) - len(columns.pending)
            raise InputError(
                path,
                f"not a date and time: {columns.pending[at]!r}",
                line=columns.lines[first + at],
            )
    stamps = parsed.dt.tz_localize(None).to_numpy().astype("datetime64[ns]").view(np.int64)
    columns.stamps.append(stamps)
    columns.pending = []


def _open(path: Path) -> tuple[IO[bytes], IO[bytes]]:
    """(the stream to parse, the file whose position tells progress)."""
    raw = path.open("rb")
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw)), raw
    raw.seek(0)
    return raw, raw


def read_xes(
    path: str | Path,
    *,
    lifecycle: str = "auto",
    case: str = "concept:name",
    activity: str = "concept:name",
    timestamp: str = "time:timestamp",
    resource: str = "org:resource",
    progress: Progress | None = None,
    max_events: int | None = None,
) -> XesLog:
    """Read an XES log (``.xes`` or ``.xes.gz``) into a frame for ``dfg_of``.

    ``case`` is the trace attribute holding the case id; ``activity``, ``timestamp``
    and ``resource`` are event attribute keys. See the module docstring for
    ``lifecycle``.

    Raises
    ------
    InputError
        With the line for XML that is not well-formed, a DTD or entity, a trace without
        a case id, an event without an activity or timestamp, a timestamp that cannot be
        read, or a control character in a name; and for a log too large.
    """
    from xml.parsers import expat

    from cocreate.process.eventlog import MAX_EVENTS

    if lifecycle not in LIFECYCLES:
        raise InputError(None, f"--lifecycle must be one of {', '.join(LIFECYCLES)}")
    limit = MAX_EVENTS if max_events is None else max_events
    source = check_file(path, "an event log", max_bytes=MAX_XES_BYTES)
    total = source.stat().st_size
    columns = _Columns(activity, case, timestamp, resource)
    parser = _Parser(source, columns)
    stream, position = _open(source)
    unpacked = 0
    try:
        with stream, position:
            while True:
                chunk = stream.read(_CHUNK)
                unpacked += len(chunk)
                if unpacked > MAX_XES_BYTES:
                    raise InputError(
                        source, f"unpacks to more than {MAX_XES_BYTES:,} bytes: too large here"
                    )
                parser.parser.Parse(chunk, not chunk)
                if len(columns.activity) > limit:
                    raise InputError(
                        source,
                        f"more than {limit:,} events: too large to analyse here; filter the"
                        " log (fewer cases or a shorter period) first",
                    )
                if progress is not None:
                    progress(len(columns.activity), position.tell(), total)
                if not chunk:
                    break
    except _Refused as exc:
        line = exc.args[1] if len(exc.args) > 1 else parser.parser.CurrentLineNumber
        raise InputError(source, exc.args[0], line=line) from None
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code)
        raise InputError(
            source, f"not well-formed XML: {message}", line=exc.lineno, column=exc.offset + 1
        ) from None
    except EOFError:
        raise InputError(source, "the gzip file ends early: it was cut short") from None
    except (OSError, gzip.BadGzipFile) as exc:
        raise InputError(source, f"cannot read the file: {exc}") from None
    _flush(source, columns)
    if not columns.activity:
        raise InputError(source, "the log holds no events (no <trace> with an <event>)")
    _check_names(source, columns)
    return _assemble(source, columns, lifecycle, outside=parser.outside)


def _check_names(source: Path, columns: _Columns) -> None:
    """Refuse a control character in an activity or resource, at its first event."""
    import numpy as np

    for table, codes, what in (
        (columns.activities, columns.activity, "activity"),
        (columns.resources, columns.resource, "resource"),
    ):
        for name, code in table.items():
            if control_character(name) is not None:
                first = int(np.flatnonzero(np.frombuffer(codes, dtype=np.int32) == code)[0])
                check_text(name, source, line=columns.lines[first], field=what)


def _assemble(source: Path, columns: _Columns, lifecycle: str, *, outside: int) -> XesLog:
    import numpy as np
    import pandas as pd

    names = {code: name for name, code in columns.transitions.items()}
    counts = np.bincount(np.frombuffer(columns.transition, dtype=np.int32), minlength=len(names))
    transitions = {names[i]: int(n) for i, n in enumerate(counts) if n}
    chosen = lifecycle == "auto"
    if chosen:
        lifecycle = "complete" if {"start", "complete"} <= transitions.keys() else "all"
    activity = np.frombuffer(columns.activity, dtype=np.int32)
    case = np.frombuffer(columns.case, dtype=np.int32)
    resource = np.frombuffer(columns.resource, dtype=np.int32)
    transition = np.frombuffer(columns.transition, dtype=np.int32)
    stamps = np.concatenate(columns.stamps)
    start_stamps = None
    notes: list[str] = []
    keep = np.ones(len(activity), dtype=bool)
    if lifecycle in ("complete", "pairs"):
        complete = columns.transitions.get("complete", -1)
        keep = transition == complete
        why = " (the log has start and complete events; --lifecycle all counts every one)"
        counts_text = ", ".join(f"{name} {n:,}" for name, n in transitions.items())
        if lifecycle == "pairs":
            start_stamps, matched, unmatched = _pair_starts(
                case, activity, transition, stamps, columns.transitions.get("start", -1), complete
            )
            notes.append(
                f"--lifecycle pairs: {matched:,} of {int(keep.sum()):,} complete events"
                f" paired with their start ({counts_text}); a complete without a start"
                " counts no work"
            )
            if unmatched:
                notes.append(f"{unmatched:,} start events found no complete and were left out")
        else:
            notes.append(
                f"--lifecycle complete: the {int(keep.sum()):,} complete events counted, the"
                f" other {int(len(keep) - keep.sum()):,} left out ({counts_text})"
                + (why if chosen else "")
            )
    dropped = int(len(keep) - keep.sum())
    if outside:
        notes.append(f"{outside:,} events outside any trace were left out")
    if not keep.any():
        raise InputError(source, f"no events are left with --lifecycle {lifecycle}")

    def categorical(codes: Any, table: dict[str, int]) -> Any:
        return pd.Categorical.from_codes(codes[keep], categories=pd.Index(list(table)))

    data: dict[str, Any] = {
        "case": categorical(case, columns.cases),
        "activity": categorical(activity, columns.activities),
        "timestamp": pd.to_datetime(stamps[keep], utc=True),
    }
    if columns.resources:
        data["resource"] = categorical(resource, columns.resources)
    if start_stamps is not None:
        data["start"] = pd.to_datetime(start_stamps[keep], utc=True)
    frame = pd.DataFrame(data)
    frame["case"] = frame["case"].cat.remove_unused_categories()
    frame["activity"] = frame["activity"].cat.remove_unused_categories()
    return XesLog(
        frame=frame,
        lifecycle=lifecycle,
        transitions=transitions,
        dropped=dropped,
        case_attributes=dict(columns.case_attributes),
        notes=tuple(notes),
    )


def _pair_starts(
    case: Any, activity: Any, transition: Any, stamps: Any, start: int, complete: int
) -> tuple[Any, int, int]:
    """For each complete event, the timestamp of its start (itself when it has none).

    Starts are matched to the next complete of the same activity in the same case, in
    file order, first in first out. Returns the start timestamps, how many completes
    found their start and how many starts were left unmatched.
    """
    import numpy as np

    begun = stamps.copy()
    from collections import deque

    waiting: dict[tuple[int, int], deque[int]] = {}
    matched = 0
    starts = 0
    for index in np.flatnonzero((transition == start) | (transition == complete)):
        key = (int(case[index]), int(activity[index]))
        if transition[index] == start:
            starts += 1
            waiting.setdefault(key, deque()).append(int(stamps[index]))
        else:
            queue = waiting.get(key)
            if queue:
                begun[index] = queue.popleft()
                matched += 1
    return begun, matched, starts - matched
