"""Issue 14 §22: the Japanese CLI says its refusals in Japanese; English stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate import storage
from cocreate.model import Role


@pytest.fixture
def japanese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COCREATE_LANG", "ja")


def _refused(cli, *argv: object) -> str:
    result = cli(*argv)
    assert result.code == 2 and result.err.count("\n") == 1, result.err
    assert result.err.startswith("cocreate: ")
    return result.err.removeprefix("cocreate: ").strip()


def _set_language(sample: Path, language: str) -> None:
    storage.update_workshop(
        sample, lambda ws: ws.edit(settings=ws.settings.edit(language=language))
    )


def test_a_workshop_in_japanese_says_its_errors_in_japanese(sample: Path, cli) -> None:
    # The tests' locale is English (COCREATE_LANG=en): the workshop's setting comes first.
    _set_language(sample, "ja")
    assert _refused(cli, "pilot", "team", sample, "nobody", "--remove") == (
        "nobody さんは試行チームにいません"
    )
    # --lang comes before the workshop's setting.
    assert _refused(cli, "--lang", "en", "pilot", "team", sample, "nobody", "--remove") == (
        "nobody is not in the pilot team"
    )
    # A refused save leaves the file as it was and still knows the workshop's language.
    before = (sample / "workshop.toml").read_bytes()
    assert _refused(cli, "flow", "edit", sample, "s03", "s04", "--share", "120").startswith(
        "--share: 120% は使えません"
    )
    assert (sample / "workshop.toml").read_bytes() == before


def test_a_workshop_in_english_is_said_in_english_under_a_japanese_locale(
    sample: Path, cli, japanese
) -> None:
    _set_language(sample, "en")
    assert _refused(cli, "pilot", "risk", sample, "x", "--remove") == "no risk says 'x'"


def test_form_refusals_name_the_option_in_japanese(sample: Path, cli, japanese) -> None:
    before = (sample / "workshop.toml").read_bytes()
    assert _refused(cli, "flow", "edit", sample, "s03", "s04", "--share", "120") == (
        "--share: 120% は使えません。0〜100% で入れてください"
    )
    assert _refused(cli, "pilot", "set", sample, "--ideas", "nobody.i9") == (
        "--ideas: アイデア nobody.i9 はありません"
    )
    assert _refused(cli, "pilot", "kpi-add", sample, "--name", " ") == "--name: 空にはできません"
    # A keyword the option spells otherwise, and a positional argument by its metavar.
    assert _refused(cli, "settings", sample, "--hours-per-person", "-1") == (
        "--hours-per-person: -1 は使えません。0.1 以上にしてください"
    )
    assert _refused(cli, "lane", "rename", sample, "applicant", " ") == "NAME: 空にはできません"
    assert (sample / "workshop.toml").read_bytes() == before


def test_form_refusals_stay_the_domains_english_line(sample: Path, cli) -> None:
    assert _refused(cli, "flow", "edit", sample, "s03", "s04", "--share", "120") == (
        "a share is a fraction between 0 and 1, not 1.2"
    )
    assert _refused(cli, "pilot", "set", sample, "--ideas", "nobody.i9") == (
        "unknown idea 'nobody.i9'"
    )
    assert _refused(cli, "lane", "rename", sample, "applicant", " ") == (
        "a lane's name must not be empty"
    )


@pytest.mark.parametrize(
    ("argv", "ja", "en"),
    [
        (("pilot", "team", "{p}", "nobody", "--remove"), "nobody さんは試行チームにいません",
         "nobody is not in the pilot team"),
        (("pilot", "milestone", "{p}", "2027/1/12", "ない", "--remove"),
         "「ない」というマイルストーンはありません", "no milestone says 'ない'"),
        (("pilot", "risk", "{p}", "ない", "--remove"), "「ない」というリスクはありません",
         "no risk says 'ない'"),
        (("pilot", "rollout", "{p}", "ない", "--remove"),
         "「ない」という横展開の判断基準はありません", "no rollout criterion says 'ない'"),
        (("member", "edit", "{p}", "kato"),
         "member edit: --name、--role、--email のいずれかを指定してください",
         "member edit: give --name, --role or --email"),
        (("flow", "edit", "{p}", "s03", "s04"),
         "flow edit: --label、--share、--even のいずれかを指定してください",
         "flow edit: give --label, --share or --even"),
        (("pilot", "rules", "{p}"),
         "pilot rules: --channel、--shared、--audience、--often のいずれかを指定してください",
         "pilot rules: give --channel, --shared, --audience or --often"),
    ],
)  # fmt: skip
def test_the_edit_commands_own_refusals_in_both_languages(
    sample: Path, cli, monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...], ja: str, en: str
) -> None:
    line = [sample if arg == "{p}" else arg for arg in argv]
    assert _refused(cli, *line) == en
    monkeypatch.setenv("COCREATE_LANG", "ja")
    assert _refused(cli, *line) == ja


def test_member_remove_says_what_it_kept_in_the_clis_language(sample: Path, cli) -> None:
    english = cli("member", "remove", sample, "kato")
    assert english.code == 0
    assert (
        english.out
        == "kato stays as a former member: their 4 problems, causes and ideas are kept\n"
    )
    _set_language(sample, "ja")
    japanese = cli("member", "remove", sample, "tanaka")
    assert japanese.code == 0 and japanese.out.startswith("tanaka は元メンバーとして残ります")
    assert storage.load(sample).member("tanaka").role == Role.FORMER
    assert _refused(cli, "member", "remove", sample, "ito") == (
        "ito さんは試行計画（責任者かチーム）に入っています（先に外してください）"
    )
    assert _refused(cli, "member", "edit", sample, "nobody", "--name", "x") == (
        "メンバー「nobody」はいません"
    )
    assert storage.load(sample).member("ito").role != Role.FORMER


def test_details_and_settings_print_their_labels_in_the_clis_language(
    sample: Path, cli, japanese
) -> None:
    settings = cli("settings", sample, "--derive-cases")
    assert settings.code == 0
    assert settings.out.splitlines()[0] == "年間件数:         手順から算出"
    assert storage.load(sample).settings.annual_cases is None
    details = cli("details", sample, "--area", "庶務")
    assert details.code == 0 and "業務分野: 庶務" in details.out.splitlines()
    english = cli("--lang", "en", "details", sample)
    assert english.code == 0 and "area:         庶務" in english.out.splitlines()
