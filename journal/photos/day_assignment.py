"""From a recorded capture time to the photo's local time and its trip day.

The rules, in order:

1. A time that is an instant (GPS, file modification) is placed in the zone of the photo's GPS
   position if it has one, else in the trip's zone.
2. A camera's wall clock is first corrected by that camera's offset (``+9 h`` for a clock left on
   home time). Then its zone is the offset the photo recorded (EXIF ``OffsetTimeOriginal``, XMP)
   - unless a correction was needed, because a camera whose clock was wrong was wrong about its
   zone too - else the zone of its GPS position at that instant, else the trip's zone.
3. The day is the local date, counted from the trip's day-start hour (with 04:00, a 1 a.m. photo
   belongs to the evening before). A day outside the trip's dates means the Unassigned tray.

This is a pure function of values a photo row keeps, so a camera correction or a change of the
trip's dates re-derives every photo without reading a file again.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from journal.photos.capture_time import TimeSource
from journal.photos.time_zones import zone_at


@dataclass(frozen=True)
class TripClock:
    """What day assignment needs to know about a trip."""

    zone: ZoneInfo
    start: date
    end: date
    day_start_minutes: int = 0

    def day_of(self, local_time: datetime) -> date | None:
        day = (local_time - timedelta(minutes=self.day_start_minutes)).date()
        return day if self.start <= day <= self.end else None


@dataclass(frozen=True)
class RecordedTime:
    """A photo's capture time as its file recorded it, and its position."""

    wall_time: datetime | None
    source: TimeSource | None
    offset_minutes: int | None = None
    latitude: float | None = None
    longitude: float | None = None


class ZoneSource(StrEnum):
    """Where a photo's UTC offset came from."""

    #: The photo recorded it (EXIF OffsetTimeOriginal, an XMP time with an offset).
    RECORDED = "recorded"
    #: The time zone at the photo's GPS position, at that instant.
    GPS_POSITION = "gps-position"
    #: Assumed: the camera clock was on the trip's time zone.
    TRIP = "trip"


@dataclass(frozen=True)
class DerivedTime:
    local_time: datetime | None = None
    utc_offset_minutes: int | None = None
    captured_utc: datetime | None = None
    zone_source: ZoneSource | None = None
    zone_name: str | None = None
    #: The trip day, or None for the Unassigned tray (no time, or a date outside the trip).
    day: date | None = None


def derive_time(
    recorded: RecordedTime, trip: TripClock, camera_offset_seconds: int = 0
) -> DerivedTime:
    if recorded.wall_time is None or recorded.source is None:
        return DerivedTime()
    place = (
        zone_at(recorded.latitude, recorded.longitude)
        if recorded.latitude is not None and recorded.longitude is not None
        else None
    )
    zone, zone_source = (
        (place, ZoneSource.GPS_POSITION) if place is not None else (trip.zone, ZoneSource.TRIP)
    )
    if recorded.source.is_instant:
        utc = recorded.wall_time
        local = utc.replace(tzinfo=UTC).astimezone(zone)
        return _derived(local.replace(tzinfo=None), _minutes(local), utc, zone_source, zone, trip)

    wall = recorded.wall_time + timedelta(seconds=camera_offset_seconds)
    if recorded.offset_minutes is not None and camera_offset_seconds == 0:
        offset = recorded.offset_minutes
        utc = wall - timedelta(minutes=offset)
        return _derived(wall, offset, utc, ZoneSource.RECORDED, None, trip)
    offset = _minutes(wall.replace(tzinfo=zone))
    utc = wall - timedelta(minutes=offset)
    return _derived(wall, offset, utc, zone_source, zone, trip)


def _minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def _derived(
    local: datetime,
    offset: int,
    utc: datetime,
    zone_source: ZoneSource,
    zone: ZoneInfo | None,
    trip: TripClock,
) -> DerivedTime:
    return DerivedTime(
        local_time=local,
        utc_offset_minutes=offset,
        captured_utc=utc,
        zone_source=zone_source,
        zone_name=zone.key if zone is not None else None,
        day=trip.day_of(local),
    )
