"""The maintainers' "To re-check" page: past-due announced rows and tables checked through an
earlier date are listed from the data, so an update starts from what has gone stale."""

from __future__ import annotations

import pandas as pd
import pytest

from japansec import catalog, data


def test_an_announced_row_is_listed_once_its_date_has_passed() -> None:
    events = data.load("events")
    announced = events[events["status"] == "announced"].sort_values("date")
    if announced.empty:
        pytest.skip("no announced event to test with")
    row = announced.iloc[0]
    day = row["date"].strftime("%Y-%m-%d")
    before = (row["date"] - pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    assert row["id"] in catalog.past_due_announced(day)["id"].tolist()
    assert row["id"] not in catalog.past_due_announced(before)["id"].tolist()
    assert f"`{row['id']}`" in catalog.recheck_markdown(day)


def test_rows_that_are_done_are_never_listed() -> None:
    due = catalog.past_due_announced("2100-01-01")
    events = data.load("events").set_index("id")
    systems = data.load("systems").set_index("id")
    for r in due.itertuples():
        frame, column = (events, "status") if r.table == "events" else (systems,
                                                                         "deployment_status")
        assert frame.loc[r.id, column] == "announced", r.id
    # Every announced row of both tables is due by 2100.
    assert len(due) == (events["status"] == "announced").sum() + (
        systems["deployment_status"] == "announced").sum()


def test_a_table_checked_through_an_earlier_date_is_listed(monkeypatch) -> None:
    package = dict(data.package())
    package["resources"] = [dict(r) for r in package["resources"]]
    for r in package["resources"]:
        r["checked_through"] = "2026-01-31"
    package["resources"][[r["name"] for r in package["resources"]].index("events")][
        "checked_through"] = "2030-01-01"
    monkeypatch.setattr(data, "package", lambda *a, **k: package)
    lagging = dict(catalog.lagging_tables("2026-11-26"))
    assert "events" not in lagging
    assert lagging["reactions"] == "2026-01-31"
    assert not any(name.startswith("sipri") for name in lagging)
    assert "sources" not in lagging, "the bibliography table records nothing in time"


def test_every_dated_curated_table_says_how_far_it_was_checked() -> None:
    as_of = data.package()["as_of"]
    for descriptor in data.package()["resources"]:
        if descriptor["name"].startswith("sipri") or not catalog.is_dated(descriptor):
            continue
        checked = descriptor.get("checked_through")
        assert checked, f"datapackage.json: table {descriptor['name']} has no checked_through"
        assert pd.Timestamp(checked) <= pd.Timestamp(as_of), descriptor["name"]


def test_every_page_says_how_far_the_tables_were_checked(monkeypatch) -> None:
    """The announcement bar (japansec.build.sphinxext) names the earliest checked_through date
    when a table lags the as-of date, and only the as-of date when none does."""
    from types import SimpleNamespace

    from japansec.build.sphinxext import show_as_of_date

    def announcement(lagging: list) -> str:
        monkeypatch.setattr(catalog, "lagging_tables", lambda as_of: lagging)
        config = SimpleNamespace(html_theme_options={})
        show_as_of_date(None, config)
        return config.html_theme_options["announcement"]

    shown = announcement([("events", "2026-04-21"), ("sites", "2026-03-01"), ("places", None)])
    assert data.package()["as_of"] in shown and "2026-03-01" in shown and "2026-04-21" not in shown
    assert "checked through" not in announcement([])
