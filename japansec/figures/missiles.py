"""Figures of the missiles chapter (chapters/missiles.ipynb), built from the data package."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from japansec.style import (
    PALETTE,
    add_source,
    regional_geo,
    source_note,
    timeline,
    titled,
    wrap,
)

SITE_KINDS = {"gsdf_camp": ("GSDF camp", PALETTE["vermillion"], "circle"),
              "gsdf_subcamp": ("GSDF sub-camp", PALETTE["orange"], "triangle-up"),
              "jasdf_base": ("ASDF base", PALETTE["sky"], "square"),
              "mod_hq": ("Ministry of Defense / JJOC", PALETTE["green"], "diamond"),
              "us_base": ("US base", PALETTE["blue"], "star")}


# Where each site's label goes on the map, so that neighbouring labels do not overlap.
LABEL_POSITIONS = {"yokota": "top left", "ichigaya": "bottom right", "fuji": "bottom left",
                   "nyutabaru": "bottom right", "ebino": "bottom left", "kengun": "middle left",
                   "yufuin": "top right", "kadena": "middle left", "katsuren": "bottom right",
                   "yonaguni": "top center", "ishigaki": "bottom center", "miyako": "top right",
                   "kamifurano": "bottom left", "amami": "middle right"}


def _site_hover(site: object) -> str:
    approximate = (f"<br>Position approximate: {site.coordinates_note}"
                   if site.coordinates == "approximate" else "")
    return (f"<b>{site.name}</b> ({site.name_ja}), {site.prefecture}<br>"
            f"{wrap(site.units_systems)}{approximate}<br>"
            f"{source_note(site)}")


def sites_map(sites: pd.DataFrame) -> go.Figure:
    """The bases of the book (``sites``: table sites with its sources) on an offline map; open
    markers are approximate positions."""
    fig = go.Figure()
    for kind, (label, colour, symbol) in SITE_KINDS.items():
        rows = sites[sites["kind"] == kind]
        if rows.empty:
            continue
        fig.add_scattergeo(
            lat=rows["latitude"].round(4).tolist(), lon=rows["longitude"].round(4).tolist(),
            mode="markers+text", name=label, text=rows["name"].tolist(),
            textposition=[LABEL_POSITIONS.get(i, "middle right") for i in rows["id"]],
            textfont={"size": 10},
            marker={"size": 11, "color": colour, "line": {"width": 2, "color": colour},
                    "symbol": [f"{symbol}-open" if c == "approximate" else symbol
                               for c in rows["coordinates"]]},
            hovertext=[_site_hover(r) for r in rows.itertuples()],
            hoverinfo="text")
    regional_geo(fig, lon=(121, 147), lat=(23, 45))
    fig.update_layout(height=620, margin={"t": 80, "b": 110, "l": 10, "r": 10},
                      legend={"y": -0.02})
    titled(fig, "From Hokkaido to Yonaguni: the sites of the build-up",
           "Bases and garrisons in this book; open markers mark approximate positions")
    return add_source(fig, "sites")


def deployment_timeline(events: pd.DataFrame) -> go.Figure:
    """The deployment and procurement events of ``events`` (table events with sources), 2013 on."""
    return timeline(events, ["deployment", "procurement"],
                    "Garrisons first, then missiles that reach the mainland",
                    "Deployments and procurement, 2016–2026; filled = done, open = announced")
