"""Where the traveller was at a given moment, from every timed fix of a trip's tracks.

Like exiftool's ``-geotag``: between two fixes of one segment the position is interpolated
linearly in time; before, after or between segments (the logger was off) it is the nearest fix.
Either way only within ``max_gap`` seconds of a fix (exiftool's default is 30 minutes), and the
answer says how far in time its nearest fix was, which is how much to trust it.
"""

import math
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from tzfpy import get_tz

from journal.tracks.fixes import Segment, SegmentKind

#: exiftool's default for both interpolation and the nearest fix: half an hour.
DEFAULT_MAX_GAP_SECONDS = 30 * 60


@dataclass(frozen=True)
class TrackPosition:
    latitude: float
    longitude: float
    #: Seconds between the moment asked and the nearest fix.
    gap_seconds: float


class Timeline:
    """The timed fixes of any number of segments, in time order, each knowing its segment."""

    def __init__(self, segments: Iterable[Segment]) -> None:
        fixes: list[tuple[float, float, float, int]] = []
        run = 0
        for segment in segments:
            lone_points = segment.kind is SegmentKind.WAYPOINT
            for time, latitude, longitude in zip(
                segment.times, segment.latitudes, segment.longitudes, strict=True
            ):
                if math.isnan(time):
                    continue
                fixes.append((time, latitude, longitude, run))
                run += lone_points  # waypoints are single places, never a line to follow
            run += 1
        fixes.sort(key=lambda fix: fix[0])
        self._times = [fix[0] for fix in fixes]
        self._latitudes = [fix[1] for fix in fixes]
        self._longitudes = [fix[2] for fix in fixes]
        self._runs = [fix[3] for fix in fixes]

    def __len__(self) -> int:
        return len(self._times)

    def position_at(self, seconds: float, max_gap: float) -> TrackPosition | None:
        """The position at POSIX time ``seconds``, or None when no fix is within ``max_gap``."""
        times = self._times
        after = bisect_left(times, seconds)
        before = after - 1
        gap_after = times[after] - seconds if after < len(times) else math.inf
        gap_before = seconds - times[before] if before >= 0 else math.inf
        gap = min(gap_before, gap_after)
        if gap > max_gap:
            return None
        if (
            gap_after == 0
            or math.inf in (gap_before, gap_after)
            or self._runs[before] != self._runs[after]
        ):
            nearest = after if gap_after <= gap_before else before
            return TrackPosition(self._latitudes[nearest], self._longitudes[nearest], gap)
        share = gap_before / (times[after] - times[before])
        latitude = self._latitudes[before] + share * (
            self._latitudes[after] - self._latitudes[before]
        )
        return TrackPosition(
            latitude,
            _longitude_between(self._longitudes[before], self._longitudes[after], share),
            gap,
        )

    @cached_property
    def zone_names(self) -> tuple[str, ...]:
        """The IANA zones the track passes through, in the order it first enters them: where a
        camera clock without an offset may have been set to."""
        names: dict[str, None] = {}
        for latitude, longitude in zip(self._latitudes, self._longitudes, strict=True):
            name = get_tz(longitude, latitude)
            if name:
                names.setdefault(name)
        return tuple(names)


def _longitude_between(start: float, end: float, share: float) -> float:
    """Part way from ``start`` to ``end`` the short way round: across the date line from 179.9
    to -179.9 is 0.2 degrees, not 359.8 back across Africa."""
    step = (end - start + 540.0) % 360.0 - 180.0
    longitude = start + share * step
    return (longitude + 540.0) % 360.0 - 180.0 if not -180.0 <= longitude <= 180.0 else longitude
