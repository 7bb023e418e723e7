"""The budget projection model, against hand-worked cases."""

from __future__ import annotations

import pytest

from japansec.models.budget import first_year_reaching, project_budget


def test_zero_growth_keeps_everything_flat() -> None:
    path = project_budget(10.0, 2026, 500.0, 2026, 0.0, 0.0, end_year=2029)
    assert path.years == [2026, 2027, 2028, 2029]
    assert path.spending == [10.0] * 4 and path.share_pct == [2.0] * 4


def test_equal_growth_keeps_the_share_constant() -> None:
    path = project_budget(9.0, 2026, 600.0, 2024, 0.04, 0.04, end_year=2035)
    expected = 100 * 9.0 / (600.0 * 1.04**2)
    assert all(share == pytest.approx(expected) for share in path.share_pct)


def test_hand_worked_path_and_threshold_year() -> None:
    # 10 -> 11 -> 12.1 -> 13.31 with 10 % growth; GDP flat at 600: shares 1.667, 1.833, 2.017 %.
    path = project_budget(10.0, 2026, 600.0, 2026, 0.10, 0.0, end_year=2029)
    assert path.spending == pytest.approx([10.0, 11.0, 12.1, 13.31])
    assert first_year_reaching(path, 2.0) == 2028
    assert first_year_reaching(path, 3.5) is None


def test_gdp_base_year_before_start_grows_gdp_forward() -> None:
    path = project_budget(10.0, 2026, 100.0, 2024, 0.0, 0.10, end_year=2026)
    assert path.gdp == pytest.approx([121.0])


@pytest.mark.parametrize("kwargs,message", [
    ({"spending_growth": 2.0}, "spending_growth must be from -0.5 to 1.0"),
    ({"gdp_growth": float("nan")}, "gdp_growth must be a finite number"),
    ({"start_amount": -1.0}, "start_amount must be from"),
    ({"spending_growth": "5"}, "spending_growth must be a number"),
    ({"end_year": 2020}, "end_year must be from 2026"),
])
def test_impossible_parameters_are_rejected(kwargs, message) -> None:
    base = {"start_amount": 10.0, "start_year": 2026, "gdp_base": 600.0, "gdp_base_year": 2024,
            "spending_growth": 0.05, "gdp_growth": 0.02, "end_year": 2035}
    with pytest.raises(ValueError, match=message):
        project_budget(**(base | kwargs))
