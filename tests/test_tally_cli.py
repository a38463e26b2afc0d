"""CLI round trips for tally, matrix and export quadrant on a copy of the sample."""

from __future__ import annotations

import json

import pytest

from cocreate import storage


def test_tally_table(sample, cli) -> None:
    result = cli("tally", sample, "--lang", "en")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split()[:3] == ["Rank", "ID", "Quadrant"]
    assert lines[1].split()[:2] == ["1", "nakamura.i1"]
    assert "[solution-first]" in result.out
    ja = cli("tally", sample, "--lang", "ja")
    assert "すぐやる" in ja.out and "原因にひもづかない" in ja.out


def test_tally_json(sample, cli) -> None:
    result = cli("tally", sample, "--json")
    items = json.loads(result.out)
    assert len(items) == len(storage.load(sample).ideas)
    first = items[0]
    for key in (
        "id",
        "title",
        "effect",
        "effort",
        "effect_iqr",
        "effort_iqr",
        "raters",
        "dots",
        "hours_saved",
        "quadrant",
        "rank",
        "flags",
    ):
        assert key in first
    assert first["quadrant"] in ("quick_win", "major_project", "fill_in", "thankless")
    assert [i["rank"] for i in items] == list(range(1, len(items) + 1))


def test_tally_csv(sample, cli, tmp_path) -> None:
    target = tmp_path / "集計.csv"
    result = cli("tally", sample, "--csv", target)
    assert result.code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfrank,id,title")


def test_members_see_results_only_once_voting_is_closed(sample, cli, tmp_path) -> None:
    for args in (
        ("tally", sample, "--as", "suzuki"),
        ("matrix", sample, "--as", "suzuki", "-o", tmp_path / "m.png"),
        ("export", "quadrant", sample, "--as", "suzuki", "-o", tmp_path / "q.mmd"),
    ):
        refused = cli(*args)
        assert refused.code == 2 and "voting is still open" in refused.err
        assert refused.err.count("\n") == 1
    assert not (tmp_path / "m.png").exists() and not (tmp_path / "q.mmd").exists()
    assert cli("tally", sample, "--as", "sato").code == 0  # the facilitator may
    assert cli("voting", "close", sample).code == 0
    assert cli("tally", sample, "--as", "suzuki").code == 0


def test_anonymous_mode_names_no_member_anywhere(sample, cli, tmp_path) -> None:
    storage.update_workshop(sample, lambda w: w.edit(voting=w.voting.edit(anonymous=True)))
    outputs = [
        cli("tally", sample).out,
        cli("tally", sample, "--json").out,
        cli("tally", sample, "--lang", "en").out,
    ]
    cli("tally", sample, "--csv", tmp_path / "t.csv")
    cli("export", "quadrant", sample, "-o", tmp_path / "q.mmd")
    outputs.append((tmp_path / "t.csv").read_text(encoding="utf-8-sig"))
    outputs.append((tmp_path / "q.mmd").read_text(encoding="utf-8"))
    workshop = storage.load(sample)
    for text in outputs:
        assert "I1" in text
        for member in workshop.members:
            assert f"{member.id}." not in text and member.name not in text


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_matrix_cli(sample, cli, tmp_path, suffix) -> None:
    target = tmp_path / f"matrix{suffix}"
    result = cli("matrix", sample, "-o", target, "--lang", "ja")
    assert result.code == 0, result.err
    assert target.stat().st_size > 10_000


def test_matrix_cli_refuses_other_formats(sample, cli, tmp_path) -> None:
    result = cli("matrix", sample, "-o", tmp_path / "m.jpg")
    assert result.code == 2 and ".png or .svg" in result.err
    assert not (tmp_path / "m.jpg").exists()


def test_export_quadrant_cli(sample, cli, tmp_path) -> None:
    target = tmp_path / "matrix.mmd"
    result = cli("export", "quadrant", sample, "-o", target, "--lang", "en")
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("quadrantChart\n")
    assert '"nakamura.i1 ' in text and 'quadrant-2 "Quick win"' in text
