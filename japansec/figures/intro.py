"""Figures of the introduction chapter (chapters/intro.ipynb), built from the data package."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from japansec import data
from japansec.style import PALETTE, add_source, titled


def japan_spending_since_1990(milex: pd.DataFrame) -> go.Figure:
    """Japan's military spending 1990–2024 (``milex``: SIPRI's table sipri_milex, constant 2023
    US$) with its share of GDP."""
    years = (1990, 2024)
    money = data.sipri("constant_2023_usd_m", ["Japan"], years, milex)["Japan"] / 1000
    share = data.sipri("share_of_gdp", ["Japan"], years, milex)["Japan"]
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
