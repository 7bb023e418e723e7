"""Budget explorer: growth rates → Japan's defence spending and its share of GDP to FY2035.

``context`` (from :func:`japansec.scenarios.money.context`): ``gdp_2024`` and ``gdp_strategy``
(trillion yen) with ``gdp_strategy_year``, ``yen_per_usd_2024``, and ``starts``: for each
starting definition, [fiscal year, trillion yen].

Against the government's yardstick (``strategy``) the share is of the fixed GDP of the 2022
strategy, so GDP growth changes nothing; against ``each_year`` it is of SIPRI's 2024 GDP grown at
``gdp_growth``, and a constant spending level is a falling share of a growing economy.
"""

from __future__ import annotations

from typing import Any

from japansec.explorer import View
from japansec.models.budget import first_year_reaching, project_budget

THRESHOLDS = (2.0, 3.5, 5.0)
END_YEAR = 2035


def budget(context: dict[str, Any], spending_growth: float, gdp_growth: float, definition: str,
           yardstick: str) -> View:
    """Traces: spending bars (¥ tn, US$ bn in text), share-of-GDP line, and a text summary."""
    start_year, amount = context["starts"][definition]
    if yardstick == "strategy":
        path = project_budget(amount, start_year, context["gdp_strategy"],
                              context["gdp_strategy_year"], spending_growth / 100, 0.0, END_YEAR)
    else:
        path = project_budget(amount, start_year, context["gdp_2024"], 2024,
                              spending_growth / 100, gdp_growth / 100, END_YEAR)
    usd = [f"US$ {s * 1e12 / context['yen_per_usd_2024'] / 1e9:,.0f} bn" for s in path.spending]
    reached = []
    for threshold in THRESHOLDS:
        year = first_year_reaching(path, threshold)
        when = f"FY{year}" if year else f"not by FY{END_YEAR}"
        reached.append(f"{threshold:g} %: {when}")
    measure = (f"Share of the 2022 strategy's GDP (¥{context['gdp_strategy']:g} tn, fixed)"
               if yardstick == "strategy" else "Share of each year's GDP")
    summary = f"{measure}. First year at or above<br>" + " · ".join(reached)
    last = (f"FY{END_YEAR}: ¥{path.spending[-1]:.1f} tn, {path.share_pct[-1]:.2f} % of GDP")
    return View(traces=[
        {"x": path.years, "y": path.spending, "text": usd},
        {"x": path.years, "y": path.share_pct, "text": [f"{s:.2f} %" for s in path.share_pct]},
        {"x": [start_year], "y": [6.9], "text": [summary]},
    ], readout=f"{measure}. First year at or above " + "; ".join(reached) + f". {last}.")
