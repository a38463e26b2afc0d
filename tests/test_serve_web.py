"""A member's web page over real HTTP on 127.0.0.1: what each form writes, and where.

Every test asserts on the member files afterwards (``storage.load``), not only on the
page; a refused post must leave every file byte for byte as it was.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import aiohttp
import pytest

from cocreate import contribute, storage
from cocreate.prioritize import voting
from tests.serve_client import WebMember, folder_state, start_server


@pytest.fixture
async def served(sample: Path):
    server = await start_server(sample)
    async with aiohttp.ClientSession() as http:
        yield server, http
    await server.stop()


def _problems(folder: Path, member: str) -> list:
    return list(storage.load_member(folder, member).problems)


# --------------------------------------------------------------------------- pages


async def test_every_page_is_served_in_the_browsers_language(served):
    server, http = served
    for lang, nav in (("en", "Problems"), ("ja", "課題"), ("ja-JP,ja;q=0.9,en;q=0.8", "課題")):
        member = WebMember(http, server, "kato", lang=lang)
        for path in ("", "process", "problems", "causes", "ideas", "vote", "results"):
            page = await member.get(path)
            assert page.status == 200, path
            assert f'<html lang="{lang[:2]}">' in page.text
            assert f">{nav}</a>" in page.text
            assert 'aria-current="page"' in page.text
            assert "<script" not in page.text


async def test_lang_option_wins_over_the_browser(sample: Path):
    server = await start_server(sample, lang="ja")
    try:
        async with aiohttp.ClientSession() as http:
            page = await WebMember(http, server, "kato", lang="en").get("problems")
            assert '<html lang="ja">' in page.text
    finally:
        await server.stop()


async def test_the_process_page_shows_the_steps_and_the_diagram_with_its_alternative(served):
    server, http = served
    workshop = storage.load(server.options.folder)
    member = WebMember(http, server, "kato")
    page = await member.get("process")
    for step in workshop.steps:
        assert f'<th scope="row">{step.name}</th>' in page.text
    alt = re.search(r'<img src="([^"]+)" alt="([^"]+)"', page.text)
    assert alt and f"{len(workshop.steps)} steps" in alt.group(2)
    async with http.get(server.base_url + alt.group(1)) as response:
        assert response.status == 200 and response.content_type == "image/png"
        assert (await response.read()).startswith(b"\x89PNG")


# --------------------------------------------------------------------------- problems


async def test_adding_a_problem_writes_only_the_members_own_file(served):
    server, http = served
    folder = server.options.folder
    before = folder_state(folder)
    member = WebMember(http, server, "kato")
    page = await member.post("problems", {"text": "台帳の備品番号が現物と合わない", "steps": "s13"})
    assert page.status == 200 and "problems?done=added" in page.url
    assert "Added (kato.p2)" in page.flash()
    after = folder_state(folder)
    assert {k for k in after if before.get(k) != after[k]} == {"members/kato.toml"}
    added = _problems(folder, "kato")[-1]
    assert (added.id, added.text, added.steps) == (
        "kato.p2",
        "台帳の備品番号が現物と合わない",
        ("s13",),
    )
    assert added.created is not None and added.created.utcoffset() is not None


async def test_a_near_duplicate_is_suggested_before_it_is_added(served):
    server, http = served
    folder = server.options.folder
    member = WebMember(http, server, "kato")
    before = folder_state(folder)
    text = "局ごとに申請様式が違い、どれを使えばよいのかわからない"  # ito.p1, nearly
    page = await member.post("problems", {"text": text})
    assert page.status == 200
    assert "Similar problems are already there" in page.text and "ito.p1" in page.text
    assert folder_state(folder) == before, "a suggestion must not save anything"
    # The same form again, confirmed, adds it.
    page = await member.post("problems", {"text": text, "confirm": "1"}, csrf=page.csrf("problems"))
    assert "done=added" in page.url
    assert _problems(folder, "kato")[-1].text == text


async def test_an_exact_duplicate_is_refused_on_its_field(served):
    server, http = served
    folder = server.options.folder
    before = folder_state(folder)
    member = WebMember(http, server, "kato")
    page = await member.post(
        "problems", {"text": " 局ごとに申請様式が違い、どれを使えばよいかわからない "}
    )
    assert page.status == 400
    assert 'id="problem-text-error"' in page.text and "ito.p1" in page.text
    assert re.search(r'<textarea id="problem-text"[^>]*aria-describedby="[^"]*problem-text-error"'
                     r'[^>]*aria-invalid="true"', page.text)  # fmt: skip
    assert '<a href="#problem-text">' in page.text  # the summary links to the field
    assert folder_state(folder) == before


# --------------------------------------------------------------------------- causes and ideas


async def test_a_why_chain_grows_one_cause_at_a_time(served):
    server, http = served
    folder = server.options.folder
    member = WebMember(http, server, "kato")
    page = await member.post("causes", {"problem": "kato.p1", "text": "点検表がない",
                                        "category": "method"})  # fmt: skip
    assert "done=added" in page.url
    deeper = {"problem": "kato.p1", "parent": "kato.c3", "category": "people"}
    page = await member.post("causes", {**deeper, "text": "誰も様式を作る担当でない"})
    assert "done=added" in page.url
    causes = {c.id: c for c in storage.load_member(folder, "kato").causes}
    assert causes["kato.c3"].parent is None and causes["kato.c4"].parent == "kato.c3"
    assert causes["kato.c4"].category.value == "people"
    # Nested under its parent on the page.
    page = await member.get("causes")
    chain = page.text[page.text.index('id="item-kato.c3"') :]
    assert chain.index('id="item-kato.c4"') < chain.index("</li>\n</ol>")


async def test_a_parent_from_another_problem_is_refused(served):
    server, http = served
    before = folder_state(server.options.folder)
    member = WebMember(http, server, "kato")
    page = await member.post("causes", {"problem": "kato.p1", "parent": "ito.c1", "text": "x"})
    assert page.status == 400 and 'id="cause-parent-error"' in page.text
    assert folder_state(server.options.folder) == before


async def test_an_idea_without_a_cause_is_warned_about_then_flagged(served):
    server, http = served
    folder = server.options.folder
    member = WebMember(http, server, "kato")
    before = folder_state(folder)
    page = await member.post("ideas", {"title": "貸出をやめる"})
    assert page.status == 200 and "No cause is chosen" in page.text
    assert folder_state(folder) == before
    page = await member.post("ideas", {"title": "貸出をやめる", "confirm": "1"},
                             csrf=page.csrf("ideas"))  # fmt: skip
    assert "done=added" in page.url and "Solution-first:" in page.text
    fields = {"causes": ["kato.c1", "kato.c2"], "steps": "s13", "action": "simplify"}
    page = await member.post("ideas", {**fields, "title": "点検表を作る", "reduction": "２０"})
    assert "done=added" in page.url
    ideas = {i.id: i for i in storage.load_member(folder, "kato").ideas}
    assert ideas["kato.i2"].title == "貸出をやめる" and ideas["kato.i2"].causes == ()
    idea = ideas["kato.i3"]
    assert idea.causes == ("kato.c1", "kato.c2") and idea.reduction == pytest.approx(0.2)
    assert idea.action.value == "simplify"


# --------------------------------------------------------------------------- the vote


async def test_rating_and_dots_within_the_budget_and_the_refusal_past_it(served):
    server, http = served
    folder = server.options.folder
    member = WebMember(http, server, "kato")
    page = await member.get("vote")
    assert "Dots left: 5 of 5 (at most 3 on one idea)" in page.text
    for idea, dots in (("ito.i1", 3), ("suzuki.i1", 2)):
        page = await member.post("vote", {"idea": idea, "effect": "4", "effort": "2",
                                          "dots": str(dots)}, from_page="vote")  # fmt: skip
        assert "done=rated" in page.url
    assert "Dots left: 0 of 5" in page.text
    before = folder_state(folder)
    page = await member.post("vote", {"idea": "tanaka.i1", "effect": "3", "effort": "3",
                                      "dots": "1"}, from_page="vote")  # fmt: skip
    assert page.status == 400
    assert "You have 5 dots and 5 are on other ideas: at most 0 can go on this one" in page.text
    assert 'id="vote-tanaka.i1-dots-error"' in page.text
    assert folder_state(folder) == before, "a refused ballot must not save the rating either"
    page = await member.post("vote", {"idea": "tanaka.i1", "dots": "4"}, from_page="vote")
    assert page.status == 400 and "from 0 to 3" in page.text  # over the cap
    mine = storage.load_member(folder, "kato")
    assert {(d.idea, d.count) for d in mine.dots} == {("ito.i1", 3), ("suzuki.i1", 2)}
    assert {(r.idea, r.effect, r.effort) for r in mine.ratings} == {
        ("ito.i1", 4, 2), ("suzuki.i1", 4, 2)}  # fmt: skip


async def test_the_tally_is_shown_only_once_voting_is_closed(served):
    server, http = served
    folder = server.options.folder
    member = WebMember(http, server, "kato")
    page = await member.get("results")
    assert "shown once voting is closed" in page.text and "<table" not in page.text
    storage.update_workshop(folder, voting.close_voting)
    page = await member.get("results")
    assert "<table" in page.text and "少額備品の貸出は課長決裁を不要にする" in page.text
    # Closed: ballots are frozen, and the form is gone.
    page = await member.get("vote")
    assert 'action="' not in page.text.split("<main", 1)[1] or "vote#item" not in page.text
    before = folder_state(folder)
    tokens = await member.get("problems")
    csrf = tokens.csrf("problems")
    page = await member.post("vote", {"idea": "ito.i1", "dots": "1"}, csrf=csrf)
    assert page.status == 400 and "Voting is closed" in page.text
    csrf = (await member.get("problems")).csrf("problems")
    page = await member.post("ideas", {"title": "遅れてきた案", "confirm": "1"}, csrf=csrf)
    assert page.status == 400 and "no more ideas can be added" in page.text
    assert folder_state(folder) == before


# --------------------------------------------------------------------------- own items


async def test_a_member_edits_and_removes_their_own_items_only(served):
    server, http = served
    folder = server.options.folder
    member = WebMember(http, server, "kato")
    page = await member.post("problems", {"text": "一時的な課題", "steps": "s03"})
    page = await member.post("edit/kato.p2", {"text": "直した課題", "steps": ["s03", "s04"]})
    assert "done=saved" in page.url
    assert _problems(folder, "kato")[-1].text == "直した課題"
    assert _problems(folder, "kato")[-1].steps == ("s03", "s04")
    page = await member.post("remove/kato.p2", {})
    assert "done=removed" in page.url
    assert [p.id for p in _problems(folder, "kato")] == ["kato.p1"]
    # A problem with causes stays, and the page says why.
    before = folder_state(folder)
    page = await member.post("remove/kato.p1", {})
    assert page.status == 400 and "has causes" in page.text
    # Someone else's item: no edit link, no page, no post.
    page = await member.get("problems")
    assert "edit/ito.p1" not in page.text and "edit/kato.p1" in page.text
    assert (await member.get("edit/ito.p1")).status == 403
    csrf = (await member.get("edit/kato.p1")).csrf("edit/kato.p1")
    page = await member.post("edit/ito.p1", {"text": "乗っ取り"}, csrf=csrf)
    assert page.status == 403
    assert folder_state(folder) == before


async def test_an_idea_a_kpi_measures_is_not_removed_and_the_page_says_why(served):
    from cocreate import pilot

    server, http = served
    folder = server.options.folder
    member = WebMember(http, server, "kato")
    page = await member.post("ideas", {"title": "点検表を電子化する", "confirm": "1"})
    idea = storage.load_member(folder, "kato").ideas[-1]
    storage.update_workshop(
        folder, lambda w: pilot.edit_kpi(w, w.pilot.kpis[0].id, ideas=[idea.id])
    )
    before = folder_state(folder)
    page = await member.post(f"remove/{idea.id}", {})
    assert page.status == 400
    assert "A KPI of the pilot plan measures this idea, so it cannot be removed." in page.text
    assert folder_state(folder) == before


# --------------------------------------------------------------------------- the room page


async def test_the_room_page_shows_who_has_contributed_and_voted(served):
    server, http = served
    http.headers["Accept-Language"] = "en"
    folder = server.options.folder
    async with http.get(server.facilitator_link()) as response:
        page = await response.text()
    assert response.status == 200
    assert "2 not voted yet" in page  # kato and yoshida
    row = re.search(r'<th scope="row">加藤[^<]*</th>(.*?)</tr>', page, re.S).group(1)
    assert "not yet" in row
    # A vote elsewhere (the CLI) shows on reload.
    storage.update_member(folder, "kato", lambda c: voting.rate(
        storage.load(folder).with_contributions(c), "kato", "ito.i1", 3, 3
    ).contributions_of("kato"))  # fmt: skip
    async with http.get(server.facilitator_link()) as response:
        page = await response.text()
    assert "1 not voted yet" in page
    # Anonymous voting: counts only, nobody named as not having voted.
    storage.update_workshop(folder, lambda w: voting.configure_voting(w, anonymous=True))
    async with http.get(server.facilitator_link()) as response:
        page = await response.text()
    assert "1 not voted yet" in page and "not yet" not in page and "Voted" not in page
    # The member tokens and the room link do not open it.
    for token in (server.keys.member_token("sato"), server.keys.room):
        async with http.get(f"{server.base_url}/f/{token}/") as response:
            assert response.status == 403


async def test_the_room_link_leads_to_member_pages(served):
    server, http = served
    async with http.get(server.room_link()) as response:
        page = await response.text()
    href = re.search(r'href="(/m/kato/[^"]+)"', page).group(1)
    member = WebMember(http, server, "kato", token=server.keys.room)
    assert member.link.endswith(href)
    assert (await member.post("problems", {"text": "部屋のリンクから"})).status == 200
    assert _problems(server.options.folder, "kato")[-1].text == "部屋のリンクから"


async def test_anonymous_voting_hides_other_authors(served):
    server, http = served
    member = WebMember(http, server, "kato")
    assert "by 伊藤" in (await member.get("problems")).text
    storage.update_workshop(server.options.folder,
                            lambda w: voting.configure_voting(w, anonymous=True))  # fmt: skip
    page = await member.get("problems")
    assert "by 伊藤" not in page.text and "by you" in page.text


def _anonymous(folder: Path) -> None:
    storage.update_workshop(folder, lambda w: voting.configure_voting(w, anonymous=True))


def _leaks(page, member: WebMember, workshop) -> list[str]:
    """Other members' ids (``ito`` of ``ito.p1``) and names in what ``page`` served.

    The member's own token and the form tokens are random: dropped first, so that a
    "sato" inside one is no false alarm.
    """
    text = page.text.replace(member.link.rsplit("/", 2)[-2], "")
    text = re.sub(r'name="csrf" value="[^"]*"', "", text)
    found = []
    for other in workshop.members:
        if other.id == member.member:
            continue
        if re.search(rf"(?<![A-Za-z0-9_]){re.escape(other.id)}(?![A-Za-z0-9_])", text):
            found.append(other.id)
        if other.name and other.name in text:
            found.append(other.name)
    return found


def _refs(page, attribute: str = 'name="idea" value') -> list[str]:
    return re.findall(rf'{attribute}="([^"]+)"', page.text)


async def test_an_anonymous_page_lists_others_items_in_an_order_that_names_no_author(served):
    # In the workshop's own order (one member file after another) the items just before
    # kato's own would be ito's: the page lists them as voting.shown_order says.
    server, http = served
    folder = server.options.folder
    _anonymous(folder)
    member = WebMember(http, server, "kato")
    workshop = storage.load(folder)
    shown = voting.shown_ids(workshop, "kato")
    for section, items in (("problems", workshop.problems), ("ideas", workshop.ideas)):
        page = await member.get(section)
        listed = re.findall(r'<p class="meta"><span class="id">([^<]+)</span>', page.text)
        order = voting.shown_order(workshop, "kato", items)
        assert listed == [shown.get(item.id, item.id) for item in order], section
        assert [i.author for i in order] != [i.author for i in items]


async def test_after_an_edit_the_page_shown_is_the_one_that_lists_the_item(served):
    # 60 problems, three pages: the redirect after kato's edit must name the page on
    # which his problem is listed in the anonymous order, not in the workshop's.
    server, http = served
    folder = server.options.folder
    at = dt.datetime(2026, 10, 6, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    workshop = voting.configure_voting(storage.load(folder), anonymous=True)
    for n in range(47):
        text = f"窓口で確認する項目その{n}"
        workshop = contribute.add_problem(workshop, "suzuki", text, now=at)[0]
    storage.save(folder, workshop)
    workshop = storage.load(folder)
    assert len(workshop.problems) == 60
    order = [p.id for p in voting.shown_order(workshop, "kato", workshop.problems)]
    page_of_mine = order.index("kato.p1") // 20 + 1
    in_file_order = [p.id for p in workshop.problems].index("kato.p1") // 20 + 1
    assert page_of_mine != in_file_order  # so that this test tells them apart
    member = WebMember(http, server, "kato")
    page = await member.post("edit/kato.p1", {"text": "直した課題", "steps": "s03"})
    assert "done=saved" in page.url
    assert f"&page={page_of_mine}" in page.url
    assert 'id="item-kato.p1"' in page.text


async def test_an_anonymous_page_names_no_author_through_ids_or_any_field(served):
    server, http = served
    folder = server.options.folder
    _anonymous(folder)
    workshop = storage.load(folder)
    member = WebMember(http, server, "kato")
    pages = {}
    for path in ("", "process", "problems", "causes", "ideas", "vote", "results"):
        pages[path] = await member.get(path)
        pager = re.findall(rf'href="[^"]*/{path}\?page=(\d+)"', pages[path].text) if path else []
        for n in sorted(set(pager)):
            pages[f"{path}?page={n}"] = await member.get(f"{path}?page={n}")
    # The links and forms the pages offer, followed: a cause below someone's cause, an
    # idea for someone's cause, the problem picker, the edit form of one's own idea.
    causes = pages["causes"].text
    why = html.unescape(re.search(r'href="[^"]*/(causes\?problem=[^"#]+&amp;parent=[^"#]+)', causes)
                        .group(1))  # fmt: skip
    picker = pages["ideas"].text.split('id="pick-problem"', 1)[1]
    for path in (why, re.search(r'/(ideas\?causes=[^"#]+)', causes).group(1),
                 "ideas?problem=" + re.search(r'<option value="([^"]+)"', picker).group(1),
                 "edit/kato.i1", "remove/kato.c2"):  # fmt: skip
        pages[path] = await member.get(path)
    # Refusals and notices that name another's item: a near and an exact duplicate.
    text = "局ごとに申請様式が違い、どれを使えばよいのかわからない"  # ito.p1, nearly
    pages["similar"] = await member.post("problems", {"text": text})
    assert "Similar problems are already there" in pages["similar"].text
    pages["duplicate"] = await member.post("problems", {"text": workshop.problem("ito.p1").text})
    assert pages["duplicate"].status == 400
    # A vote through the page, and the page it leads to; voting closed, the results.
    ref = _refs(pages["vote"])[0]
    pages["voted"] = await member.post("vote", {"idea": ref, "effect": "4", "effort": "2",
                                                "dots": "9"}, from_page="vote")  # fmt: skip
    assert pages["voted"].status == 400  # over the cap: the ballot again, with its error
    pages["voted"] = await member.post("vote", {"idea": ref, "effect": "4", "effort": "2",
                                                "dots": "1"}, from_page="vote")  # fmt: skip
    assert "done=rated" in pages["voted"].url and "ito" not in pages["voted"].url
    storage.update_workshop(folder, voting.close_voting)
    pages["results"] = await member.get("results")
    assert "<table" in pages["results"].text
    for path, page in pages.items():
        assert page.status in (200, 400), path
        assert _leaks(page, member, workshop) == [], path
    # Others' items are shown by neutral labels, one's own by their ids.
    assert '<span class="id">kato.p1</span>' in pages["problems"].text
    assert re.search(r'<span class="id">P\d+</span>', pages["problems"].text)
    assert re.search(r'<span class="id">I\d+</span>', pages["vote"].text)


async def test_an_anonymous_ballot_refers_to_its_idea_safely(served):
    server, http = served
    folder = server.options.folder
    _anonymous(folder)
    member = WebMember(http, server, "kato")
    page = await member.get("vote")
    titles = re.findall(r'<h2 id="title-([^"]+)">([^<]+) <span', page.text)
    ref, title = next((r, t.strip()) for r, t in titles if "統一" in t)  # ito.i1's
    assert ref != "ito.i1"
    # Someone adds an idea before it in the workshop's order: labels shift, refs do not.
    storage.update_member(folder, "ito", lambda c: c.edit(ideas=(
        c.ideas[0].edit(id="ito.i0", title="後から来た案", causes=()), *c.ideas)))  # fmt: skip
    page = await member.post("vote", {"idea": ref, "effect": "5", "effort": "1", "dots": "2"},
                             from_page="vote")  # fmt: skip
    assert "done=rated" in page.url
    mine = storage.load_member(folder, "kato")
    assert {(r.idea, r.effect, r.effort) for r in mine.ratings} == {("ito.i1", 5, 1)}
    assert {(d.idea, d.count) for d in mine.dots} == {("ito.i1", 2)}
    assert storage.load(folder).idea("ito.i1").title == title
    # The real id of another's idea is unknown to an anonymous page: no oracle of authors.
    before = folder_state(folder)
    for fields in ({"idea": "ito.i1", "dots": "1"}, {"idea": "h" + "0" * 20, "dots": "1"}):
        page = await member.post("vote", fields, from_page="vote")
        assert page.status == 400, fields
    page = await member.post("causes", {"problem": "ito.p1", "text": "x"})
    assert page.status == 400 and 'id="cause-problem-error"' in page.text
    assert (await member.get("edit/ito.i1")).status == 404
    assert folder_state(folder) == before
    # A cause and an idea through the refs the pages carry land on the right items.
    causes = (await member.get("causes")).text
    problem = html.unescape(re.search(
        r'<h3 id="problem-([^"]+)"><span class="id">[^<]+</span> 局ごとに申請様式', causes
    ).group(1))  # fmt: skip
    page = await member.post("causes", {"problem": problem, "text": "様式の改訂に手間がかかる"})
    assert "done=added" in page.url
    added = storage.load_member(folder, "kato").causes[-1]
    assert (added.problem, added.text) == ("ito.p1", "様式の改訂に手間がかかる")
    others = re.findall(r'<li id="item-(h\d{20})">', causes)
    page = await member.post("ideas", {"title": "様式を共通化する", "causes": others[:2]})
    assert "done=added" in page.url
    idea = storage.load_member(folder, "kato").ideas[-1]
    refs = {server.keys.item_ref(c.id): c.id for c in storage.load(folder).causes}
    assert idea.causes == tuple(refs[r] for r in others[:2])


async def test_the_facilitator_sees_ids_and_authors_when_anonymous(served):
    server, http = served
    _anonymous(server.options.folder)
    page = await WebMember(http, server, "sato").get("problems")
    assert "ito.p1" in page.text and "by 伊藤" in page.text
