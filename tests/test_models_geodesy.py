"""Geodesic functions against independent published references: Karney's test set of geodesics
(GeodTest.dat, computed in high-precision arithmetic; C. F. F. Karney, "Test set for geodesics",
Zenodo 2011, doi:10.5281/zenodo.32156) and the length of the WGS84 meridian, computed here from the
ellipse by the arithmetic-geometric mean, not by GeographicLib."""

from __future__ import annotations

import math

import pytest

from japansec.models.geodesy import distance_km, places_within, ring

TOKYO, BEIJING = (35.6895, 139.69171), (39.9075, 116.39723)
NAHA, SHANGHAI = (26.213, 127.67851), (31.22222, 121.45806)
KENGUN, TAIPEI = (32.790056, 130.760528), (25.05306, 121.52639)
YONAGUNI = (24.46833, 123.00472)


# Lines of Karney's GeodTest.dat (WGS84): lat1, lon1, lat2, lon2 (degrees, exact) and s12 (m).
KARNEY = [
    (35.60777, -139.44815, -11.17491, -69.95921, 8935244.5604818305),
    (-21.97856, 142.59065, 41.84138, 98.56635, 8394328.894657671),
    (-17.42761, 173.34268, -15.84784, 5.93557, 16076603.1631180673),
    (-50.56724, -16.30485, -33.56571, -94.97412, 6455670.5118668696),
    (-19.79938, -174.47484, -11.99349, -154.35109, 2319004.8601169389),
    (-41.22777, 122.32875, -7.57291, 130.37946, 3812686.035106021),
]


@pytest.mark.parametrize("lat1,lon1,lat2,lon2,metres", KARNEY)
def test_distances_match_karneys_test_set_within_a_millimetre(lat1, lon1, lat2, lon2,
                                                              metres) -> None:
    assert distance_km(lat1, lon1, lat2, lon2) == pytest.approx(metres / 1000, abs=1e-6)


def quarter_meridian_km(a: float, f: float) -> float:
    """A quarter of the circumference of the meridian ellipse (semi-axes a and b = a(1 - f)),
    by the arithmetic-geometric mean (Gauss–Kummer), independent of any geodesic library."""
    b = a * (1 - f)
    x, y, total, power = a, b, 0.0, 1.0
    while x - y > 1e-15 * y:
        x, y = (x + y) / 2, math.sqrt(x * y)
        power *= 2
        total += power * (x - y) ** 2
    return math.pi * ((a + b) ** 2 - total) / (x + y) / 4 / 1000


def test_equator_to_pole_is_a_quarter_meridian() -> None:
    """About 10,001.966 km on WGS84 (a = 6,378,137 m, f = 1/298.257223563, NIMA TR8350.2)."""
    quarter = quarter_meridian_km(6378137, 1 / 298.257223563)
    assert quarter == pytest.approx(10001.966, abs=0.001)
    assert distance_km(0, 0, 90, 0) == pytest.approx(quarter, abs=1e-6)
    assert distance_km(0, 30, -90, 0) == pytest.approx(quarter, abs=1e-6)


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
