"""A member's web page: server-rendered forms that need no JavaScript and no websocket.

Government networks often block websockets and a terminal in a browser looks foreign to
most volunteers, so each member's link opens plain HTML pages (Jinja2, autoescaped):
the process, problems, why-chains, ideas, the vote and, once voting is closed, the
results; and the facilitator gets a room page. Every change is a form post that is
checked before anything is read (token, rate limit, ``Origin``, size, CSRF token used
once), then applied with the same domain functions and file lock as the CLI
(:func:`cocreate.serve.view.write_as_member`), and answered with a redirect (so a reload
never posts twice). Pages have no script at all; the CSP forbids it.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from aiohttp import web
from markupsafe import Markup
from multidict import MultiDictProxy

from cocreate import contribute
from cocreate.errors import CocreateError, InputError, RuleError
from cocreate.i18n import t
from cocreate.model import ID_PATTERN, Action, CauseCategory, Member, Role, Workshop
from cocreate.prioritize import voting
from cocreate.serve.view import write_as_member

if TYPE_CHECKING:
    from cocreate.serve.server import SessionServer

__all__ = ["MAX_TEXT", "MAX_TITLE", "MemberSite"]

log = logging.getLogger("cocreate.serve")

#: Longest text of a problem, cause or idea description, and of a title (characters).
MAX_TEXT = 2000
MAX_TITLE = 200
STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
SECTIONS = ("home", "process", "problems", "causes", "ideas", "vote", "results")
#: Items per page of a list: a hundred members raise hundreds of problems and ideas, and
#: one page of them all would take seconds to make and to read.
PAGE_SIZE = 20
#: Control characters are refused in every text (tab and line breaks are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufff9-\ufffb]")
_DONE = {"added", "saved", "removed", "rated", "dotted"}


class Refused(Exception):
    """A post that cannot be applied, with the form field it is about."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass
class Form:
    """What a form shows again after a refusal: the values typed and the errors per field."""

    id: str
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    notice: str = ""  # a warning to confirm (near-duplicates, solution-first)
    confirm: bool = False

    def value(self, name: str, default: Any = "") -> Any:
        return self.values.get(name, default)

    def many(self, name: str) -> list[str]:
        value = self.values.get(name, [])
        return list(value) if isinstance(value, list | tuple) else [value]


def _clean(raw: object, name: str, lang: str, *, limit: int, required: bool) -> str:
    text = raw if isinstance(raw, str) else ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        raise Refused(name, t("serve.web.error.control", lang))
    if len(text) > limit:
        raise Refused(name, t("serve.web.error.too_long", lang, limit=limit, length=len(text)))
    if required and not text.strip():
        raise Refused(name, t(f"serve.web.error.required.{name}", lang))
    return text


def _ids(values: list[str], name: str, lang: str, known: Callable[[str], object]) -> list[str]:
    if len(values) > 500:
        raise Refused(name, t("serve.web.error.unknown", lang))
    for value in values:
        if not ID_PATTERN.fullmatch(value) or known(value) is None:
            raise Refused(name, t("serve.web.error.unknown", lang))
    return list(dict.fromkeys(values))


def _whole(raw: object, name: str, lang: str, low: int, high: int, *, blank: int | None = None):
    text = raw.strip() if isinstance(raw, str) else ""
    if not text and blank is not None:
        return blank
    # Full-width digits, as a Japanese IME types them, count as digits.
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not re.fullmatch(r"[0-9]{1,6}", text) or not low <= int(text) <= high:
        raise Refused(name, t("serve.web.error.whole", lang, low=low, high=high))
    return int(text)


class MemberSite:
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
        self._css = (STATIC / "web.css").read_bytes()
        self.env.globals["option_tags"] = _option_tags

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
        def tr(key: str, /, **values: object) -> str:
            return t(key, lang, **values)

        return self.env.get_template(name).render(lang=lang, t=tr, **context)

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

    def page(self, section: str):
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
        done = request.query.get("done", "")
        item = request.query.get("id", "")
        flash = ""
        if done in _DONE:
            flash = t(f"serve.web.done.{done}", lang, id=item if ID_PATTERN.fullmatch(item) else "")
        causes_by_problem: dict[str, list] = {}
        for cause in workshop.causes:
            causes_by_problem.setdefault(cause.problem, []).append(cause)
        listed = _LISTED.get(section)
        items = getattr(workshop, listed) if listed else ()
        pages = max(1, -(-len(items) // PAGE_SIZE))
        page = min(max(_whole_or(request.query.get("page"), 1), 1), pages)
        shown = items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        mine = workshop.contributions_of(member.id)
        ratings = {r.idea: r for r in mine.ratings}
        dots = {d.idea: d.count for d in mine.dots}
        names = {m.id: m.name or m.id for m in workshop.members}
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
            "author": lambda item: self._author(item, member, workshop, names, lang),
            "solution_first": contribute.is_solution_first,
            "csrf": lambda: tokens.issue(member.id),
            "flash": flash,
            "categories": CauseCategory.values(),
            "actions": Action.values(),
            "steps_of": lambda ids: [workshop.step(s) for s in ids if workshop.step(s)],
            "can_see_tally": voting.can_see_tally(workshop, member.id),
            "terminal": member_path(member.id, token) + "terminal/",
            "MAX_TEXT": MAX_TEXT,
            "MAX_TITLE": MAX_TITLE,
            "blank": lambda form_id, **values: Form(form_id, values),
            "idea_causes": lambda form: _idea_causes(workshop, causes_by_problem, form),
            "cause_problems": lambda form: _cause_problems(workshop, shown, form),
            "problems_with_causes": [p for p in workshop.problems if p.id in causes_by_problem],
            "query": lambda name: _query_id(request, name),
            "query_all": lambda name: [
                v for v in request.query.getall(name, [])[:50] if ID_PATTERN.fullmatch(v)
            ],
        }

    @staticmethod
    def _author(item, member: Member, workshop: Workshop, names: Mapping, lang: str) -> str:
        """Who wrote an item, as this member may see it: "you", a name, or nobody."""
        if item.author == member.id:
            return t("serve.web.you", lang)
        if workshop.voting.anonymous:
            return ""
        return names.get(item.author, item.author)

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
        return json.loads(out)

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

    # ------------------------------------------------------------------- posting

    def post(self, apply: Callable):
        async def handler(request: web.Request) -> web.StreamResponse:
            server = self.server
            checked = server.check_token(request)
            if isinstance(checked, web.Response):
                return checked
            member_id, token = checked
            lang = server.lang(request)
            if not server.origin_allowed(request):
                return server.refuse(request, 403, "serve.page.forbidden.title",
                                     t("serve.web.refused.origin", lang))  # fmt: skip
            if request.content_type != "application/x-www-form-urlencoded":
                return server.refuse(request, 415, "serve.web.refused.title",
                                     t("serve.web.refused.type", lang))  # fmt: skip
            length = request.content_length
            if length is None or length > server.options.max_body:
                return server.refuse(
                    request, 413, "serve.web.refused.title",
                    t("serve.web.refused.size", lang, limit=server.options.max_body),
                )  # fmt: skip
            try:
                data = await asyncio.wait_for(request.post(), server.options.body_timeout)
            except TimeoutError:
                return server.refuse(request, 408, "serve.web.refused.title",
                                     t("serve.web.refused.slow", lang))  # fmt: skip
            except web.HTTPRequestEntityTooLarge:
                return server.refuse(
                    request, 413, "serve.web.refused.title",
                    t("serve.web.refused.size", lang, limit=server.options.max_body),
                )  # fmt: skip
            why = server.forms.redeem(member_id, _first(data, "csrf"))
            if why is not None:
                status = 403 if why == "forged" else 409
                return server.refuse(request, status, "serve.web.refused.title",
                                     t(f"serve.web.refused.{why}", lang))  # fmt: skip
            found = await self._member(request)
            if isinstance(found, web.Response):
                return found
            member, _token, workshop = found
            return await apply(request, member, token, workshop, data, lang)

        return handler

    async def _write(self, member: Member, change: Callable[[Workshop], tuple[Workshop, Any]]):
        return await asyncio.to_thread(write_as_member, self.server.view, member.id, change)

    async def _done(
        self, request: web.Request, section: str, done: str, item: str = ""
    ) -> web.Response:
        from cocreate.serve.server import member_path

        base = member_path(request.match_info["member"], request.match_info["token"])
        target = base + ("" if section == "home" else section) + f"?done={done}"
        if item:
            target += f"&id={item}"
            page = _page_of(await self.server.load(), section, item)
            if page > 1:
                target += f"&page={page}"
        anchor = f"#item-{item}" if item else ""
        return web.Response(status=303, headers={"Location": target + anchor})

    async def _refused(
        self, request, section, member, token, form: Form, refusal: Refused
    ) -> web.Response:
        form.errors[refusal.field] = refusal.message
        workshop = await self.server.load()
        return await self.show(request, section, member, token, workshop, form, status=400)

    # -- problems

    async def add_problem(self, request, member, token, workshop, data, lang):
        form = Form("problem", {"text": _first(data, "text"), "steps": data.getall("steps", []),
                                "confirm": _first(data, "confirm")})  # fmt: skip
        try:
            text = _clean(form.value("text"), "text", lang, limit=MAX_TEXT, required=True)
            steps = _ids(form.many("steps"), "steps", lang, workshop.step)
            if form.value("confirm") != "1":
                similar = contribute.similar_problems(workshop, text)
                exact = contribute.duplicate_of(workshop, text)
                if exact is not None:
                    raise Refused("text", t("serve.web.error.duplicate", lang, id=exact.id))
                if similar:
                    form.notice = "similar"
                    form.values["similar"] = [p for p, _score in similar]
                    form.confirm = True
                    return await self.show(request, "problems", member, token, workshop, form)

            def change(ws: Workshop):
                return contribute.add_problem(ws, member.id, text, steps)

            problem = await self._write(member, change)
        except Refused as refusal:
            return await self._refused(request, "problems", member, token, form, refusal)
        except RuleError as exc:
            same = contribute.duplicate_of(await self.server.load(), form.value("text"))
            message = t("serve.web.error.duplicate", lang, id=same.id) if same else str(exc)
            return await self._refused(
                request, "problems", member, token, form, Refused("text", message)
            )
        except InputError as exc:
            return await self._refused(
                request, "problems", member, token, form, Refused("text", exc.message)
            )
        return await self._done(request, "problems", "added", problem.id)

    # -- causes

    async def add_cause(self, request, member, token, workshop, data, lang):
        form = Form("cause", {
            "problem": _first(data, "problem"), "parent": _first(data, "parent"),
            "text": _first(data, "text"), "category": _first(data, "category"),
        })  # fmt: skip
        try:
            [problem] = _ids([form.value("problem")], "problem", lang, workshop.problem)
            parent = form.value("parent")
            if parent:
                _ids([parent], "parent", lang, workshop.cause)
                if workshop.cause(parent).problem != problem:
                    raise Refused("parent", t("serve.web.error.parent", lang))
            text = _clean(form.value("text"), "text", lang, limit=MAX_TEXT, required=True)
            category = form.value("category")
            if category and category not in CauseCategory.values():
                raise Refused("category", t("serve.web.error.unknown", lang))

            def change(ws: Workshop):
                return contribute.add_cause(ws, member.id, problem, text, parent or None,
                                            category or None)  # fmt: skip

            cause = await self._write(member, change)
        except Refused as refusal:
            return await self._refused(request, "causes", member, token, form, refusal)
        except (InputError, RuleError) as exc:
            return await self._refused(
                request, "causes", member, token, form, Refused("text", _message(exc))
            )
        return await self._done(request, "causes", "added", cause.id)

    # -- ideas

    def _idea_fields(self, form: Form, workshop: Workshop, lang: str) -> dict[str, Any]:
        title = _clean(form.value("title"), "title", lang, limit=MAX_TITLE, required=True)
        description = _clean(
            form.value("description"), "description", lang, limit=MAX_TEXT, required=False
        )
        causes = _ids(form.many("causes"), "causes", lang, workshop.cause)
        steps = _ids(form.many("steps"), "steps", lang, workshop.step)
        action = form.value("action")
        if action and action not in Action.values():
            raise Refused("action", t("serve.web.error.unknown", lang))
        reduction = _whole(form.value("reduction"), "reduction", lang, 0, 100, blank=0)
        return {"title": title, "description": description, "causes": causes,
                "steps": steps, "action": action or None, "reduction": reduction / 100}  # fmt: skip

    @staticmethod
    def _idea_form(data: MultiDictProxy) -> Form:
        return Form("idea", {
            "title": _first(data, "title"), "description": _first(data, "description"),
            "causes": data.getall("causes", []), "steps": data.getall("steps", []),
            "action": _first(data, "action"), "reduction": _first(data, "reduction"),
            "confirm": _first(data, "confirm"), "problem": _query_safe(_first(data, "problem")),
        })  # fmt: skip

    async def add_idea(self, request, member, token, workshop, data, lang):
        form = self._idea_form(data)
        try:
            if workshop.voting.closed:  # it could never be rated (issue 14 §12)
                raise Refused("title", t("serve.web.ideas.closed", lang))
            fields = self._idea_fields(form, workshop, lang)
            if not fields["causes"] and form.value("confirm") != "1":
                form.notice = "solution_first"
                form.confirm = True
                return await self.show(request, "ideas", member, token, workshop, form)

            def change(ws: Workshop):
                return contribute.add_idea(ws, member.id, **fields)

            idea = await self._write(member, change)
        except Refused as refusal:
            return await self._refused(request, "ideas", member, token, form, refusal)
        except (InputError, RuleError) as exc:
            return await self._refused(
                request, "ideas", member, token, form, Refused("title", _message(exc))
            )
        return await self._done(request, "ideas", "added", idea.id)

    # -- the vote

    async def vote(self, request, member, token, workshop, data, lang):
        idea_id = _first(data, "idea")
        form = Form(f"vote-{idea_id}", {
            "idea": idea_id, "effect": _first(data, "effect"), "effort": _first(data, "effort"),
            "dots": _first(data, "dots"),
        })  # fmt: skip
        try:
            _ids([idea_id], "idea", lang, workshop.idea)
            if workshop.voting.closed:
                raise Refused("dots", t("serve.web.error.closed", lang))
            effect = _whole(form.value("effect"), "effect", lang, 1, 5, blank=0)
            effort = _whole(form.value("effort"), "effort", lang, 1, 5, blank=0)
            if bool(effect) != bool(effort):
                raise Refused("effort" if effect else "effect", t("serve.web.error.both", lang))
            cap = workshop.voting.cap_per_idea
            dots = _whole(form.value("dots"), "dots", lang, 0, cap, blank=0)

            def change(ws: Workshop):
                if effect:
                    ws = voting.rate(ws, member.id, idea_id, effect, effort)
                try:
                    ws = voting.place_dots(ws, member.id, idea_id, dots)
                except RuleError:
                    if ws.voting.closed:
                        raise
                    elsewhere = voting.dots_spent(ws, member.id) - next(
                        (d.count for d in ws.contributions_of(member.id).dots if d.idea == idea_id),
                        0,
                    )
                    left = max(ws.voting.dots_per_member - elsewhere, 0)
                    raise Refused("dots", t(
                        "serve.web.error.budget", lang, budget=ws.voting.dots_per_member,
                        elsewhere=elsewhere, left=left,
                    )) from None  # fmt: skip
                return ws, None

            await self._write(member, change)
        except Refused as refusal:
            return await self._refused(request, "vote", member, token, form, refusal)
        except RuleError as exc:
            closed = (await self.server.load()).voting.closed
            message = t("serve.web.error.closed", lang) if closed else str(exc)
            return await self._refused(
                request, "vote", member, token, form, Refused("dots", message)
            )
        except InputError as exc:
            return await self._refused(
                request, "vote", member, token, form, Refused("dots", exc.message)
            )
        return await self._done(request, "vote", "rated", idea_id)

    # -- editing and removing one's own items

    def _own(self, request: web.Request, member: Member, workshop: Workshop):
        item_id = request.match_info["item"]
        item = (
            workshop.problem(item_id) or workshop.cause(item_id) or workshop.idea(item_id)
            if ID_PATTERN.fullmatch(item_id)
            else None
        )
        if item is None:
            raise web.HTTPNotFound()
        if item.author != member.id:
            return None
        return item

    def _kind(self, workshop: Workshop, item) -> str:
        if workshop.problem(item.id) is item:
            return "problem"
        return "cause" if workshop.cause(item.id) is item else "idea"

    async def handle_edit_page(self, request: web.Request) -> web.Response:
        found = await self._member(request)
        if isinstance(found, web.Response):
            return found
        member, token, workshop = found
        item = self._own(request, member, workshop)
        if item is None:
            return self._not_yours(request)
        kind = self._kind(workshop, item)
        form = Form(kind, _values_of(kind, item))
        return await self._edit_page(request, member, token, workshop, item, kind, form)

    async def _edit_page(self, request, member, token, workshop, item, kind, form, status=200):
        lang = self.server.lang(request)
        context = self._context(request, lang, "edit", member, token, workshop)
        context["form"] = form
        return self._html(self.render("edit.html", lang, item=item, kind=kind, **context), status)

    def _not_yours(self, request: web.Request) -> web.Response:
        return self.server.refuse(
            request, 403, "serve.web.refused.title", t("serve.web.refused.not_yours",
                                                        self.server.lang(request)),
        )  # fmt: skip

    async def edit_item(self, request, member, token, workshop, data, lang):
        item = self._own(request, member, workshop)
        if item is None:
            return self._not_yours(request)
        kind = self._kind(workshop, item)
        if kind == "idea":
            form = self._idea_form(data)
        elif kind == "problem":
            form = Form(kind, {"text": _first(data, "text"), "steps": data.getall("steps", [])})
        else:
            form = Form(kind, {"text": _first(data, "text"), "category": _first(data, "category")})
        try:
            if kind == "problem":
                changes = {
                    "text": _clean(form.value("text"), "text", lang, limit=MAX_TEXT, required=True),
                    "steps": _ids(form.many("steps"), "steps", lang, workshop.step),
                }

                def change(ws):
                    return contribute.edit_problem(ws, item.id, **changes), None

            elif kind == "cause":
                category = form.value("category")
                if category and category not in CauseCategory.values():
                    raise Refused("category", t("serve.web.error.unknown", lang))
                text = _clean(form.value("text"), "text", lang, limit=MAX_TEXT, required=True)

                def change(ws):
                    return contribute.edit_cause(ws, item.id, text=text,
                                                 category=category or None), None  # fmt: skip

            else:
                fields = self._idea_fields(form, workshop, lang)

                def change(ws):
                    return contribute.edit_idea(ws, item.id, **fields), None

            await self._write(member, change)
        except Refused as refusal:
            form.errors[refusal.field] = refusal.message
            return await self._edit_page(request, member, token, workshop, item, kind, form, 400)
        except (InputError, RuleError) as exc:
            form.errors["text" if kind != "idea" else "title"] = _message(exc)
            return await self._edit_page(request, member, token, workshop, item, kind, form, 400)
        section = {"problem": "problems", "cause": "causes", "idea": "ideas"}[kind]
        return await self._done(request, section, "saved", item.id)

    async def handle_remove_page(self, request: web.Request) -> web.Response:
        found = await self._member(request)
        if isinstance(found, web.Response):
            return found
        member, token, workshop = found
        item = self._own(request, member, workshop)
        if item is None:
            return self._not_yours(request)
        return await self._remove_page(request, member, token, workshop, item, "")

    async def _remove_page(self, request, member, token, workshop, item, error, status=200):
        lang = self.server.lang(request)
        context = self._context(request, lang, "remove", member, token, workshop)
        kind = self._kind(workshop, item)
        return self._html(
            self.render("remove.html", lang, item=item, kind=kind, error=error, **context), status
        )

    async def remove_item(self, request, member, token, workshop, data, lang):
        item = self._own(request, member, workshop)
        if item is None:
            return self._not_yours(request)
        kind = self._kind(workshop, item)
        try:
            await self._write(member, lambda ws: (contribute.remove_item(ws, item.id), None))
        except (InputError, RuleError) as exc:
            error = _removal_refusal(kind, exc, lang)
            return await self._remove_page(request, member, token, workshop, item, error, 400)
        section = {"problem": "problems", "cause": "causes", "idea": "ideas"}[kind]
        return await self._done(request, section, "removed", item.id)

    # ------------------------------------------------------------------- the room page

    async def handle_room(self, request: web.Request) -> web.Response:
        server = self.server
        if not server.keys.is_facilitator(request.match_info["token"]):
            return server.forbidden(request)
        if not server.limiter.allow("facilitator"):
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


#: Which list each section pages through.
_LISTED = {"problems": "problems", "causes": "problems", "ideas": "ideas", "vote": "ideas"}


def _idea_causes(workshop: Workshop, causes_by_problem: dict, form: Form) -> list[tuple]:
    """The causes an idea form offers: those of the problem picked and of the causes ticked.

    Offering every cause of a big workshop would be hundreds of checkboxes; a member
    picks the problem first (or follows "an idea for this cause" from the causes page).
    """
    problems = [form.value("problem")] if form.value("problem") else []
    for cause_id in form.many("causes"):
        cause = workshop.cause(cause_id)
        if cause is not None:
            problems.append(cause.problem)
    options = []
    for problem_id in dict.fromkeys(problems):
        for cause in causes_by_problem.get(problem_id, []):
            options.append((cause.id, f"{cause.id} {cause.text}"))
    return options


def _cause_problems(workshop: Workshop, shown, form: Form) -> list[tuple]:
    """The problems a cause form offers: the one chosen, then those on this page."""
    chosen = workshop.problem(form.value("problem")) if form.value("problem") else None
    problems = [chosen] if chosen is not None else []
    problems += [p for p in shown if p is not chosen]
    return [(p.id, f"{p.id} {_short(p.text, 60)}") for p in problems]


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _whole_or(raw: str | None, default: int) -> int:
    return int(raw) if raw and raw.isdigit() and len(raw) < 7 else default


def _page_of(workshop: Workshop, section: str, item_id: str) -> int:
    """The page of ``section`` that shows ``item_id`` (a cause shows with its problem)."""
    listed = _LISTED.get(section)
    if listed is None:
        return 1
    if section == "causes" and (cause := workshop.cause(item_id)) is not None:
        item_id = cause.problem
    ids = [item.id for item in getattr(workshop, listed)]
    return ids.index(item_id) // PAGE_SIZE + 1 if item_id in ids else 1


def _option_tags(options, selected: str) -> Markup:
    """``<option>`` elements, escaped; made in Python since a page may have hundreds."""
    return Markup("\n").join(
        Markup('<option value="{}"{}>{}</option>').format(
            value, Markup(" selected") if value == selected else "", text
        )
        for value, text in options
    ) if options else Markup("")  # fmt: skip


def _query_safe(value: str) -> str:
    return value if ID_PATTERN.fullmatch(value) else ""


def _query_id(request: web.Request, name: str) -> str:
    value = request.query.get(name, "")
    return value if ID_PATTERN.fullmatch(value) else ""


def _first(data: MultiDictProxy, name: str) -> str:
    value = data.get(name, "")
    return value if isinstance(value, str) else ""


def _message(exc: CocreateError) -> str:
    return exc.message if isinstance(exc, InputError) else str(exc)


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


def _values_of(kind: str, item) -> dict[str, Any]:
    if kind == "problem":
        return {"text": item.text, "steps": list(item.steps)}
    if kind == "cause":
        return {"text": item.text, "category": item.category.value if item.category else ""}
    return {
        "title": item.title, "description": item.description, "causes": list(item.causes),
        "steps": list(item.steps), "action": item.action.value if item.action else "",
        "reduction": str(round(item.reduction * 100)),
    }  # fmt: skip


def _removal_refusal(kind: str, exc: CocreateError, lang: str) -> str:
    text = str(exc)
    for needle, key in (
        ("has causes", "serve.web.error.remove.causes"),
        ("deeper why", "serve.web.error.remove.deeper"),
        ("answered by idea", "serve.web.error.remove.answered"),
        ("ratings or dots", "serve.web.error.remove.voted"),
        ("pilot plan", "serve.web.error.remove.pilot"),
    ):
        if needle in text:
            return t(key, lang)
    return _message(exc)
