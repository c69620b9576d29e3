"""Keeping photo rows on their days: deriving each row's time and day, and ordering a day.

Shared by the import, camera corrections and trip edits (dates, zone, day-start hour), which all
come down to "re-derive these rows, then put the ones that moved in time order on their new day".
Pinned photos were placed by hand: their times are re-derived, their day and place are kept.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from journal.photos.camera import CameraKey
from journal.photos.capture_time import TimeSource
from journal.photos.day_assignment import DerivedTime, RecordedTime, TripClock, derive_time
from journal.store.models import CameraOffset, Photo, Trip


def trip_clock(trip: Trip) -> TripClock:
    return TripClock(
        zone=ZoneInfo(trip.timezone),
        start=trip.start_date,
        end=trip.end_date,
        day_start_minutes=trip.day_start_minutes,
    )


def camera_offsets(session: Session, trip_id: int) -> dict[CameraKey, int]:
    rows = session.scalars(select(CameraOffset).where(CameraOffset.trip_id == trip_id))
    return {row.camera: row.offset_seconds for row in rows}


def recorded_time(photo: Photo) -> RecordedTime:
    return RecordedTime(
        wall_time=photo.wall_time,
        source=TimeSource(photo.time_source) if photo.time_source else None,
        offset_minutes=photo.recorded_offset_minutes,
        latitude=photo.gps_latitude,
        longitude=photo.gps_longitude,
    )


def day_after(photo: Photo, derived: DerivedTime) -> date | None:
    """The day ``derived`` puts the row on: a pinned photo keeps the day it was given by hand."""
    return photo.day_date if photo.pinned else derived.day


def apply_derived(photo: Photo, derived: DerivedTime) -> bool:
    """Store ``derived`` on the row; return whether its day changed (never for a pinned photo)."""
    photo.local_time = derived.local_time
    photo.utc_offset_minutes = derived.utc_offset_minutes
    photo.captured_utc = derived.captured_utc
    photo.zone_source = derived.zone_source
    photo.zone_name = derived.zone_name
    day = day_after(photo, derived)
    if photo.day_date == day:
        return False
    photo.day_date = day
    return True


@dataclass
class Rederived:
    """What a re-derivation changed: photos whose time or day moved, and the days involved."""

    photos: set[int] = field(default_factory=set)
    days: set[date] = field(default_factory=set)


def derivations(
    session: Session, trip: Trip, clock: TripClock, camera: CameraKey | None = None
) -> Iterator[tuple[Photo, DerivedTime]]:
    """Each photo of ``trip`` (or of one camera) with its time and day under ``clock``, which
    may differ from the trip's own. Writes nothing: a dry run of new dates and the change
    itself derive the days the same way, so the preview cannot promise what the change won't do.
    """
    offsets = camera_offsets(session, trip.id)
    query = select(Photo).where(Photo.trip_id == trip.id)
    if camera is not None:
        query = query.where(Photo.camera == camera)
    for photo in session.scalars(query):
        yield photo, derive_time(recorded_time(photo), clock, offsets.get(photo.camera, 0))


def rederive(session: Session, trip: Trip, camera: CameraKey | None = None) -> Rederived:
    """Re-derive every photo of ``trip`` (or of one camera) from what its file recorded."""
    result = Rederived()
    moved: list[Photo] = []
    for photo, derived in derivations(session, trip, trip_clock(trip), camera):
        before = (photo.local_time, photo.utc_offset_minutes, photo.day_date)
        old_day = photo.day_date
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


#: Gap left between the positions of neighbouring photos, so that a photo arriving between two
#: others takes a position in the gap instead of moving every photo after it.
POSITION_STEP = 1024


def place_by_time(session: Session, trip_id: int, arrivals: Iterable[Photo]) -> None:
    """Put photos that just arrived on their day among those already there, by time.

    Each goes after the last photo of its day taken no later than it, so a day the user ordered
    by hand keeps that order and a new photo still lands near its neighbours in time.

    An import commits a batch every fraction of a second into days that may hold hundreds of
    photos, so this must stay cheap: the photos already on the day are read as bare rows, and a
    newcomer takes a position in the gap between its neighbours. Only when there is no gap left
    is the day renumbered (with fresh gaps), and only positions that change are written.
    """
    by_day: dict[date | None, list[Photo]] = defaultdict(list)
    for photo in arrivals:
        by_day[photo.day_date].append(photo)
    if not by_day:
        return
    session.flush()  # the newcomers need their ids
    for day, newcomers in by_day.items():
        new_ids = {photo.id for photo in newcomers}
        rows = session.execute(
            select(Photo.id, Photo.captured_utc, Photo.position)
            .where(
                Photo.trip_id == trip_id,
                Photo.day_date.is_(None) if day is None else Photo.day_date == day,
            )
            .order_by(Photo.position, Photo.id)
        ).all()
        order: list[tuple[int, datetime | None, int | None]] = [
            (row.id, row.captured_utc, row.position) for row in rows if row.id not in new_ids
        ]
        for photo in sorted(newcomers, key=time_order):
            index = _slot(order, photo.captured_utc)
            order.insert(index, (photo.id, photo.captured_utc, _gap_position(order, index)))
        if any(position is None for _, _, position in order):
            positions = {photo_id: i * POSITION_STEP for i, (photo_id, _, _) in enumerate(order)}
        else:
            positions = {photo_id: position or 0 for photo_id, _, position in order}
        for photo in newcomers:
            photo.position = positions[photo.id]
        moved = [
            {"id": row.id, "position": positions[row.id]}
            for row in rows
            if row.id not in new_ids and row.position != positions[row.id]
        ]
        if moved:
            session.execute(update(Photo), moved)
            _refresh_loaded_positions(session, moved)


def _gap_position(order: list[tuple[int, datetime | None, int | None]], index: int) -> int | None:
    """A position strictly between the photos before and after ``index``, or None if none is
    free (the day is then renumbered)."""
    before = order[index - 1][2] if index > 0 else None
    after = order[index][2] if index < len(order) else None
    if before is None and after is None:
        return 0 if not order else None
    if before is None:
        return None if after is None else after - POSITION_STEP
    if after is None:
        return before + POSITION_STEP
    middle = (before + after) // 2
    return middle if before < middle < after else None


def _slot(residents: list[tuple[int, datetime | None, int | None]], taken: datetime | None) -> int:
    """Where a photo taken at ``taken`` goes: after the last resident taken no later than it
    (at the end when its time is unknown, at the start when all were taken after it)."""
    if taken is None:
        return len(residents)
    for index in range(len(residents) - 1, -1, -1):
        resident_taken = residents[index][1]
        if resident_taken is not None and resident_taken <= taken:
            return index + 1
    return 0


def _refresh_loaded_positions(session: Session, moved: list[dict[str, int]]) -> None:
    """Rows this session already holds as objects learn their new position without a reload."""
    for change in moved:
        loaded = session.identity_map.get(session.identity_key(Photo, change["id"]))
        if loaded is not None:
            set_committed_value(loaded, "position", change["position"])
