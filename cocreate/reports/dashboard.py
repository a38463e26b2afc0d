"""The portfolio dashboard: one offline HTML page, and the same table as CSV and XLSX.

The page is self-contained as the proposal is (:mod:`cocreate.reports.html`): inline
CSS, charts as inline SVG, no script, and a Content-Security-Policy of
``default-src 'none'`` so nothing is fetched even on a closed network (LGWAN). Every
text goes through :func:`~cocreate.reports.escape.html_text`. Each figure's definition
and source is printed under the table, as the Digital Agency's municipal DX dashboard
does. A bar chart per status comes with its data as a table, for screen readers and
for print.

The CSV is UTF-8 with a BOM and CRLF, every text cell neutralised against formula
injection; the workbook has one sheet with the same columns. Everything is rendered
before anything is written, and each file is replaced atomically.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocreate.i18n import t
from cocreate.portfolio.ranking import CandidateTally
from cocreate.portfolio.status import ProcessRow, Status, Totals, status_label, totals
from cocreate.portfolio_model import Portfolio
from cocreate.reports.document import DASH
from cocreate.reports.escape import html_text as esc
from cocreate.reports.html import _CSP
from cocreate.text import neutralise

__all__ = [
    "COLUMNS",
    "Dashboard",
    "bureau_cell",
    "csv_text",
    "matrix_svg",
    "render_html",
    "table_rows",
    "workbook_bytes",
    "write_dashboard",
]

#: The table's columns: key, and whether it is a number.
COLUMNS: tuple[tuple[str, bool], ...] = (
    ("name", False),
    ("candidate", False),
    ("bureau", False),
    ("owner", False),
    ("status", False),
    ("decision", False),
    ("hours", True),
    ("person_years", True),
    ("cost", True),
    ("source", False),
    ("bureaus", False),
    ("planned", True),
    ("verified", True),
    ("paper", True),
    ("seal", True),
    ("counter", True),
    ("folder", False),
)
_ORDER = {status: i for i, status in enumerate(Status)}

CSS = """
:root { --ink: #1b1f24; --muted: #4d5661; --line: #b8c2cc; --head: #e8eef4;
  --accent: #1d3f6e; --warn: #fff1e0; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 16px 20px 40px; color: var(--ink);
  font-family: "Hiragino Kaku Gothic ProN", "Yu Gothic", "YuGothic", "Meiryo",
    "Noto Sans CJK JP", "IPAexGothic", "IPAGothic", sans-serif;
  line-height: 1.6; background: #fff; font-size: 15px; }
a.skip { position: absolute; left: -999px; }
a.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 16px; }
header .subtitle { color: var(--accent); font-weight: bold; }
h1 { font-size: 1.7rem; margin: .2em 0 .3em; }
h2 { font-size: 1.25rem; color: var(--accent); border-bottom: 1.5px solid var(--accent);
  margin: 1.6em 0 .6em; }
p.muted, figcaption { color: var(--muted); font-size: .9rem; }
p.warn { background: var(--warn); border-left: 4px solid #b35c00; padding: .4em .7em; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 0; padding: 0; }
.cards div { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px;
  min-width: 150px; }
.cards dt { color: var(--muted); font-size: .85rem; }
.cards dd { margin: 0; font-size: 1.35rem; font-weight: bold; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
figure { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: .85rem; }
th, td { border: 1px solid var(--line); padding: .25em .45em; text-align: left;
  vertical-align: top; }
thead th { background: var(--head); position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
table.processes td:first-child { min-width: 11em; }
table.processes td.short { white-space: nowrap; }
table.processes th { min-width: 4.5em; }
.charts table { width: auto; min-width: 22em; }
tr.unreadable td { background: var(--warn); }
tfoot td { font-weight: bold; background: #f4f6f8; }
.wrap { overflow-x: auto; }
dl.defs dt { font-weight: bold; margin-top: .6em; }
dl.defs dd { margin: 0 0 0 1em; }
@media print { thead th { position: static; } .wrap { overflow: visible; } }
"""


@dataclass(frozen=True, slots=True)
class Dashboard:
    """Everything the dashboard shows, computed: the page only lays it out."""

    portfolio: Portfolio
    rows: tuple[ProcessRow, ...]
    lang: str = "ja"
    generated: dt.date | None = None
    tally: tuple[CandidateTally, ...] | None = None
    """The vote on candidates, or None while it is hidden (voting still open)."""

    @property
    def totals(self) -> Totals:
        return totals(self.rows)


def _sorted(rows: Sequence[ProcessRow]) -> list[ProcessRow]:
    return sorted(rows, key=lambda r: (_ORDER[r.status], r.bureau, r.name, r.folder))


def _num(value: float | None, digits: int = 0) -> str:
    return DASH if value is None else f"{value:,.{digits}f}"


def _change(saved: float) -> str:
    """The change in hours a saving makes, signed: −1,900 (a saving), +300, ±0."""
    change = round(-saved)
    return "±0" if change == 0 else f"{change:+,}".replace("-", "\N{MINUS SIGN}")


def bureau_cell(row: ProcessRow, lang: str = "ja") -> str:
    """The per-bureau cell: each bureau's annual hours, and the standard's change there.

    >>> from cocreate.portfolio.status import BureauFigures
    >>> row = ProcessRow("p", Status.ANALYSING, bureaus=(
    ...     BureauFigures("政策局", 4412.4, 1900.2), BureauFigures("国際局", 1200.0, -30.0)))
    >>> bureau_cell(row)
    '政策局 4,412h（−1,900h）・国際局 1,200h（+30h）'
    >>> bureau_cell(ProcessRow("p", Status.ANALYSING))
    ''
    """
    parts = []
    for bureau in row.bureaus:
        hours = f"{bureau.hours:,.0f}"
        if bureau.saved is None:
            parts.append(t("portfolio.bureaus.hours", lang, bureau=bureau.bureau, hours=hours))
        else:
            parts.append(
                t(
                    "portfolio.bureaus.saving",
                    lang,
                    bureau=bureau.bureau,
                    hours=hours,
                    change=_change(bureau.saved),
                )
            )
    return t("portfolio.bureaus.separator", lang).join(parts)


def table_rows(dashboard: Dashboard) -> list[dict[str, Any]]:
    """The rows as plain values (numbers as numbers, None for an unknown figure)."""
    lang = dashboard.lang
    out = []
    for row in _sorted(dashboard.rows):
        out.append(
            {
                "name": row.name,
                "candidate": row.candidate,
                "bureau": row.bureau,
                "owner": row.owner,
                "status": status_label(row.status, lang),
                "decision": t(f"portfolio.decision.{row.decision}", lang) if row.decision else "",
                "hours": None if row.hours is None else round(row.hours, 1),
                "person_years": None if row.person_years is None else round(row.person_years, 2),
                "cost": None if row.cost is None else round(row.cost),
                "source": t(f"portfolio.source.{row.source}", lang) if row.source else "",
                "bureaus": bureau_cell(row, lang),
                "planned": None if row.planned_hours is None else round(row.planned_hours, 1),
                "verified": None if row.verified_hours is None else round(row.verified_hours, 1),
                "paper": row.paper_removed,
                "seal": row.seal_removed,
                "counter": row.counter_removed,
                "folder": row.folder + (f" ({row.error})" if row.error else ""),
                "_status": row.status,
            }
        )
    return out


def _header(lang: str) -> list[str]:
    return [t(f"portfolio.col.{key}", lang) for key, _ in COLUMNS]


# --------------------------------------------------------------------------- HTML


_SHORT = ("candidate", "bureau", "owner", "status", "decision", "source")


def _cell(key: str, value: Any, number: bool) -> str:
    if number:
        digits = {"person_years": 2, "hours": 0, "planned": 0, "verified": 0}.get(key, 0)
        text = _num(value, digits) if value is not None else DASH
        return f'<td class="num">{esc(text)}</td>'
    css = ' class="short"' if key in _SHORT else ""
    return f"<td{css}>{esc(value) if value else ''}</td>"


def _status_chart(sums: Totals, lang: str) -> str:
    """Horizontal bars: processes per status (the table below holds the same numbers)."""
    shown = [s for s in Status if sums.by_status[s] or s != Status.UNREADABLE]
    most = max((sums.by_status[s] for s in shown), default=0) or 1
    bar_h, gap, label_w, width = 22, 8, 110, 520
    height = len(shown) * (bar_h + gap) + 10
    title = t("portfolio.dashboard.by_status", lang)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="img" aria-labelledby="status-chart-title">',
        f'<title id="status-chart-title">{esc(title)}</title>',
    ]
    for i, status in enumerate(shown):
        count = sums.by_status[status]
        y = 5 + i * (bar_h + gap)
        length = (width - label_w - 60) * count / most
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="14"'
            f' fill="#1b1f24">{esc(status_label(status, lang))}</text>'
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h}"'
            f' fill="#1f5f99"/>'
            f'<text x="{label_w + length + 6:.1f}" y="{y + 16}" font-size="14"'
            f' fill="#1b1f24">{count:,}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def matrix_svg(rows: Sequence[CandidateTally], *, lang: str = "ja", split: float = 3.0) -> str:
    """The effect-versus-feasibility matrix as one SVG: a bubble per rated candidate,
    its area proportional to annual hours, labelled with its rank."""
    width, height, pad = 560, 440, 56
    inner_w, inner_h = width - pad - 24, height - pad - 40

    def x(value: float) -> float:
        return pad + (value - 1) / 4 * inner_w

    def y(value: float) -> float:
        return 24 + (5 - value) / 4 * inner_h

    rated = [r for r in rows if r.effect is not None and r.feasibility is not None]
    most = max((r.hours or 0.0 for r in rated), default=0.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="img" aria-labelledby="matrix-title">',
        f'<title id="matrix-title">{esc(t("portfolio.matrix.title", lang))}</title>',
        f'<rect x="{pad}" y="24" width="{inner_w}" height="{inner_h}" fill="#fff" stroke="#555"/>',
        f'<line x1="{x(split):.1f}" y1="24" x2="{x(split):.1f}" y2="{24 + inner_h}"'
        ' stroke="#777" stroke-dasharray="4 3"/>',
        f'<line x1="{pad}" y1="{y(split):.1f}" x2="{pad + inner_w}" y2="{y(split):.1f}"'
        ' stroke="#777" stroke-dasharray="4 3"/>',
    ]
    corners = {
        "priority": (pad + inner_w - 6, 40, "end"),
        "plan": (pad + 6, 40, "start"),
        "easy": (pad + inner_w - 6, 24 + inner_h - 8, "end"),
        "later": (pad + 6, 24 + inner_h - 8, "start"),
    }
    for name, (cx, cy, anchor) in corners.items():
        parts.append(
            f'<text x="{cx}" y="{cy}" text-anchor="{anchor}" font-size="13"'
            f' fill="#333">{esc(t(f"portfolio.quadrant.{name}", lang))}</text>'
        )
    for tick in range(1, 6):
        parts.append(
            f'<text x="{x(tick):.1f}" y="{24 + inner_h + 16}" text-anchor="middle"'
            f' font-size="12" fill="#333">{tick}</text>'
            f'<text x="{pad - 8}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="12"'
            f' fill="#333">{tick}</text>'
        )
    middle = 24 + inner_h / 2
    parts.append(
        f'<text x="{pad + inner_w / 2}" y="{height - 6}" text-anchor="middle" font-size="13"'
        f' fill="#222">{esc(t("portfolio.matrix.x", lang))}</text>'
        f'<text x="14" y="{middle}" text-anchor="middle" font-size="13" fill="#222"'
        f' transform="rotate(-90 14 {middle})">{esc(t("portfolio.matrix.y", lang))}</text>'
    )
    for row in rated:
        share = (row.hours or 0.0) / most if most > 0 else 0.0
        radius = 6 + 22 * share**0.5  # the area grows with the hours
        bx, by = x(row.feasibility or 1), y(row.effect or 1)
        parts.append(
            f"<g><title>{esc(f'{row.rank}. {row.name}')}</title>"
            f'<circle cx="{bx:.1f}" cy="{by:.1f}" r="{radius:.1f}" fill="#1f6fb2"'
            f' fill-opacity="0.35" stroke="#0b4a7a"/>'
            f'<text x="{bx:.1f}" y="{by + 4:.1f}" text-anchor="middle" font-size="12"'
            f' fill="#0b2a4a">{row.rank}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _tally_table(rows: Sequence[CandidateTally], lang: str) -> str:
    head = [
        t("portfolio.tally.rank", lang),
        t("portfolio.col.name", lang),
        t("portfolio.col.bureau", lang),
        t("portfolio.tally.effect", lang),
        t("portfolio.tally.feasibility", lang),
        t("portfolio.tally.raters", lang),
        t("portfolio.tally.dots", lang),
        t("portfolio.col.hours", lang),
        t("portfolio.tally.quadrant", lang),
    ]
    parts = ["<table><thead><tr>", *(f'<th scope="col">{esc(h)}</th>' for h in head)]
    parts.append("</tr></thead><tbody>")
    for row in rows:
        quadrant = t(f"portfolio.quadrant.{row.quadrant}", lang) if row.quadrant else DASH
        parts.append(
            f'<tr><td class="num">{row.rank}</td><td>{esc(row.name)}</td>'
            f"<td>{esc(row.owner)}</td>"
            f'<td class="num">{esc(_num(row.effect, 1))}</td>'
            f'<td class="num">{esc(_num(row.feasibility, 1))}</td>'
            f'<td class="num">{row.raters}</td><td class="num">{row.dots}</td>'
            f'<td class="num">{esc(_num(row.hours))}</td><td>{esc(quadrant)}</td></tr>'
        )
    parts.append("</tbody></table>")
    return "".join(parts)


def render_html(dashboard: Dashboard, *, rows: list[dict[str, Any]] | None = None) -> str:
    """The dashboard as one HTML5 document (``rows``: its :func:`table_rows`, if at hand)."""
    lang = dashboard.lang
    portfolio = dashboard.portfolio
    sums = dashboard.totals
    settings = portfolio.settings
    title = portfolio.meta.title
    subtitle = t("portfolio.dashboard.subtitle", lang)
    generated = dashboard.generated or dt.date.today()
    cards = [
        ("portfolio.dashboard.processes", f"{sums.processes:,}"),
        ("portfolio.col.hours", _num(sums.hours)),
        ("portfolio.col.person_years", _num(sums.person_years, 1)),
        ("portfolio.col.planned", _num(sums.planned_hours)),
        ("portfolio.col.verified", _num(sums.verified_hours)),
        ("portfolio.col.paper", f"{sums.paper_removed:,}"),
        ("portfolio.col.seal", f"{sums.seal_removed:,}"),
        ("portfolio.col.counter", f"{sums.counter_removed:,}"),
    ]
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="cocreate">',
        f"<title>{esc(title)} | {esc(subtitle)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f'<a class="skip" href="#table">{esc(t("portfolio.dashboard.skip", lang))}</a>',
        "<header>",
        f'<div class="subtitle">{esc(subtitle)}</div>',
        f"<h1>{esc(title)}</h1>",
        f'<p class="muted">{esc(portfolio.meta.organisation)}'
        f"{' / ' if portfolio.meta.organisation else ''}"
        f"{esc(t('portfolio.dashboard.generated', lang))}: {generated.isoformat()}</p>",
        "</header>",
        "<main>",
        f'<section aria-labelledby="totals"><h2 id="totals">'
        f"{esc(t('portfolio.dashboard.totals', lang))}</h2>",
        '<dl class="cards">',
        *(f"<div><dt>{esc(t(key, lang))}</dt><dd>{esc(value)}</dd></div>" for key, value in cards),
        "</dl>",
    ]
    if sums.by_status[Status.UNREADABLE]:
        parts.append(f'<p class="warn">{esc(t("portfolio.dashboard.unreadable", lang))}</p>')
    parts += [
        '<div class="charts"><figure>',
        _status_chart(sums, lang),
        f"<figcaption>{esc(t('portfolio.dashboard.chart', lang))}</figcaption></figure>",
        "<table><caption>",
        esc(t("portfolio.dashboard.by_status", lang)),
        "</caption><thead><tr>",
        f'<th scope="col">{esc(t("portfolio.col.status", lang))}</th>',
        f'<th scope="col" class="num">{esc(t("portfolio.col.count", lang))}</th>',
        f'<th scope="col" class="num">{esc(t("portfolio.col.hours", lang))}</th>',
        "</tr></thead><tbody>",
    ]
    for status in Status:
        if status == Status.UNREADABLE and not sums.by_status[status]:
            continue
        parts.append(
            f'<tr><th scope="row">{esc(status_label(status, lang))}</th>'
            f'<td class="num">{sums.by_status[status]:,}</td>'
            f'<td class="num">{esc(_num(sums.hours_by_status[status]))}</td></tr>'
        )
    parts += ["</tbody></table></div></section>"]
    parts += _main_table(dashboard, sums, table_rows(dashboard) if rows is None else rows)
    parts.append(
        f'<section aria-labelledby="matrix"><h2 id="matrix">'
        f"{esc(t('portfolio.dashboard.matrix', lang))}</h2>"
    )
    if dashboard.tally is None:
        parts.append(f'<p class="muted">{esc(t("portfolio.dashboard.matrix.hidden", lang))}</p>')
    else:
        parts += [
            "<figure>",
            matrix_svg(dashboard.tally, lang=lang, split=settings.quadrant_split),
            f"<figcaption>{esc(t('portfolio.dashboard.matrix.caption', lang))}</figcaption>",
            "</figure>",
            _tally_table(dashboard.tally, lang),
        ]
    parts.append("</section>")
    per_person = f"{settings.annual_hours_per_person:,.0f}"
    hourly = f"{settings.hourly_cost:,.0f}"
    definitions = [
        ("portfolio.col.status", t("portfolio.def.status", lang)),
        ("portfolio.col.hours", t("portfolio.def.hours", lang)),
        (
            "portfolio.col.person_years",
            t("portfolio.def.person_years", lang, per_person=per_person, hourly=hourly),
        ),
        ("portfolio.col.bureaus", t("portfolio.def.bureaus", lang)),
        ("portfolio.col.planned", t("portfolio.def.planned", lang)),
        ("portfolio.col.verified", t("portfolio.def.verified", lang)),
        ("portfolio.col.paper", t("portfolio.def.touches", lang)),
        ("portfolio.col.decision", t("portfolio.def.selection", lang)),
    ]
    parts += [
        f'<section aria-labelledby="definitions"><h2 id="definitions">'
        f"{esc(t('portfolio.dashboard.definitions', lang))}</h2>",
        '<dl class="defs">',
        *(f"<dt>{esc(t(key, lang))}</dt><dd>{esc(text)}</dd>" for key, text in definitions),
        "</dl></section>",
        "</main>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _main_table(dashboard: Dashboard, sums: Totals, rows: list[dict[str, Any]]) -> list[str]:
    lang = dashboard.lang
    parts = [
        f'<section aria-labelledby="table"><h2 id="table" tabindex="-1">'
        f"{esc(t('portfolio.dashboard.table', lang))}</h2>",
        '<div class="wrap" role="region" aria-labelledby="table" tabindex="0">'
        '<table class="processes"><thead><tr>',
    ]
    for (_, number), head in zip(COLUMNS, _header(lang), strict=True):
        css = ' class="num"' if number else ""
        parts.append(f'<th scope="col"{css}>{esc(head)}</th>')
    parts.append("</tr></thead><tbody>")
    for row in rows:
        css = ' class="unreadable"' if row["_status"] == Status.UNREADABLE else ""
        cells = "".join(_cell(key, row[key], number) for key, number in COLUMNS)
        parts.append(f"<tr{css}>{cells}</tr>")
    parts.append("</tbody><tfoot><tr>")
    foot = {
        "name": t("portfolio.dashboard.total_row", lang),
        "hours": sums.hours,
        "person_years": sums.person_years,
        "cost": sums.cost,
        "planned": sums.planned_hours,
        "verified": sums.verified_hours,
        "paper": sums.paper_removed,
        "seal": sums.seal_removed,
        "counter": sums.counter_removed,
    }
    for key, number in COLUMNS:
        value = foot.get(key)
        parts.append(_cell(key, value, number) if value is not None else "<td></td>")
    parts.append("</tr></tfoot></table></div></section>")
    return parts


# --------------------------------------------------------------------------- CSV and XLSX


def csv_text(dashboard: Dashboard, *, rows: list[dict[str, Any]] | None = None) -> str:
    """The table as CSV text (no BOM), every text cell neutralised; unknown figures empty."""

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_header(dashboard.lang))
    for row in table_rows(dashboard) if rows is None else rows:
        writer.writerow([neutralise("" if row[k] is None else row[k]) for k, _ in COLUMNS])
    return buffer.getvalue()


def workbook_bytes(dashboard: Dashboard, *, rows: list[dict[str, Any]] | None = None) -> bytes:
    """The table as an ``.xlsx`` workbook with one sheet, its header frozen.

    Written by :func:`cocreate.reports.xlsx_table.table_xlsx` in one pass (a national
    portfolio has ten thousand rows); column widths are fitted to the header and the
    first rows, East Asian wide characters counted as two.
    """
    from cocreate.process.xlsx import cell_width
    from cocreate.reports.xlsx_table import table_xlsx

    formats = {
        "hours": "#,##0.0",
        "person_years": "0.00",
        "cost": "#,##0",
        "planned": "#,##0.0",
        "verified": "#,##0.0",
        "paper": "#,##0",
        "seal": "#,##0",
        "counter": "#,##0",
    }
    if rows is None:
        rows = table_rows(dashboard)
    header = _header(dashboard.lang)
    column_formats = [formats.get(key) for key, _ in COLUMNS]
    widths = [cell_width(h, None) for h in header]
    for row in rows[:200]:
        for n, (key, _) in enumerate(COLUMNS):
            widths[n] = max(widths[n], cell_width(row[key], column_formats[n]))
    return table_xlsx(
        dashboard.portfolio.meta.title,
        t("portfolio.dashboard.table", dashboard.lang),
        header,
        [[row[key] for key, _ in COLUMNS] for row in rows],
        formats=column_formats,
        widths=[min(max(w + 2, 6), 60) for w in widths],
    )


def write_dashboard(dashboard: Dashboard, out_dir: str | Path) -> list[Path]:
    """Write ``dashboard-<lang>.html``, ``.csv`` and ``.xlsx`` into ``out_dir``.

    All three are rendered first; each is then replaced atomically, so a failure never
    leaves a half-written file.
    """
    from cocreate.storage import atomic_write

    folder = Path(out_dir)
    stem = f"dashboard-{dashboard.lang}"
    rows = table_rows(dashboard)  # once for the three: ten thousand rows in a large portfolio
    files = {
        folder / f"{stem}.html": render_html(dashboard, rows=rows).encode("utf-8"),
        folder / f"{stem}.csv": ("\ufeff" + csv_text(dashboard, rows=rows)).encode("utf-8"),
        folder / f"{stem}.xlsx": workbook_bytes(dashboard, rows=rows),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        atomic_write(path, data)
    return list(files)
