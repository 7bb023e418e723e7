"""Geodesic distances and range rings on the WGS84 ellipsoid (GeographicLib).

A missile's range is a distance along the Earth's surface. A circle drawn in degrees of latitude and
longitude is not that: a degree of longitude shrinks toward the poles. These functions use
GeographicLib's geodesics, accurate to millimetres.

Examples
--------
>>> round(distance_km(35.6895, 139.69171, 39.9075, 116.39723), 1)  # Tokyo to Beijing
2097.8
"""

from __future__ import annotations

from dataclasses import dataclass

from geographiclib.geodesic import Geodesic

from japansec.models.checks import check_number

WGS84 = Geodesic.WGS84


def _point(lat: float, lon: float) -> tuple[float, float]:
    return check_number("latitude", lat, -90, 90), check_number("longitude", lon, -180, 180)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance between two points on the WGS84 ellipsoid.

    Parameters
    ----------
    lat1, lon1, lat2, lon2 : float
        Latitudes (-90 to 90) and longitudes (-180 to 180) in degrees.

    Returns
    -------
    float
        The length of the shortest path on the ellipsoid, km.

    Examples
    --------
    From the equator to the pole, a quarter meridian:

    >>> round(distance_km(0, 0, 90, 0), 3)
    10001.966
    """
    (lat1, lon1), (lat2, lon2) = _point(lat1, lon1), _point(lat2, lon2)
    return WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"] / 1000


def ring(lat: float, lon: float, radius_km: float, points: int = 120,
         ) -> tuple[list[float], list[float]]:
    """The closed line of points at ``radius_km`` from (lat, lon).

    Each point is the end of a geodesic of that length from the centre, at evenly spaced
    azimuths; the first point is repeated at the end to close the ring.

    Parameters
    ----------
    lat, lon : float
        The centre, degrees.
    radius_km : float
        The ring's radius along the surface, 0.001 to 15,000 km.
    points : int
        How many azimuths (at least 8).

    Returns
    -------
    (latitudes, longitudes) : tuple of two lists of float
        ``points + 1`` positions, degrees.

    Examples
    --------
    >>> lats, lons = ring(0.0, 0.0, 1000, points=8)
    >>> len(lats), round(distance_km(0.0, 0.0, lats[3], lons[3]), 6)
    (9, 1000.0)
    """
    lat, lon = _point(lat, lon)
    radius_km = check_number("radius_km", radius_km, 0.001, 15000)
    if isinstance(points, bool) or not isinstance(points, int) or points < 8:
        raise ValueError(f"points must be a whole number of at least 8, not {points!r}")
    lats, lons = [], []
    for i in range(points + 1):
        end = WGS84.Direct(lat, lon, 360 * (i % points) / points, radius_km * 1000)
        lats.append(end["lat2"])
        lons.append(end["lon2"])
    return lats, lons


@dataclass(frozen=True)
class InRange:
    """A reference place within range, and its distance from the launch site."""

    name: str
    lat: float
    lon: float
    distance_km: float


def places_within(lat: float, lon: float, radius_km: float,
                  places: list[tuple[str, float, float]]) -> list[InRange]:
    """The ``places`` at most ``radius_km`` from (lat, lon), nearest first.

    Parameters
    ----------
    lat, lon : float
        The centre, degrees.
    radius_km : float
        The range, 0 to 15,000 km.
    places : list of (str, float, float)
        Name, latitude and longitude of each place.

    Returns
    -------
    list of InRange
        The places within range with their distances, nearest first.

    Examples
    --------
    >>> found = places_within(0.0, 0.0, 200, [("far", 0.0, 3.0), ("near", 0.0, 1.0)])
    >>> [(p.name, round(p.distance_km)) for p in found]
    [('near', 111)]
    """
    radius_km = check_number("radius_km", radius_km, 0, 15000)
    found = [InRange(name, plat, plon, distance_km(lat, lon, plat, plon))
             for name, plat, plon in places]
    return sorted((p for p in found if p.distance_km <= radius_km), key=lambda p: p.distance_km)
