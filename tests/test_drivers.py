"""The drivers chapter's figures and explorer: built from the data, bad data named."""

from __future__ import annotations

import pandas as pd
import pytest

from japansec import data
from japansec.figures import drivers as figures
from japansec.scenarios.drivers import DRIVERS, context


def test_scramble_table_splits_the_total() -> None:
    wide = figures.scramble_table(data.load("scrambles"))
    assert (wide["china"] + wide["russia"] + wide["other"] == wide["total"]).all()
    assert 1984 not in wide.index  # the Cold War peak has no country split


def test_scramble_table_rejects_parts_above_the_total() -> None:
    bad = pd.DataFrame({"fiscal_year": [2030] * 3, "target": ["total", "china", "russia"],
                        "count": [100, 80, 40]})
    with pytest.raises(ValueError, match=r"scrambles.csv: China \+ Russia exceed the total in FY"):
        figures.scramble_table(bad)


def test_missile_title_says_when_the_counters_disagree() -> None:
    missiles = pd.DataFrame({
        "year": [2022, 2023, 2022, 2023], "value": [69, 30, 10, 18], "at_least": [False] * 4,
        "counter": ["cns_missiles", "cns_missiles", "mod_launch_occasions",
                    "mod_launch_occasions"],
        "note": [None] * 4, "source_publisher": ["x"] * 4, "source_date": ["2026"] * 4})
    assert figures.nk_missiles_chart(missiles).layout.title.text.startswith(
        "The record year depends on who counts")
    real = data.with_sources(data.load("nk_missiles"))
    assert "by every count" in figures.nk_missiles_chart(real).layout.title.text


def test_every_figure_names_its_source() -> None:
    charts = [figures.scrambles_chart(data.with_sources(data.load("scrambles"))),
              figures.senkaku_chart(data.with_sources(data.load("senkaku"))),
              figures.joint_activities_chart(data.with_sources(data.load("china_russia_joint"))),
              figures.china_budget_chart(data.with_sources(data.load("china_budget"))),
              DRIVERS.static()]
    for chart in charts:
        assert any(a.text.startswith("Source:") for a in chart.layout.annotations)


def test_explorer_uses_the_years_every_series_covers() -> None:
    base = context()
    assert base["years"] == list(range(2016, 2025))
    assert {len(v) for v in base["series"].values()} == {len(base["years"])}
    assert base["series"]["nk_missiles"][base["years"].index(2022)] == 69


def test_explorer_with_no_weight_says_so() -> None:
    zero = {p.name: 0 for p in DRIVERS.parameters if p.name != "normalisation"}
    assert DRIVERS.view(**zero).traces[-1]["text"] == ["All weights are 0: no index"]
