"""The member web page in real headless Chromium: a member's whole path worked with the
keyboard, and axe-core on every page and state with 0 violations (issue 19 §3, §4).

Screenshots (Japanese, desktop and 360 px) go to ``tests/output/serve/``.
"""

from __future__ import annotations

import json
from pathlib import Path

import aiohttp
import pytest

from cocreate import storage
from cocreate.prioritize import voting
from tests.browser_tabs import CHROMIUM, Chromium, Tab, axe_source
from tests.serve_client import start_server

AXE = axe_source()
SHOTS = Path(__file__).resolve().parent / "output" / "serve"
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not found: install Debian's `chromium` package",
)
needs_axe = pytest.mark.skipif(
    AXE is None, reason="axe-core not found: run `npm install` at the repository root"
)
DESKTOP = (1280, 900)
PHONE = (360, 740)


def _unexpected(errors: list[str]) -> list[str]:
    """Console errors other than the 4xx status of a page that shows a refusal."""
    expected = "Failed to load resource: the server responded with a status of 4"
    return [e for e in errors if not e.startswith(expected)]


async def _fits(tab: Tab) -> None:
    """Nothing but a table's own scroll region is wider than the viewport."""
    widths = await tab.eval("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"


async def _field_error(tab: Tab, field_id: str) -> str:
    """The error text tied to a field through aria-describedby."""
    return await tab.eval(
        f"(() => {{ const f = document.getElementById({json.dumps(field_id)});"
        " const ids = (f.getAttribute('aria-describedby') || '').split(' ');"
        " const e = ids.map(i => document.getElementById(i))"
        "   .find(e => e && e.className === 'error');"
        " return e ? e.innerText : ''; })()"
    )


async def _tick(tab: Tab, selector: str) -> None:
    await tab.focus(selector)
    await tab.press_space()
    assert await tab.eval(f"document.querySelector({json.dumps(selector)}).checked")


def _sel(element_id: str) -> str:
    """A CSS selector for an element id with dots in it (``item-kato.i2``)."""
    return "#" + element_id.replace(".", "\\.")


async def _check_id(tab: Tab, name: str, value: str) -> str:
    """A selector for the checkbox ``name`` with ``value``."""
    return _sel(
        await tab.eval(f"document.querySelector('input[name={name}][value=\"{value}\"]').id")
    )


# --------------------------------------------------------------------------- the whole path


@pytest.mark.long
async def test_a_member_works_the_whole_path_with_the_keyboard(sample: Path, tmp_path: Path):
    server = await start_server(sample)
    try:
        async with Chromium.start(tmp_path / "profile") as browser:
            async with browser.tab(*DESKTOP, lang="ja,en;q=0.5") as tab:
                link = server.member_link("kato")
                await tab.goto(link)
                assert await tab.eval("document.documentElement.lang") == "ja"
                assert "加藤" in await tab.text("header")
                await tab.screenshot(SHOTS / "ja-desktop-home.png")

                # The first Tab reaches the skip link, visibly; Enter moves to the content.
                await tab.press_tab()
                assert await tab.eval("document.activeElement.className") == "skip"
                top = await tab.eval("document.activeElement.getBoundingClientRect().top")
                assert top >= 0, "the skip link stays off screen when focused"
                ring = await tab.eval("getComputedStyle(document.activeElement).outlineWidth")
                assert ring not in ("0px", ""), "no visible focus"

                # A problem, at the step where it happens.
                await tab.goto(link + "problems")
                await tab.type("#problem-text", "備品台帳の番号と現物のラベルが合わない")
                await _tick(tab, await _check_id(tab, "steps", "s13"))
                await tab.submit_with("form[action$='problems'] button[type=submit]")
                assert "done=added" in await tab.url()
                assert "kato.p2" in await tab.text(".flash")
                await tab.screenshot(SHOTS / "ja-desktop-problems.png")

                # A cause of it, with a category.
                await tab.goto(link + "causes?problem=kato.p2")
                assert await tab.eval("document.querySelector('#cause-problem').value") == "kato.p2"
                await tab.type("#cause-text", "ラベルの印刷が手作業で、貼り替えが漏れる")
                await tab.choose("#cause-category", "method")
                await tab.submit_with("form[action$='causes'] button[type=submit]")
                assert "done=added" in await tab.url()

                # An idea answering that cause.
                # Pick the problem first, with the keyboard, to list its causes.
                await tab.goto(link + "ideas")
                await tab.choose("#pick-problem", "kato.p2")
                await tab.submit_with("form.picker button[type=submit]")
                assert "problem=kato.p2" in await tab.url()
                await tab.type("#idea-title", "ラベルを台帳から自動で印刷する")
                await _tick(tab, await _check_id(tab, "causes", "kato.c3"))
                await tab.choose("#idea-action", "digitise")
                await tab.type("#idea-reduction", "30")
                await tab.submit_with("form[action$='ideas'] button[type=submit]")
                assert "done=added" in await tab.url()
                await tab.screenshot(SHOTS / "ja-desktop-ideas.png")

                # Rate and dot: 3 on the new idea, 2 on another, then one too many.
                await tab.goto(link + "vote")
                for idea, effect, effort, dots in (("kato.i2", "5", "2", "3"),
                                                   ("ito.i1", "4", "3", "2")):  # fmt: skip
                    form = _sel(f"item-{idea}")
                    await tab.choose(f"{form} select[name=effect]", effect)
                    await tab.choose(f"{form} select[name=effort]", effort)
                    await tab.type(f"{form} input[name=dots]", dots)
                    await tab.submit_with(f"{form} button[type=submit]")
                    assert "done=rated" in await tab.url()
                assert "0 / 5" in await tab.text("#budget")
                form = _sel("item-suzuki.i1")
                await tab.type(f"{form} input[name=dots]", "1")
                await tab.submit_with(f"{form} button[type=submit]")
                error = await _field_error(tab, "vote-suzuki.i1-dots")
                assert "この案に置けるのは 0 個まで" in error
                assert (
                    await tab.eval(
                        "document.getElementById('vote-suzuki.i1-dots').getAttribute('aria-invalid')"
                    )
                    == "true"
                )
                await tab.eval("document.getElementById('item-suzuki.i1').scrollIntoView()")
                await tab.screenshot(SHOTS / "ja-desktop-vote-refused.png", full=False)
                await tab.screenshot(SHOTS / "ja-desktop-vote.png")
                assert _unexpected(tab.errors) == []  # no CSP violation, no script error

            async with browser.tab(*PHONE, lang="ja") as tab:
                for name in ("", "problems", "causes", "ideas", "vote", "process"):
                    await tab.goto(link + name)
                    await _fits(tab)
                    await tab.screenshot(SHOTS / f"ja-phone-{name or 'home'}.png")
                assert _unexpected(tab.errors) == []
    finally:
        await server.stop()

    mine = storage.load_member(sample, "kato")
    problem = next(p for p in mine.problems if p.id == "kato.p2")
    assert problem.text == "備品台帳の番号と現物のラベルが合わない" and problem.steps == ("s13",)
    cause = next(c for c in mine.causes if c.id == "kato.c3")
    assert cause.problem == "kato.p2" and cause.category.value == "method"
    idea = next(i for i in mine.ideas if i.id == "kato.i2")
    assert idea.causes == ("kato.c3",) and idea.action.value == "digitise"
    assert idea.reduction == pytest.approx(0.3)
    assert {(r.idea, r.effect, r.effort) for r in mine.ratings} == {
        ("kato.i2", 5, 2), ("ito.i1", 4, 3)}  # fmt: skip
    assert {(d.idea, d.count) for d in mine.dots} == {("kato.i2", 3), ("ito.i1", 2)}


# --------------------------------------------------------------------------- axe everywhere


async def _states(tab: Tab, server, folder: Path):
    """Walk every page and state; yield a name for each one shown."""
    link = server.member_link("kato")
    for name in ("", "process", "problems", "causes", "ideas", "vote", "results"):
        await tab.goto(link + name)
        yield name or "home"
    # Problems: a near-duplicate suggestion, then an exact duplicate refused.
    await tab.goto(link + "problems")
    await tab.type("#problem-text", "局ごとに申請様式が違い、どれを使えばよいのかわからない")
    await tab.submit_with("form[action$='problems'] button[type=submit]")
    assert await tab.eval("!!document.querySelector('.notice')")
    yield "problems-similar"
    await tab.type("#problem-text", "局ごとに申請様式が違い、どれを使えばよいかわからない")
    await tab.eval("document.querySelector('input[name=confirm]').remove()")
    await tab.submit_with("form[action$='problems'] button[type=submit]")
    assert await _field_error(tab, "problem-text")
    yield "problems-duplicate"
    await tab.goto(link + "problems")
    await tab.type("#problem-text", "アクセシビリティ確認用の課題")
    await tab.submit_with("form[action$='problems'] button[type=submit]")
    assert await tab.eval("!!document.querySelector('.flash')")
    yield "problems-added"
    # Causes: a text of blanks only.
    await tab.goto(link + "causes?problem=kato.p1&parent=kato.c1")
    await tab.type("#cause-text", "   ")
    await tab.submit_with("form[action$='causes'] button[type=submit]")
    assert await _field_error(tab, "cause-text")
    yield "causes-refused"
    # Ideas: the solution-first warning, then a blank title refused.
    await tab.goto(link + "ideas")
    await tab.type("#idea-title", "原因のない案")
    await tab.submit_with("form[action$='ideas'] button[type=submit]")
    assert await tab.eval("!!document.querySelector('.notice')")
    yield "ideas-solution-first"
    await tab.type("#idea-title", "   ")
    await tab.submit_with("form[action$='ideas'] button[type=submit]")
    assert await _field_error(tab, "idea-title")
    yield "ideas-refused"
    # The vote: past the budget.
    await tab.goto(link + "vote")
    for idea, dots in (("ito.i1", "3"), ("kato.i1", "2"), ("suzuki.i1", "1")):
        await tab.type(f"{_sel('item-' + idea)} input[name=dots]", dots)
        await tab.submit_with(f"{_sel('item-' + idea)} button[type=submit]")
    assert await _field_error(tab, "vote-suzuki.i1-dots")
    yield "vote-refused"
    # Own items: edit pages and removal, allowed and refused.
    for item in ("kato.p2", "kato.c1", "kato.i1"):
        await tab.goto(link + f"edit/{item}")
        yield f"edit-{item}"
    await tab.goto(link + "remove/kato.p2")
    yield "remove"
    await tab.goto(link + "remove/kato.p1")
    await tab.submit_with("form[action$='remove/kato.p1'] button[type=submit]")
    assert await tab.eval("!!document.querySelector('.error-summary')")
    yield "remove-refused"
    # The facilitator's room page, the room link and refusals.
    await tab.goto(server.facilitator_link())
    yield "room"
    await tab.goto(server.room_link())
    yield "pick"
    await tab.goto(server.base_url + "/m/kato/wrong-token/")
    yield "forbidden"
    await tab.goto(server.member_link("nobody", server.keys.room))
    yield "unknown-member"
    # Voting closed and anonymous: results, a frozen ballot, the anonymous room page.
    storage.update_workshop(folder, lambda w: voting.configure_voting(
        voting.close_voting(w), anonymous=True))  # fmt: skip
    for name in ("results", "vote", "ideas"):
        await tab.goto(link + name)
        shown = {
            "results": "!!document.querySelector('main table')",
            "vote": "!document.querySelector('form.ballot-form')",
            "ideas": "!document.querySelector('form[action$=ideas]')",
        }[name]
        assert await tab.eval(shown), name
        yield f"{name}-closed"
    await tab.goto(server.facilitator_link())
    yield "room-anonymous"


@needs_axe
@pytest.mark.parametrize(
    ("lang", "size"),
    [
        pytest.param("ja", DESKTOP, id="ja-desktop", marks=pytest.mark.long),
        pytest.param("ja", PHONE, id="ja-phone", marks=pytest.mark.slow),
        pytest.param("en", DESKTOP, id="en-desktop", marks=pytest.mark.slow),
    ],
)
async def test_axe_finds_no_violation_on_any_page_or_state(sample, tmp_path, lang, size):
    server = await start_server(sample)
    seen = []
    try:
        async with Chromium.start(tmp_path / "profile") as browser:
            async with browser.tab(*size, lang=lang) as tab:
                async for state in _states(tab, server, sample):
                    assert await tab.eval("document.documentElement.lang") == lang, state
                    violations = await tab.axe(AXE)
                    assert violations == [], f"{state}: {json.dumps(violations, indent=1)}"
                    if size == PHONE:
                        await _fits(tab)
                    seen.append(state)
                assert _unexpected(tab.errors) == []
    finally:
        await server.stop()
    assert len(seen) == 27, seen


async def test_the_pages_need_no_script_and_allow_none(sample: Path):
    server = await start_server(sample, lang="ja")
    try:
        async with aiohttp.ClientSession() as http:
            for path in ("", "problems", "vote"):
                async with http.get(server.member_link("kato") + path) as response:
                    page = await response.text()
                    policy = response.headers["Content-Security-Policy"]
                assert "<script" not in page and " on" not in page.split("<body", 1)[1][:0]
                assert "script-src" not in policy and "default-src 'none'" in policy
                assert "form-action 'self'" in policy and "frame-ancestors 'none'" in policy
    finally:
        await server.stop()


@pytest.mark.long
async def test_every_control_is_reached_with_the_tab_key_alone(sample: Path, tmp_path: Path):
    """No mouse: Tab alone visits every link, field and button of a page, in order."""
    server = await start_server(sample)
    try:
        async with Chromium.start(tmp_path / "profile") as browser:
            async with browser.tab(*PHONE, lang="ja") as tab:
                for path in ("problems", "causes?problem=kato.p1", "ideas?problem=kato.p1", "vote"):
                    await tab.goto(server.member_link("kato") + path)
                    query = (
                        "[...document.querySelectorAll('a[href], input:not([type=hidden]),"
                        ' select, textarea, button, [tabindex="0"]\')]'
                    )
                    controls = await tab.eval(f"{query}.length")
                    visited = []
                    for _ in range(controls + 2):
                        await tab.press_tab()
                        visited.append(await tab.eval(f"{query}.indexOf(document.activeElement)"))
                    reached = [v for v in visited if v >= 0]
                    if 0 in reached[1:]:  # wrapped round to the top: one pass is enough
                        reached = reached[: reached.index(0, 1)]
                    assert reached[0] == 0, "the first Tab goes to the skip link"
                    assert sorted(set(reached)) == list(range(controls)), (path, visited)
                    assert reached == sorted(reached), "focus follows the reading order"
    finally:
        await server.stop()
