"""The pilot proposal: structure, numbers traced to the workshop, files, CLI and speed."""

from __future__ import annotations

import base64
import re
import string
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cocreate import storage
from cocreate.i18n import catalogue, t
from cocreate.reports import export, output_names
from cocreate.reports.assemble import SECTIONS, Heading, Image, Table, assemble
from tests.conftest import SAMPLE

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def workshop():
    return storage.load(SAMPLE)


@pytest.fixture(scope="module")
def exported(tmp_path_factory, workshop):
    """The sample's report in both languages, written once for the module."""
    out = tmp_path_factory.mktemp("report")
    calls: list[tuple[int, int, str]] = []
    files = export(workshop, out, "ja", progress=lambda d, n, label: calls.append((d, n, label)))
    files += export(workshop, out, "en")
    return out, files, calls, None


class _Structure(HTMLParser):
    """Headings, tables (by data-name) and images of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.tables: list[str] = []
        self.images: list[dict] = []
        self._heading: str | None = None
        self._text: list[str] = []
        self.rows: dict[str, int] = {}
        self._table: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("h1", "h2", "h3"):
            self._heading, self._text = tag, []
        elif tag == "table" and "data-name" in attrs:
            self.tables.append(attrs["data-name"])
            self._table = attrs["data-name"]
            self.rows[self._table] = 0
        elif tag == "tr" and self._table:
            self.rows[self._table] += 1
        elif tag == "img":
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if tag == self._heading:
            self.headings.append((tag, "".join(self._text)))
            self._heading = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._heading:
            self._text.append(data)


def _structure(path: Path) -> _Structure:
    parser = _Structure()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# --------------------------------------------------------------------------- files


def test_export_writes_html_markdown_and_charts(exported):
    out, files, _, _ = exported
    names = {p.relative_to(out).as_posix() for p in files}
    for lang in ("ja", "en"):
        n = output_names(lang)
        assert {n["html"], n["md"], f"{n['figures']}/process.svg",
                f"{n['figures']}/matrix.png"} <= names  # fmt: skip
    for path in files:
        assert path.exists() and path.stat().st_size > 0
        if path.suffix == ".png":
            assert path.read_bytes().startswith(PNG)
        if path.suffix == ".svg":
            _check_svg(path.read_bytes())
    assert not list(out.rglob("*.tmp")), "no temp file left behind"


def test_sample_report_reports_progress_per_section(exported):
    # (how long it takes is measured by bench/, never by a timed test)
    _, _, calls, _seconds = exported
    done = [d for d, _, _ in calls]
    total = calls[-1][1]
    assert done == sorted(done) and done[-1] == total
    labels = [label for _, _, label in calls]
    for _, key in SECTIONS:
        assert t(key, "ja") in labels, "progress is reported after each section"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_html_has_every_section_heading_in_order(exported, lang):
    out, _, _, _ = exported
    page = _structure(out / output_names(lang)["html"])
    h2 = [text for tag, text in page.headings if tag == "h2"]
    numbered = [h for h in h2 if re.match(r"\d+\. ", h)]
    assert numbered == [f"{n}. {t(key, lang)}" for n, (_, key) in enumerate(SECTIONS, 1)]
    if lang == "ja":
        assert numbered[0] == "1. 背景・目的"
        assert numbered[1] == "2. 現状業務 (As-Is) の分析"
        assert numbered[4] == "5. スモールスタート計画"


def test_html_has_the_tables_and_embedded_images(exported, workshop):
    out, _, _, _ = exported
    page = _structure(out / output_names("ja")["html"])
    for name in ("totals", "workload", "lanes", "problems", "ranking", "team", "milestones",
                 "kpis", "saved_by_idea", "before_after", "risks", "trace", "participants",
                 "decisions"):  # fmt: skip
        assert name in page.tables, name
    # one row per step plus the header and the total
    assert page.rows["workload"] == len(workshop.steps) + 2
    assert page.rows["ranking"] == len(workshop.ideas) + 1
    assert page.rows["risks"] == len(workshop.pilot.risks) + 1
    assert len(page.images) == 3  # the sample's bureaus bring the standard flow's drawing
    process, matrix, standard = page.images
    assert standard["src"].startswith("data:image/svg+xml;base64,")
    assert process["src"].startswith("data:image/svg+xml;base64,")
    _check_svg(base64.b64decode(process["src"].split(",", 1)[1]))
    assert matrix["src"].startswith("data:image/png;base64,")
    assert base64.b64decode(matrix["src"].split(",", 1)[1]).startswith(PNG)
    for image in page.images:
        assert image["alt"]


def test_html_is_self_contained_and_prints_to_a4(exported):
    out, _, _, _ = exported
    page = (out / output_names("ja")["html"]).read_text(encoding="utf-8")
    assert "@page" in page and "size: A4" in page
    assert "@media print" in page
    assert "default-src 'none'" in page  # CSP: nothing can be fetched
    # no URL that a browser would fetch: only data: images and in-page anchors
    assert not re.search(r"""(src|href)\s*=\s*["'](?!data:image/(png|svg\+xml);base64,|#)""", page)
    assert not re.search(r"url\(|@import|https?://", page)


def test_markdown_links_its_charts_beside_it(exported):
    out, _, _, _ = exported
    names = output_names("en")
    text = (out / names["md"]).read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert links == [
        f"{names['figures']}/process.svg",
        f"{names['figures']}/matrix.png",
        f"{names['figures']}/standard.svg",
    ]
    assert (out / links[0]).read_bytes().startswith(b"<svg ")
    assert (out / links[1]).read_bytes().startswith(PNG)
    for n, (_, _key) in enumerate(SECTIONS, 1):
        assert f"\n## {n}. " in text
    assert text.count("\n|---") >= 10  # the tables' delimiter rows


# --------------------------------------------------------------------------- content


def _table(report, name: str) -> Table:
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Table) and block.name == name:
                return block
    raise AssertionError(f"no table {name!r}")


def test_numbers_come_from_the_process_analysis(workshop):
    from cocreate.process.metrics import analyse
    from cocreate.process.tobe import compare

    report = assemble(workshop, "en", figures=False)
    metrics = analyse(workshop)
    workload = _table(report, "workload")
    by_id = {row[0]: row for row in workload.rows}
    for step in metrics.steps:
        assert by_id[step.id][7] == f"{step.annual_hours:,.0f}"
    assert workload.rows[-1][7] == f"{metrics.annual_hours:,.0f}"
    kpis = {row[0]: row for row in _table(report, "kpis").rows}
    assert kpis["k1"][2] == f"{metrics.annual_hours:,.0f} h"  # baseline from the map
    after = compare(workshop, workshop.pilot.ideas).after
    assert kpis["k1"][3].startswith(f"{after.annual_hours:,.0f} h")  # projected target
    assert kpis["k4"][2] == "20%" and kpis["k4"][3] == "5%"  # explicit baseline and target
    effect = next(b for b in report.section("kpi").blocks if getattr(b, "style", "") == "effect")
    saved = metrics.annual_hours - after.annual_hours
    assert effect.rows[0][1] == f"{saved:,.0f} h"


def test_problems_are_grouped_by_category_with_why_chains(workshop):
    report = assemble(workshop, "ja", figures=False)
    section = report.section("problems")
    headings = [b.text for b in section.blocks if isinstance(b, Heading)]
    categories = {p.category for p in workshop.problems}
    assert len(headings) == len(categories)
    rows = [row for b in section.blocks if isinstance(b, Table) for row in b.rows]
    assert sorted(row[0] for row in rows) == sorted(p.id for p in workshop.problems)
    chain = next(row[3] for row in rows if row[0] == "suzuki.p1")
    # suzuki.c2 is the second why under suzuki.c1
    assert any("なぜ1: 記入例がなく" in c and "なぜ2: 様式が" in c and "suzuki.c2" in c
               for c in chain)  # fmt: skip


def test_traceability_links_step_problem_cause_idea_kpi(workshop):
    report = assemble(workshop, "en", figures=False)
    rows = _table(report, "trace").rows
    assert len(rows) >= len(workshop.problems)
    pilot_ideas = set(workshop.pilot.ideas)
    for idea_id in pilot_ideas:
        idea = workshop.idea(idea_id)
        hits = [r for r in rows if idea_id in r[3]]
        assert hits, idea_id
        for row in hits:
            assert any(c in row[2] for c in idea.causes)
            assert row[4] == ", ".join(k.id for k in workshop.pilot.kpis)


def test_ranking_follows_the_tally(workshop):
    from cocreate.prioritize.tally import tally

    rows = _table(assemble(workshop, "en", figures=False), "ranking").rows
    assert [r[1] for r in rows] == [row.id for row in tally(workshop, anonymise=False)]
    marked = {r[1] for r in rows if r[10]}
    assert marked == set(workshop.pilot.ideas)


def test_anonymous_voting_hides_members(workshop):
    anonymous = workshop.edit(voting=workshop.voting.edit(anonymous=True))
    report = assemble(anonymous, "ja", figures=False)
    from cocreate.reports import html

    page = html.render(report)
    appendix = report.section("appendix")
    assert not any(isinstance(b, Table) and b.name == "participants" for b in appendix.blocks)
    assert t("report.text.anonymous", "ja") in page
    # member-prefixed ids of problems, causes and ideas are replaced by neutral ones
    for item in (*anonymous.problems, *anonymous.causes, *anonymous.ideas):
        assert item.id not in page, item.id
    assert "I1" in page and "P1" in page and "C1" in page


def test_report_without_pilot_or_contributions_still_renders(workshop):
    from cocreate.model import Pilot
    from cocreate.reports import html, markdown

    bare = workshop.edit(pilot=Pilot(), contributions=())
    report = assemble(bare, "en", figures=False)
    page = html.render(report)
    assert t("report.text.no_pilot", "en") in page
    text, files = markdown.render(report, "figs")
    assert files == {} and "## 10. Appendix" in text  # after the bureaus' section (9)


def test_images_are_named_and_drawn(workshop):
    report = assemble(workshop, "en")
    assert [i.name for i in report.images] == ["process", "matrix", "standard"]
    process, matrix, _standard = report.images
    assert isinstance(process, Image) and process.format == "svg"
    _check_svg(process.data)
    assert isinstance(matrix, Image) and matrix.data.startswith(PNG)


def _check_svg(data: bytes) -> None:
    """An SVG that parses, names no outside resource and no script, and shows text."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert tags <= {"svg", "title", "defs", "marker", "path", "rect", "polygon", "polyline",
                    "text", "tspan"}, tags  # fmt: skip
    for element in root.iter():
        for name in element.attrib:
            assert not name.lower().startswith("on") and "href" not in name, name
    assert any(element.text for element in root.iter("{http://www.w3.org/2000/svg}tspan"))


# --------------------------------------------------------------------------- strings


def test_every_report_string_has_japanese_and_english_with_the_same_fields():
    keys = [k for k in catalogue() if k.startswith("report.")]
    assert len(keys) > 150
    for key in keys:
        texts = catalogue()[key]
        assert texts.get("ja") and texts.get("en"), key
        fields = [
            {name for _, name, _, _ in string.Formatter().parse(texts[lang]) if name}
            for lang in ("ja", "en")
        ]
        assert fields[0] == fields[1], key


def test_every_key_the_report_uses_exists(workshop):
    import cocreate.reports.assemble as module

    source = Path(module.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r'"(report\.[a-z_]+\.[a-z_]+)"', source))
    missing = [k for k in used if k not in catalogue()]
    assert not missing
    report = assemble(workshop, "ja", figures=False)
    from cocreate.reports import html

    page = html.render(report)
    assert not re.search(r"report\.[a-z_]+\.[a-z_]+", page), "an untranslated key leaked"


# --------------------------------------------------------------------------- errors


def test_cli_writes_the_report(cli, sample, tmp_path):
    result = cli("report", sample, "-o", tmp_path / "out", "--lang", "en", "--format", "html")
    assert result.code == 0, result.err
    assert result.out.strip() == str(tmp_path / "out" / "report-en.html")
    assert (tmp_path / "out" / "report-en.html").exists()
    assert not (tmp_path / "out" / "report-en.md").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "unknown format 'pdf'"),
        (["--lang", "fr"], "invalid choice"),
    ],
)
def test_cli_bad_options_exit_2_with_one_line(cli, sample, tmp_path, args, message):
    result = cli("report", sample, "-o", tmp_path, *args)
    assert result.code == 2
    assert message in result.err and len(result.err.strip().splitlines()) == 1


def test_cli_bad_workshop_is_one_line_naming_the_field(cli, sample, tmp_path):
    path = sample / "workshop.toml"
    text = path.read_text(encoding="utf-8").replace(
        'metric = "paper_touches"', 'metric = "paper_touchez"'
    )
    path.write_text(text, encoding="utf-8")
    result = cli("report", sample, "-o", tmp_path / "out")
    assert result.code == 2
    assert "pilot.kpis[2].metric" in result.err and "paper_touchez" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists(), "nothing is written for a bad workshop"


def test_output_that_is_a_file_is_refused(sample, tmp_path):
    from cocreate.errors import InputError

    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a folder"):
        export(storage.load(sample), target)
    with pytest.raises(InputError, match="unknown report format"):
        export(storage.load(sample), tmp_path, formats=("pdf",))


def test_export_reads_the_workshop_it_is_given_and_loads_nothing(workshop, tmp_path, monkeypatch):
    """The caller loads (issue 13 §3): given a Workshop, export never opens the folder."""

    def no_load(*args, **kwargs):
        raise AssertionError("export loaded a folder")

    monkeypatch.setattr(storage, "load", no_load)
    written = export(workshop, tmp_path, "en", formats=("html",))
    assert [p.name for p in written] == ["report-en.html"]


def test_export_of_a_folder_is_deprecated(tmp_path):
    with pytest.warns(DeprecationWarning, match="loaded Workshop"):
        export(SAMPLE, tmp_path, "en", formats=("html",))


# --------------------------------------------------------------------------- validation


def test_kpi_target_is_checked_against_the_baseline_from_the_map(workshop):
    from cocreate import validate
    from cocreate.process.metrics import analyse

    hours = analyse(workshop).annual_hours
    kpis = workshop.pilot.kpis
    worse = workshop.edit(pilot=workshop.pilot.edit(
        kpis=(kpis[0].edit(target=hours + 1), *kpis[1:])))  # fmt: skip
    found = [f for f in validate.warnings(worse) if f.code == "kpi-worse"]
    assert [(f.field, f.subject) for f in found] == [("pilot.kpis[0].target", "k1")]
    assert "from the process map" in found[0].message
    better = workshop.edit(pilot=workshop.pilot.edit(
        kpis=(kpis[0].edit(target=hours - 1), *kpis[1:])))  # fmt: skip
    assert not [f for f in validate.warnings(better) if f.code == "kpi-worse"]


def test_metrics_are_computed_only_when_a_kpi_needs_them(workshop, monkeypatch):
    from cocreate import validate
    from cocreate.process import metrics

    def refuse(_workshop):
        raise AssertionError("analyse was called")

    monkeypatch.setattr(metrics, "analyse", refuse)
    # the sample's map-based KPIs have no target: nothing to compare, nothing computed
    validate.warnings(workshop)


def test_unknown_kpi_metric_is_an_error_with_its_field(workshop):
    from cocreate import validate

    kpis = workshop.pilot.kpis
    bad = workshop.edit(pilot=workshop.pilot.edit(kpis=(*kpis[:3], kpis[3].edit(metric="x"))))
    found = [f for f in validate.errors(bad) if f.code == "unknown-metric"]
    assert [(f.field, f.subject) for f in found] == [("pilot.kpis[3].metric", "k4")]


def test_a_new_empty_workshop_gets_a_report_that_says_what_is_missing(cli, tmp_path):
    folder = tmp_path / "empty"
    assert cli("new", folder, "--title", "空のワークショップ").code == 0
    result = cli("report", folder, "-o", tmp_path / "out", "--format", "md")
    assert result.code == 0, result.err
    text = (tmp_path / "out" / "report-ja.md").read_text(encoding="utf-8")
    assert text.count(t("report.text.not_filled", "ja")) >= 5
    assert "## 9. " in text


def test_a_process_that_cannot_be_analysed_is_reported_not_fatal(workshop):
    from cocreate.model import Flow

    # s11 <-> s12 with no way out: every case circles for ever, the lead time is infinite
    kept = [f for f in workshop.flows if f.source not in ("s11", "s12")]
    flows = (*kept, Flow("s11", "s12"), Flow("s12", "s11"))
    stuck = workshop.edit(flows=flows)
    report = assemble(stuck, "en", figures=False)
    notes = [b.text for b in report.section("asis").blocks if getattr(b, "style", "") == "note"]
    assert notes and notes[0].startswith("The process could not be analysed")
    assert report.section("kpi").blocks  # the rest of the report is still there


def test_html_and_markdown_number_figures_and_tables_alike(exported):
    out, _, _, _ = exported
    names = output_names("ja")
    page = (out / names["html"]).read_text(encoding="utf-8")
    text = (out / names["md"]).read_text(encoding="utf-8")
    labels = r"(?:表|図)\d+"
    assert re.findall(labels, page) == re.findall(labels, text)
    assert re.findall(r"表\d+", text) == [f"表{n}" for n in range(1, 7)]  # 5, 6: bureaus


# --------------------------------------------------------------------------- the sample

#: Words a KPI's name may use for a touchpoint, and the one metric that counts it.
_TOUCH_WORDS = {
    "紙": "paper_touches",
    "押印": "seal_touches",
    "窓口": "counter_touches",
    "paper": "paper_touches",
    "seal": "seal_touches",
    "counter": "counter_touches",
}


def test_sample_kpi_names_agree_with_their_metrics(workshop):
    """A KPI named after paper and seals must not count paper steps only (issue 14 §25)."""
    checked = 0
    for kpi in workshop.pilot.kpis:
        if kpi.metric not in _TOUCH_WORDS.values():
            continue
        named = {metric for word, metric in _TOUCH_WORDS.items() if word in kpi.name.lower()}
        assert named == {kpi.metric}, (kpi.id, kpi.name, kpi.metric)
        checked += 1
    assert checked >= 1


# --------------------------------------------------------------------------- accessibility


class _Outline(HTMLParser):
    """Headings in order, the lang in force over each text, figures and table ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.levels: list[int] = []
        self.stack: list[tuple[str, str | None]] = []
        self.untagged_japanese: list[str] = []
        self.html_lang: str | None = None
        self.table_ids: dict[str, int] = {}
        self.figures: list[dict] = []
        self._rows: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if tag == "table" and attrs.get("id"):
            self._rows = attrs["id"]
            self.table_ids[self._rows] = 0
        if tag == "tr" and self._rows:
            self.table_ids[self._rows] += 1
        if tag == "figure":
            self.figures.append({"alt": None, "links": []})
        if tag == "img" and self.figures:
            self.figures[-1]["alt"] = attrs.get("alt")
        if tag == "a" and self.figures and any(t == "figure" for t, _ in self.stack):
            self.figures[-1]["links"].append(attrs.get("href"))
        if tag not in ("img", "br", "meta"):
            self.stack.append((tag, attrs.get("lang")))

    def handle_endtag(self, tag):
        if tag == "table":
            self._rows = None
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        langs = [lang for _, lang in self.stack if lang]
        in_style = any(t in ("style", "title") for t, _ in self.stack)
        if not in_style and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", data):
            if (langs[-1] if langs else None) != "ja":
                self.untagged_japanese.append(data)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_report_headings_are_in_order_and_text_carries_its_language(exported, lang):
    out, _, _, _ = exported
    outline = _Outline()
    outline.feed((out / output_names(lang)["html"]).read_text(encoding="utf-8"))
    assert outline.levels[0] == 1
    for before, after in zip(outline.levels, outline.levels[1:], strict=False):
        assert after <= before + 1, ("a heading level is skipped", outline.levels)
    assert outline.html_lang == lang
    # Japanese participant text in the English report is marked lang="ja"
    assert outline.untagged_japanese == [], outline.untagged_japanese[:5]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_each_chart_has_a_text_alternative_and_its_data_as_a_table(exported, workshop, lang):
    out, _, _, _ = exported
    outline = _Outline()
    outline.feed((out / output_names(lang)["html"]).read_text(encoding="utf-8"))
    assert len(outline.figures) == 3  # the as-is, the matrix, the bureaus' standard flow
    for figure in outline.figures:
        assert figure["alt"], "a chart without a text alternative"
        assert figure["links"], "a chart without a link to its data"
        for link in figure["links"]:
            assert link.startswith("#") and link[1:] in outline.table_ids, link
    diagram, matrix, standard = outline.figures
    assert standard["links"] == ["#tbl-standard_choices"]
    assert "#tbl-flows" in diagram["links"] and "#tbl-ranking" in matrix["links"]
    known = {s.id for s in workshop.steps}
    flows = [f for f in workshop.flows if f.source in known and f.target in known]
    assert outline.table_ids["tbl-flows"] == len(flows) + 1  # a row a flow, and the header
