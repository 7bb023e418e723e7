"""Reach explorer: launch site and weapon system → the true geodesic range ring on the map, and
which reference places fall within it.

Public, approximate ranges from table systems; a teaching aid, not a targeting tool. The Tomahawk is
launched from ships; drawing it from a land site only compares distances.
"""

from __future__ import annotations

from functools import cache

import plotly.graph_objects as go

from japansec import data
from japansec.explorer import Choice, Deferred, Scenario, View
from japansec.models.geodesy import places_within, ring
from japansec.style import PALETTE, add_source, regional_geo, titled, wrap

SITES = ("kengun", "yufuin", "katsuren", "amami", "miyako", "ishigaki", "yonaguni", "fuji")
# (option key, system id, which figure of the system's range): the standard Type-12 twice,
# because its sources differ.
SYSTEMS = (("type12-low", "type12", "range_km_low"), ("type12-high", "type12", "range_km_high"),
           ("type12-upgraded", "type12-upgraded", "range_km_high"),
           ("tomahawk-block-iv", "tomahawk-block-iv", "range_km_high"))
SUMMARY_AT = (47.0, 109.5)  # where the map writes its one-line summary (lat, lon)


@cache
def tables() -> tuple[dict, dict, list[tuple[str, float, float]]]:
    """Sites, systems (label, range) and reference places, from the data package."""
    sites = data.load("sites").set_index("id")
    systems_table = data.load("systems").set_index("id")
    places = data.load("places")
    site_info = {s: (sites.loc[s, "name"], float(sites.loc[s, "latitude"]),
                     float(sites.loc[s, "longitude"])) for s in SITES}
    systems = {}
    for key, system, column in SYSTEMS:
        km = float(systems_table.loc[system, column])
        systems[key] = (f"{systems_table.loc[system, 'name']}: {km:,.0f} km", km)
    place_list = [(r.name, float(r.latitude), float(r.longitude)) for r in places.itertuples()]
    return site_info, systems, place_list


def compute(site: str, system: str) -> View:
    """Traces: the range ring, the places within it, the launch site and a summary line."""
    sites, systems, places = tables()
    name, lat, lon = sites[site]
    label, km = systems[system]
    # 72 points (every 5° of azimuth) rounded to 0.001° (about 100 m): enough for a map, and
    # small enough to keep all 32 scenarios in the static page.
    ring_lat, ring_lon = ring(lat, lon, km, points=72)
    found = places_within(lat, lon, km, places)
    names = ", ".join(p.name.split(" (")[0] for p in found[:6]) or "none of the reference places"
    more = f" and {len(found) - 6} more" if len(found) > 6 else ""
    summary = wrap(f"{len(found)} of {len(places)} reference places within {km:,.0f} km: "
                    f"{names}{more}", 48)
    return View(traces=[
        {"lat": [round(v, 3) for v in ring_lat], "lon": [round(v, 3) for v in ring_lon],
         "text": f"{label} from {name}"},
        {"lat": [p.lat for p in found], "lon": [p.lon for p in found],
         "text": [f"{p.name}: {p.distance_km:,.0f} km" for p in found]},
        {"lat": [lat], "lon": [lon], "text": [name]},
        {"lat": [SUMMARY_AT[0]], "lon": [SUMMARY_AT[1]], "text": [summary]},
    ])


def figure(view: View) -> go.Figure:
    """An offline map: the ring, places in range (with distances on hover), the site."""
    places = tables()[2]
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
    fig.add_scattergeo(**view.traces[3], mode="text", textposition="middle right",
                       showlegend=False, hoverinfo="skip", textfont={"size": 12})
    fig.add_scattergeo(lat=[p[1] for p in places], lon=[p[2] for p in places], mode="markers",
                       name="Reference places", marker={"size": 5, "color": PALETTE["grey"]},
                       text=[p[0] for p in places], hoverinfo="text")
    regional_geo(fig, lon=(108, 152), lat=(10, 50))
    # The legend sits below the static figure's slider and its labels (about 110 px under the map).
    fig.update_layout(height=800, margin={"t": 150, "b": 250, "l": 10, "r": 10},
                      legend={"y": -0.36})
    titled(fig, "What a range means on the map",
           "Public, approximate ranges drawn as true geodesic rings; a teaching aid, "
           "not a targeting tool")
    return add_source(fig, "sites", "systems", "places")


def _parameters() -> tuple[Choice, Choice]:
    """The site and system menus, labelled from tables sites and systems."""
    sites, systems, _ = tables()
    return (Choice("site", "Launch site", tuple((sites[s][0], s) for s in SITES), "kengun"),
            Choice("system", "Weapon system",
                   tuple((label, key) for key, (label, _) in systems.items()), "type12-upgraded"))


REACH = Scenario(
    name="reach",
    title="Reach explorer",
    description=("Draws the true geodesic range of a weapon system around a launch site on an "
                 "offline map and lists the reference places within range, with distances."),
    parameters=Deferred(_parameters),
    compute=compute,
    figure=figure,
)
