"""Markup-injection payloads and a workshop full of them, shared by the report tests."""

from __future__ import annotations

from cocreate.model import Workshop

#: XSS and markup-injection payloads for HTML and Markdown. Each one that could run
#: script sets ``window.__xss``, so a browser test can prove none of them ran.
PAYLOADS = (
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "<svg onload=window.__xss=1>",
    '"><script>window.__xss=1</script>',
    "'><img src=x onerror=window.__xss=1>",
    '" onmouseover="window.__xss=1" x="',
    "javascript:window.__xss=1",
    '<a href="javascript:window.__xss=1">click</a>',
    '<iframe src="https://evil.example/"></iframe>',
    "<style>body{display:none}</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "</td></tr></table><script>window.__xss=1</script>",
    "<!-- open comment",
    "]]><![CDATA[<script>window.__xss=1</script>",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "<body onload=window.__xss=1>",
    '<object data="https://evil.example/x.swf"></object>',
    '<base href="https://evil.example/">',
    "<details open ontoggle=window.__xss=1>",
    '<math><mi xlink:href="javascript:window.__xss=1">x</mi></math>',
    "[click](javascript:window.__xss=1)",
    "![pixel](https://evil.example/t.png)",
    "<https://evil.example/autolink>",
    "see https://evil.example/ or www.evil.example or mail@evil.example",
    "| broken | table |",
    "a | b || c",
    "`code` **bold** __strong__ _em_ ~~strike~~ $x^2$",
    "# heading\n- item\n1. item\n> quote",
    "line one\n\n| x |\n|---|\n| y |",
    "[ref]: https://evil.example/\n[ref]",
    "\\<script>window.__xss=1\\</script>",
    "{0} {__class__} {value!r} %s",
    "\u202ebidi override\u202c and zero\u200bwidth",
    "\x00nul\x1bescape\x07",
)

#: The payloads a browser could act on, for the literal-text round-trip check.
LITERAL = tuple(
    p for p in PAYLOADS if "\n" not in p and not any(c < " " for c in p) and "\u202e" not in p
)


def poisoned(workshop: Workshop) -> Workshop:
    """``workshop`` with payloads in every participant text: problems, causes, ideas.

    The facilitator's texts (member and lane names, step names, the pilot plan,
    decisions) get payloads too, since a report must not trust them either.
    """
    n = len(PAYLOADS)

    def pick(i: int) -> str:
        return f"P{i % n:02d} {PAYLOADS[i % n]}"

    counter = iter(range(10_000))
    contributions = []
    for contribution in workshop.contributions:
        problems = tuple(
            p.edit(text=pick(next(counter)), category=PAYLOADS[i % n])
            for i, p in enumerate(contribution.problems)
        )
        causes = tuple(c.edit(text=pick(next(counter))) for c in contribution.causes)
        ideas = tuple(
            i.edit(title=pick(next(counter)), description=pick(next(counter)))
            for i in contribution.ideas
        )
        contributions.append(contribution.edit(problems=problems, causes=causes, ideas=ideas))
    pilot = workshop.pilot
    pilot = pilot.edit(
        title=pick(0),
        purpose=pick(1),
        scope_unit=pick(2),
        risks=tuple(
            r.edit(text=pick(3 + i), mitigation=pick(4 + i)) for i, r in enumerate(pilot.risks)
        ),
        rollout_criteria=tuple(pick(5 + i) for i in range(len(pilot.rollout_criteria))),
        communication=pilot.communication.edit(
            channel=pick(6), shared=pick(7), audience=pick(8), meetings=pick(9)
        ),
        milestones=tuple(m.edit(text=pick(10 + i)) for i, m in enumerate(pilot.milestones)),
        team=tuple(t.edit(role=pick(12 + i)) for i, t in enumerate(pilot.team)),
        kpis=tuple(
            k.edit(name=pick(14 + i), measured_by=pick(15 + i)) for i, k in enumerate(pilot.kpis)
        ),
    )
    return workshop.edit(
        meta=workshop.meta.edit(
            title=pick(20), background=pick(21), organisation=pick(22), business_area=pick(23)
        ),
        members=tuple(m.edit(name=pick(24 + i)) for i, m in enumerate(workshop.members)),
        lanes=tuple(lane.edit(name=pick(27 + i)) for i, lane in enumerate(workshop.lanes)),
        steps=tuple(s.edit(name=pick(29 + i)) for i, s in enumerate(workshop.steps)),
        decisions=tuple(d.edit(text=pick(31 + i)) for i, d in enumerate(workshop.decisions)),
        pilot=pilot,
        contributions=tuple(contributions),
    )


# --------------------------------------------------------------------------- every field

#: String fields that hold ids, references or codes: the model's structure, not text.
STRUCTURAL_FIELDS = frozenset(
    {
        "id", "author", "parent", "problem", "owner", "idea", "member", "causes", "steps",
        "source", "target", "lane", "metric", "facilitator", "ideas", "scope_steps",
        "language", "kind", "medium", "category_code", "role_code", "attached_to", "digest",
        "ballot", "base", "variant", "variants", "step",
    }
)  # fmt: skip
#: Free-text fields: what people type, and what the report must show as text.
TEXT_FIELDS = frozenset(
    {
        "text", "audience", "channel", "meetings", "shared", "label", "description", "title",
        "measured_by", "name", "unit", "email", "background", "business_area",
        "organisation", "purpose", "rollout_criteria", "scope_unit", "category", "mitigation",
        "currency", "notes", "role", "pool",
    }
)  # fmt: skip


def _is_text(value: object) -> bool:
    import enum

    return isinstance(value, str) and not isinstance(value, enum.Enum)


def poison_every_field(workshop: Workshop, payload: str) -> Workshop:
    """``workshop`` with ``payload`` in every free-text field of every item in it.

    The fields are found by walking the model, so a text field added to it later is
    poisoned too; a string field that is neither in :data:`TEXT_FIELDS` nor in
    :data:`STRUCTURAL_FIELDS` raises, so that it gets classified rather than skipped.
    """
    import dataclasses

    def poison(item: object) -> object:
        if isinstance(item, tuple):
            return tuple(poison(x) for x in item)
        if not dataclasses.is_dataclass(item) or isinstance(item, type):
            return item
        changes = {}
        for field in dataclasses.fields(item):
            value = getattr(item, field.name)
            strings = _is_text(value) or (
                isinstance(value, tuple) and value and all(_is_text(v) for v in value)
            )
            if strings and field.name in TEXT_FIELDS:
                changes[field.name] = payload if _is_text(value) else tuple(payload for _ in value)
            elif strings and field.name not in STRUCTURAL_FIELDS:
                raise AssertionError(
                    f"unclassified string field {type(item).__name__}.{field.name}"
                )
            elif not strings:
                changes[field.name] = poison(value)
        return dataclasses.replace(item, **changes)

    return poison(workshop)  # type: ignore[return-value]
