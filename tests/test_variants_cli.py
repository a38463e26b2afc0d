"""The variant commands: authoring maps, aligning, comparing, the standard, fit & gap."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cocreate import storage
from cocreate.model import Medium, StandardChoice, StepChoice, VariantKind
from cocreate.variants.align import match
from cocreate.variants.compare import compare
from cocreate.variants.standard import savings
from tests.variants_fixtures import end, paper_and_mail, start, step, variant


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "bureaus"
    storage.create(target, match(paper_and_mail(), ["s1", "b:m1"], "申請"))
    return target


def _text(folder: Path) -> str:
    return (folder / "workshop.toml").read_text(encoding="utf-8")


def test_variants_are_added_copied_renamed_and_removed(cli, folder):
    result = cli("variant", "add", folder, "--id", "kaikei", "--name", "会計課", "--copy", "main")
    assert result.code == 0, result.err
    assert "kaikei" in result.out
    workshop = storage.load(folder)
    assert [s.id for s in workshop.variant("kaikei").steps] == [s.id for s in workshop.steps]

    assert (
        cli("variant", "rename", folder, "kaikei", "--id", "kaikeika", "--unit", "会計課").code == 0
    )
    assert cli("variant", "edit", folder, "b", "--name", "国際局", "--cases", "70").code == 0
    workshop = storage.load(folder)
    assert workshop.variant("kaikeika").unit == "会計課"
    assert (workshop.variant("b").name, workshop.variant("b").annual_cases) == ("国際局", 70)

    listed = json.loads(cli("variant", "list", folder, "--json").out)
    assert [m["id"] for m in listed] == ["main", "b", "c", "kaikeika"]

    assert cli("variant", "remove", folder, "b").code == 0
    workshop = storage.load(folder)
    assert workshop.variant("b") is None
    assert workshop.alignments[0].steps == ("main:s1",)


def test_a_refused_edit_writes_nothing(cli, folder):
    before = _text(folder)
    result = cli("variant", "add", folder, "--id", "b", "--name", "重複")
    assert result.code == 2 and "already a map" in result.err
    result = cli("variant", "remove", folder, "main")
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert _text(folder) == before


def test_a_step_table_is_imported_into_a_named_variant(cli, folder, tmp_path):
    table = tmp_path / "kaikei.csv"
    table.write_text(
        "工程,担当,所要時間(分),媒体,次工程\n申請受付,会計課,5,メール,内容の確認\n内容の確認,会計課,4,システム,\n",
        encoding="utf-8",
    )
    result = cli(
        "import", "steps", table, "--into", folder,
        "--variant", "kaikei", "--variant-name", "会計課", "--unit", "大臣官房 会計課",
    )  # fmt: skip
    assert result.code == 0, result.err
    workshop = storage.load(folder)
    kaikei = workshop.variant("kaikei")
    assert [s.name for s in kaikei.steps] == ["申請受付", "内容の確認"]
    assert kaikei.unit == "大臣官房 会計課" and kaikei.sources == ("../kaikei.csv",)
    assert workshop.steps == paper_and_mail().steps  # the own map is untouched
    # 内容の確認 aligns with the other maps' step of that name
    rows = {r.row.id: r for r in compare(workshop).steps}
    assert "kaikei" in rows["main:s3"].present


def test_an_event_log_is_discovered_into_a_variant(cli, folder, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(
        "case,activity,time\n"
        "1,受付,2026-01-05T09:00\n1,内容の確認,2026-01-05T10:00\n"
        "2,受付,2026-01-06T09:00\n2,内容の確認,2026-01-06T09:30\n",
        encoding="utf-8",
    )
    result = cli(
        "discover", log, "--case", "case", "--activity", "activity", "--timestamp", "time",
        "--into", folder, "--variant", "mined", "--variant-name", "ログから",
    )  # fmt: skip
    assert result.code == 0, result.err
    mined = storage.load(folder).variant("mined")
    assert mined.name == "ログから" and {s.name for s in mined.steps} >= {"受付", "内容の確認"}


def test_a_bpmn_reference_is_imported_and_checked_for_fit_and_gap(cli, folder, tmp_path):
    reference = variant(
        "r",
        (start(), step("r1", "電子申請", medium=Medium.SYSTEM, lane="a"), end()),
        kind=VariantKind.REFERENCE,
    )
    donor = tmp_path / "donor"
    storage.create(donor, paper_and_mail().edit(variants=(reference,)))
    bpmn = tmp_path / "reference.bpmn"
    assert cli("export", "bpmn", donor, "--variant", "r", "-o", bpmn).code == 0
    result = cli(
        "import", "bpmn", bpmn, "--into", folder,
        "--variant", "ref", "--variant-name", "標準業務フロー", "--variant-kind", "reference",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert storage.load(folder).variant("ref").kind == VariantKind.REFERENCE
    assert cli("align", folder, "--match", "b:m1,ref:r1").code == 0
    data = json.loads(cli("fitgap", folder, "--json").out)
    assert [d["map"]["id"] for d in data] == ["main", "b", "c"]
    by_map = {d["map"]["id"]: d for d in data}
    assert [f["step"] for f in by_map["b"]["fits"]] == ["m1"]
    assert "s3" in [g["step"] for g in by_map["b"]["gaps"]]


def test_fitgap_without_a_reference_says_so(cli, folder):
    result = cli("fitgap", folder, "--lang", "en")
    assert result.code == 2 and "no reference flow" in result.err


def test_align_shows_confirms_and_corrects(cli, folder):
    shown = json.loads(cli("align", folder, "--json").out)
    rows = {r["id"]: r for r in shown["rows"]}
    assert rows["main:s1"]["steps"] == {"main": "s1", "b": "m1", "c": "s1"}
    assert rows["main:s1"]["confirmed"] is True

    assert cli("align", folder, "--apart", "c:s1").code == 0
    assert cli("align", folder, "--forget", "main:s1").code == 0
    assert storage.load(folder).alignments[0].steps == ("c:s1",)
    assert cli("align", folder, "--confirm").code == 0
    assert all(r.confirmed for r in _rows(folder))

    text = cli("align", folder, "--lang", "ja").out
    assert "✓" in text and "—" in text


def _rows(folder: Path):
    from cocreate.variants.align import align

    return align(storage.load(folder)).rows


def test_align_refuses_a_step_that_does_not_exist(cli, folder):
    before = _text(folder)
    result = cli("align", folder, "--match", "main:s1,b:nope")
    assert result.code == 2
    assert result.err.strip() == "cocreate: b:nope: no step 'nope' in variant 'b'"
    assert _text(folder) == before


def test_compare_prints_json_csv_and_a_table(cli, folder, tmp_path):
    workshop = storage.load(folder)
    data = json.loads(cli("compare", folder, "--json").out)
    assert data == json.loads(json.dumps(compare(workshop).as_dict()))

    target = tmp_path / "out" / "compare.csv"
    target.parent.mkdir()
    assert cli("compare", folder, "--csv", target, "--lang", "ja").code == 0
    assert target.read_text(encoding="utf-8-sig").startswith("区分,項目,")

    table = cli("compare", folder, "--variants", "main,c", "--lang", "ja").out
    assert "課長補佐の押印" in table and "一部の業務フローだけにある工程" in table
    assert "b局" not in table

    bad = cli("compare", folder, "--variants", "main,zz")
    assert bad.code == 2 and bad.err.startswith("cocreate: --variants: unknown variant 'zz'")


def test_standard_saves_its_choices_and_each_bureaus_savings(cli, folder):
    result = cli("standard", folder, "--take", "s1=b", "--drop", "s2", "--json")
    assert result.code == 0, result.err
    payload = json.loads(result.out)
    workshop = storage.load(folder)
    std = workshop.variant("standard")
    assert std.kind == VariantKind.STANDARD
    assert set(std.choices) == {
        StepChoice("s1", StandardChoice.TAKE, "b"),
        StepChoice("s2", StandardChoice.DROP),
    }
    expected = savings(workshop, "standard").as_dict()
    assert payload["savings"] == json.loads(json.dumps(expected))
    assert payload["savings"]["hours_saved"] > 0

    # a later run adds to the choices, and one for the same step replaces the former
    assert cli("standard", folder, "--take", "c:s1=c").code == 0
    std = storage.load(folder).variant("standard")
    assert set(std.choices) == {
        StepChoice("c:s1", StandardChoice.TAKE, "c"),
        StepChoice("s2", StandardChoice.DROP),
    }
    text = cli("standard", folder, "--lang", "ja", "--dry-run").out
    assert "合計" in text and "試算のみ" in text


def test_standard_dry_run_writes_nothing_and_bad_choices_name_the_option(cli, folder):
    before = _text(folder)
    assert cli("standard", folder, "--take", "s1=b", "--dry-run").code == 0
    assert _text(folder) == before
    result = cli("standard", folder, "--take", "s2=b")
    assert result.code == 2
    assert result.err.startswith(
        "cocreate: --take s2=b: variant 'b' does not do 申請書を持参 (main:s2)"
    )
    result = cli("standard", folder, "--take", "s2")
    assert result.code == 2 and "write STEP=VARIANT" in result.err
    result = cli("standard", folder, "--drop", "zz:q")
    assert result.code == 2 and result.err.startswith("cocreate: --drop zz:q:")
    assert _text(folder) == before


def test_standard_best_takes_the_best_way_per_step(cli, folder):
    assert cli("standard", folder, "--best").code == 0
    std = storage.load(folder).variant("standard")
    assert StepChoice("main:s1", StandardChoice.TAKE, "b") in std.choices
    assert StepChoice("main:s3", StandardChoice.TAKE, "b") in std.choices


def test_every_variants_string_has_both_languages_with_the_same_fields():
    import re
    import string

    import cocreate.cli.variants as module
    from cocreate.i18n import catalogue

    keys = [k for k in catalogue() if k.startswith("variants.")]
    assert len(keys) > 40
    for key in keys:
        texts = catalogue()[key]
        assert texts.get("ja") and texts.get("en"), key
        fields = [
            {name for _, name, _, _ in string.Formatter().parse(texts[lang]) if name}
            for lang in ("ja", "en")
        ]
        assert fields[0] == fields[1], key
    source = Path(module.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r'"(variants\.[a-z_]+\.[a-z_]+)"', source))
    assert used and not [k for k in used if k not in catalogue()]


def test_standard_without_an_id_recomposes_the_only_standard(cli, sample):
    before = storage.load(sample).variant("hyojun")
    result = cli("standard", sample, "--json")
    assert result.code == 0, result.err
    after = storage.load(sample)
    assert [v.id for v in after.variants if v.kind == VariantKind.STANDARD] == ["hyojun"]
    assert after.variant("hyojun").steps == before.steps


def test_discover_into_a_variant_with_json_keeps_stdout_json(cli, folder, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("case,activity,time\n1,受付,2026-01-05T09:00\n1,確認,2026-01-05T10:00\n")
    result = cli(
        "discover", log, "--case", "case", "--activity", "activity", "--timestamp", "time",
        "--into", folder, "--variant", "mined", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert json.loads(result.out)["cases"] == 1
    assert "mined" in result.err
