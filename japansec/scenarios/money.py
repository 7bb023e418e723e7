"""Budget explorer: growth rates → Japan's defence spending and its share of GDP to FY2035.

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

from dataclasses import dataclass
from functools import cache

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from japansec import data
from japansec.explorer import Choice, Scenario, Slider, View
from japansec.models.budget import first_year_reaching, project_budget
from japansec.style import PALETTE, add_source, titled

THRESHOLDS = (2.0, 3.5, 5.0)
END_YEAR = 2035
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


@dataclass(frozen=True)
class Inputs:
    """Base values read from the data package."""

    gdp_2024: float  # trillion yen
    gdp_strategy: float  # trillion yen: the GDP the 2 % goal is measured against
    gdp_strategy_year: int
    yen_per_usd_2024: float
    starts: dict[str, tuple[int, float]]  # definition -> (fiscal year, trillion yen)


@cache
def inputs() -> Inputs:
    """Read the base values from the data package (SIPRI and table japan_budget)."""
    japan = data.load("sipri_milex").query("country == 'Japan' and year == 2024")
    value = japan.set_index("measure")["value"]
    local_yen = value["local_currency_current"]
    gdp_2024 = local_yen / (value["share_of_gdp"] / 100) / 1e12
    yen_per_usd = local_yen / (value["current_usd_m"] * 1e6)
    budget = data.load("japan_budget").set_index("id")
    starts = {key: (int(budget.loc[row, "fiscal_year"]), float(budget.loc[row,
                                                                           "amount_trillion_yen"]))
              for key, (row, _) in DEFINITIONS.items()}
    strategy = budget.loc[STRATEGY_GDP_ROW]
    return Inputs(gdp_2024, float(strategy["amount_trillion_yen"]), int(strategy["fiscal_year"]),
                  yen_per_usd, starts)


def compute(spending_growth: float, gdp_growth: float, definition: str,
            yardstick: str) -> View:
    """Traces: spending bars (¥ tn, US$ bn in text), share-of-GDP line, and a text summary.

    With the ``strategy`` yardstick the share is of the fixed GDP of the 2022 strategy (GDP growth
    then changes nothing); with ``each_year`` it is of SIPRI's 2024 GDP grown at ``gdp_growth``.
    """
    base = inputs()
    start_year, amount = base.starts[definition]
    if yardstick == "strategy":
        path = project_budget(amount, start_year, base.gdp_strategy, base.gdp_strategy_year,
                              spending_growth / 100, 0.0, END_YEAR)
    else:
        path = project_budget(amount, start_year, base.gdp_2024, 2024, spending_growth / 100,
                              gdp_growth / 100, END_YEAR)
    usd = [f"US$ {s * 1e12 / base.yen_per_usd_2024 / 1e9:,.0f} bn" for s in path.spending]
    reached = []
    for threshold in THRESHOLDS:
        year = first_year_reaching(path, threshold)
        when = f"FY{year}" if year else f"not by FY{END_YEAR}"
        reached.append(f"{threshold:g} %: {when}")
    measure = (f"Share of the 2022 strategy's GDP (¥{base.gdp_strategy:g} tn, fixed)"
               if yardstick == "strategy" else "Share of each year's GDP")
    summary = f"{measure}. First year at or above<br>" + " · ".join(reached)
    return View(traces=[
        {"x": path.years, "y": path.spending, "text": usd},
        {"x": path.years, "y": path.share_pct, "text": [f"{s:.2f} %" for s in path.share_pct]},
        {"x": [start_year], "y": [6.2], "text": [summary]},
    ])


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
    fig.add_scatter(**view.traces[2], mode="text", textposition="middle right", showlegend=False,
                    hoverinfo="skip", textfont={"size": 13}, row=2, col=1)
    for threshold, dash in zip(THRESHOLDS, ("dot", "dash", "dashdot"), strict=True):
        fig.add_hline(y=threshold, line={"color": PALETTE["grey"], "dash": dash, "width": 1},
                      annotation_text=f"{threshold:g} %", annotation_position="right",
                      row=2, col=1)
    fig.update_yaxes(title_text="¥ trillion", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="% of GDP", range=[0, 7], row=2, col=1)
    fig.update_xaxes(dtick=1, row=2, col=1)
    fig.update_layout(height=640, showlegend=False, hovermode="closest",
                      margin={"t": 150, "b": 200})
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
    compute=compute,
    figure=figure,
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
