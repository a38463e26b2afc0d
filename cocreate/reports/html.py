"""The report as one self-contained HTML page: inline CSS, charts as base64 PNG, A4 print.

The page fetches nothing: no fonts, scripts or style sheets from anywhere, and a
Content-Security-Policy (``default-src 'none'``) makes any fetch a browser might still
try (an injected tag, say) fail closed. Every text goes through
:func:`cocreate.reports.escape.html_text`; no participant text ever lands in a tag name,
an attribute name or an unquoted attribute.
"""

from __future__ import annotations

import base64
import re

from cocreate.i18n import t
from cocreate.reports.assemble import (
    BulletList,
    Heading,
    Image,
    KeyValues,
    Paragraph,
    Report,
    Table,
)
from cocreate.reports.escape import html_text as esc

__all__ = ["CSS", "render"]

CSS = """
:root { --ink: #1b1f24; --muted: #5b6570; --line: #b8c2cc; --head: #e8eef4;
  --accent: #1d3f6e; --note: #fff7e0; }
* { box-sizing: border-box; }
html { font-size: 10.5pt; }
body { margin: 0 auto; max-width: 190mm; padding: 12mm 10mm; color: var(--ink);
  font-family: "Hiragino Kaku Gothic ProN", "Yu Gothic", "YuGothic", "Meiryo",
    "Noto Sans CJK JP", "IPAexGothic", "IPAGothic", sans-serif;
  line-height: 1.65; background: #fff; }
header.cover { border-bottom: 3px solid var(--accent); margin-bottom: 6mm; }
header.cover .subtitle { color: var(--accent); font-weight: bold; letter-spacing: .05em; }
h1 { font-size: 1.75rem; margin: .2em 0 .4em; line-height: 1.3; }
h2 { font-size: 1.3rem; color: var(--accent); border-bottom: 1.5px solid var(--accent);
  padding-bottom: .15em; margin: 1.6em 0 .6em; break-after: avoid; }
h3 { font-size: 1.08rem; margin: 1.2em 0 .4em; padding-left: .5em;
  border-left: 4px solid var(--accent); break-after: avoid; }
h4 { font-size: 1rem; margin: 1em 0 .3em; break-after: avoid; }
p { margin: .4em 0 .7em; }
p.muted, .caption { color: var(--muted); font-size: .9rem; }
p.note { background: var(--note); border-left: 4px solid #e0a800; padding: .4em .7em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: .88rem; }
th, td { border: 1px solid var(--line); padding: .25em .45em; vertical-align: top;
  text-align: left; overflow-wrap: break-word; }
thead th { background: var(--head); }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.short, table.kv { break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.id { white-space: nowrap; font-size: .82rem; }
td.wide { min-width: 7em; }
table.dense { font-size: .78rem; }
table.dense th, table.dense td { padding: .2em .3em; }
table.kv th { width: 28%; background: var(--head); font-weight: normal; }
table.summary { border: 2px solid var(--accent); }
table.summary th { background: #dfe8f3; font-weight: bold; }
table caption { caption-side: bottom; text-align: left; color: var(--muted);
  font-size: .85rem; padding-top: .2em; }
figure { margin: .6em 0 1.2em; break-inside: avoid; text-align: center; }
figure img { max-width: 100%; max-height: 250mm; height: auto; border: 1px solid #dde3e9; }
/* a diagram taller than a page shrinks to fit it rather than being cut */
figcaption { color: var(--muted); font-size: .85rem; text-align: left; margin-top: .3em; }
nav.toc ol { columns: 2; margin: .2em 0 1em; padding-left: 1.4em; }
nav.toc a { color: var(--accent); text-decoration: none; }
section.summary h2 { margin-top: .6em; }
footer { margin-top: 10mm; border-top: 1px solid var(--line); color: var(--muted);
  font-size: .8rem; padding-top: .4em; }
ul, ol { margin: .3em 0 .9em; padding-left: 1.6em; }
@page { size: A4; margin: 16mm 14mm 18mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #777; } }
@media print {
  html { font-size: 9.5pt; }
  body { max-width: none; padding: 0; }
  nav.toc { break-after: page; }
  section#appendix { break-before: page; }
  h2, h3 { break-after: avoid-page; }
  a { color: inherit; text-decoration: none; }
}
"""

_CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none';"
    " form-action 'none'"
)


class _Counter:
    def __init__(self) -> None:
        self.figures = 0
        self.tables = 0
        self.ids: dict[str, int] = {}

    def table_id(self, name: str) -> str:
        """A unique id for a table: ``tbl-<name>``, then ``tbl-<name>-2`` and so on."""
        n = self.ids.get(name, 0) + 1
        self.ids[name] = n
        return f"tbl-{name}" if n == 1 else f"tbl-{name}-{n}"


# Kana, kanji and full-width forms: text a screen reader must read in Japanese.
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def _text(text: str, lang: str) -> str:
    """Escaped text; Japanese text in an English report is marked ``lang="ja"``."""
    escaped = esc(text)
    if lang != "ja" and _JAPANESE.search(text):
        return f'<span lang="ja">{escaped}</span>'
    return escaped


def _table(block: Table, lang: str, counter: _Counter) -> str:
    # a short table moves to the next page whole rather than splitting
    cls = "data short" if len(block.rows) <= 12 else "data"
    if len(block.headers) >= 9:
        cls += " dense"  # many columns: smaller type so the table keeps to the page width
    ident = f' id="{esc(counter.table_id(block.name))}"' if block.name else ""
    out = [f'<table class="{cls}"{ident} data-name="{esc(block.name)}">']
    if block.caption:  # only captioned tables are numbered, as in the Markdown
        counter.tables += 1
        label = t("report.table", lang, n=counter.tables)
        out.append(f"<caption>{esc(label)}: {esc(block.caption)}</caption>")
    out.append("<thead><tr>")
    for i, header in enumerate(block.headers):
        cls = ' class="num"' if i in block.numeric else ""
        out.append(f'<th scope="col"{cls}>{_text(header, lang)}</th>')  # a bureau's name
    out.append("</tr></thead><tbody>")
    for row in block.rows:
        out.append("<tr>")
        for i, cell in enumerate(row):
            kinds = (("num", block.numeric), ("id", block.ids), ("wide", block.wide))
            classes = [c for c, cols in kinds if i in cols]
            cls = f' class="{" ".join(classes)}"' if classes else ""
            text = (
                _text(cell, lang)
                if isinstance(cell, str)
                else "<br>".join(_text(c, lang) for c in cell)
            )
            out.append(f"<td{cls}>{text}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _key_values(block: KeyValues, lang: str) -> str:
    cls = f"kv {esc(block.style)}".strip()
    rows = "".join(
        f'<tr><th scope="row">{esc(key)}</th><td>{_text(value, lang)}</td></tr>'
        for key, value in block.rows
    )
    return f'<table class="{cls}"><tbody>{rows}</tbody></table>'


def _image(block: Image, lang: str, counter: _Counter) -> str:
    counter.figures += 1
    data = base64.b64encode(block.data).decode("ascii")
    label = t("report.figure", lang, n=counter.figures)
    links = ", " if lang == "en" else "、"
    data_tables = links.join(
        f'<a href="#tbl-{esc(name)}">{esc(t(f"report.data.{name}", lang))}</a>'
        for name in block.tables
    )
    data_note = f" {esc(t('report.data.intro', lang))}{data_tables}" if data_tables else ""
    return (
        f'<figure id="fig-{esc(block.name)}"><img src="data:{block.media_type};base64,{data}"'
        f' alt="{esc(block.alt)}"><figcaption>{esc(label)}: {_text(block.caption, lang)}{data_note}'
        "</figcaption></figure>"
    )


def _block(block: object, lang: str, counter: _Counter) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 3), 4)
        return f"<h{level}>{_text(block.text, lang)}</h{level}>"
    if isinstance(block, Paragraph):
        cls = f' class="{esc(block.style)}"' if block.style else ""
        return f"<p{cls}>{_text(block.text, lang)}</p>"
    if isinstance(block, KeyValues):
        return _key_values(block, lang)
    if isinstance(block, Table):
        return _table(block, lang, counter)
    if isinstance(block, BulletList):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{_text(item, lang)}</li>" for item in block.items)
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, Image):
        return _image(block, lang, counter)
    raise TypeError(f"unknown report block {type(block).__name__}")


def render(report: Report) -> str:
    """The whole report as an HTML5 document (a string)."""
    lang = report.lang
    counter = _Counter()
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="cocreate">',
        f"<title>{esc(report.title)} | {esc(report.subtitle)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<header class="cover">',
        f'<div class="subtitle">{esc(report.subtitle)}</div>',
        f"<h1>{_text(report.title, lang)}</h1>",
        _key_values(report.cover, lang),
        "</header>",
        '<section class="summary" id="summary">',
        f"<h2>{esc(t('report.summary', lang))}</h2>",
        *(_block(block, lang, counter) for block in report.summary),
        "</section>",
        '<nav class="toc">',
        f"<h2>{esc(t('report.toc', lang))}</h2><ol>",
        *(f'<li><a href="#{esc(s.id)}">{esc(s.title)}</a></li>' for s in report.sections),
        "</ol></nav>",
        "<main>",
    ]
    for section in report.sections:
        parts.append(f'<section class="chapter" id="{esc(section.id)}">')
        parts.append(f"<h2>{esc(section.number)}. {esc(section.title)}</h2>")
        parts.extend(_block(block, lang, counter) for block in section.blocks)
        parts.append("</section>")
    parts += ["</main>", f"<footer>{esc(report.footer)}</footer>", "</body>", "</html>", ""]
    return "\n".join(parts)
