"""Event logs: the directly-follows graph (DFG) of a CSV log, and a process made from it.

The graph is computed the way pm4py's ``discover_dfg`` and ``discover_performance_dfg``
compute it on a dataframe, and the tests hold pm4py's numbers for the shared logs:

* the events of a case are ordered by timestamp, ties kept in file order (a stable
  sort, as pandas' multi-column ``sort_values`` is);
* timestamps are parsed as ISO 8601 and converted to UTC, so a log whose offsets change
  with daylight saving time (``+01:00`` / ``+02:00``) orders correctly; timestamps with
  no offset are taken as UTC;
* an edge ``a -> b`` counts each time ``b`` directly follows ``a`` in a case; its
  duration is the seconds from ``a``'s timestamp to ``b``'s, and the mean and median
  are over those durations;
* start and end activities are the first and last of each case.

Logs are read in chunks of ``CHUNK_ROWS`` rows and only the needed columns are kept
(cases and activities as categories), so memory grows with the number of events, not
the width of the file; a log of more than ``MAX_EVENTS`` events is refused cleanly.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from cocreate.errors import InputError
from cocreate.model import Flow, Lane, Step, StepKind
from cocreate.process.imports import IdMaker, ProcessImport
from cocreate.tables import (
    check_file,
    check_text,
    control_character,
    sniff_delimiter,
    sniff_encoding,
)

__all__ = [
    "CHUNK_ROWS",
    "DEFAULT_COLUMNS",
    "DEFAULT_MIN_SHARE",
    "MAX_EVENTS",
    "Dfg",
    "DfgEdge",
    "dfg_of",
    "discover",
    "read_log",
    "to_process",
]

#: Rows read at a time.
CHUNK_ROWS = 100_000
#: Logs with more events than this are refused rather than risking memory.
MAX_EVENTS = 30_000_000
#: Default threshold of ``to_process``: drop what fewer than 1% of the cases show.
DEFAULT_MIN_SHARE = 0.01

Progress = Callable[[int, int, int], None]
"""Called as ``progress(events_read, bytes_read, total_bytes)``."""


@dataclass(frozen=True, slots=True)
class DfgEdge:
    source: str
    target: str
    frequency: int
    mean_seconds: float
    median_seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "frequency": self.frequency,
            "mean_seconds": self.mean_seconds,
            "median_seconds": self.median_seconds,
        }


@dataclass(frozen=True, slots=True)
class Dfg:
    """The directly-follows graph of an event log."""

    source: Path
    cases: int
    events: int
    activities: dict[str, int]
    """Activity -> events, most frequent first."""
    start: dict[str, int]
    end: dict[str, int]
    edges: tuple[DfgEdge, ...]
    """Most frequent first."""
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    resources: dict[str, str] = field(default_factory=dict)
    """Activity -> the resource that performs it most often (when a column was given)."""
    work_seconds: dict[str, float] = field(default_factory=dict)
    """Activity -> mean seconds from its start to its completion (with a start column)."""
    wait_seconds: dict[str, float] = field(default_factory=dict)
    """Activity -> mean seconds from the previous event's completion to its start."""
    lifecycle: str = ""
    """For an XES log, which events counted: all, complete or pairs."""
    case_attributes: dict[str, int] = field(default_factory=dict)
    """For an XES log, trace attribute key -> cases carrying it."""
    notes: tuple[str, ...] = ()
    """How the log was read, one line each (events left out, and why)."""

    def edge(self, source: str, target: str) -> DfgEdge | None:
        for edge in self.edges:
            if edge.source == source and edge.target == target:
                return edge
        return None

    def as_dict(self) -> dict[str, Any]:
        """The keys of ``cocreate discover --json``."""
        return {
            "source": str(self.source),
            "cases": self.cases,
            "events": self.events,
            "activities": dict(self.activities),
            "start": dict(self.start),
            "end": dict(self.end),
            "edges": [edge.as_dict() for edge in self.edges],
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "resources": dict(self.resources),
            "work_seconds": dict(self.work_seconds),
            "wait_seconds": dict(self.wait_seconds),
            **({"lifecycle": self.lifecycle} if self.lifecycle else {}),
            **({"case_attributes": dict(self.case_attributes)} if self.case_attributes else {}),
            **({"notes": list(self.notes)} if self.notes else {}),
        }


# --------------------------------------------------------------------------- reading

#: The columns of pm4py's convention, the defaults of ``discover``.
DEFAULT_COLUMNS = {
    "case": "case:concept:name",
    "activity": "concept:name",
    "timestamp": "time:timestamp",
}


def _encoding_and_header(path: Path, encoding: str | None) -> tuple[str, list[str], str]:
    """The log's encoding (the table reader's rules), its header and its delimiter."""
    import codecs
    import csv

    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(None, f"unknown encoding {encoding!r}") from None
    else:
        encoding = sniff_encoding(path, head, complete=len(head) < 1 << 20)
    first = head.decode(encoding, errors="replace").removeprefix("\ufeff")
    first = first.splitlines()[0] if first.strip() else ""
    if not first.strip():
        raise InputError(path, "empty file: expected a header row", line=1)
    delimiter = sniff_delimiter(first)
    return encoding, next(csv.reader([first], delimiter=delimiter)), delimiter


def _names(path: Path, values: Any, first_row: int, field: str, *, text: bool) -> Any:
    """``values`` as a Categorical, refused at the first empty one (and, for ``text``
    that goes into a workshop, at the first control character).

    Only the distinct values are looked at, so the check costs the categories, not the
    rows.
    """
    import numpy as np
    import pandas as pd

    values = values.astype("category") if values.dtype != "category" else values
    categories = values.cat.categories
    # Vectorised for the many case ids of a chunk; names (few) are checked one by one.
    stripped = np.char.strip(categories.to_numpy(dtype=str))
    bad = np.flatnonzero(np.char.str_len(stripped) == 0).tolist()
    if text:
        bad += [c for c, name in enumerate(categories) if control_character(str(name))]
    if bad:
        codes = values.cat.codes.to_numpy()
        at = int(np.flatnonzero(np.isin(codes, bad))[0])
        name = str(categories[codes[at]])
        if not name.strip():
            raise InputError(path, f"empty {field}", row=first_row + at, field=values.name)
        check_text(name, path, row=first_row + at, field=values.name)
    return pd.Categorical(values)


def read_log(
    path: str | Path,
    *,
    case: str = DEFAULT_COLUMNS["case"],
    activity: str = DEFAULT_COLUMNS["activity"],
    timestamp: str = DEFAULT_COLUMNS["timestamp"],
    resource: str | None = None,
    start_timestamp: str | None = None,
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
    encoding: str | None = None,
) -> Any:
    """Read the needed columns of a CSV event log into a pandas DataFrame.

    Columns ``case`` and ``activity`` (categories), ``timestamp`` (UTC) and, when asked
    for, ``resource`` and ``start`` (UTC, when the event began); rows in file order.
    The encoding follows :mod:`cocreate.tables`; rows are numbered as there (header 1).

    Raises
    ------
    InputError
        For a missing column, an empty case or activity, a control character in an
        activity or resource, a timestamp that cannot be read (with its row), a file
        that is not UTF-8 or cp932, or a log too large.
    """
    import pandas as pd
    from pandas.api.types import union_categoricals

    path = check_file(path, "an event log", max_bytes=None)
    encoding, header, delimiter = _encoding_and_header(path, encoding)
    wanted = {"case": case, "activity": activity, "timestamp": timestamp}
    if resource:
        wanted["resource"] = resource
    if start_timestamp:
        wanted["start_timestamp"] = start_timestamp
    for option, column in wanted.items():
        if column not in header:
            shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
            raise InputError(
                path, f"no column {column!r} for --{option}; the columns are: {shown}", line=1
            )
    total = path.stat().st_size
    parts: dict[str, list[Any]] = {name: [] for name in wanted}
    # The C parser builds categories itself, far faster than strings turned into them.
    named = {wanted[name] for name in ("case", "activity", "resource") if name in wanted}
    dtypes = {column: ("category" if column in named else object) for column in wanted.values()}
    events = 0
    try:
        with path.open("rb") as handle:
            reader = pd.read_csv(
                handle,
                usecols=list(dict.fromkeys(wanted.values())),
                dtype=dtypes,
                keep_default_na=False,
                na_filter=False,
                encoding=encoding,
                sep=delimiter,
                chunksize=chunk_rows,
                engine="c",
            )
            for chunk in reader:
                first_row = events + 2  # row 1 is the header
                events += len(chunk)
                if events > MAX_EVENTS:
                    raise InputError(
                        path,
                        f"more than {MAX_EVENTS:,} events: too large to"
                        " analyse here; filter the log (fewer cases or a shorter"
                        " period) first",
                    )
                for name in ("case", "activity", "resource"):
                    if name in wanted:
                        parts[name].append(
                            _names(
                                path,
                                chunk[wanted[name]],
                                first_row,
                                name,
                                text=name != "case",
                            )
                        )
                parts["timestamp"].append(_timestamps(path, chunk[timestamp], first_row))
                if start_timestamp:
                    parts["start_timestamp"].append(
                        _timestamps(path, chunk[start_timestamp], first_row)
                    )
                if progress is not None:
                    progress(events, min(handle.tell(), total), total)
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError(path, f"cannot read the CSV: {str(exc).splitlines()[0]}") from None
    except MemoryError:
        raise InputError(path, "not enough memory to read the log; filter it first") from None
    if progress is not None:
        progress(events, total, total)
    if events == 0:
        raise InputError(path, "the log has a header but no events", line=1)
    data = {
        name: pd.concat(values, ignore_index=True)
        if name in ("timestamp", "start_timestamp")
        else pd.Series(union_categoricals(values))
        for name, values in parts.items()
    }
    return pd.DataFrame(data).rename(columns={"start_timestamp": "start"})


def _timestamps(path: Path, values: Any, first_row: int) -> Any:
    import pandas as pd

    parsed = pd.to_datetime(values, utc=True, format="ISO8601", errors="coerce")
    bad = parsed.isna().to_numpy()
    if bad.any():
        retry = pd.to_datetime(values[bad], utc=True, format="mixed", errors="coerce")
        parsed = parsed.copy()
        parsed[bad] = retry
        still = parsed.isna().to_numpy().nonzero()[0]
        if len(still):
            at = int(still[0])
            raise InputError(
                path,
                f"not a date and time: {values.iloc[at]!r}",
                row=first_row + at,
                field=values.name,
            )
    return parsed.reset_index(drop=True).astype("datetime64[ns, UTC]")


# --------------------------------------------------------------------------- the graph


def dfg_of(frame: Any, source: str | Path = "") -> Dfg:
    """The directly-follows graph of a frame as ``read_log`` returns it."""
    import numpy as np
    import pandas as pd

    n = len(frame)
    cases = frame["case"].cat.codes.to_numpy()
    acts = frame["activity"].cat.codes.to_numpy()
    names = list(frame["activity"].cat.categories)
    stamps = (
        frame["timestamp"].dt.tz_localize(None).to_numpy().astype("datetime64[ns]").view(np.int64)
    )
    # np.lexsort sorts by the last key first and is stable: case, then timestamp, then
    # file order for ties.
    order = np.lexsort((np.arange(n), stamps, cases))
    c, a, t = cases[order], acts[order], stamps[order]
    same = c[1:] == c[:-1]
    src, dst = a[:-1][same], a[1:][same]
    seconds = (t[1:] - t[:-1])[same] / 1e9
    width = len(names)
    grouped = (
        pd.Series(seconds)
        .groupby(src.astype(np.int64) * width + dst)
        .agg(["count", "mean", "median"])
    )
    edges = [
        DfgEdge(
            names[cast(int, key) // width],
            names[cast(int, key) % width],
            int(row["count"]),
            float(row["mean"]),
            float(row["median"]),
        )
        for key, row in grouped.iterrows()
    ]
    edges.sort(key=lambda e: (-e.frequency, e.source, e.target))
    firsts = np.r_[0, np.flatnonzero(~same) + 1] if n else np.array([], dtype=int)
    lasts = np.r_[np.flatnonzero(~same), n - 1] if n else np.array([], dtype=int)

    def counted(codes: Any) -> dict[str, int]:
        counts = np.bincount(codes, minlength=width)
        pairs = [(names[i], int(k)) for i, k in enumerate(counts) if k]
        return dict(sorted(pairs, key=lambda p: (-p[1], p[0])))

    work: dict[str, float] = {}
    wait: dict[str, float] = {}
    if "start" in frame and n:
        begun = frame["start"].dt.tz_localize(None).to_numpy().astype("datetime64[ns]")
        b = begun.view(np.int64)[order]
        service = pd.Series((t - b) / 1e9).groupby(a).mean()
        work = {names[int(cast(int, k))]: max(float(v), 0.0) for k, v in service.items()}
        waited = np.clip((b[1:] - t[:-1])[same] / 1e9, 0, None)
        queued = pd.Series(waited).groupby(dst).mean()
        wait = {names[int(cast(int, k))]: float(v) for k, v in queued.items()}
    resources: dict[str, str] = {}
    if "resource" in frame:
        table = frame.groupby(["activity", "resource"], observed=True).size()
        for (activity_name, resource_name), _ in table.sort_values(
            ascending=False, kind="stable"
        ).items():
            resources.setdefault(str(activity_name), str(resource_name))
    return Dfg(
        source=Path(source),
        cases=len(firsts),
        events=n,
        activities=counted(acts),
        start=counted(a[firsts]),
        end=counted(a[lasts]),
        edges=tuple(edges),
        first=frame["timestamp"].min().to_pydatetime() if n else None,
        last=frame["timestamp"].max().to_pydatetime() if n else None,
        resources=resources,
        work_seconds=work,
        wait_seconds=wait,
    )


def discover(
    path: str | Path,
    *,
    case: str | None = None,
    activity: str | None = None,
    timestamp: str | None = None,
    resource: str | None = None,
    start_timestamp: str | None = None,
    lifecycle: str | None = None,
    progress: Progress | None = None,
    encoding: str | None = None,
) -> Dfg:
    """Read an event log, CSV or XES, and compute its directly-follows graph.

    The format is told by the name (``.xes``, ``.xes.gz``) or the first bytes. For a CSV
    log ``case``, ``activity`` and ``timestamp`` name columns (default: pm4py's
    ``case:concept:name``, ``concept:name``, ``time:timestamp``); for XES they name
    attribute keys (default: the standard ``concept:name`` and ``time:timestamp``, and
    ``org:resource`` for ``resource``), and ``lifecycle`` says which events count (see
    :mod:`cocreate.process.xes`).

    ``timestamp`` is when each event completed; the graph's durations run from one
    completion to the next, as pm4py's do. With ``start_timestamp`` (CSV) or
    ``lifecycle="pairs"`` (XES), each activity's mean work and wait are measured too.
    """
    from cocreate.process.xes import is_xes, read_xes

    source = check_file(path, "an event log", max_bytes=None)  # before a pipe is opened
    if is_xes(source):
        if encoding:
            raise InputError(None, "--encoding is for CSV logs; an XES file declares its own")
        if start_timestamp:
            raise InputError(
                None,
                "--start-timestamp is for CSV logs; an XES log gives start times through its"
                " lifecycle: use --lifecycle pairs",
            )
        log = read_xes(
            source,
            lifecycle=lifecycle or "auto",
            case=case or "concept:name",
            activity=activity or "concept:name",
            timestamp=timestamp or "time:timestamp",
            resource=resource or "org:resource",
            progress=progress,
        )
        dfg = dfg_of(log.frame, source)
        return replace(
            dfg,
            lifecycle=log.lifecycle,
            case_attributes=log.case_attributes,
            notes=log.notes,
        )
    if lifecycle:
        raise InputError(None, "--lifecycle is for XES logs; a CSV log has one row per event")
    frame = read_log(
        source,
        case=case or DEFAULT_COLUMNS["case"],
        activity=activity or DEFAULT_COLUMNS["activity"],
        timestamp=timestamp or DEFAULT_COLUMNS["timestamp"],
        resource=resource,
        start_timestamp=start_timestamp,
        progress=progress,
        encoding=encoding,
    )
    return dfg_of(frame, source)


# --------------------------------------------------------------------------- a process


def _flow_order(dfg: Dfg, kept: set[str], edges: list[DfgEdge]) -> list[str]:
    """Activities in the order cases mostly meet them: breadth first from the starts."""
    following: dict[str, list[DfgEdge]] = {}
    for edge in edges:
        following.setdefault(edge.source, []).append(edge)
    order: list[str] = []
    queue = [name for name in dfg.start if name in kept]
    while queue:
        current = queue.pop(0)
        if current in order:
            continue
        order.append(current)
        queue.extend(e.target for e in following.get(current, ()) if e.target not in order)
    order.extend(name for name in dfg.activities if name in kept and name not in order)
    return order


def to_process(dfg: Dfg, *, min_frequency: int | None = None) -> ProcessImport:
    """A workshop process from a directly-follows graph.

    Activities seen at least ``min_frequency`` times become task steps (default: 1% of
    the cases, at least 1), between a start and an end step; directly-follows pairs at
    least that frequent become flows, with shares from their frequencies. Each step's
    annual volume is its count scaled from the log's span to a year. With start times in
    the log, minutes and waits are measured; with one timestamp per event work cannot be
    told from waiting, so the mean time from the previous event (weighted over the kept
    incoming flows) is the wait and hands-on minutes are left at 0 to be filled in.
    """
    threshold = (
        min_frequency
        if min_frequency is not None
        else max(1, math.ceil(dfg.cases * DEFAULT_MIN_SHARE))
    )
    kept = {name for name, count in dfg.activities.items() if count >= threshold}
    edges = [
        e for e in dfg.edges if e.frequency >= threshold and e.source in kept and e.target in kept
    ]
    starts = {name: n for name, n in dfg.start.items() if name in kept and n >= threshold}
    ends = {name: n for name, n in dfg.end.items() if name in kept and n >= threshold}

    span = (dfg.last - dfg.first).total_seconds() / 86400 if dfg.first and dfg.last else 0.0
    per_year = 365.25 / span if span >= 1 else 1.0
    notes = [
        f"frequency threshold {threshold}: kept {len(kept)} of {len(dfg.activities)}"
        f" activities and {len(edges)} of {len(dfg.edges)} flows"
        f" ({len(dfg.edges) - len(edges)} rarer flows dropped)",
        f"annual volumes scaled from the log's {span:,.1f} days"
        if span >= 1
        else "the log spans less than a day: volumes are the log's counts",
    ]
    if dfg.work_seconds:
        notes.append(
            "minutes are the mean time from each event's start to its completion; waits"
            " the mean time from the previous completion to its start"
        )
    else:
        notes.append(
            "one timestamp per event: the time between events is recorded as each step's"
            " wait; hands-on minutes are 0, fill them in (or give --start-timestamp)"
        )

    order = _flow_order(dfg, kept, edges)
    lane_ids = IdMaker("lane")
    lanes: dict[str, Lane] = {}

    def lane_for(activity: str) -> str:
        name = dfg.resources.get(activity) or dfg.source.stem or "process"
        if name not in lanes:
            lanes[name] = Lane(lane_ids.make(name if dfg.resources else "process"), name)
        return lanes[name].id

    step_ids = IdMaker("a", taken={"start", "end"})
    width = max(2, len(str(len(order))))
    ids = {name: step_ids.make(f"a{i:0{width}d}") for i, name in enumerate(order, start=1)}
    incoming: dict[str, list[DfgEdge]] = {}
    for edge in edges:
        incoming.setdefault(edge.target, []).append(edge)
    first_lane = lane_for(order[0]) if order else lane_for("")
    steps = [Step("start", "開始", first_lane, StepKind.START)]
    for name in order:
        if dfg.work_seconds:
            minutes = dfg.work_seconds.get(name, 0.0) / 60
            wait = dfg.wait_seconds.get(name, 0.0) / 60
        else:
            weights = incoming.get(name, [])
            total = sum(e.frequency for e in weights)
            minutes = 0.0
            wait = sum(e.frequency * e.mean_seconds for e in weights) / total / 60 if total else 0
        steps.append(
            Step(
                ids[name],
                name,
                lane_for(name),
                StepKind.TASK,
                round(minutes, 1),
                round(dfg.activities[name] * per_year),
                round(wait, 1),
            )
        )
    end_lane = lane_for(max(ends, key=ends.__getitem__)) if ends else first_lane
    steps.append(Step("end", "終了", end_lane, StepKind.END))

    flows: list[Flow] = []
    start_total = sum(starts.values())
    for name, count in starts.items():
        share = count / start_total if len(starts) > 1 else None
        flows.append(Flow("start", ids[name], "", share))
    outgoing: dict[str, list[tuple[str, int]]] = {}
    for edge in edges:
        outgoing.setdefault(edge.source, []).append((ids[edge.target], edge.frequency))
    for name, count in ends.items():
        outgoing.setdefault(name, []).append(("end", count))
    dead: list[str] = []
    for name in order:
        outs = outgoing.get(name, [])
        if not outs:
            dead.append(ids[name])
        total = sum(n for _, n in outs)
        for target, n in outs:
            flows.append(Flow(ids[name], target, "", n / total if len(outs) > 1 else None))
    if dead:
        notes.append(
            f"no kept flow leaves {', '.join(dead)}: lower --min-frequency to keep more of the log"
        )
    return ProcessImport(
        source=dfg.source,
        lanes=tuple(lanes.values()),
        steps=tuple(steps),
        flows=tuple(flows),
        notes=tuple(notes),
        title=dfg.source.stem,
        annual_cases=round(dfg.cases * per_year),
    )
