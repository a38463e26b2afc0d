"""The near-duplicate hint: bounded, debounced and worked out off the UI thread."""

from __future__ import annotations

import difflib
import threading
from pathlib import Path

from cocreate import contribute, storage
from tests.tui.conftest import build_app, hint_settled, settle

LONG = "申請書の記入欄が多すぎて毎回差し戻される" * 500  # 10,000 characters


def test_similarity_compares_a_bounded_part_of_each_text(sample: Path, monkeypatch) -> None:
    workshop = storage.load(sample)
    lengths: list[int] = []
    real = difflib.SequenceMatcher

    class Recording(real):  # type: ignore[misc, valid-type]
        def __init__(self, isjunk=None, a="", b="", autojunk=True) -> None:
            lengths.append(max(len(a), len(b)))
            super().__init__(isjunk, a, b, autojunk)

    monkeypatch.setattr(contribute.difflib, "SequenceMatcher", Recording)
    contribute.similar_problems(workshop, LONG, threshold=0.0)
    assert lengths and max(lengths) <= contribute.SIMILARITY_COMPARED


def test_an_exact_duplicate_scores_one_and_a_long_near_one_just_under(
    sample: Path,
) -> None:
    workshop = storage.load(sample)
    problem = workshop.problems[0]
    exact = contribute.similar_problems(workshop, problem.text)
    assert exact[0] == (problem, 1.0)
    # the same opening, different after the compared part: close, never "the same"
    base = "あ" * contribute.SIMILARITY_COMPARED
    ws, _ = contribute.add_problem(workshop, "kato", base + "い")
    scores = dict(contribute.similar_problems(ws, base + "う"))
    assert 0.99 <= max(scores.values()) < 1.0


async def test_the_hint_runs_in_a_worker_once_typing_pauses(sample: Path, monkeypatch) -> None:
    calls: list[int] = []
    real = contribute.similar_problems

    def recording(*args, **kwargs):
        calls.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(contribute, "similar_problems", recording)
    app = build_app(sample, lang="ja", phase="problems")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        ui_thread = threading.get_ident()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.inputs["text"].value = LONG  # pasted: 10,000 characters
        await pilot.press(*"課長が不在")
        await hint_settled(pilot)
        assert calls, "the hint was worked out"
        assert ui_thread not in calls, "never on the UI thread"
        assert len(calls) < 5, "once typing pauses, not once a key"
        # the app still answers: ctrl+q asks over the open form, a second one quits
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (0, None)
    assert not app.is_running


async def test_a_stale_hint_is_never_shown_over_a_newer_one(sample: Path) -> None:
    app = build_app(sample, lang="ja", phase="problems")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"課長が不在で押印がもらえない")
        await hint_settled(pilot)
        assert "nakamura.p1" in str(form.query_one("#form-hint").render())
        form.post_message(form.HintComputed("old", form.hint_generation - 1))
        await pilot.pause()
        assert "old" not in str(form.query_one("#form-hint").render())
