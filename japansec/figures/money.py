"""Figures of the money chapter (chapters/money.ipynb), built from the data package."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from japansec import data
from japansec.style import PALETTE, add_source, country_lines, source_note, timeline, titled, wrap

COMPARISON_COUNTRIES = ["Japan", "China", "United States of America", "Korea, South", "Taiwan",
                        "Australia", "India", "Russia"]
COMPARISON_MEASURES = {
    "share_of_gdp": ("Share of GDP", "% of GDP", ".2f"),
    "constant_2023_usd_m": ("Spending, constant 2023 US$", "US$ bn (constant 2023)", ",.1f"),
    "per_capita_current_usd": ("Spending per person", "US$ per person (current)", ",.0f"),
}


def sipri_comparison(milex: pd.DataFrame, years: tuple[int, int] = (1990, 2024)) -> go.Figure:
    """Japan and seven comparators from SIPRI, with the reader's own controls in the page: a menu
    for the measure, the legend for countries (click to hide, double-click to isolate) and a range
    slider for the years. ``milex``: SIPRI's table sipri_milex."""
    traces_by_measure = {}
    for measure, (_, unit, fmt) in COMPARISON_MEASURES.items():
        wide = data.sipri(measure, COMPARISON_COUNTRIES, years, milex)
        if measure == "constant_2023_usd_m":
            wide = wide / 1000
        traces_by_measure[measure] = country_lines(wide, COMPARISON_COUNTRIES, fmt, unit)
    fig = go.Figure()
    count = len(COMPARISON_COUNTRIES)
    buttons = []
    for index, (measure, traces) in enumerate(traces_by_measure.items()):
        for trace in traces:
            trace.visible = index == 0
            trace.legendgroup = trace.name
            trace.showlegend = index == 0
            fig.add_trace(trace)
        visible = [i // count == index for i in range(count * len(traces_by_measure))]
        label, unit, _ = COMPARISON_MEASURES[measure]
        buttons.append({"label": label, "method": "update", "args": [
            {"visible": visible, "showlegend": visible}, {"yaxis.title.text": unit,
                                                          "yaxis.type": "linear"}]})
    fig.update_layout(
        updatemenus=[{"buttons": buttons, "x": 0, "xanchor": "left", "y": 1.0,
                      "yanchor": "bottom", "pad": {"b": 6}}],
        yaxis={"title": COMPARISON_MEASURES["share_of_gdp"][1], "rangemode": "tozero"},
        xaxis={"rangeslider": {"visible": True, "thickness": 0.08}, "title": None},
        height=620, margin={"t": 130, "b": 210}, legend={"y": -0.32})
    titled(fig, "Japan still spends a smaller share of GDP than its neighbours",
           f"SIPRI, {years[0]}–{years[1]}. Menu: measure · legend: countries · "
           "slider below: years")
    return add_source(fig, "sipri_milex")


BUDGET_DEFINITION_LABELS = {
    "as_reported": "MoD budget, definition not stated by the source",
    "mod_excl_saco": "MoD budget excl. SACO/US realignment",
    "mod_incl_saco": "MoD budget incl. SACO/US realignment",
    "security_related": "Security-related total (the 2 % measure)",
}


def budget_by_definition(budget: pd.DataFrame, milex: pd.DataFrame) -> go.Figure:
    """Japan's defence money FY2022–FY2026 under each definition (``budget``: table japan_budget
    with its sources), with SIPRI's figure (``milex``: table sipri_milex)."""
    # Annual totals only: not the five-year plan, nor a supplementary budget's part on its own.
    budget = budget[~budget["stage"].isin(["plan", "supplementary"])]
    fig = go.Figure()
    colours = [PALETTE["grey"], PALETTE["sky"], PALETTE["blue"], PALETTE["vermillion"]]
    symbols = ["circle", "square", "diamond", "triangle-up"]
    for (definition, label), colour, symbol in zip(BUDGET_DEFINITION_LABELS.items(), colours,
                                                   symbols, strict=True):
        rows = budget[budget["definition"] == definition]
        fig.add_scatter(
            x=rows["fiscal_year"].astype(int).tolist(), y=rows["amount_trillion_yen"].tolist(),
            mode="markers", name=label, marker={"size": 12, "color": colour, "symbol": symbol},
            hovertext=[f"FY{r.fiscal_year} {r.stage.replace('_', ' ')}: ¥{r.amount_trillion_yen:g}"
                       f" tn<br>{wrap(r.note)}<br>{source_note(r)}" for r in rows.itertuples()],
            hoverinfo="text")
    sipri = data.sipri("local_currency_current", ["Japan"], (2022, 2024), milex)["Japan"] / 1e12
    fig.add_scatter(x=sipri.index.tolist(), y=sipri.round(3).tolist(), mode="lines+markers",
                    name="SIPRI, calendar year (own definition)",
                    line={"color": PALETTE["grey"], "dash": "dot"},
                    marker={"symbol": "x", "size": 10},
                    hovertemplate="SIPRI %{x}: ¥%{y:.2f} tn<extra></extra>")
    fig.update_layout(height=560, hovermode="closest", legend={"y": -0.24},
                      xaxis={"dtick": 1, "title": "Fiscal year (SIPRI: calendar year)"},
                      yaxis={"title": "¥ trillion (current)", "rangemode": "tozero"},
                      margin={"b": 220})
    titled(fig, "How much does Japan spend? It depends on what you count",
           "Defence money FY2022–FY2026 by definition and budget stage, ¥ trillion")
    return add_source(fig, "japan_budget", "sipri_milex")


def strategy_and_budget_timeline(events: pd.DataFrame) -> go.Figure:
    """The strategy and budget milestones of ``events`` (table events with sources), 2013 on."""
    return timeline(events, ["strategy", "budget"],
                    "From the 2022 documents to the 2 % goal and beyond",
                    "Strategy and budget milestones, 2013–2026; filled = done, open = announced")
