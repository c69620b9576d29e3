"""The time zone a trip's photos say it was in, to offer for a new trip that got UTC or the
system's zone while its photos were taken elsewhere.

A photo speaks for a zone through its GPS position (the zone in force there, from tzfpy's
offline boundaries) or, without one, through the UTC offset its camera recorded: an offset
names no place, so it counts for the trip's own zone when that zone had the offset then, and
otherwise for the fixed-offset zone ``Etc/GMT±N`` (IANA's, with the sign reversed) when the
offset is whole hours. The zone most photos speak for is suggested; nothing is suggested when
none speaks or they agree with the trip.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from journal.photos.day_assignment import ZoneSource
from journal.photos.time_zones import zone_at
from journal.services.snapshots import PhotoInfo, TripInfo


def suggested_zone(trip: TripInfo, photos: Iterable[PhotoInfo]) -> str | None:
    """The IANA zone most of ``photos`` speak for, if it is not the trip's own."""
    votes = Counter(zone for photo in photos if (zone := _zone_of(photo, trip.zone)) is not None)
    if not votes:
        return None
    zone, _count = votes.most_common(1)[0]
    return None if zone == trip.timezone else zone


def _zone_of(photo: PhotoInfo, trip_zone: ZoneInfo) -> str | None:
    if photo.gps_latitude is not None and photo.gps_longitude is not None:
        place = zone_at(photo.gps_latitude, photo.gps_longitude)
        if place is not None:
            return place.key
    if (
        photo.zone_source == ZoneSource.RECORDED
        and photo.utc_offset_minutes is not None
        and photo.captured_utc is not None
    ):
        return _zone_with_offset(photo.utc_offset_minutes, photo.captured_utc, trip_zone)
    return None


def _zone_with_offset(minutes: int, utc: dt.datetime, trip_zone: ZoneInfo) -> str | None:
    moment = utc.replace(tzinfo=dt.UTC) if utc.tzinfo is None else utc
    if moment.astimezone(trip_zone).utcoffset() == dt.timedelta(minutes=minutes):
        return trip_zone.key
    hours, rest = divmod(minutes, 60)
    if rest or not -12 <= hours <= 14:
        return None
    if hours == 0:
        return "UTC"
    return f"Etc/GMT{-hours:+d}"
