"""The data package: every table valid, loaders typed, bad input rejected loudly."""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from importlib.metadata import PackageNotFoundError
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from japansec import data
from japansec.build.bibliography import bibtex

SMALL_TABLES = ["sources", "events", "sites", "systems", "japan_budget", "reactions", "places",
                "sipri_footnotes"]


@pytest.mark.parametrize("name", data.table_names())
def test_table_is_valid(name: str) -> None:
    """frictionless validates the table against its schema, keys included (no stamp shortcut)."""
    data.validate(name)


def test_every_table_has_title_description_sources_licence_and_as_of() -> None:
    """Each table names its sources, except the registry of sources itself (table sources)."""
    for descriptor in data.package()["resources"]:
        for key in ("title", "description", "licenses", "as_of", "schema"):
            assert descriptor.get(key), f"{descriptor['name']}: no {key}"
        if descriptor["name"] != "sources":
            assert descriptor.get("sources"), f"{descriptor['name']}: no sources"
            assert all(s.get("title") and s.get("path") for s in descriptor["sources"]), \
                f"{descriptor['name']}: a source without title or path"


def test_load_types_columns() -> None:
    events = data.load("events")
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert str(data.load("sipri_milex")["year"].dtype) == "Int64"
    assert pd.api.types.is_float_dtype(data.load("sites")["latitude"])


def test_enough_events_from_2013_to_the_as_of_date() -> None:
    """At least 60 events from 2013 to the as-of date; earlier rows only for the export ladder's
    starting point (export policy)."""
    events = data.load("events")
    as_of = pd.Timestamp(data.package()["as_of"])
    recent = events[events["date"].dt.year >= 2013]
    assert len(recent) >= 60 and recent["date"].min().year == 2013
    assert events["date"].max() <= as_of
    older = events[events["date"].dt.year < 2013]
    assert set(older["category"]) <= {"export-policy"}, older["id"].tolist()


def test_reactions_come_after_what_they_answer() -> None:
    """The date a reaction is drawn at (its stored date, whatever its precision) is never before
    the move it answers: a month-precise date stands for the month's first day and would be drawn
    before a move later in that month."""
    reactions = data.load("reactions").dropna(subset=["responds_to"])
    events = data.load("events").set_index("id")
    for _, row in reactions.iterrows():
        answered = events.loc[row["responds_to"], "date"]
        assert row["date"] >= answered, (
            f"reactions.csv {row['id']}: dated {row['date']:%Y-%m-%d}, before the move it answers "
            f"({row['responds_to']}, {answered:%Y-%m-%d})")


def test_sources_that_differ_are_both_recorded() -> None:
    budget = data.load("japan_budget").set_index("id")
    assert budget.loc["fy2025-draft-ap", "amount_trillion_yen"] == 8.7
    assert budget.loc["fy2025-draft-jt", "amount_trillion_yen"] == 8.6
    type12 = data.load("systems").set_index("id").loc["type12"]
    assert (type12["range_km_low"], type12["range_km_high"]) == (100, 200)


def test_bibliography_is_generated_from_the_sources_table() -> None:
    """references.bib is exactly what scripts/make_bibliography.py writes (make data)."""
    assert (ROOT / "references.bib").read_text(encoding="utf-8") == bibtex(data.load("sources"))


def test_every_source_of_the_package_is_in_the_bibliography() -> None:
    keys = set(re.findall(r"^@\w+\{([^,]+),", (ROOT / "references.bib").read_text("utf-8"), re.M))
    for descriptor in data.package()["resources"]:
        for source in descriptor.get("sources", []):
            if source.get("bibkey"):
                assert source["bibkey"] in keys, f"{descriptor['name']}: {source['bibkey']}"
        if any(f["name"] == "source" for f in descriptor["schema"]["fields"]):
            missing = set(data.load(descriptor["name"])["source"]) - keys
            assert not missing, f"{descriptor['name']}: sources not in references.bib: {missing}"


def test_every_citation_in_the_chapters_resolves() -> None:
    keys = set(re.findall(r"^@\w+\{([^,]+),", (ROOT / "references.bib").read_text("utf-8"), re.M))
    cited = set()
    for page in [*ROOT.glob("chapters/*.ipynb"), *ROOT.glob("chapters/*.md")]:
        for group in re.findall(r"\{cite(?::[pt])?\}`([^`]+)`", page.read_text("utf-8")):
            cited.update(k.strip() for k in group.split(","))
    assert cited, "no citation found in the chapters"
    assert not cited - keys, f"citations without a bibliography entry: {cited - keys}"


# --- Bad input: corrupted copies of the tables must be rejected with a precise message ---------

@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of the data package with the small tables (the SIPRI tables are not needed)."""
    shutil.copy(data.PACKAGE_FILE, tmp_path / "datapackage.json")
    for name in SMALL_TABLES:
        shutil.copy(data.DATA_DIR / data.resource(name)["path"], tmp_path)
    return tmp_path


def corrupt(folder: Path, table: str, row: int, column: str, value: str | None) -> None:
    """Set one cell (row 1 = first data row), or drop the column when value is None."""
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    if value is None:
        fields.remove(column)
        rows = [{k: v for k, v in r.items() if k != column} for r in rows]
    else:
        rows[row - 1][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


CORRUPTIONS = [
    # (table, data row, column, bad value, words the message must contain)
    ("events", 3, "status", None, ["events.csv", "status", "missing"]),
    ("events", 5, "date", "2024-13-45", ["events.csv", "row 6", "'date'", "type-error"]),
    ("sites", 2, "latitude", "north", ["sites.csv", "row 3", "'latitude'", "type-error"]),
    ("sites", 4, "latitude", "200", ["sites.csv", "row 5", "'latitude'", "maximum"]),
    ("sources", 7, "url", "", ["sources.csv", "row 8", "'url'", "required"]),
    ("events", 2, "id", "nsc-launch", ["events.csv", "row 3", "primary-key"]),
    ("reactions", 1, "responds_to", "no-such-event", ["reactions.csv", "row 2", "foreign-key"]),
    ("events", 1, "source", "no-such-source", ["events.csv", "row 2", "foreign-key"]),
    ("japan_budget", 1, "amount_trillion_yen", "...", ["japan_budget.csv", "row 2", "type-error"]),
    ("events", 1, "category", "war", ["events.csv", "row 2", "'category'", "enum"]),
]


@pytest.mark.parametrize("table,row,column,value,words", CORRUPTIONS,
                         ids=[f"{c[0]}-{c[2]}-{c[3]}" for c in CORRUPTIONS])
def test_corrupted_table_is_rejected_with_a_clear_message(package_copy, table, row, column,
                                                          value, words) -> None:
    corrupt(package_copy, table, row, column, value)
    with pytest.raises(data.DataError) as error:
        data.load(table, base=package_copy)
    message = str(error.value)
    for word in words:
        assert word in message, f"{word!r} not in:\n{message}"


def test_unknown_table_names_the_valid_ones() -> None:
    with pytest.raises(KeyError, match=r"tables are: .*events"):
        data.load("evnts")


def test_unknown_field_type_is_rejected_by_name(package_copy) -> None:
    """A schema type the loader has no reading for fails, naming table, column and type
    (it used to be read silently as text)."""
    import json

    descriptor = json.loads((package_copy / "datapackage.json").read_text("utf-8"))
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    events["schema"]["fields"][1]["type"] = "geopoint"
    (package_copy / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    column = events["schema"]["fields"][1]["name"]
    with pytest.raises(data.DataError, match=rf"'events', column '{column}': field type "
                                             r"'geopoint'"):
        data.load("events", base=package_copy)


def test_validation_stamp_names_the_frictionless_version(package_copy, monkeypatch) -> None:
    """A passed validation is recorded per frictionless version: another version validates again."""
    monkeypatch.setattr(data, "VALIDATED_DIR", package_copy / "stamps")
    data.validate_once("places", package_copy)
    first = set((package_copy / "stamps").iterdir())
    real = data.version
    monkeypatch.setattr(data, "version",
                        lambda name: "0.0" if name == "frictionless" else real(name))
    data.validate_once("places", package_copy)
    assert len(first) == 1 and len(set((package_copy / "stamps").iterdir())) == 2


def test_a_table_the_build_validated_is_trusted_until_it_changes(package_copy, monkeypatch) -> None:
    """In the wheel (an instructor's kernel, without frictionless): a table whose digest the
    build recorded in validated.json is not validated again; changed, it is, and without
    frictionless that stops with one sentence naming the version to install. With frictionless,
    a changed table that breaks its schema is caught, record or not."""
    record = {"frictionless": "5.21.0", "tables": {
        name: data.data_digest(name, package_copy) for name in ("places", "events")}}
    (package_copy / data.VALIDATION_RECORD).write_text(json.dumps(record), encoding="utf-8")
    monkeypatch.setattr(data, "VALIDATED_DIR", package_copy / "stamps")  # no stamp there
    data.validate_once("events", package_copy)  # as the build validated it: trusted
    corrupt(package_copy, "events", 2, "date", "2022-13-45")
    with pytest.raises(data.DataError, match=r"events.csv, row 3, column 'date'"):
        data.validate_once("events", package_copy)

    def missing(name: str) -> str:
        raise PackageNotFoundError(name)

    monkeypatch.setitem(sys.modules, "frictionless", None)  # as if not installed
    monkeypatch.setattr(data, "version", missing)
    data.validate_once("places", package_copy)
    corrupt(package_copy, "places", 1, "name", "Elsewhere")
    with pytest.raises(data.DataError, match=r"^places.csv is not the table the book validated"
                                             r".*pip install frictionless==5\.21\.0$"):
        data.validate_once("places", package_copy)
    with pytest.raises(data.DataError, match=r"^places.csv: validating .*==5\.21\.0$"):
        data.validate("places", package_copy)  # asked directly, it says the same
    assert not (package_copy / "stamps").exists()
    (package_copy / data.VALIDATION_RECORD).unlink()  # not a wheel: nothing was recorded
    with pytest.raises(data.DataError, match=r"^places.csv has not been validated here.*"
                                             r"pip install frictionless$"):
        data.validate_once("places", package_copy)


def test_a_broken_validation_record_is_named(package_copy) -> None:
    for text in ("{", '{"tables": {}}', '{"frictionless": "5", "tables": []}'):
        (package_copy / data.VALIDATION_RECORD).write_text(text, encoding="utf-8")
        with pytest.raises(data.DataError, match=r"validated.json: not a validation record"):
            data.validate_once("places", package_copy)


def test_bibliography_reads_back_as_written() -> None:
    """pybtex (what sphinxcontrib-bibtex reads with) gets back every title and publisher exactly,
    special characters included (a backslash used to become a LaTeX line break)."""
    from pybtex.backends.plaintext import Backend
    from pybtex.database import parse_string
    from pybtex.richtext import Text

    sources = data.load("sources")
    tricky = sources.iloc[:1].assign(key="tricky", title=r"A \ B & 5% #1 ~ C_d US$9")
    sources = pd.concat([sources, tricky], ignore_index=True)
    entries = parse_string(bibtex(sources), "bibtex").entries
    for row in sources.itertuples():
        fields = entries[row.key].fields
        # render(Backend()), not render_as("text"): the same backend without pybtex's plugin
        # lookup, which scans every package's entry points each time (5 s for 300 titles).
        assert Text.from_latex(fields["title"]).render(Backend()) == row.title, row.key


def test_bibliography_refuses_what_it_cannot_escape() -> None:
    sources = data.load("sources").iloc[:1].assign(title="a {b}")
    with pytest.raises(ValueError, match=r"sources.csv, key .*, column 'title'.*\['\{', '\}'\]"):
        bibtex(sources)
