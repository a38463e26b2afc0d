"""A member's web page: server-rendered forms that need no JavaScript and no websocket.

Government networks often block websockets and a terminal in a browser looks foreign to
most volunteers, so each member's link opens plain HTML pages (Jinja2, autoescaped):
the process, problems, why-chains, ideas, the vote and, once voting is closed, the
results; and the facilitator gets a room page. Every change is a form post that is
checked before anything is read (token, rate limit, ``Origin``, size, CSRF token used
once), then applied with the same domain functions and file lock as the CLI
(:func:`cocreate.serve.view.write_as_member`), and answered with a redirect (so a reload
never posts twice; see :mod:`cocreate.serve.posts`). Pages have no script at all; the
CSP forbids it.
"""

from __future__ import annotations

import asyncio
import base64
import contextvars
import json
import logging
import sys
from collections.abc import Awaitable, Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from aiohttp import web
from markupsafe import Markup, escape

from cocreate import contribute
from cocreate.errors import CocreateError
from cocreate.i18n import t
from cocreate.model import ID_PATTERN, Action, CauseCategory, Member, Problem, Role, Workshop
from cocreate.prioritize import voting
from cocreate.serve.labels import ItemNames, RefCache
from cocreate.serve.posts import (
    _LISTED,
    MAX_TEXT,
    MAX_TITLE,
    PAGE_SIZE,
    Form,
    Item,
    Posts,
    _whole_or,
)

if TYPE_CHECKING:
    from cocreate.serve.server import SessionServer

__all__ = ["MemberSite"]

log = logging.getLogger("cocreate.serve")

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
SECTIONS = ("home", "process", "problems", "causes", "ideas", "vote", "results")
_DONE = {"added", "saved", "removed", "rated", "dotted"}


class MemberSite(Posts):
    """The member pages and the facilitator's room page of one :class:`SessionServer`."""

    def __init__(self, server: SessionServer) -> None:
        self.server = server
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._diagrams: dict[tuple, list[bytes]] = {}
        self._tallies: dict[tuple, dict] = {}
        self._children: set[asyncio.subprocess.Process] = set()
        self._refs = RefCache(server.keys.item_ref)
        self._css = (STATIC / "web.css").read_bytes()
        self.env.globals.update(
            option_tags=_option_tags,
            described=_described,
            t=_translate,
            MAX_TEXT=MAX_TEXT,
            MAX_TITLE=MAX_TITLE,
        )

    # ------------------------------------------------------------------- routes

    def add_routes(self, app: web.Application) -> None:
        base = "/m/{member}/{token}/"
        app.add_routes([
            web.get(base, self.page("home")),
            web.get(base + "process", self.page("process")),
            web.get(base + "problems", self.page("problems")),
            web.get(base + "causes", self.page("causes")),
            web.get(base + "ideas", self.page("ideas")),
            web.get(base + "vote", self.page("vote")),
            web.get(base + "results", self.page("results")),
            web.get(base + "diagram/{n:[0-9]{1,3}}.png", self.handle_diagram),
            web.get(base + "edit/{item}", self.handle_edit_page),
            web.get(base + "remove/{item}", self.handle_remove_page),
            web.post(base + "problems", self.post(self.add_problem)),
            web.post(base + "causes", self.post(self.add_cause)),
            web.post(base + "ideas", self.post(self.add_idea)),
            web.post(base + "vote", self.post(self.vote)),
            web.post(base + "edit/{item}", self.post(self.edit_item)),
            web.post(base + "remove/{item}", self.post(self.remove_item)),
            web.get("/f/{token}/", self.handle_room),
            web.get("/assets/web.css", self.handle_css),
            web.get("/favicon.ico", self.handle_favicon),
        ])  # fmt: skip

    async def close(self) -> None:
        for child in list(self._children):
            if child.returncode is None:
                child.kill()
                await child.wait()

    # ------------------------------------------------------------------- rendering

    def render(self, name: str, lang: str, **context: Any) -> str:
        # The page's language reaches ``t`` through a context variable, so the macros
        # can be imported without the page's context: Jinja then caches them, where an
        # import "with context" runs the whole macro module again on every page.
        reset = _LANG.set(lang)
        try:
            return self.env.get_template(name).render(lang=lang, **context)
        finally:
            _LANG.reset(reset)

    def render_message(self, lang: str, title: str, text: str, back: str = "") -> str:
        return self.render("message.html", lang, title=title, text=text, back=back)

    def render_pick(self, lang: str, workshop_title: str, members: list[tuple[str, str]]) -> str:
        return self.render("pick.html", lang, workshop_title=workshop_title, members=members)

    def _html(self, text: str, status: int = 200) -> web.Response:
        return web.Response(status=status, text=text, content_type="text/html")

    async def handle_css(self, request: web.Request) -> web.Response:
        return web.Response(
            body=self._css, content_type="text/css", headers={"Cache-Control": "max-age=3600"}
        )

    async def handle_favicon(self, request: web.Request) -> web.Response:
        return web.Response(status=204, headers={"Cache-Control": "max-age=86400"})

    # ------------------------------------------------------------------- reading

    def names(self, workshop: Workshop, member_id: str) -> ItemNames:
        """How ``member_id``'s pages name the items (neutral labels when anonymous)."""
        return self._refs.names(workshop, member_id)

    async def _member(self, request: web.Request) -> tuple[Member, str, Workshop] | web.Response:
        server = self.server
        checked = server.check_token(request)
        if isinstance(checked, web.Response):
            return checked
        member_id, token = checked
        try:
            workshop = await server.load()
        except CocreateError as exc:
            return server.refuse(request, 500, "serve.page.broken.title", str(exc))
        member = workshop.member(member_id)
        if member is None:
            return server.refuse(
                request, 404, "serve.page.unknown_member.title",
                t("serve.page.unknown_member.text", server.lang(request), member=member_id),
            )  # fmt: skip
        return member, token, workshop

    def page(self, section: str) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def handler(request: web.Request) -> web.Response:
            found = await self._member(request)
            if isinstance(found, web.Response):
                return found
            member, token, workshop = found
            return await self.show(request, section, member, token, workshop)

        return handler

    async def show(
        self,
        request: web.Request,
        section: str,
        member: Member,
        token: str,
        workshop: Workshop,
        form: Form | None = None,
        status: int = 200,
    ) -> web.Response:
        lang = self.server.lang(request)
        context = self._context(request, lang, section, member, token, workshop)
        context["form"] = form
        if section == "process":
            context["images"] = len(await self._diagram(workshop, lang))
        if section == "results":
            context["tally"] = await self._tally(workshop, member.id)
        return self._html(self.render(f"{section}.html", lang, **context), status)

    def _context(
        self,
        request: web.Request,
        lang: str,
        section: str,
        member: Member,
        token: str,
        workshop: Workshop,
    ) -> dict[str, Any]:
        from cocreate.serve.server import member_path

        tokens = self.server.forms
        names = self.names(workshop, member.id)
        done = request.query.get("done", "")
        item = request.query.get("id", "")
        flash = ""
        if done in _DONE:
            item = names.resolve(item) if ID_PATTERN.fullmatch(item) else ""
            flash = t(f"serve.web.done.{done}", lang, id=names.label(item) if item else "")
        causes_by_problem: dict[str, list] = {}
        # Listed as this member sees them: when voting is anonymous, in an order that does
        # not group them by author (the workshop's own order is one member file after another).
        for cause in voting.shown_order(workshop, member.id, workshop.causes):
            causes_by_problem.setdefault(cause.problem, []).append(cause)
        problems = voting.shown_order(workshop, member.id, workshop.problems)
        listed = _LISTED.get(section)
        if listed == "problems":
            items = problems  # sorted once: the cause forms list the problems too
        else:
            items = (
                voting.shown_order(workshop, member.id, getattr(workshop, listed)) if listed else []
            )
        pages = max(1, -(-len(items) // PAGE_SIZE))
        page = min(max(_whole_or(request.query.get("page"), 1), 1), pages)
        shown = items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        mine = workshop.contributions_of(member.id)
        ratings = {r.idea: r for r in mine.ratings}
        dots = {d.idea: d.count for d in mine.dots}
        people = {m.id: m.name or m.id for m in workshop.members}
        return {
            "form": None,
            "shown": shown,
            "page": page,
            "pages": pages,
            "section": section,
            "sections": SECTIONS,
            "base": member_path(member.id, token),
            "member": member,
            "ws": workshop,
            "mine": mine,
            "ratings": ratings,
            "dots": dots,
            "dots_left": voting.dots_left(workshop, member.id),
            "dots_spent": voting.dots_spent(workshop, member.id),
            "causes_by_problem": causes_by_problem,
            "chains": lambda problem_id: _chains(causes_by_problem.get(problem_id, [])),
            "author": lambda item: self._author(item, member, people, names, lang),
            "label": names.label,
            "ref": names.ref,
            "solution_first": contribute.is_solution_first,
            "csrf": lambda: tokens.issue(member.id),
            "flash": flash,
            "categories": CauseCategory.values(),
            "actions": Action.values(),
            "steps_of": lambda ids: [workshop.step(s) for s in ids if workshop.step(s)],
            "can_see_tally": voting.can_see_tally(workshop, member.id),
            "terminal": member_path(member.id, token) + "terminal/",
            "blank": lambda form_id, **values: Form(form_id, values),
            "idea_causes": lambda form: _idea_causes(workshop, causes_by_problem, form, names),
            "cause_problems": lambda form: _cause_problems(workshop, shown, form, names),
            "cause_parents": lambda form: [
                (names.ref(c.id), f"{names.label(c.id)} {c.text}")
                for c in causes_by_problem.get(names.resolve(form.value("problem")), [])
            ],
            "problems_with_causes": [
                (names.ref(p.id), f"{names.label(p.id)} {_short(p.text, 50)}")
                for p in problems
                if p.id in causes_by_problem
            ],
            "query": lambda name: _query_id(request, name),
            "query_all": lambda name: [
                v for v in request.query.getall(name, [])[:50] if ID_PATTERN.fullmatch(v)
            ],
        }

    @staticmethod
    def _author(
        item: Item, member: Member, people: Mapping[str, str], names: ItemNames, lang: str
    ) -> str:
        """Who wrote an item, as this member may see it: "you", a name, or nobody."""
        if item.author == member.id:
            return t("serve.web.you", lang)
        if names.hidden:
            return ""
        return people.get(item.author, item.author)

    # ------------------------------------------------------------------- heavy parts

    async def _child_json(self, *args: str) -> dict:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "cocreate.serve.render", *args,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        self._children.add(process)
        try:
            out, err = await asyncio.wait_for(process.communicate(), 120)
        except TimeoutError:
            process.kill()
            await process.wait()
            raise CocreateError("drawing took too long") from None
        finally:
            self._children.discard(process)
        if process.returncode != 0:
            raise CocreateError(err.decode("utf-8", "replace").strip() or "cannot draw")
        answer: dict[str, Any] = json.loads(out)
        return answer

    async def _diagram(self, workshop: Workshop, lang: str) -> list[bytes]:
        # Keyed by what is drawn (and the legend's language), not by revision, so a
        # member's vote does not redraw the process.
        key = (lang, workshop.lanes, workshop.steps, workshop.flows)
        if key not in self._diagrams:
            try:
                out = await self._child_json("diagram", str(self.server.options.folder), lang)
                images = [base64.b64decode(png) for png in out["images"]]
            except (CocreateError, ValueError, KeyError) as exc:
                log.warning("cannot draw the process: %s", exc)
                images = []
            self._diagrams = {key: images}  # one process at a time: keep only the latest
        return self._diagrams[key]

    async def _tally(self, workshop: Workshop, member: str) -> dict:
        if not voting.can_see_tally(workshop, member):
            return {"hidden": True}
        key = (workshop.voting, workshop.contributions, workshop.meta, workshop.settings)
        if key not in self._tallies:
            try:
                out = await self._child_json("tally", str(self.server.options.folder), member)
            except (CocreateError, ValueError) as exc:
                log.warning("cannot tally: %s", exc)
                return {"hidden": False, "rows": [], "error": True}
            self._tallies = {key: out}
        return self._tallies[key]

    async def handle_diagram(self, request: web.Request) -> web.Response:
        found = await self._member(request)
        if isinstance(found, web.Response):
            return found
        _member, _token, workshop = found
        images = await self._diagram(workshop, self.server.lang(request))
        n = int(request.match_info["n"])
        if not 1 <= n <= len(images):
            raise web.HTTPNotFound()
        return web.Response(body=images[n - 1], content_type="image/png")

    # ------------------------------------------------------------------- the room page

    async def handle_room(self, request: web.Request) -> web.Response:
        server = self.server
        if not server.keys.is_facilitator(request.match_info["token"]):
            return server.forbidden(request)
        if not server.limiter.allow(f"facilitator/{request.remote}"):
            return server.refuse(request, 429, "serve.page.busy.title",
                                 t("serve.page.busy.text", server.lang(request)))  # fmt: skip
        try:
            workshop = await server.load()
        except CocreateError as exc:
            return server.refuse(request, 500, "serve.page.broken.title", str(exc))
        lang = server.lang(request)
        not_voted = set(voting.not_voted(workshop))
        rows = []
        for m in workshop.members:
            mine = workshop.contributions_of(m.id)
            rows.append({
                "member": m,
                "problems": len(mine.problems), "causes": len(mine.causes),
                "ideas": len(mine.ideas), "rated": len(mine.ratings),
                "dots": sum(d.count for d in mine.dots),
                "contributed": bool(mine.problems or mine.causes or mine.ideas),
                "voted": None if m.role != Role.VOLUNTEER else m.id not in not_voted,
            })  # fmt: skip
        html = self.render(
            "room.html", lang, ws=workshop, rows=rows, not_voted=len(not_voted),
            anonymous=workshop.voting.anonymous, sessions=len(server.sessions),
        )  # fmt: skip
        return self._html(html)


# =========================================================================== helpers


def _idea_causes(
    workshop: Workshop, causes_by_problem: dict, form: Form, names: ItemNames
) -> list[tuple]:
    """The causes an idea form offers: those of the problem picked and of the causes ticked.

    Offering every cause of a big workshop would be hundreds of checkboxes; a member
    picks the problem first (or follows "an idea for this cause" from the causes page).
    The form's values are what the page carries (references, when voting is anonymous).
    """
    picked = names.resolve(form.value("problem"))
    problems = [picked] if picked else []
    for value in form.many("causes"):
        cause = workshop.cause(names.resolve(value))
        if cause is not None:
            problems.append(cause.problem)
    options = []
    for problem_id in dict.fromkeys(problems):
        for cause in causes_by_problem.get(problem_id, []):
            options.append((names.ref(cause.id), f"{names.label(cause.id)} {cause.text}"))
    return options


def _cause_problems(
    workshop: Workshop, shown: Iterable[Problem], form: Form, names: ItemNames
) -> list[tuple]:
    """The problems a cause form offers: the one chosen, then those on this page."""
    picked = names.resolve(form.value("problem"))
    chosen = workshop.problem(picked) if picked else None
    problems = [chosen] if chosen is not None else []
    problems += [p for p in shown if p is not chosen]
    return [(names.ref(p.id), f"{names.label(p.id)} {_short(p.text, 60)}") for p in problems]


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("cocreate_page_lang", default="ja")


def _translate(key: str, /, **values: object) -> str:
    """``t`` for the templates, in the language of the page being made."""
    return t(key, _LANG.get(), **values)


def _described(form: Form, name: str, hint: object = False) -> Markup:
    """A field's ``aria-describedby`` (its hint, its error) and ``aria-invalid``."""
    ids = []
    if hint:
        ids.append(f"{form.id}-{name}-hint")
    error = form.errors.get(name)
    if error:
        ids.append(f"{form.id}-{name}-error")
    out = Markup(' aria-describedby="{}"').format(" ".join(ids)) if ids else Markup("")
    return out + Markup(' aria-invalid="true"') if error else out


def _option_tags(options: Iterable[tuple[str, str]], selected: str) -> Markup:
    """``<option>`` elements, escaped; made in Python since a page may have hundreds."""
    parts = []
    for value, text in options:
        mark = " selected" if value == selected else ""
        parts.append(f'<option value="{escape(value)}"{mark}>{escape(text)}</option>')
    return Markup("\n".join(parts))


def _query_id(request: web.Request, name: str) -> str:
    value = request.query.get(name, "")
    return value if ID_PATTERN.fullmatch(value) else ""


def _chains(causes: list) -> list[list]:
    """Why-chains of one problem's causes as trees: [(cause, [children...]), ...]."""
    children: dict[str | None, list] = {}
    ids = {c.id for c in causes}
    for cause in causes:
        parent = cause.parent if cause.parent in ids else None
        children.setdefault(parent, []).append(cause)

    def tree(parent: str | None, seen: frozenset) -> list:
        return [
            (c, tree(c.id, seen | {c.id})) for c in children.get(parent, []) if c.id not in seen
        ]

    return tree(None, frozenset())
