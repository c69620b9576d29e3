"""A run of GPS fixes, and its compact form in the library.

Fixes are kept as three parallel arrays of doubles (POSIX seconds, latitude, longitude) rather
than objects: a day of one-second logging is 86,400 points, read all at once to match photos.
Stored, they are packed little-endian, (time, latitude, longitude) per point, so a library
moves between machines unchanged; a point without a time has NaN there.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass, field
from enum import StrEnum
from sys import byteorder

_VALUES_PER_FIX = 3


class SegmentKind(StrEnum):
    """Which part of a GPX file a run of points came from."""

    TRACK = "track"
    ROUTE = "route"
    WAYPOINT = "waypoint"


@dataclass
class Segment:
    """Points recorded without a break: photos are interpolated only inside one."""

    kind: SegmentKind
    times: array[float] = field(default_factory=lambda: array("d"))
    latitudes: array[float] = field(default_factory=lambda: array("d"))
    longitudes: array[float] = field(default_factory=lambda: array("d"))

    def __len__(self) -> int:
        return len(self.times)

    def append(self, time: float | None, latitude: float, longitude: float) -> None:
        self.times.append(math.nan if time is None else time)
        self.latitudes.append(latitude)
        self.longitudes.append(longitude)

    @property
    def timed_count(self) -> int:
        return sum(1 for time in self.times if not math.isnan(time))


def pack(segment: Segment) -> bytes:
    """The segment's points as little-endian doubles, (time, latitude, longitude) each."""
    values = array("d", bytes(8 * _VALUES_PER_FIX * len(segment)))
    values[0::_VALUES_PER_FIX] = segment.times
    values[1::_VALUES_PER_FIX] = segment.latitudes
    values[2::_VALUES_PER_FIX] = segment.longitudes
    if byteorder == "big":
        values.byteswap()
    return values.tobytes()


def unpack(kind: SegmentKind, packed: bytes) -> Segment:
    """The inverse of ``pack``."""
    if len(packed) % (8 * _VALUES_PER_FIX):
        raise ValueError(f"a packed segment of {len(packed)} bytes is not whole fixes")
    values = array("d")
    values.frombytes(packed)
    if byteorder == "big":
        values.byteswap()
    return Segment(
        kind,
        values[0::_VALUES_PER_FIX],
        values[1::_VALUES_PER_FIX],
        values[2::_VALUES_PER_FIX],
    )
