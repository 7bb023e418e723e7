"""Budget explorer: growth rates → Japan's defence spending and its share of GDP to FY2035
(computed by :func:`japansec.compute.money.budget`).

Inputs from the data package, not typed in:
- starting amounts from table japan_budget (FY2026 cabinet draft with and without SACO and
  US-realignment costs; FY2025 security-related total including the supplementary budget);
- nominal GDP for 2024 derived from SIPRI: local-currency spending divided by its share of GDP;
- the yen–dollar rate of 2024 derived from SIPRI: local-currency over current-US$ spending;
- the GDP the government's 2 % goal is measured against (row gdp-2022-strategy-base of table
  japan_budget): GDP at the time of the 2022 strategy, held fixed.

Two yardsticks (the reader chooses): the government's, a fixed GDP of the 2022 strategy, and each
year's GDP. Against each year's GDP a constant spending level is a falling share of a growing
economy, so the same money reaches 2 % later.

Assumptions (shown next to the figure): constant growth rates; nominal GDP of calendar 2024 grown
at the GDP rate stands for fiscal-year GDP; US$ at the 2024 exchange rate.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from japansec import data
from japansec.compute.money import THRESHOLDS, budget
from japansec.explorer import Choice, Scenario, Slider, View
from japansec.style import PALETTE, add_source, summary_text, titled

DEFINITIONS = {
    "mod_excl_saco": ("fy2026-draft-excl", "MoD budget, FY2026 draft, excl. SACO/US realignment"),
    "mod_incl_saco": ("fy2026-draft-incl", "MoD budget, FY2026 draft, incl. SACO/US realignment"),
    "security_related": ("fy2025-security-total",
                         "Security-related total, FY2025 incl. supplementary"),
}
STRATEGY_GDP_ROW = "gdp-2022-strategy-base"
YARDSTICKS = {
    "strategy": "GDP of the 2022 strategy (the government's yardstick)",
    "each_year": "Each year's GDP",
}


@cache
def context() -> dict[str, Any]:
    """The base values (see :mod:`japansec.compute.money`), from SIPRI and table japan_budget."""
    japan = data.load("sipri_milex").query("country == 'Japan' and year == 2024")
    value = japan.set_index("measure")["value"]
    local_yen = value["local_currency_current"]
    table = data.load("japan_budget").set_index("id")
    strategy = table.loc[STRATEGY_GDP_ROW]
    return {
        "gdp_2024": float(local_yen / (value["share_of_gdp"] / 100) / 1e12),
        "gdp_strategy": float(strategy["amount_trillion_yen"]),
        "gdp_strategy_year": int(strategy["fiscal_year"]),
        "yen_per_usd_2024": float(local_yen / (value["current_usd_m"] * 1e6)),
        "starts": {key: [int(table.loc[row, "fiscal_year"]),
                         float(table.loc[row, "amount_trillion_yen"])]
                   for key, (row, _) in DEFINITIONS.items()},
    }


def figure(view: View) -> go.Figure:
    """Two panels sharing the year axis: spending (top) and share of GDP with 2/3.5/5 % lines."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        row_heights=[0.45, 0.55])
    fig.add_bar(**view.traces[0], name="Spending (¥ tn)", marker_color=PALETTE["vermillion"],
                textposition="none",
                hovertemplate="FY%{x}: ¥%{y:.2f} tn (%{text})<extra></extra>", row=1, col=1)
    fig.add_scatter(**view.traces[1], name="Share of GDP (%)", mode="lines+markers",
                    line={"color": PALETTE["blue"], "width": 3},
                    hovertemplate="FY%{x}: %{text} of GDP<extra></extra>", row=2, col=1)
    # The summary hangs from the top of its plot, inside it: on a phone it is wrapped to the
    # plot's width (it would run into the thresholds' labels) and grows downwards.
    fig.add_scatter(**view.traces[2], **summary_text(textposition="bottom right",
                                                     textfont={"size": 13}), row=2, col=1)
    for threshold, dash in zip(THRESHOLDS, ("dot", "dash", "dashdot"), strict=True):
        fig.add_hline(y=threshold, line={"color": PALETTE["grey"], "dash": dash, "width": 1},
                      annotation_text=f"{threshold:g} %", annotation_position="right",
                      row=2, col=1)
    fig.update_yaxes(title_text="¥ trillion", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="% of GDP", range=[0, 7], row=2, col=1)
    fig.update_xaxes(dtick=1, row=2, col=1)
    # The right margin holds the thresholds' labels ("3.5 %"), which plotly.js does not make
    # room for.
    fig.update_layout(height=530, showlegend=False, hovermode="closest",
                      margin={"t": 100, "b": 90, "r": 44})
    titled(fig, "When would Japan's defence spending reach 2, 3.5 or 5 % of GDP?",
           "Teaching model, not a forecast: constant growth rates from the latest budget")
    return add_source(fig, "japan_budget", "sipri_milex")


BUDGET = Scenario(
    name="budget",
    title="Budget explorer",
    description=("Projects Japan's defence spending and its share of GDP to FY2035 from constant "
                 "growth rates, with the first fiscal year at 2, 3.5 and 5 % — measured against "
                 "the GDP of the 2022 strategy (the government's yardstick) or each year's GDP."),
    parameters=(
        Slider("spending_growth", "Defence spending growth", "% a year", 0, 15, 1, 5),
        Choice("yardstick", "Share of", tuple((label, key) for key, label in YARDSTICKS.items()),
               "strategy"),
        Choice("definition", "Starting definition",
               tuple((label, key) for key, (_, label) in DEFINITIONS.items()),
               "security_related"),
        Slider("gdp_growth", "Nominal GDP growth (each year's GDP only)", "% a year", -2, 6, 0.5,
               2),
    ),
    compute=budget,
    figure=figure,
    context=context,
)


def growth_needed(threshold: float, by_year: int, **params: object) -> float | None:
    """The smallest spending growth on the explorer's slider that reaches ``threshold`` % of GDP
    by ``by_year`` with the other parameters (defaults for those not given); None if none does."""
    slider = next(p for p in BUDGET.parameters if p.name == "spending_growth")
    for growth in slider.values():
        view = BUDGET.view(**params, spending_growth=growth)
        years, shares = view.traces[1]["x"], view.traces[1]["y"]
        if any(y <= by_year and s >= threshold - 1e-12 for y, s in zip(years, shares, strict=True)):
            return growth
    return None
