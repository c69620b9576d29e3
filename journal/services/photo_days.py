"""Keeping photo rows on their days: deriving each row's time and day, and ordering a day.

Shared by the import, camera corrections and trip edits (dates, zone, day-start hour), which all
come down to "re-derive these rows, then put the ones that moved in time order on their new day".
Pinned photos were placed by hand: their times are re-derived, their day and place are kept.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from journal.photos.capture_time import TimeSource
from journal.photos.day_assignment import DerivedTime, RecordedTime, TripClock, derive_time
from journal.store.models import CameraOffset, Photo, Trip

CameraTuple = tuple[str, str, str]


def trip_clock(trip: Trip) -> TripClock:
    return TripClock(
        zone=ZoneInfo(trip.timezone),
        start=trip.start_date,
        end=trip.end_date,
        day_start_minutes=trip.day_start_minutes,
    )


def camera_of(photo: Photo) -> CameraTuple:
    return (photo.camera_make, photo.camera_model, photo.camera_serial)


def camera_offsets(session: Session, trip_id: int) -> dict[CameraTuple, int]:
    rows = session.scalars(select(CameraOffset).where(CameraOffset.trip_id == trip_id))
    return {
        (row.camera_make, row.camera_model, row.camera_serial): row.offset_seconds for row in rows
    }


def recorded_time(photo: Photo) -> RecordedTime:
    return RecordedTime(
        wall_time=photo.wall_time,
        source=TimeSource(photo.time_source) if photo.time_source else None,
        offset_minutes=photo.recorded_offset_minutes,
        latitude=photo.gps_latitude,
        longitude=photo.gps_longitude,
    )


def apply_derived(photo: Photo, derived: DerivedTime) -> bool:
    """Store ``derived`` on the row; return whether its day changed (never for a pinned photo)."""
    photo.local_time = derived.local_time
    photo.utc_offset_minutes = derived.utc_offset_minutes
    photo.captured_utc = derived.captured_utc
    photo.zone_source = derived.zone_source
    photo.zone_name = derived.zone_name
    if photo.pinned or photo.day_date == derived.day:
        return False
    photo.day_date = derived.day
    return True


@dataclass
class Rederived:
    """What a re-derivation changed: photos whose time or day moved, and the days involved."""

    photos: set[int] = field(default_factory=set)
    days: set[date] = field(default_factory=set)


def rederive(session: Session, trip: Trip, camera: CameraTuple | None = None) -> Rederived:
    """Re-derive every photo of ``trip`` (or of one camera) from what its file recorded."""
    clock = trip_clock(trip)
    offsets = camera_offsets(session, trip.id)
    query = select(Photo).where(Photo.trip_id == trip.id)
    if camera is not None:
        query = query.where(
            Photo.camera_make == camera[0],
            Photo.camera_model == camera[1],
            Photo.camera_serial == camera[2],
        )
    result = Rederived()
    moved: list[Photo] = []
    for photo in session.scalars(query):
        before = (photo.local_time, photo.utc_offset_minutes, photo.day_date)
        old_day = photo.day_date
        derived = derive_time(recorded_time(photo), clock, offsets.get(camera_of(photo), 0))
        if apply_derived(photo, derived):
            moved.append(photo)
            result.days.update(day for day in (old_day, photo.day_date) if day is not None)
        if before != (photo.local_time, photo.utc_offset_minutes, photo.day_date):
            result.photos.add(photo.id)
    place_by_time(session, trip.id, moved)
    return result


def time_order(photo: Photo) -> tuple[bool, datetime, int]:
    """Sort key: in the order they were taken, photos without a time last, ties by id.

    The instant, not the local time: after a flight from Seoul, a Seoul photo at 08:00 was
    taken before a Seattle one at 07:00 of the same date, and the story reads in that order.
    """
    return (photo.captured_utc is None, photo.captured_utc or datetime.min, photo.id or 0)


def place_by_time(session: Session, trip_id: int, arrivals: Iterable[Photo]) -> None:
    """Put photos that just arrived on their day among those already there, by time.

    Each goes after the last photo of its day taken no later than it, so a day the user ordered
    by hand keeps that order and a new photo still lands near its neighbours in time.
    """
    by_day: dict[date | None, list[Photo]] = defaultdict(list)
    for photo in arrivals:
        by_day[photo.day_date].append(photo)
    for day, newcomers in by_day.items():
        new_ids = {id(photo) for photo in newcomers}
        residents = [
            photo
            for photo in session.scalars(
                select(Photo)
                .where(
                    Photo.trip_id == trip_id,
                    Photo.day_date.is_(None) if day is None else Photo.day_date == day,
                )
                .order_by(Photo.position, Photo.id)
            )
            if id(photo) not in new_ids
        ]
        for photo in sorted(newcomers, key=time_order):
            index = len(residents)
            if photo.captured_utc is not None:
                index = 0
                for position, resident in enumerate(residents):
                    taken = resident.captured_utc
                    if taken is not None and taken <= photo.captured_utc:
                        index = position + 1
            residents.insert(index, photo)
        for position, photo in enumerate(residents):
            photo.position = position
