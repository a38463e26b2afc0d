"""Measured KPI values: units and dates checked, one at a time or a whole table at once."""

from __future__ import annotations

import datetime as dt

import pytest

from cocreate import storage
from cocreate.errors import InputError
from cocreate.model import Kpi, MeasurementMethod
from cocreate.verify.measure import add_measurement, plan_measurements, remove_measurement
from cocreate.verify.values import parse_date, parse_method, parse_value
from tests.conftest import SAMPLE

START = dt.date(2027, 1, 12)


@pytest.fixture(scope="module")
def workshop():
    return storage.load(SAMPLE)


SHARE = Kpi("k4", "差戻し率", baseline=0.2, target=0.05)
MINUTES = Kpi("k2", "リードタイム", "lead_time_minutes", unit="分")
HOURS = Kpi("k1", "年間業務時間", "annual_hours", unit="時間")
COUNT = Kpi("k3", "紙・押印の接点", "paper_touches", unit="箇所")
PERCENT = Kpi("k6", "「使いやすい」の割合", unit="%", baseline=40, target=70, lower_is_better=False)
CALLS = Kpi("k5", "照会電話", unit="件/週", baseline=46, target=23)


@pytest.mark.parametrize(
    ("kpi", "text", "value"),
    [
        (SHARE, "0.08", 0.08),
        (SHARE, "8%", 0.08),
        (SHARE, "８％", 0.08),
        (MINUTES, "1,500", 1500.0),
        (MINUTES, "1.5時間", 90.0),
        (MINUTES, "2日", 2880.0),
        (MINUTES, "45 min", 45.0),
        (HOURS, "150分", 2.5),
        (HOURS, "3,120時間", 3120.0),
        (COUNT, "3箇所", 3.0),
        (PERCENT, "76", 76.0),
        (PERCENT, "76%", 76.0),
        (CALLS, "21件", 21.0),
        (CALLS, "21件/週", 21.0),
        (CALLS, 21, 21.0),
    ],
)
def test_values_are_read_in_the_kpis_unit(kpi, text, value):
    assert parse_value(kpi, text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("kpi", "text", "message"),
    [
        (SHARE, "abc", "'abc' is not a number"),
        (SHARE, "", "is not a number"),
        (
            SHARE,
            "8",
            "out of range: KPI k4 (差戻し率) is a share between 0 and 1; write 0.08 or 8%",
        ),
        (SHARE, "-0.1", "negative"),
        (PERCENT, "120%", "out of range"),
        (MINUTES, "3件", "'3件' is in another unit: KPI k2 (リードタイム) is 分"),
        (HOURS, "5%", "in another unit"),
        (COUNT, "2.5", "not whole"),
        (CALLS, "21時間", "in another unit"),
    ],
)
def test_a_value_of_the_wrong_type_or_unit_is_refused(kpi, text, message):
    with pytest.raises(InputError, match=r"^value: ") as caught:
        parse_value(kpi, text)
    assert message in str(caught.value)


def test_dates_and_methods_are_read_as_people_write_them():
    assert parse_date("2027/1/26") == parse_date("2027年1月26日") == dt.date(2027, 1, 26)
    assert parse_date("2027-01-26T00:00:00") == dt.date(2027, 1, 26)
    with pytest.raises(InputError, match="'2027-02-30' is not a date"):
        parse_date("2027-02-30")
    assert parse_method("実績記入") == MeasurementMethod.RECORDED
    assert (
        parse_method("system log") == parse_method("システムログ") == MeasurementMethod.SYSTEM_LOG
    )
    with pytest.raises(
        InputError, match=r"unknown method '目視'; expected one of measured \(実測\)"
    ):
        parse_method("目視")


def test_a_measurement_is_recorded_with_its_method_and_who(workshop):
    ws, m = add_measurement(workshop, "k4", "12%", "2027-01-26", method="実績記入", by="suzuki")
    assert (m.id, m.kpi, m.value, m.method, m.by) == (
        "m1",
        "k4",
        0.12,
        MeasurementMethod.RECORDED,
        "suzuki",
    )
    ws, second = add_measurement(ws, "差戻し率", 0.08, dt.date(2027, 2, 23))
    assert second.id == "m2" and second.kpi == "k4"
    assert remove_measurement(ws, "m1").pilot.measurements == (second,)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kpi": "k9"}, "kpi: unknown KPI 'k9'; KPIs: k1, k2, k3, k4"),
        (
            {"date": START - dt.timedelta(days=1)},
            "date: 2027-01-11 is before the pilot started (2027-01-12)",
        ),
        ({"value": "十二"}, "value: '十二' is not a number"),
        ({"by": "ghost"}, "by: 'ghost' is not a member of the workshop"),
        ({"variant": "nope"}, "variant: no to-be variant 'nope'"),
    ],
)
def test_bad_measurements_are_refused_with_one_line(workshop, change, message):
    values = {"kpi": "k4", "value": "0.1", "date": START} | change
    kpi, value, date = values.pop("kpi"), values.pop("value"), values.pop("date")
    with pytest.raises(InputError) as caught:
        add_measurement(workshop, kpi, value, date, **values)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_a_table_imports_in_one_go_and_names_each_bad_row(workshop, tmp_path):
    table = tmp_path / "測定.csv"
    table.write_text(
        "指標,測定日,実績値,測定方法,測定者,備考\n"
        "k4,2027/1/26,12%,実績記入,suzuki,第2週\n"
        "差戻し率,2027/2/23,0.08,実績記入,suzuki,\n"
        "k9,2027/2/23,1,,,\n"
        "k4,2027/1/05,0.1,,,\n"
        "k2,2027/2/23,速い,,,\n",
        encoding="cp932",
    )
    plan = plan_measurements(workshop, table)
    assert [m.value for m in plan.added] == [0.12, 0.08]
    assert [str(p) for p in plan.problems] == [
        f"{table}:row 4: 指標: unknown KPI 'k9'; KPIs: k1, k2, k3, k4",
        f"{table}:row 5: 測定日: 2027-01-05 is before the pilot started (2027-01-12)",
        f"{table}:row 6: 実績値: '速い' is not a number",
    ]
    # importing the same rows again adds nothing
    again = plan_measurements(plan.workshop, table)
    assert again.added == () and again.skipped == (2, 3)


def test_an_xlsx_table_with_date_cells_imports(workshop, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["kpi", "date", "value", "method"])
    sheet.append(["k4", dt.datetime(2027, 2, 9), 0.1, "survey"])
    path = tmp_path / "m.xlsx"
    book.save(path)
    plan = plan_measurements(workshop, path)
    assert plan.problems == ()
    assert [(m.date, m.method) for m in plan.added] == [
        (dt.date(2027, 2, 9), MeasurementMethod.SURVEY)
    ]


def test_a_table_without_a_value_column_is_refused(workshop, tmp_path):
    table = tmp_path / "m.csv"
    table.write_text("kpi,date\nk4,2027-02-01\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"m.csv: no column for value \(値\)"):
        plan_measurements(workshop, table)
