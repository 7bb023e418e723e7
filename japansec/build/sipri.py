"""Convert SIPRI's Military Expenditure Database workbook into tidy long tables.

SIPRI publishes one wide sheet per measure (countries down, years across). The book needs one long
table: country, ISO3 code, year, measure, value, unit, plus SIPRI's per-country footnote markers and
the reason a value is missing. SIPRI's conventions are kept exactly:

- ``...`` (data unavailable) and ``xxx`` (country did not exist) become missing values, never zero,
  with ``status`` saying which; a blank cell is recorded as ``blank``;
- shares ("Share of GDP", "Share of Govt. spending") are fractions in the workbook and percent here;
- the footnote markers (†, ‡, §, ¶, ‖ and numbered notes) of each sheet are kept per row.

Everything here is deterministic (fixed row order, fixed number formatting), so re-running the
conversion reproduces the committed CSV files byte for byte (tests/test_sipri.py checks it).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pycountry

# SIPRI's country names that pycountry does not resolve, mapped to ISO 3166 alpha-3 codes
# (ISO 3166-3 codes for states that no longer exist). "XKX" is the code the EU and IMF use for
# Kosovo. The European Union and North Yemen get no code.
ISO3_OVERRIDES = {
    "Cape Verde": "CPV", "Congo, DR": "COD", "Congo, Republic": "COG", "Cote d'Ivoire": "CIV",
    "Gambia, The": "GMB", "Korea, North": "PRK", "Korea, South": "KOR", "Brunei": "BRN",
    "Timor Leste": "TLS", "Czechoslovakia": "CSK", "German Democratic Republic": "DDR",
    "Kosovo": "XKX", "Yugoslavia": "YUG", "Russia": "RUS", "USSR": "SUN",
    "European Union": "", "Yemen, North": "",
}


@dataclass(frozen=True)
class Measure:
    """One sheet of the workbook and how its values are stored in the tidy table."""

    sheet: str
    measure: str
    unit: str
    scale: float = 1.0


MEASURES = (
    Measure("Constant (2023) US$", "constant_2023_usd_m", "US$ m, constant 2023 prices"),
    Measure("Current US$", "current_usd_m", "US$ m, current prices"),
    Measure("Share of GDP", "share_of_gdp", "percent of GDP", 100.0),
    Measure("Per capita", "per_capita_current_usd", "US$ per person, current prices"),
    Measure("Share of Govt. spending", "share_of_govt_spending",
            "percent of general government spending", 100.0),
    Measure("Local currency calendar years", "local_currency_current",
            "local currency, current prices, calendar year"),
)

FIELDS = ("country", "iso3", "year", "measure", "value", "unit", "status", "notes")
MISSING = {"...": "unavailable", "…": "unavailable", ". .": "unavailable", "xxx": "not_independent"}


def iso3(country: str) -> str:
    """ISO 3166 alpha-3 code for a SIPRI country name ('' for the EU and North Yemen)."""
    if country in ISO3_OVERRIDES:
        return ISO3_OVERRIDES[country]
    return pycountry.countries.lookup(country).alpha_3


def format_number(value: float) -> str:
    """Deterministic text for a number: ten significant digits, no exponent for large values."""
    text = f"{value:.10g}"
    if "e+" in text:
        text = f"{value:.0f}"
    return text


def _header(rows: list[tuple]) -> tuple[int, dict[int, int], int | None, int | None]:
    """Find the header row; return (row index, {column: year}, notes column, currency column)."""
    for index, row in enumerate(rows):
        if row and row[0] == "Country":
            years = {c: int(v) for c, v in enumerate(row) if isinstance(v, (int, float))}
            notes = row.index("Notes") if "Notes" in row else None
            currency = row.index("Currency") if "Currency" in row else None
            return index, years, notes, currency
    raise ValueError("no header row starting with 'Country' found")


def sheet_rows(workbook: openpyxl.Workbook, measure: Measure, source: str) -> Iterator[dict]:
    """Yield the tidy rows of one measure's sheet, country by country, year by year."""
    rows = list(workbook[measure.sheet].iter_rows(values_only=True))
    try:
        start, years, notes_col, currency_col = _header(rows)
    except ValueError as error:
        raise ValueError(f"{source}, sheet {measure.sheet!r}: {error}") from None
    for offset, row in enumerate(rows[start + 1 :], start=start + 2):
        if not row or not row[0]:
            continue
        cells = [row[c] if c < len(row) else None for c in years]
        if all(cell is None for cell in cells):
            continue  # a region heading such as "Africa" or "East Asia"
        country = str(row[0]).strip()
        notes = str(row[notes_col] or "").strip() if notes_col is not None else ""
        unit = measure.unit
        if currency_col is not None:
            unit = f"{str(row[currency_col]).strip()}, current prices, calendar year"
        code = iso3(country)
        for column, cell in zip(years, cells, strict=True):
            if cell is None:
                value, status = "", "blank"
            elif isinstance(cell, (int, float)):
                value, status = format_number(cell * measure.scale), "ok"
            elif str(cell).strip() in MISSING:
                value, status = "", MISSING[str(cell).strip()]
            else:
                raise ValueError(
                    f"{source}, sheet {measure.sheet!r}, row {offset}, year {years[column]}: "
                    f"unexpected cell {cell!r} (expected a number, '...', 'xxx' or blank)"
                )
            yield {
                "country": country, "iso3": code, "year": years[column],
                "measure": measure.measure, "value": value, "unit": unit,
                "status": status, "notes": notes,
            }


def footnotes(workbook: openpyxl.Workbook) -> Iterator[dict]:
    """Yield SIPRI's footnotes: the special markers (†, ‡, …) and the numbered country notes."""
    for row in workbook["Footnotes"].iter_rows(values_only=True):
        marker, _, text = [*row, None, None, None][:3]
        if isinstance(marker, str) and len(marker) == 1 and row[1]:
            yield {"marker": marker, "text": " ".join(str(row[1]).split())}
        elif isinstance(marker, (int, float)) and text:
            yield {"marker": str(int(marker)), "text": " ".join(str(text).split())}


def extract_2025_rows(path: Path) -> Iterator[dict]:
    """Yield tidy rows of the 2026-release extract (2015 and 2025, constant 2024 US$)."""
    columns = {
        "Military expenditure, in constant (2024) US$ m": ("constant_2024_usd_m",
                                                            "US$ m, constant 2024 prices"),
        "Military expenditure % of GDP": ("share_of_gdp", "percent of GDP"),
        "Military expenditure per capita by country": ("per_capita_current_usd",
                                                       "US$ per person, current prices"),
        "Military expenditure by country as % of government spending": (
            "share_of_govt_spending", "percent of general government spending"),
    }
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for line, record in enumerate(reader, start=2):
            country = record["Country"].strip()
            for header, cell in record.items():
                if header in ("Country", "Continent", "Sous-continent"):
                    continue
                prefix, _, year = header.rpartition(" ")
                measure, unit = columns[prefix.rstrip(",. ")]
                text = cell.strip()
                if text in MISSING:
                    value, status = "", MISSING[text]
                elif text == "":
                    value, status = "", "blank"
                else:
                    try:
                        value, status = format_number(float(text.replace(",", "."))), "ok"
                    except ValueError:
                        raise ValueError(f"{path.name}, row {line}, column {header!r}: "
                                         f"{cell!r} is not a number") from None
                yield {
                    "country": country, "iso3": iso3(country), "year": int(year),
                    "measure": measure, "value": value, "unit": unit, "status": status,
                    "release": "SIPRI 2026 release (v1.2), extract",
                }


def to_csv(rows: list[dict], fields: tuple[str, ...]) -> str:
    """CSV text with LF line endings, fields in a fixed order."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def convert(workbook_path: Path, extract_path: Path) -> dict[str, str]:
    """Convert both SIPRI files; return {output file name: CSV text}."""
    workbook = openpyxl.load_workbook(workbook_path, read_only=True, data_only=True)
    try:
        main = [row for m in MEASURES for row in sheet_rows(workbook, m, workbook_path.name)]
        notes = list(footnotes(workbook))
    finally:
        workbook.close()
    extract = list(extract_2025_rows(extract_path))
    return {
        "sipri_milex.csv": to_csv(main, FIELDS),
        "sipri_footnotes.csv": to_csv(notes, ("marker", "text")),
        "sipri_2025_extract.csv": to_csv(extract, (*FIELDS[:-1], "release")),
    }
