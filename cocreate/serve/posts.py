"""What each form post of a member's web page does: checks, the domain call, the answer.

Every post is checked before anything is read (token, rate limit, ``Origin``, content
type, size, a CSRF token used once: :meth:`Posts.post`), then its fields are checked
here with messages in the page's language, tied to the field they are about
(:class:`Refused`), then applied with the domain functions under the member's file
lock (:func:`cocreate.serve.view.write_as_member`). A post that succeeds is answered
with a redirect to the page showing its item, so a reload never posts twice; one that
is refused shows the form again with what was typed, and writes nothing.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from aiohttp import web
from multidict import MultiDictProxy

from cocreate import contribute
from cocreate.errors import CocreateError, InputError, RuleError
from cocreate.i18n import t
from cocreate.model import ID_PATTERN, Action, Cause, CauseCategory, Idea, Member, Problem, Workshop
from cocreate.prioritize import voting
from cocreate.serve.labels import ItemNames
from cocreate.serve.view import write_as_member

if TYPE_CHECKING:
    from cocreate.serve.server import SessionServer

__all__ = ["MAX_TEXT", "MAX_TITLE", "PAGE_SIZE", "Form", "Posts", "Refused"]

#: Longest text of a problem, cause or idea description, and of a title (characters).
MAX_TEXT = 2000
MAX_TITLE = 200
#: Items per page of a list: a hundred members raise hundreds of problems and ideas, and
#: one page of them all would take seconds to make and to read.
PAGE_SIZE = 20
T = TypeVar("T")
#: What a member may edit or remove of their own.
Item = Problem | Cause | Idea
#: A post handler: the checked request, its member and workshop, the form's data.
Apply = Callable[
    [web.Request, Member, str, Workshop, MultiDictProxy, str], Awaitable[web.StreamResponse]
]
#: Control characters are refused in every text (tab and line breaks are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufff9-\ufffb]")


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


def _ids(
    values: list[str],
    name: str,
    lang: str,
    known: Callable[[str], object],
    names: ItemNames | None = None,
) -> list[str]:
    """The ids a field's values mean (through ``names``: references when anonymous)."""
    if len(values) > 500:
        raise Refused(name, t("serve.web.error.unknown", lang))
    ids = []
    for value in values:
        item_id = names.resolve(value) if names is not None else value
        if not ID_PATTERN.fullmatch(value) or not item_id or known(item_id) is None:
            raise Refused(name, t("serve.web.error.unknown", lang))
        ids.append(item_id)
    return list(dict.fromkeys(ids))


def _whole(
    raw: object, name: str, lang: str, low: int, high: int, *, blank: int | None = None
) -> int:
    text = raw.strip() if isinstance(raw, str) else ""
    if not text and blank is not None:
        return blank
    # Full-width digits, as a Japanese IME types them, count as digits.
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not re.fullmatch(r"[0-9]{1,6}", text) or not low <= int(text) <= high:
        raise Refused(name, t("serve.web.error.whole", lang, low=low, high=high))
    return int(text)


class Posts:
    """The post handlers of :class:`~cocreate.serve.web.MemberSite` (a mixin)."""

    server: SessionServer

    if TYPE_CHECKING:
        # Provided by the class this is mixed into (MemberSite).
        async def _member(
            self, request: web.Request
        ) -> tuple[Member, str, Workshop] | web.Response: ...

        async def show(
            self,
            request: web.Request,
            section: str,
            member: Member,
            token: str,
            workshop: Workshop,
            form: Form | None = None,
            status: int = 200,
        ) -> web.Response: ...

        def _context(
            self,
            request: web.Request,
            lang: str,
            section: str,
            member: Member,
            token: str,
            workshop: Workshop,
        ) -> dict[str, Any]: ...

        def _html(self, text: str, status: int = 200) -> web.Response: ...

        def render(self, name: str, lang: str, **context: Any) -> str: ...

        def names(self, workshop: Workshop, member_id: str) -> ItemNames: ...

    def post(self, apply: Apply) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
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

    async def _write(self, member: Member, change: Callable[[Workshop], tuple[Workshop, T]]) -> T:
        view = self.server.view
        return await self.server.write(lambda: write_as_member(view, member.id, change))

    async def _done(
        self, request: web.Request, section: str, done: str, item: str = ""
    ) -> web.Response:
        from cocreate.serve.server import member_path

        member_id = request.match_info["member"]
        base = member_path(member_id, request.match_info["token"])
        target = base + ("" if section == "home" else section) + f"?done={done}"
        anchor = ""
        if item:
            workshop = await self.server.load()
            ref = self.names(workshop, member_id).ref(item)
            target += f"&id={ref}"
            page = _page_of(workshop, member_id, section, item)
            if page > 1:
                target += f"&page={page}"
            anchor = f"#item-{ref}"
        return web.Response(status=303, headers={"Location": target + anchor})

    async def _refused(
        self,
        request: web.Request,
        section: str,
        member: Member,
        token: str,
        form: Form,
        refusal: Refused,
    ) -> web.Response:
        workshop = await self.server.load()
        form.errors[refusal.field] = self.names(workshop, member.id).scrub(refusal.message)
        return await self.show(request, section, member, token, workshop, form, status=400)

    # -- problems

    async def add_problem(
        self,
        request: web.Request,
        member: Member,
        token: str,
        workshop: Workshop,
        data: MultiDictProxy,
        lang: str,
    ) -> web.Response:
        form = Form("problem", {"text": _first(data, "text"), "steps": data.getall("steps", []),
                                "confirm": _first(data, "confirm")})  # fmt: skip
        try:
            text = _clean(form.value("text"), "text", lang, limit=MAX_TEXT, required=True)
            steps = _ids(form.many("steps"), "steps", lang, workshop.step)
            if form.value("confirm") != "1":
                similar = contribute.similar_problems(workshop, text)
                exact = contribute.duplicate_of(workshop, text)
                if exact is not None:
                    shown = self.names(workshop, member.id).label(exact.id)
                    raise Refused("text", t("serve.web.error.duplicate", lang, id=shown))
                if similar:
                    form.notice = "similar"
                    form.values["similar"] = [p for p, _score in similar]
                    form.confirm = True
                    return await self.show(request, "problems", member, token, workshop, form)

            def change(ws: Workshop) -> tuple[Workshop, Problem]:
                return contribute.add_problem(ws, member.id, text, steps)

            problem = await self._write(member, change)
        except Refused as refusal:
            return await self._refused(request, "problems", member, token, form, refusal)
        except RuleError as exc:
            now = await self.server.load()
            same = contribute.duplicate_of(now, form.value("text"))
            shown = self.names(now, member.id).label(same.id) if same else ""
            message = t("serve.web.error.duplicate", lang, id=shown) if same else str(exc)
            return await self._refused(
                request, "problems", member, token, form, Refused("text", message)
            )
        except InputError as exc:
            return await self._refused(
                request, "problems", member, token, form, Refused("text", exc.message)
            )
        return await self._done(request, "problems", "added", problem.id)

    # -- causes

    async def add_cause(
        self,
        request: web.Request,
        member: Member,
        token: str,
        workshop: Workshop,
        data: MultiDictProxy,
        lang: str,
    ) -> web.Response:
        form = Form("cause", {
            "problem": _first(data, "problem"), "parent": _first(data, "parent"),
            "text": _first(data, "text"), "category": _first(data, "category"),
        })  # fmt: skip
        names = self.names(workshop, member.id)
        try:
            [problem] = _ids([form.value("problem")], "problem", lang, workshop.problem, names)
            parent = form.value("parent")
            if parent:
                [parent] = _ids([parent], "parent", lang, workshop.cause, names)
                parent_cause = workshop.cause(parent)
                if parent_cause is None or parent_cause.problem != problem:
                    raise Refused("parent", t("serve.web.error.parent", lang))
            text = _clean(form.value("text"), "text", lang, limit=MAX_TEXT, required=True)
            category = form.value("category")
            if category and category not in CauseCategory.values():
                raise Refused("category", t("serve.web.error.unknown", lang))

            def change(ws: Workshop) -> tuple[Workshop, Cause]:
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

    def _idea_fields(
        self, form: Form, workshop: Workshop, lang: str, names: ItemNames
    ) -> dict[str, Any]:
        title = _clean(form.value("title"), "title", lang, limit=MAX_TITLE, required=True)
        description = _clean(
            form.value("description"), "description", lang, limit=MAX_TEXT, required=False
        )
        causes = _ids(form.many("causes"), "causes", lang, workshop.cause, names)
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

    async def add_idea(
        self,
        request: web.Request,
        member: Member,
        token: str,
        workshop: Workshop,
        data: MultiDictProxy,
        lang: str,
    ) -> web.Response:
        form = self._idea_form(data)
        try:
            if workshop.voting.closed:  # it could never be rated (issue 14 §12)
                raise Refused("title", t("serve.web.ideas.closed", lang))
            fields = self._idea_fields(form, workshop, lang, self.names(workshop, member.id))
            if not fields["causes"] and form.value("confirm") != "1":
                form.notice = "solution_first"
                form.confirm = True
                return await self.show(request, "ideas", member, token, workshop, form)

            def change(ws: Workshop) -> tuple[Workshop, Idea]:
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

    async def vote(
        self,
        request: web.Request,
        member: Member,
        token: str,
        workshop: Workshop,
        data: MultiDictProxy,
        lang: str,
    ) -> web.Response:
        posted = _first(data, "idea")  # a reference, when voting is anonymous
        form = Form(f"vote-{posted}", {
            "idea": posted, "effect": _first(data, "effect"), "effort": _first(data, "effort"),
            "dots": _first(data, "dots"),
        })  # fmt: skip
        try:
            [idea_id] = _ids([posted], "idea", lang, workshop.idea, self.names(workshop, member.id))
            if workshop.voting.closed:
                raise Refused("dots", t("serve.web.error.closed", lang))
            effect = _whole(form.value("effect"), "effect", lang, 1, 5, blank=0)
            effort = _whole(form.value("effort"), "effort", lang, 1, 5, blank=0)
            if bool(effect) != bool(effort):
                raise Refused("effort" if effect else "effect", t("serve.web.error.both", lang))
            cap = workshop.voting.cap_per_idea
            dots = _whole(form.value("dots"), "dots", lang, 0, cap, blank=0)

            def change(ws: Workshop) -> tuple[Workshop, None]:
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

    def _own(self, request: web.Request, member: Member, workshop: Workshop) -> Item | None:
        item_id = self.names(workshop, member.id).resolve(request.match_info["item"])
        item: Item | None = (
            workshop.problem(item_id) or workshop.cause(item_id) or workshop.idea(item_id)
            if ID_PATTERN.fullmatch(item_id)
            else None
        )
        if item is None:
            raise web.HTTPNotFound()
        if item.author != member.id:
            return None
        return item

    def _kind(self, workshop: Workshop, item: Item) -> str:
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
        form = Form(kind, _values_of(item, self.names(workshop, member.id).ref))
        return await self._edit_page(request, member, token, workshop, item, kind, form)

    async def _edit_page(
        self,
        request: web.Request,
        member: Member,
        token: str,
        workshop: Workshop,
        item: Item,
        kind: str,
        form: Form,
        status: int = 200,
    ) -> web.Response:
        lang = self.server.lang(request)
        context = self._context(request, lang, "edit", member, token, workshop)
        context["form"] = form
        return self._html(self.render("edit.html", lang, item=item, kind=kind, **context), status)

    def _not_yours(self, request: web.Request) -> web.Response:
        return self.server.refuse(
            request, 403, "serve.web.refused.title", t("serve.web.refused.not_yours",
                                                        self.server.lang(request)),
        )  # fmt: skip

    async def edit_item(
        self,
        request: web.Request,
        member: Member,
        token: str,
        workshop: Workshop,
        data: MultiDictProxy,
        lang: str,
    ) -> web.Response:
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
            change: Callable[[Workshop], tuple[Workshop, None]]
            if kind == "problem":
                changes: dict[str, Any] = {
                    "text": _clean(form.value("text"), "text", lang, limit=MAX_TEXT, required=True),
                    "steps": _ids(form.many("steps"), "steps", lang, workshop.step),
                }

                def change(ws: Workshop) -> tuple[Workshop, None]:
                    return contribute.edit_problem(ws, item.id, **changes), None

            elif kind == "cause":
                category = form.value("category")
                if category and category not in CauseCategory.values():
                    raise Refused("category", t("serve.web.error.unknown", lang))
                text = _clean(form.value("text"), "text", lang, limit=MAX_TEXT, required=True)

                def change(ws: Workshop) -> tuple[Workshop, None]:
                    return contribute.edit_cause(ws, item.id, text=text,
                                                 category=category or None), None  # fmt: skip

            else:
                fields = self._idea_fields(form, workshop, lang, self.names(workshop, member.id))

                def change(ws: Workshop) -> tuple[Workshop, None]:
                    return contribute.edit_idea(ws, item.id, **fields), None

            await self._write(member, change)
        except Refused as refusal:
            form.errors[refusal.field] = refusal.message
            return await self._edit_page(request, member, token, workshop, item, kind, form, 400)
        except (InputError, RuleError) as exc:
            message = self.names(workshop, member.id).scrub(_message(exc))
            form.errors["text" if kind != "idea" else "title"] = message
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

    async def _remove_page(
        self,
        request: web.Request,
        member: Member,
        token: str,
        workshop: Workshop,
        item: Item,
        error: str,
        status: int = 200,
    ) -> web.Response:
        lang = self.server.lang(request)
        context = self._context(request, lang, "remove", member, token, workshop)
        kind = self._kind(workshop, item)
        return self._html(
            self.render("remove.html", lang, item=item, kind=kind, error=error, **context), status
        )

    async def remove_item(
        self,
        request: web.Request,
        member: Member,
        token: str,
        workshop: Workshop,
        data: MultiDictProxy,
        lang: str,
    ) -> web.Response:
        item = self._own(request, member, workshop)
        if item is None:
            return self._not_yours(request)
        kind = self._kind(workshop, item)
        try:
            await self._write(member, lambda ws: (contribute.remove_item(ws, item.id), None))
        except (InputError, RuleError) as exc:
            error = self.names(workshop, member.id).scrub(_removal_refusal(kind, exc, lang))
            return await self._remove_page(request, member, token, workshop, item, error, 400)
        section = {"problem": "problems", "cause": "causes", "idea": "ideas"}[kind]
        return await self._done(request, section, "removed", item.id)


# =========================================================================== helpers


#: Which list each section pages through.
_LISTED = {"problems": "problems", "causes": "problems", "ideas": "ideas", "vote": "ideas"}


def _whole_or(raw: str | None, default: int) -> int:
    return int(raw) if raw and raw.isdigit() and len(raw) < 7 else default


def _page_of(workshop: Workshop, viewer: str, section: str, item_id: str) -> int:
    """The page of ``section`` that shows ``item_id`` to ``viewer`` (a cause shows with
    its problem), in the order the page lists them (:func:`voting.shown_order`)."""
    listed = _LISTED.get(section)
    if listed is None:
        return 1
    if section == "causes" and (cause := workshop.cause(item_id)) is not None:
        item_id = cause.problem
    ids = [item.id for item in voting.shown_order(workshop, viewer, getattr(workshop, listed))]
    return ids.index(item_id) // PAGE_SIZE + 1 if item_id in ids else 1


def _query_safe(value: str) -> str:
    return value if ID_PATTERN.fullmatch(value) else ""


def _first(data: MultiDictProxy, name: str) -> str:
    value = data.get(name, "")
    return value if isinstance(value, str) else ""


def _message(exc: CocreateError) -> str:
    return exc.message if isinstance(exc, InputError) else str(exc)


def _values_of(item: Item, ref: Callable[[str], str]) -> dict[str, Any]:
    """What an edit form starts with; ``ref`` says how the page carries another item."""
    if isinstance(item, Problem):
        return {"text": item.text, "steps": list(item.steps)}
    if isinstance(item, Cause):
        return {"text": item.text, "category": item.category.value if item.category else ""}
    return {
        "title": item.title, "description": item.description,
        "causes": [ref(c) for c in item.causes],
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
        ("measured by KPI", "serve.web.error.remove.kpi"),
        ("pilot plan", "serve.web.error.remove.pilot"),
    ):
        if needle in text:
            return t(key, lang)
    return _message(exc)
