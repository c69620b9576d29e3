"""A photo without its own GPS, placed on a track by its capture time, and its time zone taken
from where it was.

The instant comes first: camera clock corrections apply before anything is looked up. A photo
whose instant is known (it recorded its UTC offset, or its time is GPS or file time) is looked
up at that instant. A camera clock with no offset is harder: the instant depends on the zone,
and the zone on where the photo was. The zone chosen is one that agrees with itself: read the
clock in that zone, look up the track at that instant, and the track is in that zone. The trip's
zone is tried first, then every zone the track passes through; of several that agree (a clock
read twice when the track crosses back into an earlier hour) the one nearest a fix wins.
"""

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from journal.photos.day_assignment import (
    DerivedTime,
    RecordedTime,
    TripClock,
    ZoneSource,
    derive_time,
)
from journal.tracks.timeline import Timeline, TrackPosition

_EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True)
class Placement:
    """Where the track puts a photo, and its time and day derived with that position."""

    position: TrackPosition
    derived: DerivedTime


def place_on_track(
    recorded: RecordedTime,
    clock: TripClock,
    timeline: Timeline,
    max_gap: float,
    camera_offset_seconds: int = 0,
) -> Placement | None:
    """The placement of a photo without its own position, or None when it was taken further
    than ``max_gap`` seconds from every fix (or has no time)."""
    unplaced = derive_time(recorded, clock, camera_offset_seconds)
    if unplaced.captured_utc is None or unplaced.local_time is None:
        return None
    if unplaced.zone_source is ZoneSource.RECORDED or (
        recorded.source is not None and recorded.source.is_instant
    ):
        return _placed(recorded, clock, camera_offset_seconds, timeline, max_gap, unplaced)
    agreeing: list[Placement] = []
    for zone in dict.fromkeys((clock.zone, *map(ZoneInfo, timeline.zone_names))):
        read_in_zone = _in_zone(unplaced, unplaced.local_time, zone)
        placement = _placed(recorded, clock, camera_offset_seconds, timeline, max_gap, read_in_zone)
        if placement is not None and placement.derived.captured_utc == read_in_zone.captured_utc:
            agreeing.append(placement)
    if not agreeing:
        return None
    return min(agreeing, key=lambda placement: placement.position.gap_seconds)


def _in_zone(derived: DerivedTime, wall: datetime, zone: ZoneInfo) -> DerivedTime:
    offset = wall.replace(tzinfo=zone).utcoffset() or timedelta()
    return dataclasses.replace(derived, captured_utc=wall - offset)


def _placed(
    recorded: RecordedTime,
    clock: TripClock,
    camera_offset_seconds: int,
    timeline: Timeline,
    max_gap: float,
    derived: DerivedTime,
) -> Placement | None:
    assert derived.captured_utc is not None
    position = timeline.position_at((derived.captured_utc - _EPOCH).total_seconds(), max_gap)
    if position is None:
        return None
    at_position = dataclasses.replace(
        recorded, latitude=position.latitude, longitude=position.longitude
    )
    return Placement(position, derive_time(at_position, clock, camera_offset_seconds))
