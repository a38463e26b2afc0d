"""XES event logs: pm4py's numbers on every shared log, lifecycles, and bad or hostile files."""

from __future__ import annotations

import gzip
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from cocreate import storage
from cocreate.errors import InputError
from cocreate.process.eventlog import discover
from cocreate.process.xes import is_xes, read_xes
from tests.conftest import ROOT, SHARED_DATA
from tests.test_process_eventlog import _check_against

XES_LOGS = SHARED_DATA / "eventlogs" / "xes"
#: pm4py's numbers for the shared XES logs, computed once (see _generated_by in the file).
EXPECTED = json.loads(
    (ROOT / "tests" / "data" / "process" / "xes_expected.json").read_text(encoding="utf-8")
)
CASES = [key for key in EXPECTED if not key.startswith("_")]


def test_every_shared_log_has_stored_numbers() -> None:
    names = {path.name for path in XES_LOGS.iterdir()}
    assert names == {key.partition("#")[0] for key in CASES}
    assert len(names) >= 5


@pytest.mark.parametrize("key", CASES)
def test_xes_equals_pm4py_numbers(key: str) -> None:
    name, _, lifecycle = key.partition("#")
    _check_against(discover(XES_LOGS / name, lifecycle=lifecycle or "all"), EXPECTED[key])


# pm4py suggests its faster reader (r4pm) on every read, a warning about pm4py's own
# set-up that was shown in every run's summary.
@pytest.mark.filterwarnings("ignore:Install the optional requirement:UserWarning")
def test_xes_equals_pm4py_when_installed() -> None:
    """The oracle itself: pm4py's reader and DFG on each shared log, and on the complete
    events of a log with start events."""
    pm4py = pytest.importorskip("pm4py")

    keys = {
        "case_id_key": "case:concept:name",
        "activity_key": "concept:name",
        "timestamp_key": "time:timestamp",
    }
    for path in sorted(XES_LOGS.iterdir()):
        frame = pm4py.read_xes(str(path))
        variants = [(frame, "all")]
        if "lifecycle:transition" in frame and (frame["lifecycle:transition"] == "start").any():
            variants.append((frame[frame["lifecycle:transition"] == "complete"], "complete"))
        for part, lifecycle in variants:
            dfg, start, end = pm4py.discover_dfg(part, **keys)
            performance, _, _ = pm4py.discover_performance_dfg(part, **keys)
            expected = {
                "cases": part["case:concept:name"].nunique(),
                "events": len(part),
                "activities": part["concept:name"].value_counts().to_dict(),
                "start": dict(start),
                "end": dict(end),
                "edges": [
                    {
                        "source": a,
                        "target": b,
                        "frequency": n,
                        "mean_seconds": performance[(a, b)]["mean"],
                        "median_seconds": performance[(a, b)]["median"],
                    }
                    for (a, b), n in dfg.items()
                ],
            }
            _check_against(discover(path, lifecycle=lifecycle), expected)


def test_the_default_lifecycle_counts_complete_events_where_starts_exist() -> None:
    dfg = discover(XES_LOGS / "reviewing.xes")
    assert dfg.lifecycle == "complete"
    _check_against(dfg, EXPECTED["reviewing.xes#complete"])
    assert any("1,452 left out" in note for note in dfg.notes)
    # BPI 2013's transitions are its own words: all of them count
    bpic = discover(XES_LOGS / "06_bpic2013_closed.xes.gz")
    assert bpic.lifecycle == "all" and bpic.notes == ()


def test_case_attributes_and_resources_are_read() -> None:
    dfg = discover(XES_LOGS / "running-example.xes")
    assert dfg.case_attributes == {"creator": 6}
    assert dfg.resources["register request"] in {"Pete", "Mike", "Ellen"}


LOG = """<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <global scope="event"><string key="concept:name" value="UNKNOWN"/></global>
  <string key="concept:name" value="ignored log name"/>
  <trace>
    <string key="concept:name" value="c1"/>
    <string key="窓口" value="本庁"/>
    <event>
      <string key="concept:name" value="受付"/>
      <string key="org:resource" value="佐藤"/>
      <string key="lifecycle:transition" value="start"/>
      <date key="time:timestamp" value="2026-04-01T09:00:00+09:00"/>
    </event>
    <event>
      <string key="concept:name" value="受付"/>
      <string key="org:resource" value="佐藤"/>
      <string key="lifecycle:transition" value="complete"/>
      <date key="time:timestamp" value="2026-04-01T09:10:00+09:00"/>
    </event>
    <event>
      <string key="concept:name" value="審査"/>
      <string key="lifecycle:transition" value="start"/>
      <date key="time:timestamp" value="2026-04-01T10:10:00+09:00">
        <string key="nested" value="skipped"/>
      </date>
    </event>
    <event>
      <string key="concept:name" value="審査"/>
      <string key="lifecycle:transition" value="complete"/>
      <date key="time:timestamp" value="2026-04-01T10:40:00+09:00"/>
    </event>
  </trace>
</log>
"""


def _write(tmp_path: Path, text: str, name: str = "log.xes") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_pairs_measure_work_and_wait_minutes(tmp_path: Path) -> None:
    path = _write(tmp_path, LOG)
    dfg = discover(path, lifecycle="pairs")
    assert (dfg.events, dfg.cases) == (2, 1)
    # 受付 09:00-09:10, then 審査 10:10-10:40: 10 and 30 minutes of work, 60 of wait
    assert dfg.work_seconds == {"受付": 600.0, "審査": 1800.0}
    assert dfg.wait_seconds == {"審査": 3600.0}
    assert dfg.edge("受付", "審査").mean_seconds == 5400.0
    assert dfg.case_attributes == {"窓口": 1}
    everything = discover(path, lifecycle="all")
    assert everything.events == 4 and everything.edge("受付", "受付").frequency == 1


def test_gzip_is_read_by_its_content(tmp_path: Path) -> None:
    plain = _write(tmp_path, LOG)
    packed = tmp_path / "log.gz"
    with plain.open("rb") as source, gzip.open(packed, "wb") as target:
        shutil.copyfileobj(source, target)
    assert is_xes(packed)
    assert replace(discover(packed), source=plain) == discover(plain)


def test_an_xes_file_named_csv_is_read_as_xes(tmp_path: Path, cli) -> None:
    path = _write(tmp_path, LOG, "export.csv")
    result = cli("discover", path, "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["events"] == 2  # complete events by default


def test_cli_discover_xes_into_a_workshop(tmp_path: Path, cli) -> None:
    folder = tmp_path / "ws"
    result = cli("discover", XES_LOGS / "reviewing.xes", "--lifecycle", "pairs", "--into", folder)
    assert result.code == 0, result.err
    assert "note: --lifecycle pairs: 1,452 of 2,278 complete events" in result.err
    workshop = storage.load(folder)
    decide = next(s for s in workshop.steps if s.name == "decide")
    assert decide.minutes > 0  # measured from the start events


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            LOG.replace("<log ", '<!DOCTYPE log [<!ENTITY a "x">]>\n<log ', 1),
            ":2: refused: the file has a DTD (<!DOCTYPE>)",
        ),
        (LOG.replace("</trace>", "", 1), ":33:3: not well-formed XML: mismatched tag"),
        (LOG.replace('<string key="concept:name" value="c1"/>', ""), "a trace without"),
        (
            LOG.replace('<date key="time:timestamp" value="2026-04-01T09:00:00+09:00"/>', ""),
            ":8: an event without 'time:timestamp'",
        ),
        (LOG.replace("2026-04-01T09:10:00+09:00", "昨日"), ":14: not a date and time: '昨日'"),
        (
            LOG.replace('value="審査"', 'value="審\u0085査"'),
            ":20: activity: control character U+0085",
        ),
        ("<html><body/></html>", ":1: not an XES log: the root element is <html>"),
        (LOG.split("<trace>")[0] + "</log>\n", "the log holds no events"),
    ],
)
def test_bad_xes_gives_one_line(tmp_path: Path, cli, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    result = cli("discover", path, "--lifecycle", "all")
    assert result.code == 2
    assert result.err.count("\n") == 1 and result.err.startswith(f"cocreate: {path}")
    assert message in result.err


def test_options_for_the_other_format_are_refused(tmp_path: Path) -> None:
    xes = _write(tmp_path, LOG)
    with pytest.raises(InputError, match="--start-timestamp is for CSV logs"):
        discover(xes, start_timestamp="start")
    csv = SHARED_DATA / "eventlogs" / "running-example.csv"
    with pytest.raises(InputError, match="--lifecycle is for XES logs"):
        discover(csv, lifecycle="complete")
    with pytest.raises(InputError, match="--lifecycle must be one of"):
        read_xes(xes, lifecycle="sometimes")


def test_a_huge_log_is_refused_past_the_event_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, LOG)
    with pytest.raises(InputError, match="more than 3 events"):
        read_xes(path, max_events=3)


def _generated(path: Path, cases: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<log>\n')
        for case in range(cases):
            out.write(f'<trace><string key="concept:name" value="case-{case}"/>\n')
            for i, activity in enumerate(("受付", "審査", "決裁", "通知")):
                out.write(
                    f'<event><string key="concept:name" value="{activity}"/>'
                    f'<string key="org:resource" value="staff-{(case + i) % 40}"/>'
                    f'<date key="time:timestamp" value="2026-04-{1 + case % 28:02d}T'
                    f'{9 + i:02d}:00:00.000+09:00"/></event>\n'
                )
            out.write("</trace>\n")
        out.write("</log>\n")
    return path


def test_memory_grows_with_the_events_not_with_the_file(tmp_path: Path) -> None:
    """Streamed: tens of bytes an event; a tree of the file would take many times its size."""
    import tracemalloc

    peaks = {}
    for cases in (2_000, 6_000):
        path = _generated(tmp_path / f"{cases}.xes", cases)
        read_xes(path)  # imports and caches out of the way
        tracemalloc.start()
        log = read_xes(path)
        peaks[cases] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert len(log.frame) == cases * 4
    per_event = (peaks[6_000] - peaks[2_000]) / (4 * 4_000)
    # Codes, a timestamp, the frame built at the end, and this log's case per four
    # events: under 300 bytes an event. An element tree of the file would take well
    # over 1,000 (a real log's XES takes 400 to 700 bytes of file an event).
    assert per_event < 300, f"{per_event:.0f} bytes an event"
