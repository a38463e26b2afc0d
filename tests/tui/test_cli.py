"""`cocreate [PATH]`, `cocreate open` and `cocreate join` build the app through app_factory."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate.paths import sample_workshop


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list:
    from cocreate.tui.app import CocreateApp

    apps: list = []

    def run(self, *args, **kwargs):
        apps.append(self)

    monkeypatch.setattr(CocreateApp, "run", run)
    return apps


def test_no_arguments_opens_the_sample_as_facilitator(cli, launched, tmp_path, monkeypatch):
    monkeypatch.setenv("COCREATE_HOME", str(tmp_path))
    result = cli()
    assert result.code == 0, result.err
    (app,) = launched
    # the user's own copy: the bundled sample is the tests' fixture and never edited
    copy = tmp_path / "workshops" / sample_workshop().name
    assert app.session.folder == copy and app.session.member is None
    assert (copy / "workshop.toml").read_bytes() == (
        sample_workshop() / "workshop.toml"
    ).read_bytes()
    assert app.start_phase == "map"
    assert str(copy) in result.err


def test_open_takes_language_and_phase(cli, launched, sample: Path) -> None:
    assert cli(sample, "--lang", "en", "--phase", "vote").code == 0
    (app,) = launched
    assert (app.lang, app.start_phase, app.session.folder) == ("en", "vote", sample)


def test_join_opens_member_mode_on_problems(cli, launched, sample: Path) -> None:
    assert cli("join", sample, "--as", "kato", "--lang", "ja").code == 0
    (app,) = launched
    assert app.session.member == "kato" and app.start_phase == "problems"


def test_join_an_unknown_member_is_one_line_exit_2(cli, launched, sample: Path) -> None:
    result = cli("join", sample, "--as", "nobody")
    assert result.code == 2 and not launched
    assert "nobody" in result.err and len(result.err.strip().splitlines()) == 1


def test_join_needs_a_member(cli, launched, sample: Path) -> None:
    result = cli("join", sample)
    assert result.code == 2 and "--as" in result.err and not launched


def test_the_app_starts_with_the_garbage_collector_paused_and_it_resumes(
    cli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from cocreate.tui.app import CocreateApp

    collecting: list[bool] = []
    monkeypatch.setattr(CocreateApp, "run", lambda self, *a, **k: collecting.append(gc.isenabled()))
    assert gc.isenabled()
    for args in ((sample,), ("open", sample), ("join", sample, "--as", "kato")):
        assert cli(*args, "--lang", "en").code == 0
        assert collecting.pop() is False, f"paused until the first frame: {args}"
        assert gc.isenabled(), f"and on again once the command is done: {args}"
    assert cli(sample, "--no-such-option").code == 2
    assert gc.isenabled(), "on again after a usage error"
    assert cli("summary", sample).code == 0 and not collecting
