"""The inventory: its figures, and the 業務説明表 sheet in and out (xlsx, CSV UTF-8/BOM/cp932)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cocreate.errors import InputError, RuleError
from cocreate.model import Medium, Member, Settings
from cocreate.portfolio.inventory import (
    LAYOUT,
    annual_volume,
    csv_bytes,
    figures,
    import_inventory,
    read_inventory,
    remove_candidate,
    workbook_bytes,
)
from cocreate.portfolio.selection import decide, propose
from cocreate.portfolio_model import (
    Candidate,
    Core,
    LegalKind,
    Portfolio,
    PortfolioMeta,
    Routine,
)

FULL = Candidate(
    "c1", "住民票の写しの交付", purpose="住民が手続に使う", owner="市民課",
    bureaus=("市民課", "東支所"), shared=True, legal_kind=LegalKind.LAW,
    legal_basis="住民基本台帳法", normal_volume=3000, busy_volume=6000, quiet_volume=2000,
    busy_months=(3, 4), quiet_months=(8,), fte=4.5, minutes=6.0, routine=Routine.ROUTINE,
    core=Core.NON_CORE, media=(Medium.PAPER, Medium.SEAL, Medium.COUNTER), outsourceable=False,
    digitisable=True, note="=SUM(A1) のような文字も文字のまま",
)  # fmt: skip


def test_annual_volume_from_periods_months_or_given():
    assert annual_volume(FULL) == 3000 * 9 + 6000 * 2 + 2000
    assert annual_volume(Candidate("c", "x", monthly=tuple(range(1, 13)))) == 78
    assert annual_volume(Candidate("c", "x", annual_volume=5, monthly=(1,) * 12)) == 5
    assert annual_volume(Candidate("c", "x")) is None
    # a missing busy figure counts as the normal one
    assert annual_volume(Candidate("c", "x", normal_volume=10, busy_months=(1,))) == 120


def test_figures_follow_the_workshop_rules():
    settings = Settings(annual_hours_per_person=1800, hourly_cost=3000)
    fig = figures(Candidate("c", "x", annual_volume=1200, minutes=30, fte=9), settings)
    assert (fig.hours, fig.person_years, fig.cost, fig.source) == (
        600,
        600 / 1800,
        1_800_000,
        "volume×minutes",
    )
    by_fte = figures(Candidate("c", "x", fte=0.5), settings)
    assert by_fte.hours == 900 and by_fte.source == "fte"
    assert figures(Candidate("c", "x"), settings).hours is None


@pytest.mark.parametrize("form", ["xlsx", "utf-8-sig", "cp932"])
def test_export_then_import_gives_the_same_candidate(tmp_path, form):
    path = tmp_path / ("inv.xlsx" if form == "xlsx" else "inv.csv")
    data = workbook_bytes([FULL]) if form == "xlsx" else csv_bytes([FULL], form)
    path.write_bytes(data)
    if form == "cp932":
        assert data.decode("cp932").startswith("業務ID")
    if form == "utf-8-sig":
        assert data.startswith(b"\xef\xbb\xbf")
    (read,) = read_inventory(path).candidates
    assert read == FULL


def test_export_neutralises_formulas(tmp_path):
    text = csv_bytes([FULL]).decode("utf-8-sig")
    assert "'=SUM(A1)" in text


@pytest.mark.parametrize("text", ["=1+1", "+α", "-5件の減", "@担当", "\t字下げした目的", "\r先頭"])
def test_a_text_the_export_quoted_comes_back_as_it_was(tmp_path, text):
    # The export puts an apostrophe before each of these (a spreadsheet would take the
    # text for a formula); the import takes it off again, tab and CR included.
    candidate = dataclasses.replace(FULL, purpose=text)
    data = csv_bytes([candidate])
    assert f"'{text}".encode() in data
    path = tmp_path / "inv.csv"
    path.write_bytes(data)
    (read,) = read_inventory(path).candidates
    assert read.purpose == text


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path = tmp_path / "sheet.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_an_office_sheet_with_other_headers_reads(tmp_path):
    path = _csv(
        tmp_path,
        "令和8年度 業務量調査票\n"
        "No,事務名,担当課,処理件数,所要時間（分）,人員,定型・非定型,押印,デジタル化,繁忙月,独自の列\n"
        '1,児童手当の認定,こども課,"1,200件",15,0.5,非定型,○,可,6月・7月,x\n'
        ",,,,,,,,,,\n"
        ",旅費,会計課,-,,２,定型,×,不可,11-2,\n",
        "cp932",
    )
    result = read_inventory(path)
    first, second = result.candidates
    assert (first.id, first.name, first.owner, first.annual_volume) == (
        "1",
        "児童手当の認定",
        "こども課",
        1200,
    )
    assert (first.minutes, first.fte, first.routine) == (15.0, 0.5, Routine.NON_ROUTINE)
    assert first.media == (Medium.SEAL,) and first.digitisable is True
    assert first.busy_months == (6, 7)
    assert second.id == "" and second.annual_volume is None and second.fte == 2.0
    assert second.busy_months == (11, 12, 1, 2) and second.digitisable is False
    assert result.ignored == ("独自の列",)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("業務名,年間件数\n旅費,たくさん\n", "row 2: column B (年間件数): not a number"),
        ("業務名,年間件数\n旅費,1.5\n", "row 2: column B (年間件数): must be a whole number"),
        ("業務名,投入人員\n旅費,-1\n", "row 2: column B (投入人員): must not be negative"),
        ("業務名,押印\n旅費,たぶん\n", "row 2: column B (押印): expected ○ or ×"),
        ("業務名,繁忙月\n旅費,13\n", "row 2: column B (繁忙月): months are 1 to 12"),
        ("業務名,定型/非定型\n旅費,半定型\n", "row 2: column B (定型/非定型): expected one of"),
        (
            "業務ID,業務名\nc1,旅費\nc1,研修\n",
            "row 3: column A (業務ID): 'c1' is also on row 2",
        ),
        ("業務名,年間件数\n,5\n", "row 2: the row has no 業務名"),
        ("業務名,年間件数\n旅費,5,6\n", "row 2: a value in column 3"),
        ("件数,時間\n1,2\n", "row 1: no header row with a 業務名 column"),
        ("業務名,1月,2月\n旅費,1,2\n", "row 2: twelve monthly figures, or none: no 3月"),
    ],
)  # fmt: skip
def test_a_bad_cell_is_one_line_naming_file_row_and_column(tmp_path, body, where):
    path = _csv(tmp_path, body)
    with pytest.raises(InputError) as caught:
        read_inventory(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{where}")
    assert "\n" not in message


def test_a_bad_xlsx_cell_names_its_row_and_column(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["業務の一覧"])
    sheet.append(["業務名", "所管部署", "1件あたり時間（分）"])
    sheet.append(["旅費精算", "会計課", 12])
    sheet.append(["研修", "人事課", "十分"])
    path = tmp_path / "inv.xlsx"
    book.save(path)
    with pytest.raises(
        InputError, match=r"inv\.xlsx:row 4: column C \(1件あたり時間（分）\): not a number"
    ):
        read_inventory(path)


def _portfolio() -> Portfolio:
    return Portfolio(
        PortfolioMeta("t"),
        members=(Member("m", "M"),),
        inventory=(Candidate("c1", "旧名"), Candidate("c2", "残る")),
    )


def test_import_updates_by_id_adds_new_and_skips_proposals():
    pf = propose(_portfolio(), "m", Candidate("", "提案"))
    sheet = read_rows(
        [Candidate("c1", "新名", fte=1.0), Candidate("", "追加"), Candidate("m.c1", "x")]
    )
    result = import_inventory(pf, sheet)
    assert [(c.id, c.name) for c in result.portfolio.inventory] == [
        ("c1", "新名"), ("c2", "残る"), ("c3", "追加")
    ]  # fmt: skip
    assert (result.added, result.updated, result.skipped) == (1, 1, ("m.c1",))
    replaced = import_inventory(pf, sheet, replace=True).portfolio
    assert [c.id for c in replaced.inventory] == ["c1", "c3"]


def test_a_candidate_with_a_decision_cannot_be_dropped():
    pf = decide(_portfolio(), "c2", "chosen", "理由")
    with pytest.raises(RuleError, match="cannot be removed"):
        remove_candidate(pf, "c2")
    with pytest.raises(RuleError):
        import_inventory(pf, read_rows([Candidate("c1", "x")]), replace=True)


def read_rows(candidates):
    from cocreate.portfolio.inventory import InventoryImport

    return InventoryImport(tuple(candidates))


def test_layout_names_every_field():
    from dataclasses import fields

    covered = set(LAYOUT) | {"media", "monthly", "created", "paper", "seal", "counter"}
    missing = {f.name for f in fields(Candidate)} - covered
    assert missing == set(), missing
