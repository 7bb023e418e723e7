"""Reach explorer: launch site and weapon system → the true geodesic range ring on the map, and
which reference places fall within it.

``context`` (from :func:`japansec.scenarios.missiles.context`): ``sites`` (id → [name, latitude,
longitude]), ``systems`` (option key → [label, range in km]) and ``places`` ([name, latitude,
longitude] each), from tables sites, systems and places.
"""

from __future__ import annotations

from typing import Any

from japansec.explorer import View
from japansec.models.geodesy import places_within, ring
from japansec.text import plain, wrap

SUMMARY_AT = (47.0, 109.5)  # where the map writes its one-line summary (lat, lon)


def reach(context: dict[str, Any], site: str, system: str) -> View:
    """Traces: the range ring, the places within it, the launch site and a summary line."""
    name, lat, lon = context["sites"][site]
    label, km = context["systems"][system]
    places = [tuple(place) for place in context["places"]]
    # 72 points (every 5° of azimuth) rounded to 0.001° (about 100 m): enough for a map.
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
    ], readout=f"{label} from {name}: {plain(summary)}.")
