"""Distances and search boxes on the globe, shared by the index builder and the finder.

A place covers the area its population suggests: ``reach_km`` grows with the square root of the
population (a town of 1,000 reaches 0.8 km, Paris 12.7 km, Tokyo 26.5 km). The index stores that
area as a box, and files it under every grid cell the box overlaps (``cells``), so "which places
is this position in" reads one cell.
"""

import math
from collections.abc import Iterator

KM_PER_DEGREE = 111.195

Box = tuple[float, float, float, float]


def reach_km(population: int) -> float:
    """How far from its centre point a place of this population still is that place."""
    return 0.5 + math.sqrt(max(population, 0)) / 120


def boxes_around(lat: float, lon: float, km: float) -> Iterator[Box]:
    """(south, north, west, east) boxes covering ``km`` around a position: two across the date
    line, one spanning every longitude near a pole."""
    d_lat = km / KM_PER_DEGREE
    south, north = max(lat - d_lat, -90.0), min(lat + d_lat, 90.0)
    cos_lat = math.cos(math.radians(max(abs(south), abs(north))))
    d_lon = km / (KM_PER_DEGREE * cos_lat) if cos_lat > 1e-6 else 360.0
    if d_lon >= 180.0:
        yield south, north, -180.0, 180.0
        return
    west, east = lon - d_lon, lon + d_lon
    if west < -180.0:
        yield south, north, west + 360.0, 180.0
        west = -180.0
    if east > 180.0:
        yield south, north, -180.0, east - 360.0
        east = 180.0
    yield south, north, west, east
