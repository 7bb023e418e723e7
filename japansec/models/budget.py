"""Budget projection: where constant growth rates take Japan's defence spending and its GDP share.

A teaching model, not a forecast. Spending and nominal GDP each grow at one constant annual rate
from their base years; the share of GDP is their ratio. Everything is in current yen.

Examples
--------
Equal growth rates keep the share constant:

>>> p = project_budget(10.0, 2026, 500.0, 2026, 0.03, 0.03, end_year=2030)
>>> [round(s, 6) for s in p.share_pct]
[2.0, 2.0, 2.0, 2.0, 2.0]
"""

from __future__ import annotations

from dataclasses import dataclass

from japansec.models.checks import check_number, check_year


@dataclass(frozen=True)
class BudgetPath:
    """A projected path: fiscal years, spending and GDP (trillion yen) and share of GDP (%)."""

    years: list[int]
    spending: list[float]
    gdp: list[float]
    share_pct: list[float]


def project_budget(start_amount: float, start_year: int, gdp_base: float, gdp_base_year: int,
                   spending_growth: float, gdp_growth: float, end_year: int = 2035) -> BudgetPath:
    """Project spending and its share of nominal GDP from ``start_year`` to ``end_year``.

    Parameters
    ----------
    start_amount : spending in ``start_year``, trillion yen (> 0).
    start_year : first fiscal year of the path.
    gdp_base : nominal GDP in ``gdp_base_year``, trillion yen (> 0); grown at ``gdp_growth``
        to every year of the path (also backwards, if the base year is later).
    spending_growth, gdp_growth : annual growth rates as fractions (0.05 = 5 %), from -0.5 to 1.
    end_year : last fiscal year of the path (>= start_year).
    """
    start_amount = check_number("start_amount", start_amount, 1e-9)
    gdp_base = check_number("gdp_base", gdp_base, 1e-9)
    spending_growth = check_number("spending_growth", spending_growth, -0.5, 1.0)
    gdp_growth = check_number("gdp_growth", gdp_growth, -0.5, 1.0)
    start_year = check_year("start_year", start_year)
    gdp_base_year = check_year("gdp_base_year", gdp_base_year)
    end_year = check_year("end_year", end_year, start_year)
    years = list(range(start_year, end_year + 1))
    spending = [start_amount * (1 + spending_growth) ** (y - start_year) for y in years]
    gdp = [gdp_base * (1 + gdp_growth) ** (y - gdp_base_year) for y in years]
    share = [100 * s / g for s, g in zip(spending, gdp, strict=True)]
    return BudgetPath(years, spending, gdp, share)


def first_year_reaching(path: BudgetPath, threshold_pct: float) -> int | None:
    """The first year whose share of GDP is at least ``threshold_pct``.

    Parameters
    ----------
    path : BudgetPath
        A projected path (:func:`project_budget`).
    threshold_pct : float
        The share to reach, in % of GDP, from 0 to 100.

    Returns
    -------
    int or None
        The first such fiscal year, or None if the path never reaches it.

    Examples
    --------
    >>> path = project_budget(10.0, 2026, 500.0, 2026, 0.10, 0.0, end_year=2030)
    >>> first_year_reaching(path, 2.5), first_year_reaching(path, 5.0)
    (2029, None)
    """
    threshold_pct = check_number("threshold_pct", threshold_pct, 0.0, 100.0)
    for year, share in zip(path.years, path.share_pct, strict=True):
        if share >= threshold_pct - 1e-12:
            return year
    return None
