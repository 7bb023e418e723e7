"""The SIPRI conversion: deterministic, faithful to the workbook, explicit about missing values."""

from __future__ import annotations

import openpyxl
import pytest
from conftest import ROOT

from japansec import data
from japansec.build.sipri import MEASURES, convert, sheet_rows

RAW = ROOT / "data" / "raw"
WORKBOOK = RAW / "SIPRI-Milex-data-1949-2024.xlsx"
EXTRACT = RAW / "SIPRI-Milex-2026-release-2015-vs-2025-extract.csv"


@pytest.fixture(scope="module")
def converted() -> dict[str, str]:
    return convert(WORKBOOK, EXTRACT)


def test_conversion_reproduces_committed_csvs_byte_for_byte(converted) -> None:
    for name, text in converted.items():
        committed = (ROOT / "data" / name).read_text(encoding="utf-8")
        assert text == committed, f"data/{name} differs from a fresh `make data`: re-run it"


def value(country: str, year: int, measure: str) -> float:
    frame = data.load("sipri_milex")
    row = frame[(frame.country == country) & (frame.year == year) & (frame.measure == measure)]
    assert len(row) == 1
    return float(row["value"].iloc[0])


def test_spot_values_match_the_workbook() -> None:
    assert round(value("Japan", 2024, "constant_2023_usd_m"), 1) == 58399.3
    assert round(value("Japan", 2022, "constant_2023_usd_m"), 1) == 41782.5
    assert round(value("China", 2024, "constant_2023_usd_m"), 1) == 317561.0
    assert round(value("Japan", 2024, "share_of_gdp"), 2) == 1.37
    assert round(value("China", 2024, "share_of_gdp"), 4) == 1.7113


def test_extract_is_separate_and_labelled() -> None:
    extract = data.load("sipri_2025_extract")
    japan = extract[(extract.country == "Japan") & (extract.year == 2025)].set_index("measure")
    assert japan.loc["constant_2024_usd_m", "value"] == 59493.1
    assert japan.loc["share_of_gdp", "value"] == 1.41
    assert set(extract["unit"][extract.measure == "constant_2024_usd_m"]) == {
        "US$ m, constant 2024 prices"}


def test_missing_values_are_never_zero() -> None:
    frame = data.load("sipri_milex")
    unavailable = frame[frame.status.isin(["unavailable", "not_independent"])]
    assert len(unavailable) > 1000 and unavailable["value"].isna().all()
    # Japan's constant-US$ series starts with SIPRI's '...' before 1950s data exist.
    assert frame[(frame.country == "Japan") & (frame.year == 1949)
                 & (frame.measure == "constant_2023_usd_m")].status.iloc[0] == "unavailable"
    assert frame[(frame.country == "USSR") & (frame.year == 2000)].status.eq(
        "not_independent").all()


def test_footnote_markers_are_kept() -> None:
    frame = data.load("sipri_milex")
    taiwan = frame[(frame.country == "Taiwan") & (frame.measure == "constant_2023_usd_m")]
    assert set(taiwan.notes) == {"†¶104"}
    notes = data.load("sipri_footnotes").set_index("marker")
    assert notes.loc["56", "text"].startswith("Japan")
    assert "pensions" in notes.loc["†", "text"]


def test_an_unexpected_cell_names_sheet_row_and_year(tmp_path) -> None:
    workbook = openpyxl.load_workbook(WORKBOOK)
    sheet = workbook["Share of GDP"]
    for row in sheet.iter_rows():
        if row[0].value == "Japan":
            row[-1].value = "n/a"
            line = row[0].row
    with pytest.raises(ValueError, match=rf"sheet 'Share of GDP', row {line}, year 2024: "
                                         r"unexpected cell 'n/a'"):
        list(sheet_rows(workbook, MEASURES[2], "copy.xlsx"))
