"""Event logs: the directly-follows graph equals pm4py's, ties and offsets, --into."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cocreate import storage
from cocreate.errors import InputError
from cocreate.process import eventlog
from cocreate.process.eventlog import discover, read_log, to_process
from cocreate.validate import errors
from tests.conftest import ROOT, SHARED_DATA

DATA = ROOT / "tests" / "data" / "process"
LOGS = SHARED_DATA / "eventlogs"
#: pm4py's numbers for the shared logs, computed once (see _generated_by in the file).
EXPECTED = json.loads((DATA / "dfg_expected.json").read_text(encoding="utf-8"))
XES = {"case": "case:concept:name", "activity": "concept:name", "timestamp": "time:timestamp"}


def _check_against(dfg: eventlog.Dfg, expected: dict) -> None:
    assert dfg.cases == expected["cases"]
    assert dfg.events == expected["events"]
    assert dfg.activities == expected["activities"]
    assert dfg.start == expected["start"]
    assert dfg.end == expected["end"]
    ours = {(e.source, e.target): e for e in dfg.edges}
    assert set(ours) == {(e["source"], e["target"]) for e in expected["edges"]}
    for edge in expected["edges"]:
        mine = ours[(edge["source"], edge["target"])]
        assert mine.frequency == edge["frequency"], edge
        assert mine.mean_seconds == pytest.approx(edge["mean_seconds"], rel=1e-9, abs=1e-6)
        assert mine.median_seconds == pytest.approx(edge["median_seconds"], rel=1e-9, abs=1e-6)


@pytest.mark.parametrize("name", ["receipt.csv", "running-example.csv"])
def test_dfg_equals_pm4py_numbers(name: str) -> None:
    _check_against(discover(LOGS / name, **XES), EXPECTED[name])


def test_dfg_equals_pm4py_when_installed() -> None:
    """The oracle: pm4py itself, on both logs and on a log with ties and mixed offsets."""
    pm4py = pytest.importorskip("pm4py")
    import pandas as pd

    cases = [
        (LOGS / "receipt.csv", XES),
        (LOGS / "running-example.csv", XES),
        (DATA / "ties.csv", {"case": "case", "activity": "activity", "timestamp": "time"}),
    ]
    for path, columns in cases:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame[columns["timestamp"]] = pd.to_datetime(
            frame[columns["timestamp"]], utc=True, format="ISO8601"
        )
        # pm4py's documented preparation: it sorts by case, timestamp and file position,
        # which its start and end activities (first and last row of a case) rely on.
        frame = pm4py.format_dataframe(
            frame,
            case_id=columns["case"],
            activity_key=columns["activity"],
            timestamp_key=columns["timestamp"],
        )
        keys = {
            "case_id_key": "case:concept:name",
            "activity_key": "concept:name",
            "timestamp_key": "time:timestamp",
        }
        dfg, start, end = pm4py.discover_dfg(frame, **keys)
        performance, _, _ = pm4py.discover_performance_dfg(frame, **keys)
        expected = {
            "cases": frame["case:concept:name"].nunique(),
            "events": len(frame),
            "activities": frame["concept:name"].value_counts().to_dict(),
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
        _check_against(discover(path, **columns), expected)


def test_ties_keep_file_order_and_offsets_are_converted_to_utc() -> None:
    dfg = discover(
        DATA / "ties.csv", case="case", activity="activity", timestamp="time", resource="who"
    )
    # c1: 登録 00:00Z, then 受付 and 確認 both at 01:00Z (in file order), then 承認 01:30Z.
    # c2: 受付 10:00+02:00 = 08:00Z comes before 確認 08:30+00:00, though its clock is later.
    edges = {
        (e.source, e.target): (e.frequency, e.mean_seconds, e.median_seconds) for e in dfg.edges
    }
    assert edges == {
        ("登録", "受付"): (1, 3600, 3600),
        ("受付", "確認"): (2, 900, 900),
        ("確認", "承認"): (2, 1800, 1800),
    }
    assert dfg.start == {"受付": 1, "登録": 1}
    assert dfg.end == {"承認": 2}
    assert (dfg.cases, dfg.events) == (2, 7)
    assert dfg.resources["承認"] == "田中"


def test_reading_in_small_chunks_gives_the_same_graph() -> None:
    whole = discover(LOGS / "running-example.csv", **XES)
    frame = read_log(LOGS / "running-example.csv", chunk_rows=5, **XES)
    assert eventlog.dfg_of(frame, LOGS / "running-example.csv") == whole


def test_progress_is_reported_per_chunk() -> None:
    calls: list[tuple[int, int, int]] = []
    read_log(
        LOGS / "running-example.csv", chunk_rows=10, progress=lambda *a: calls.append(a), **XES
    )
    assert [c[0] for c in calls[:-1]] == [10, 20, 30, 40, 42]
    assert calls[-1][1] == calls[-1][2]


def test_a_log_over_the_limit_is_refused_cleanly(monkeypatch) -> None:
    monkeypatch.setattr(eventlog, "MAX_EVENTS", 20)
    with pytest.raises(InputError, match="more than 20 events"):
        read_log(LOGS / "running-example.csv", chunk_rows=10, **XES)


def test_cp932_and_bom_logs(tmp_path: Path) -> None:
    text = (DATA / "ties.csv").read_text(encoding="utf-8")
    expected = discover(DATA / "ties.csv", case="case", activity="activity", timestamp="time")
    for name, data in (
        ("cp932.csv", text.encode("cp932")),
        ("bom.csv", b"\xef\xbb\xbf" + text.encode("utf-8")),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        got = discover(path, case="case", activity="activity", timestamp="time")
        assert (got.activities, got.edges) == (expected.activities, expected.edges)


def test_bad_timestamp_names_its_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("case,activity,time\n1,a,2024-01-01 10:00\n1,b,not a date\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        discover(path, case="case", activity="activity", timestamp="time")
    assert str(caught.value) == f"{path}:row 3: time: not a date and time: 'not a date'"


def test_missing_column_and_empty_values(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("case,activity,time\n1,,2024-01-01\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column 'ts' for --timestamp"):
        discover(path, case="case", activity="activity", timestamp="ts")
    with pytest.raises(InputError, match="row 2: activity: empty activity"):
        discover(path, case="case", activity="activity", timestamp="time")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty file"):
        discover(empty, case="case", activity="activity", timestamp="time")


# --------------------------------------------------------------------------- to a process


def test_to_process_keeps_frequent_paths_with_shares() -> None:
    dfg = discover(LOGS / "running-example.csv", **XES)
    imported = to_process(dfg)
    assert any("frequency threshold 1" in note for note in imported.notes)
    names = [s.name for s in imported.steps]
    assert names[0] == "開始" and names[1] == "register request" and names[-1] == "終了"
    assert len(imported.steps) == len(dfg.activities) + 2
    # Shares out of each step add up to 1.
    out: dict[str, float] = {}
    for flow in imported.flows:
        if flow.share is not None:
            out[flow.source] = out.get(flow.source, 0) + flow.share
    assert all(v == pytest.approx(1) for v in out.values()) and out
    # The log spans about 6 weeks: volumes scale to a year.
    register = next(s for s in imported.steps if s.name == "register request")
    assert register.volume > dfg.activities["register request"] * 5
    strict = to_process(dfg, min_frequency=3)
    assert len(strict.flows) < len(imported.flows)
    assert any("frequency threshold 3" in note for note in strict.notes)


def test_cli_discover_json_keys(cli) -> None:
    result = cli(
        "discover",
        LOGS / "running-example.csv",
        "--case",
        "case:concept:name",
        "--activity",
        "concept:name",
        "--timestamp",
        "time:timestamp",
        "--json",
    )
    assert result.code == 0, result.err
    assert result.err == ""  # no progress when stderr is not a terminal
    data = json.loads(result.out)
    assert {"cases", "events", "activities", "start", "end", "edges"} <= set(data)
    assert data["cases"] == 6 and data["events"] == 42
    assert {"source", "target", "frequency", "mean_seconds", "median_seconds"} <= set(
        data["edges"][0]
    )


def test_cli_discover_into_creates_a_workshop(tmp_path: Path, cli) -> None:
    folder = tmp_path / "receipt"
    result = cli(
        "discover",
        LOGS / "receipt.csv",
        "--case",
        "case:concept:name",
        "--activity",
        "concept:name",
        "--timestamp",
        "time:timestamp",
        "--resource",
        "org:group",
        "--into",
        folder,
        "--progress",
    )
    assert result.code == 0, result.err
    assert "frequency threshold 15" in result.out  # 1% of 1,434 cases
    assert "events 100%" in result.err
    workshop = storage.load(folder)
    assert errors(workshop) == []
    assert workshop.sources and workshop.sources[0].endswith("receipt.csv")
    assert workshop.settings.annual_cases > 1000
    assert len({s.lane for s in workshop.steps}) > 1
    assert cli("process", folder, "--json").code == 0


def test_cli_discover_bad_column_is_one_line(cli) -> None:
    result = cli(
        "discover",
        LOGS / "running-example.csv",
        "--case",
        "nope",
        "--activity",
        "concept:name",
        "--timestamp",
        "time:timestamp",
    )
    assert result.code == 2
    assert result.err.count("\n") == 1 and "no column 'nope'" in result.err


def test_start_timestamps_give_measured_minutes_and_waits() -> None:
    dfg = discover(
        DATA / "with-start.csv",
        case="case",
        activity="activity",
        timestamp="end",
        start_timestamp="start",
    )
    # Durations still run completion to completion: 80 and 40 minutes.
    assert dfg.edge("受付", "審査").mean_seconds == 3600
    # 受付 took 10 and 20 minutes, 審査 30 and 40; 審査 waited 50 and 0 minutes.
    assert dfg.work_seconds == {"受付": 900, "審査": 2100}
    assert dfg.wait_seconds == {"審査": 1500}
    steps = {s.name: s for s in to_process(dfg).steps}
    assert (steps["受付"].minutes, steps["受付"].wait_minutes) == (15, 0)
    assert (steps["審査"].minutes, steps["審査"].wait_minutes) == (35, 25)


def test_a_control_character_in_an_activity_is_refused_with_its_row(tmp_path: Path, cli) -> None:
    path = tmp_path / "nul.csv"
    path.write_text(
        "case:concept:name,concept:name,time:timestamp\n"
        "c1,受付,2026-04-01T09:00:00Z\nc1,受\x00付,2026-04-01T09:10:00Z\n",
        encoding="utf-8",
    )
    result = cli("discover", path)  # pm4py's column names are the defaults
    assert result.code == 2
    assert result.err == (
        f"cocreate: {path}:row 3: concept:name: control character U+0000 in '受\\x00付'; remove it"
        " and"
        " import again\n"
    )


def test_an_empty_case_is_refused_with_its_row_in_a_later_chunk(tmp_path: Path) -> None:
    rows = [f"c{i},受付,2026-04-01T09:00:00Z" for i in range(7)] + [" ,受付,2026-04-01T09:00:00Z"]
    path = tmp_path / "empty.csv"
    path.write_text("case,activity,time\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_log(path, case="case", activity="activity", timestamp="time", chunk_rows=3)
    assert str(caught.value) == f"{path}:row 9: case: empty case"


def test_a_cp932_log_is_read_by_the_table_rules(tmp_path: Path) -> None:
    path = tmp_path / "sjis.csv"
    text = "ケース,作業,日時\nc1,受付,2026-04-01T09:00:00Z\nc1,審査,2026-04-01T09:30:00Z\n"
    path.write_bytes(text.encode("cp932"))
    dfg = discover(path, case="ケース", activity="作業", timestamp="日時")
    assert dfg.edge("受付", "審査").mean_seconds == 1800
