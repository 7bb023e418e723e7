"""Reach explorer: launch site and weapon system → the true geodesic range ring on the map, and
which reference places fall within it (computed by :func:`japansec.compute.missiles.reach`).

Public, approximate ranges from table systems; a teaching aid, not a targeting tool. The Tomahawk is
launched from ships; drawing it from a land site only compares distances.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import plotly.graph_objects as go

from japansec import data
from japansec.compute.missiles import reach
from japansec.explorer import Choice, Deferred, Scenario, View
from japansec.style import PALETTE, add_source, regional_geo, summary_text, titled

SITES = ("kengun", "yufuin", "katsuren", "amami", "miyako", "ishigaki", "yonaguni", "fuji")
# (option key, system id, which figure of the system's range): the standard Type-12 twice,
# because its sources differ.
SYSTEMS = (("type12-low", "type12", "range_km_low"), ("type12-high", "type12", "range_km_high"),
           ("type12-upgraded", "type12-upgraded", "range_km_high"),
           ("tomahawk-block-iv", "tomahawk-block-iv", "range_km_high"))


@cache
def context() -> dict[str, Any]:
    """Sites, systems (label, range) and reference places, from the data package (see
    :mod:`japansec.compute.missiles`)."""
    sites = data.load("sites").set_index("id")
    systems_table = data.load("systems").set_index("id")
    places = data.load("places")
    systems = {}
    for key, system, column in SYSTEMS:
        km = float(systems_table.loc[system, column])
        systems[key] = [f"{systems_table.loc[system, 'name']}: {km:,.0f} km", km]
    return {
        "sites": {s: [str(sites.loc[s, "name"]), float(sites.loc[s, "latitude"]),
                      float(sites.loc[s, "longitude"])] for s in SITES},
        "systems": systems,
        "places": [[str(r.name), float(r.latitude), float(r.longitude)]
                   for r in places.itertuples()],
    }


def figure(view: View) -> go.Figure:
    """An offline map: the ring, places in range (with distances on hover), the site."""
    places = context()["places"]
    fig = go.Figure()
    fig.add_scattergeo(**view.traces[0], mode="lines", name="Range (geodesic)",
                       line={"color": PALETTE["vermillion"], "width": 2}, hoverinfo="text")
    fig.add_scattergeo(**view.traces[1], mode="markers", name="Within range",
                       marker={"size": 10, "color": PALETTE["blue"], "symbol": "diamond"},
                       hoverinfo="text")
    fig.add_scattergeo(**view.traces[2], mode="markers+text", name="Launch site",
                       textposition="bottom right",
                       marker={"size": 12, "symbol": "star", "color": PALETTE["grey"]},
                       hoverinfo="text")
    # Hung below its point, so that on a phone, wrapped, it stays inside the map's frame.
    fig.add_scattergeo(**view.traces[3], **summary_text(textposition="bottom right",
                                                         textfont={"size": 12}))
    fig.add_scattergeo(lat=[p[1] for p in places], lon=[p[2] for p in places], mode="markers",
                       name="Reference places", marker={"size": 5, "color": PALETTE["grey"]},
                       text=[p[0] for p in places], hoverinfo="text")
    regional_geo(fig, lon=(108, 152), lat=(10, 50))
    fig.update_layout(height=700, margin={"t": 100, "b": 150, "l": 10, "r": 10},
                      legend={"y": -0.02, "yanchor": "top", "orientation": "h"})
    titled(fig, "What a range means on the map",
           "Public, approximate ranges drawn as true geodesic rings; a teaching aid, "
           "not a targeting tool")
    return add_source(fig, "sites", "systems", "places")


def _parameters() -> tuple[Choice, Choice]:
    """The site and system menus, labelled from tables sites and systems."""
    sites, systems = context()["sites"], context()["systems"]
    return (Choice("site", "Launch site", tuple((sites[s][0], s) for s in SITES), "kengun"),
            Choice("system", "Weapon system",
                   tuple((label, key) for key, (label, _) in systems.items()), "type12-upgraded"))


REACH = Scenario(
    name="reach",
    title="Reach explorer",
    description=("Draws the true geodesic range of a weapon system around a launch site on an "
                 "offline map and lists the reference places within range, with distances."),
    parameters=Deferred(_parameters),
    compute=reach,
    figure=figure,
    context=context,
)
