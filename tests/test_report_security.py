"""Participant text can inject nothing into the report: no tag, attribute, script or link."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from cocreate import storage
from cocreate.reports import html as html_report
from cocreate.reports import markdown as md_report
from cocreate.reports.assemble import assemble
from cocreate.reports.escape import clean, html_text, md_text
from tests.report_payloads import LITERAL, PAYLOADS, poisoned

#: Every tag the HTML template itself uses; anything else came from participant text.
TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "div", "h1", "h2", "h3",
    "h4", "table", "caption", "thead", "tbody", "tr", "th", "td", "section", "nav", "ol",
    "ul", "li", "a", "main", "figure", "img", "figcaption", "footer", "p", "br", "span",
}  # fmt: skip
TEMPLATE_ATTRS = {
    "lang", "charset", "http-equiv", "content", "name", "class", "data-name", "scope",
    "href", "id", "src", "alt",
}  # fmt: skip


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.comments: list[str] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_decl(self, decl):
        if decl.lower() != "doctype html":
            self.other.append(decl)

    def unknown_decl(self, data):
        self.other.append(data)

    def handle_pi(self, data):
        self.other.append(data)


@pytest.fixture(scope="module")
def report():
    from tests.conftest import SAMPLE

    return assemble(poisoned(storage.load(SAMPLE)), "ja", figures=False)


def test_there_are_at_least_twenty_payloads():
    assert len(PAYLOADS) >= 20
    assert len(LITERAL) >= 20


def test_payloads_reach_the_report(report):
    """The fixture really puts the payloads where the report shows them."""
    import dataclasses

    def strings(value):
        if isinstance(value, str):
            yield value
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                yield from strings(getattr(value, f.name))
        elif isinstance(value, tuple):
            for item in value:
                yield from strings(item)

    text = "\n".join(strings(report))
    for payload in LITERAL:
        assert payload in text, payload


def test_html_has_only_the_templates_tags_and_attributes(report):
    page = html_report.render(report)
    parser = _Collector()
    parser.feed(page)
    parser.close()
    tags = {tag for tag, _ in parser.tags}
    assert tags <= TEMPLATE_TAGS, tags - TEMPLATE_TAGS
    assert "script" not in tags
    assert not parser.comments
    assert not parser.other
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert name in TEMPLATE_ATTRS, (tag, name, value)
            assert not name.startswith("on")
            if name == "href":
                assert re.fullmatch(r"#(tbl-[a-z_]+(-\d+)?|[a-z]+)", value or ""), value
            if name == "src":
                assert re.match(r"data:image/(png|svg\+xml);base64,", value or ""), value[:40]
            if name == "http-equiv":
                assert value == "Content-Security-Policy"
    # The only meta refresh, base or link would have come from a payload.
    assert not re.search(r"<(script|iframe|object|base|link|svg|math|details)\b", page, re.I)
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", page, re.I)
    # Tables open and close in pairs: no payload closed one early.
    assert page.count("<table") == page.count("</table>")
    assert page.count("<tr>") == page.count("</tr>")


def test_html_shows_the_payloads_as_literal_text(report):
    parser = _Collector()
    parser.feed(html_report.render(report))
    text = " ".join(" ".join(parser.text).split())
    for payload in LITERAL:
        assert " ".join(payload.split()) in text, payload


def test_html_drops_control_and_bidi_characters(report):
    page = html_report.render(report)
    assert "\u202e" not in page
    assert "\x00" not in page and "\x1b" not in page


def _markdown_parser():
    from markdown_it import MarkdownIt

    # GitHub-like: tables, strikethrough and bare-URL autolinks (linkify).
    return MarkdownIt("gfm-like")


def _walk(tokens):
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def test_markdown_passes_no_raw_html_links_or_foreign_images(report):
    text, _files = md_report.render(report, "report-ja-figures")
    tokens = list(_walk(_markdown_parser().parse(text)))
    kinds = {t.type for t in tokens}
    assert "html_block" not in kinds and "html_inline" not in kinds
    assert "link_open" not in kinds, [t.attrs for t in tokens if t.type == "link_open"]
    for token in tokens:
        if token.type == "image":
            assert token.attrs["src"].startswith("report-ja-figures/"), token.attrs
    # Payload text never becomes emphasis, code, math or headings beyond ours.
    assert "code_inline" not in kinds and "s_open" not in kinds
    from cocreate.reports.assemble import Heading

    ours = (
        3
        + len(report.sections)
        + sum(isinstance(b, Heading) for s in report.sections for b in s.blocks)
    )
    assert sum(t.type == "heading_open" for t in tokens) == ours
    assert not any(t.type == "blockquote_open" for t in tokens)


def test_markdown_tables_keep_their_columns(report):
    text, _ = md_report.render(report, "figs")
    tokens = _markdown_parser().parse(text)
    tables = 0
    width = None
    cells = 0
    for token in tokens:
        if token.type == "table_open":
            tables += 1
            width = None
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            if width is None:
                width = cells
            assert cells == width
    # Every pipe table in the source became a table: none was broken apart.
    source_tables = len(re.findall(r"^\|(?: ?-+:? ?\|)+$", text, re.M))
    assert tables == source_tables > 10


def test_markdown_renders_the_payloads_literally(report):
    text, _ = md_report.render(report, "figs")
    rendered = _markdown_parser().render(text)
    parser = _Collector()
    parser.feed(rendered)
    assert {tag for tag, _ in parser.tags} <= {
        "h1", "h2", "h3", "h4", "p", "strong", "em", "table", "thead", "tbody", "tr", "th",
        "td", "ul", "ol", "li", "img", "hr", "blockquote",
    }  # fmt: skip
    seen = " ".join(" ".join(parser.text).split())
    for payload in LITERAL:
        assert " ".join(payload.split()) in seen, payload


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escape_functions_on_each_payload(payload):
    escaped = html_text(payload)
    assert "<" not in escaped and ">" not in escaped and '"' not in escaped
    assert html.unescape(escaped) == clean(payload)
    md = md_text(payload)
    assert "\n" not in md
    assert not re.search(r"(?<!\\)[<>|`*_\[\]]", md.replace("&lt;", "").replace("&gt;", ""))


def test_charts_draw_payloads_without_warnings():
    """Control characters and markup in step names and idea titles draw as plain text."""
    import warnings

    from tests.conftest import SAMPLE

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = assemble(poisoned(storage.load(SAMPLE)), "en")
    assert [image.name for image in report.images] == ["process", "matrix", "standard"]


# --------------------------------------------------------------------------- every flavour

#: Tags a Markdown renderer may make from our report; anything else came from a payload.
MARKDOWN_TAGS = {
    "h1", "h2", "h3", "h4", "p", "strong", "em", "table", "thead", "tbody", "tr", "th",
    "td", "ul", "ol", "li", "img", "hr", "blockquote",
}  # fmt: skip


def _renderers():
    """(name, render) for CommonMark, GitHub-like Markdown and python-markdown."""
    import markdown
    from markdown_it import MarkdownIt

    return [
        ("commonmark", MarkdownIt("commonmark").enable("table").render),
        ("gfm-like", MarkdownIt("gfm-like").render),
        ("python-markdown", lambda text: markdown.markdown(text, extensions=["extra"])),
    ]


@pytest.mark.parametrize("flavour", ["commonmark", "gfm-like", "python-markdown"])
def test_markdown_renders_literally_and_cleanly_in_every_flavour(report, flavour):
    """Each payload shows as typed, with no stray backslash, and nothing becomes live."""
    render = dict(_renderers())[flavour]
    text, _ = md_report.render(report, "figs")
    parser = _Collector()
    parser.feed(render(text))
    parser.close()
    assert {tag for tag, _ in parser.tags} <= MARKDOWN_TAGS, flavour
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if tag == "img" and name == "src":
                assert (value or "").startswith("figs/"), value
    seen = " ".join(" ".join(parser.text).split())
    for payload in LITERAL:
        assert " ".join(payload.split()) in seen, (flavour, payload)


@pytest.mark.parametrize("payload", LITERAL)
def test_each_payload_renders_exactly_in_a_paragraph_and_a_cell(payload):
    """Rendered text equals the payload exactly: a stray backslash would show here."""
    escaped = md_text(payload)
    source = f"{escaped}\n\n| x |\n|---|\n| {escaped} |\n"
    for name, render in _renderers():
        parser = _Collector()
        parser.feed(render(source))
        parser.close()
        texts = [t.strip() for t in parser.text if t.strip()]
        assert texts.count(" ".join(payload.split())) == 2, (name, payload, texts)
        assert {tag for tag, _ in parser.tags} <= MARKDOWN_TAGS, (name, payload)


# --------------------------------------------------------------------------- every field

SVG_TAGS = {"svg", "title", "defs", "marker", "path", "rect", "polygon", "polyline", "text",
            "tspan"}  # fmt: skip


def _live_html(page: str) -> list[str]:
    """Every element, attribute, comment or declaration the template does not make."""
    parser = _Collector()
    parser.feed(page)
    parser.close()
    live = [f"<{tag}>" for tag, _ in parser.tags if tag not in TEMPLATE_TAGS]
    for tag, attrs in parser.tags:
        for name, value in attrs:
            if name not in TEMPLATE_ATTRS or name.startswith("on"):
                live.append(f"<{tag} {name}>")
            elif name == "href" and not re.fullmatch(r"#(tbl-[a-z_]+(-\d+)?|[a-z]+)", value or ""):
                live.append(f"<{tag} href={value}>")
            elif name == "src" and not re.match(r"data:image/(png|svg\+xml);base64,", value or ""):
                live.append(f"<{tag} src={value[:30]}>")
    return live + [f"<!--{c}-->" for c in parser.comments] + parser.other


def _live_svg(svg: str) -> list[str]:
    import xml.etree.ElementTree as ET

    live = []
    for element in ET.fromstring(svg).iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag not in SVG_TAGS:
            live.append(f"<{tag}>")
        live += [f"<{tag} {n}>" for n in element.attrib if n.startswith("on") or "href" in n]
    return live


@pytest.fixture(scope="module")
def sample_workshop():
    from tests.conftest import SAMPLE

    return storage.load(SAMPLE)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_payload_in_every_field_gives_no_live_markup(sample_workshop, payload):
    """Issue 12 §8: the payload in every participant field at once, parsed, not grepped."""
    from cocreate.reports.diagram import plan
    from cocreate.reports.diagram.svg import render_svg
    from tests.report_payloads import poison_every_field

    workshop = poison_every_field(sample_workshop, payload)
    assert workshop.steps[0].name == payload and workshop.flows[0].label == payload
    for lang in ("ja", "en"):
        page = html_report.render(assemble(workshop, lang, figures=False))
        assert _live_html(page) == [], (lang, payload)
        if payload in LITERAL:
            parser = _Collector()
            parser.feed(page)
            assert " ".join(parser.text).count(" ".join(payload.split())) >= 20
    svg = render_svg(plan(workshop), legend={"paper": payload}, title=payload)
    assert _live_svg(svg) == [], payload
    if payload in LITERAL:  # shown as typed: the title whole, the boxes wrapped
        import xml.etree.ElementTree as ET

        title = ET.fromstring(svg).find("{http://www.w3.org/2000/svg}title")
        assert title is not None and title.text == payload


def test_the_live_markup_checks_see_live_markup():
    """The parsers above would catch a real injection (so a pass means something)."""
    assert _live_html('<p>ok</p><img src=x onerror="a()"><script>x</script>')
    assert _live_svg('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    assert _live_svg('<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>')
