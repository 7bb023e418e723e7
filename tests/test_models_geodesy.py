"""Geodesic functions against GeographicLib reference values (shared/research/geo/geo-notes.md)."""

from __future__ import annotations

import math

import pytest

from japansec.models.geodesy import WGS84, distance_km, places_within, ring

TOKYO, BEIJING = (35.6895, 139.69171), (39.9075, 116.39723)
NAHA, SHANGHAI = (26.213, 127.67851), (31.22222, 121.45806)
KENGUN, TAIPEI = (32.790056, 130.760528), (25.05306, 121.52639)
YONAGUNI = (24.46833, 123.00472)


@pytest.mark.parametrize("a,b,km", [
    (TOKYO, BEIJING, 2097.8), (NAHA, SHANGHAI, 822.8), (KENGUN, SHANGHAI, 895.7),
    (KENGUN, BEIJING, 1509.1), (YONAGUNI, TAIPEI, 162.9)])
def test_reference_distances_within_1_km(a, b, km) -> None:
    assert distance_km(*a, *b) == pytest.approx(km, abs=1.0)


def test_distance_is_symmetric_and_zero_on_itself() -> None:
    assert distance_km(*TOKYO, *BEIJING) == pytest.approx(distance_km(*BEIJING, *TOKYO))
    assert distance_km(*TOKYO, *TOKYO) == 0


@pytest.mark.parametrize("centre,radius", [(KENGUN, 1000), (YONAGUNI, 200), ((60.0, 170.0), 1600)])
def test_every_ring_point_lies_at_the_radius_within_0_1_percent(centre, radius) -> None:
    lats, lons = ring(*centre, radius)
    assert (lats[0], lons[0]) == (lats[-1], lons[-1])
    for lat, lon in zip(lats, lons, strict=True):
        assert distance_km(*centre, lat, lon) == pytest.approx(radius, rel=1e-3)


def test_a_ring_is_not_a_circle_in_degrees() -> None:
    """East-west, 1000 km spans more degrees of longitude than of latitude at 32° N."""
    lats, lons = ring(*KENGUN, 1000, points=8)  # azimuths 0, 45, 90, ...: index 2 is east
    north, east = lats[0] - KENGUN[0], lons[2] - KENGUN[1]
    assert east / north == pytest.approx(1 / math.cos(math.radians(KENGUN[0])), rel=0.05)


def test_places_within_range_nearest_first() -> None:
    places = [("Beijing", *BEIJING), ("Shanghai", *SHANGHAI), ("Taipei", *TAIPEI)]
    found = places_within(*KENGUN, 1000, places)
    assert [p.name for p in found] == ["Shanghai"]
    assert found[0].distance_km == pytest.approx(895.7, abs=1)
    assert places_within(*KENGUN, 100, places) == []


@pytest.mark.parametrize("call,message", [
    (lambda: distance_km(200, 0, 0, 0), "latitude must be from -90 to 90"),
    (lambda: ring(0, 0, -5), "radius_km must be from"),
    (lambda: ring(0, 0, 100, points=3), "points must be a whole number of at least 8"),
    (lambda: distance_km("35", 0, 0, 0), "latitude must be a number"),
])
def test_bad_input_is_rejected(call, message) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_uses_the_wgs84_ellipsoid() -> None:
    assert WGS84.a == 6378137 and WGS84.f == pytest.approx(1 / 298.257223563)
