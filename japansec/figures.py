"""Plotly figure builders and the book's one look: palette, template, source lines.

Every figure of the book is built here from the data package or from a model, never in a notebook.
Each names its source on the chart (from the data package, never typed by hand) and uses one
colour-blind-safe palette (Okabe & Ito 2008), with the same colour for a country in every chapter.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from japansec import data

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
PALETTE = {
    "vermillion": "#D55E00", "blue": "#0072B2", "orange": "#E69F00", "sky": "#56B4E9",
    "green": "#009E73", "purple": "#CC79A7", "yellow": "#F0E442", "grey": "#777777",
}
COUNTRY_COLOURS = {
    "Japan": PALETTE["vermillion"], "China": PALETTE["blue"], "United States of America":
    PALETTE["grey"], "Korea, South": PALETTE["green"], "Taiwan": PALETTE["purple"],
    "Australia": PALETTE["orange"], "India": PALETTE["sky"], "Russia": "#000000",
}
COLOURWAY = list(PALETTE.values())

# A lean template: the default "plotly" template adds ~10 KB of JSON to every figure.
pio.templates["japansec"] = go.layout.Template(
    layout={
        "colorway": COLOURWAY,
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', sans-serif", "size": 13},
        "xaxis": {"showgrid": True, "gridcolor": "#e5e5e5", "zeroline": False},
        "yaxis": {"showgrid": True, "gridcolor": "#e5e5e5", "zeroline": False},
        "hovermode": "x unified",
        "margin": {"l": 60, "r": 20, "t": 80, "b": 120},
        "legend": {"orientation": "h", "y": -0.12, "yanchor": "top"},
    }
)
pio.templates.default = "japansec"


def source_line(*tables: str) -> str:
    """The 'Source:' line of a figure, written from the data package's sources of ``tables``."""
    titles: list[str] = []
    for name in tables:
        for source in data.resource(name).get("sources", []):
            if source["title"] not in titles:
                titles.append(source["title"])
    return "Source: " + "; ".join(titles) + "."


def add_source(fig: go.Figure, *tables: str) -> go.Figure:
    """Write the source line of ``tables`` under the plot area, as Our World in Data does."""
    fig.add_annotation(
        text=source_line(*tables), xref="paper", yref="paper", x=0, y=0, yshift=-95,
        showarrow=False, xanchor="left", yanchor="top", align="left",
        font={"size": 11, "color": "#666666"},
    )
    return fig


def titled(fig: go.Figure, title: str, subtitle: str) -> go.Figure:
    """Title that states the finding; subtitle that states the measure and unit."""
    fig.update_layout(title={
        "text": f"{title}<br><span style='font-size:13px;color:#666666'>{subtitle}</span>",
        "x": 0, "xanchor": "left",
    })
    return fig


def country_lines(frame: pd.DataFrame, countries: Sequence[str], hover_format: str,
                  unit: str) -> list[go.Scatter]:
    """One line per country of a wide table (years down, countries across)."""
    return [
        go.Scatter(
            x=frame.index.tolist(), y=frame[c].round(2).tolist(), name=c, mode="lines",
            line={"color": COUNTRY_COLOURS.get(c), "width": 3 if c == "Japan" else 2},
            hovertemplate=f"{c}: %{{y:{hover_format}}} {unit}<extra></extra>",
        )
        for c in countries
    ]


def japan_spending_since_1990() -> go.Figure:
    """Japan's military spending 1990–2024 (SIPRI, constant 2023 US$) with its share of GDP."""
    years = (1990, 2024)
    money = data.sipri("constant_2023_usd_m", ["Japan"], years)["Japan"] / 1000
    share = data.sipri("share_of_gdp", ["Japan"], years)["Japan"]
    fig = go.Figure()
    fig.add_bar(x=money.index.tolist(), y=money.round(2).tolist(), name="US$ bn (constant 2023)",
                marker_color=PALETTE["vermillion"],
                hovertemplate="%{x}: US$ %{y:.1f} bn<extra></extra>")
    fig.add_scatter(x=share.index.tolist(), y=share.round(3).tolist(), name="Share of GDP (%)",
                    yaxis="y2", mode="lines+markers", line={"color": PALETTE["blue"]},
                    hovertemplate="%{x}: %{y:.2f} % of GDP<extra></extra>")
    fig.update_layout(
        yaxis={"title": "US$ bn, constant 2023 prices", "rangemode": "tozero"},
        yaxis2={"title": "% of GDP", "overlaying": "y", "side": "right", "range": [0, 1.5],
                "dtick": 0.25, "tickformat": ".2f", "showgrid": False},
        hovermode="x unified", height=480, margin={"r": 70},
    )
    titled(fig, "Japan's military spending jumped after 2022, after three flat decades",
           "SIPRI's definition, 1990–2024: US$ bn at constant 2023 prices (bars), "
           "share of GDP (line)")
    return add_source(fig, "sipri_milex")
