"""The command line follows the locale like the app: Japanese under a Japanese locale."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate import storage


@pytest.fixture
def japanese(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("COCREATE_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")


def test_process_check_voting_and_summary_are_japanese_under_a_japanese_locale(
    sample: Path, cli, japanese
) -> None:
    process = cli("process", sample)
    assert "年間業務量" in process.out and "プロセス効率" in process.out
    assert "annual workload" not in process.out
    check = cli("check", sample)
    assert "警告" in check.out and "問題なし" in check.out
    assert "has not voted yet" not in check.out  # the not-voted warning is said in Japanese
    status = cli("voting", "status", sample)
    assert status.out.startswith("投票受付中") and "未投票" in status.out
    summary = cli("summary", sample)
    assert "フォルダー" in summary.out and "folder:" not in summary.out


def test_lang_overrides_the_locale(sample: Path, cli, japanese) -> None:
    assert "annual workload" in cli("process", sample, "--lang", "en").out
    assert "voting open" in cli("--lang", "en", "voting", "status", sample).out


def test_help_is_japanese_under_a_japanese_locale(cli, japanese, capsys) -> None:
    result = cli("--help")
    assert result.code == 0
    assert result.out.startswith("使い方: cocreate")
    assert "ワークショップを検証し" in result.out and "オプション:" in result.out
    english = cli("--lang", "en", "--help")
    assert english.out.startswith("usage: cocreate") and "validate a workshop" in english.out


def test_an_error_line_starts_with_cocreate_and_is_in_the_locales_language(
    tmp_path: Path, sample: Path, cli, japanese
) -> None:
    missing = cli("check", tmp_path / "nowhere")
    assert missing.code == 2 and missing.err.startswith("cocreate: ")
    from cocreate.prioritize import voting

    storage.update_workshop(sample, voting.close_voting)
    refused = cli("rate", sample, "--as", "kato", "--idea", "suzuki.i1", "--effect", "3",
                  "--effort", "3")  # fmt: skip
    assert refused.code == 2
    assert refused.err.startswith("cocreate: 投票は締め切られています")
    usage = cli("process", sample, "--bogus")
    assert usage.code == 2 and usage.err.startswith("cocreate: ")


def test_process_ideas_prints_cycle_efficiency_as_a_percentage(sample: Path, cli) -> None:
    out = cli("process", sample, "--ideas", "all").out
    line = next(x for x in out.splitlines() if "cycle efficiency" in x.lower())
    assert "%" in line and " pt" in line
    assert "0.04" not in line


def test_long_step_ids_keep_the_process_table_aligned_and_loops_show_names(
    tmp_path: Path, cli
) -> None:
    from rich.cells import cell_len

    from cocreate.model import Flow, Lane, Meta, Step, StepKind, Workshop

    long_id = "s02-application-form-in-triplicate"
    steps = (
        Step("s01", "受付", "a", StepKind.START),
        Step(long_id, "申請書の審査", "a", minutes=10),
        Step("s03", "不備はないか", "a", StepKind.DECISION, minutes=1),
        Step("s04", "完了", "a", StepKind.END),
    )
    flows = (
        Flow("s01", long_id),
        Flow(long_id, "s03"),
        Flow("s03", "s04", share=0.8),
        Flow("s03", long_id, label="差戻し", share=0.2),
    )
    workshop = Workshop(
        meta=Meta(title="長いID"), lanes=(Lane("a", "窓口"),), steps=steps, flows=flows
    )
    folder = tmp_path / "ws"
    storage.create(folder, workshop)
    out = cli("process", folder).out.splitlines()
    header = next(i for i, line in enumerate(out) if line.startswith("id "))
    rows = out[header + 1 : header + 1 + len(steps)]
    # the step's name starts at the same cell in every row, however long the id
    starts = {cell_len(row[: row.index(step.name)]) for row, step in zip(rows, steps, strict=True)}
    assert starts == {cell_len(out[header][: out[header].index("step")])}, rows
    loops = next(line for line in out if line.strip().startswith("rework loops"))
    assert "申請書の審査 → 不備はないか" in loops and long_id not in loops


def test_join_help_names_the_phase_join_opens_on(cli) -> None:
    from cocreate.cli.app import MEMBER_PHASE

    text = " ".join(cli("join", "--help").out.split())
    assert f"(default: {MEMBER_PHASE})" in text and "vote in member mode" not in text
    assert "(default: map)" in " ".join(cli("open", "--help").out.split())


# ------------------------------------------------- refusals of the map and the pilot plan


def _refusals(module) -> list[tuple[int, str]]:
    """Each ``raise`` of an InputError or RuleError in ``module`` without a catalogue key."""
    import ast
    import inspect

    bare = []
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if not isinstance(node, ast.Raise) or not isinstance(node.exc, ast.Call):
            continue
        call = node.exc
        named = isinstance(call.func, ast.Name) and call.func.id in ("InputError", "RuleError")
        keyed = (
            isinstance(call.func, ast.Attribute)
            and call.func.attr in ("keyed", "about")
            and bool(call.args[1:] if call.func.attr == "about" else call.args)
        )
        if named or (isinstance(call.func, ast.Attribute) and not keyed):
            bare.append((node.lineno, ast.unparse(call)[:80]))
    return bare


def test_every_refusal_of_the_map_and_the_pilot_plan_carries_a_key() -> None:
    from cocreate import facilitate, pilot
    from cocreate.process import edit

    assert _refusals(edit) == [] and _refusals(pilot) == []
    assert _refusals(facilitate) == []


def test_the_workshop_editors_refusals_are_said_in_japanese_too(sample: Path) -> None:
    from cocreate import facilitate
    from cocreate.i18n import t

    ws = storage.load(sample)
    other = ws.members[1]
    ws = facilitate.edit_member(ws, other.id, email="sato@example.go.jp")
    me = ws.members[2].id
    cases = [
        lambda: facilitate.edit_member(ws, me, email="not an address"),
        lambda: facilitate.edit_member(ws, me, email="SATO@example.go.jp"),
        lambda: facilitate.edit_member(ws, me, role="boss"),
        lambda: facilitate.edit_meta(ws, dates=["2027-02-01"]),
        lambda: facilitate.edit_meta(ws, facilitator="ghost"),
        lambda: facilitate.edit_settings(ws, language="fr"),
        lambda: facilitate.edit_settings(ws, quadrant_split=7),
        lambda: facilitate.edit_settings(ws, hourly_cost=-1),
    ]
    for case in cases:
        with pytest.raises(Exception) as caught:
            case()
        error = caught.value
        assert error.key and error.argument, str(error)  # the form marks that field
        japanese = t(error.key, "ja", **error.values)  # as the app's refusal_text says it
        assert japanese != str(error) and any(ord(ch) > 0x3000 for ch in japanese), japanese


def test_refusals_no_command_reaches_are_said_in_japanese_too(sample: Path) -> None:
    import datetime as dt

    from cocreate import pilot
    from cocreate.i18n import error_text
    from cocreate.model import Milestone, Risk, TeamMember
    from cocreate.process import edit

    ws = storage.load(sample)
    cases = [
        lambda: edit.add_step(ws, name="x", lane=ws.lanes[0].id, volume=1.5),
        lambda: edit.add_step(ws, name="x", lane=ws.lanes[0].id, kind="nothing"),
        lambda: edit.edit_step(ws, ws.steps[0].id, medium="pigeon"),
        lambda: edit.add_step(ws, name="x", lane="nolane"),
        lambda: edit.remove_step(ws, "s02"),
        lambda: edit.remove_flow(ws, "s01", "s99"),
        lambda: edit.remove_lane(ws, ws.lanes[0].id),
        lambda: pilot.parse_weeks("六"),
        lambda: pilot.edit_pilot(ws, start="2027-01-12"),
        lambda: pilot.edit_pilot(ws, weeks=1.5),
        lambda: pilot.set_team_member(ws, None, ws.pilot.team[0].member),
        lambda: pilot.set_team_member(ws, TeamMember("ghost"), "kato"),
        lambda: pilot.set_milestone(ws, Milestone(dt.date(2001, 1, 1), "x"), None),
        lambda: pilot.set_milestone(ws, None, "2027-01-12", "x"),
        lambda: pilot.set_risk(ws, Risk("ない"), None),
        lambda: pilot.set_criterion(ws, "ない", None),
    ]
    for case in cases:
        with pytest.raises(Exception) as caught:
            case()
        error = caught.value
        assert error.key and error.key.startswith("error."), str(error)
        assert error_text(error, "en") == str(error)
        japanese = error_text(error, "ja")
        assert japanese != str(error) and any(ord(ch) > 0x3000 for ch in japanese), japanese


#: Every command that can reach a refusal of cocreate/process/edit.py or cocreate/pilot.py,
#: with what it says under a Japanese locale.
REFUSED_IN_JAPANESE = [
    (("lane", "rename", "{ws}", "nolane", "窓口"), "担当（レーン）「nolane」はありません"),
    (("flow", "edit", "{ws}", "s01", "s99", "--label", "x"), "s01 から s99 への流れはありません"),
    (("pilot", "set", "{ws}", "--weeks", "0"), "試行は1週間以上にしてください（0 週は短すぎます）"),
    (("pilot", "set", "{ws}", "--owner", "ghost"), "メンバー「ghost」はいません"),
    (("pilot", "set", "{ws}", "--scope-steps", "s99"), "ステップ「s99」はありません"),
    (("pilot", "kpi-add", "{ws}", "--name", "x", "--metric", "bogus"), "指標「bogus」はありません"),
    (("pilot", "kpi-add", "{ws}", "--name", "x", "--baseline", "nan"), "現状値は数値で入力して"),
    (("pilot", "kpi-edit", "{ws}", "k1", "--target", "inf"), "目標値は数値で入力してください"),
    (("pilot", "kpi-edit", "{ws}", "k9", "--name", "x"), "KPI「k9」はありません"),
    (("pilot", "kpi-remove", "{ws}", "k9"), "KPI「k9」はありません"),
    (("pilot", "kpi-remove", "{ws}", "k4"), "KPI k4 は m1 で使われているため削除できません"),
    (("pilot", "team", "{ws}", "ghost"), "メンバー「ghost」はいません"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("command", "said"),
    REFUSED_IN_JAPANESE,
    ids=[" ".join(c[:2] + c[3:]) for c, _ in REFUSED_IN_JAPANESE],
)
def test_the_map_and_pilot_plan_refuse_in_japanese(
    sample: Path, cli, japanese, command: tuple[str, ...], said: str
) -> None:
    if command[:2] == ("pilot", "kpi-remove") and command[-1] == "k4":  # a KPI in use
        measured = cli("measure", sample, "--kpi", "k4", "--value", "0.1", "--date", "2027-02-01")
        assert measured.code == 0, measured.err
    before = (sample / "workshop.toml").read_bytes()
    result = cli(*[part.replace("{ws}", str(sample)) for part in command])
    assert result.code == 2, result
    assert result.err.startswith("cocreate: ") and result.err.count("\n") == 1
    assert said in result.err, result.err
    assert not any(word in result.err for word in ("unknown", "must", "there is", "used by"))
    assert (sample / "workshop.toml").read_bytes() == before
