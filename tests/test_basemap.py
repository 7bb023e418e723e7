"""The offline base map (data/topojson/world_50m.json, made by scripts/make_basemap.mjs) draws the
islands the book's garrisons stand on, and the book's map views stay inside its clip box."""

from __future__ import annotations

import json
import math
from pathlib import Path

import plotly.graph_objects as go
import pytest

from japansec import data
from japansec.style import MAP_BOX, regional_geo

BASEMAP = Path(__file__).resolve().parents[1] / "data" / "topojson" / "world_50m.json"
PLOTLY_OBJECTS = {"land", "ocean", "coastlines", "countries", "lakes", "rivers", "subunits"}


def land_rings() -> list[list[tuple[float, float]]]:
    """Every ring of the map's land polygons, decoded from TopoJSON (quantised, delta-encoded)."""
    topo = json.loads(BASEMAP.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for i in indexes:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            points += part[1:] if points else part
        return points

    rings = []
    for geometry in topo["objects"]["land"]["geometries"]:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        rings += [ring(r) for polygon in polygons for r in polygon]
    return rings


def inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    """Even-odd ray casting (planar; fine for islands a few kilometres across)."""
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            result = not result
    return result


def test_the_map_has_the_objects_plotly_reads() -> None:
    topo = json.loads(BASEMAP.read_text(encoding="utf-8"))
    assert set(topo["objects"]) == PLOTLY_OBJECTS


def km_to_coast(point: tuple[float, float], rings: list[list[tuple[float, float]]]) -> float:
    """Distance (km, equirectangular: fine at this scale) from a point to the nearest land point."""
    x, y = point
    scale = math.cos(math.radians(y))
    return min(math.hypot((px - x) * scale, py - y) for r in rings for px, py in r) * 111.2


@pytest.mark.parametrize("site", ["yonaguni", "ishigaki", "miyako", "amami", "kengun"])
def test_the_garrison_islands_are_land_on_the_map(site: str) -> None:
    """Each site is on land, or (coordinates marked approximate are island reference points) within
    2 km of the island's coast. On the old 1:50m map Yonaguni's nearest land was over 20 km away."""
    sites = data.load("sites").set_index("id")
    point = (float(sites.loc[site, "longitude"]), float(sites.loc[site, "latitude"]))
    rings = land_rings()
    on_land = sum(inside(point, r) for r in rings) % 2 == 1
    assert on_land or km_to_coast(point, rings) < 2, (
        f"{site} at {point}: no land within 2 km in {BASEMAP.name}")


def test_a_point_at_sea_is_not_land() -> None:
    # Between Yonaguni and Ishigaki, open sea.
    assert sum(inside((123.5, 24.6), r) for r in land_rings()) % 2 == 0


def test_a_view_outside_the_clip_box_is_rejected() -> None:
    regional_geo(go.Figure(), lon=(MAP_BOX[0], MAP_BOX[2]), lat=(MAP_BOX[1], MAP_BOX[3]))
    with pytest.raises(ValueError, match="leaves the base map's box"):
        regional_geo(go.Figure(), lon=(90, 150), lat=(20, 46))
