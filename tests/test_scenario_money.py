"""The budget explorer's yardstick: the government's fixed GDP of the 2022 strategy, or each year's
GDP (issue: the explorer must not contradict the text's 2 % headline without saying why)."""

from __future__ import annotations

import pytest

from japansec import data
from japansec.scenarios.money import BUDGET, context, growth_needed


def _shares(**params) -> list[float]:
    return BUDGET.view(**params).traces[1]["y"]


def test_the_strategy_yardstick_divides_by_the_fixed_gdp_of_the_data_row() -> None:
    budget = data.load("japan_budget").set_index("id")
    gdp = budget.loc["gdp-2022-strategy-base", "amount_trillion_yen"]
    start = budget.loc["fy2025-security-total", "amount_trillion_yen"]
    shares = _shares(yardstick="strategy", definition="security_related", spending_growth=0)
    assert shares[0] == pytest.approx(100 * start / gdp)
    assert all(s == pytest.approx(shares[0]) for s in shares), "zero growth, fixed GDP: flat"


def test_gdp_growth_moves_only_the_each_year_share() -> None:
    strategy = [_shares(yardstick="strategy", gdp_growth=g) for g in (0, 4)]
    each_year = [_shares(yardstick="each_year", gdp_growth=g) for g in (0, 4)]
    assert strategy[0] == strategy[1]
    assert each_year[1][-1] < each_year[0][-1]


def test_each_years_gdp_gives_a_smaller_share_than_the_strategy_baseline() -> None:
    # The 2024 GDP derived from SIPRI exceeds the strategy's baseline, so the same money is less.
    assert context()["gdp_2024"] > context()["gdp_strategy"]
    assert _shares(yardstick="each_year")[0] < _shares(yardstick="strategy")[0]


def test_the_default_is_the_governments_yardstick_on_the_2_percent_measure() -> None:
    defaults = BUDGET.defaults()
    assert defaults["yardstick"] == "strategy" and defaults["definition"] == "security_related"
    assert "2022 strategy's GDP" in BUDGET.view().traces[2]["text"][0]


def test_growth_needed_is_the_smallest_slider_value_that_reaches_the_threshold() -> None:
    for yardstick in ("strategy", "each_year"):
        growth = growth_needed(2.0, 2027, yardstick=yardstick)
        assert growth is not None
        reached = BUDGET.view(yardstick=yardstick, spending_growth=growth).traces[1]
        upto = [s for y, s in zip(reached["x"], reached["y"], strict=True) if y <= 2027]
        assert max(upto) >= 2.0
        slider = next(p for p in BUDGET.parameters if p.name == "spending_growth")
        lower = [g for g in slider.values() if g < growth]
        if lower:  # the slider's next value down must fall short (none below its minimum)
            before = BUDGET.view(yardstick=yardstick, spending_growth=lower[-1]).traces[1]
            assert max(s for y, s in zip(before["x"], before["y"], strict=True)
                       if y <= 2027) < 2.0
    assert growth_needed(2.0, 2027, yardstick="strategy") < growth_needed(
        2.0, 2027, yardstick="each_year")


def test_an_unknown_yardstick_is_rejected_with_its_options() -> None:
    with pytest.raises(ValueError, match=r"yardstick \(Share of\) must be one of"):
        BUDGET.view(yardstick="ppp")
