"""Operations on a trip's photos once imported: listing, moving, ordering, captions, deletion and
camera clock corrections. Each runs inside the one session the facade opens."""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from journal.errors import InvalidInputError, NotFoundError
from journal.photos.day_assignment import derive_time
from journal.services import photo_days
from journal.services.changes import Changes
from journal.services.snapshots import CameraInfo, CameraKey, DayMove, PhotoInfo, TripInfo
from journal.store.models import CameraOffset, Photo, Trip

#: A correction beyond two days is a wrong date, not a clock left on another zone; refuse it.
MAX_CAMERA_OFFSET_SECONDS = 2 * 24 * 3600


def _trip(session: Session, trip_id: int) -> Trip:
    trip = session.get(Trip, trip_id)
    if trip is None:
        raise NotFoundError(f"There is no trip with id {trip_id}.")
    return trip


def _day_filter(trip: Trip, day: date | None):  # type: ignore[no-untyped-def]
    """Rows shown on ``day``; None is the Unassigned tray, which includes dates off the trip."""
    if day is None:
        return or_(
            Photo.day_date.is_(None),
            Photo.day_date < trip.start_date,
            Photo.day_date > trip.end_date,
        )
    return Photo.day_date == day


def _check_day(trip: Trip, day: date | None) -> None:
    if day is not None and not trip.start_date <= day <= trip.end_date:
        raise InvalidInputError(
            f"{day} is not a day of {trip.title} ({trip.start_date} to {trip.end_date})."
        )


def _ordered(session: Session, trip: Trip, day: date | None) -> list[Photo]:
    query = (
        select(Photo)
        .where(Photo.trip_id == trip.id, _day_filter(trip, day))
        .order_by(Photo.position, Photo.local_time, Photo.id)
    )
    return list(session.scalars(query))


def photos(session: Session, trip_id: int, day: date | None) -> list[PhotoInfo]:
    trip = _trip(session, trip_id)
    info = TripInfo.of(trip)
    return [PhotoInfo.of(photo, info) for photo in _ordered(session, trip, day)]


def all_photos(session: Session, trip_id: int) -> list[PhotoInfo]:
    """Every photo of the trip: by day (Unassigned last), then in each day's order."""
    trip = _trip(session, trip_id)
    info = TripInfo.of(trip)
    rows = session.scalars(
        select(Photo)
        .where(Photo.trip_id == trip.id)
        .order_by(Photo.day_date.is_(None), Photo.day_date, Photo.position, Photo.id)
    )
    snapshots = [PhotoInfo.of(photo, info) for photo in rows]
    return sorted(snapshots, key=lambda photo: photo.day_date is None)


def photo(session: Session, photo_id: int) -> PhotoInfo:
    row = _photo(session, photo_id)
    return PhotoInfo.of(row, TripInfo.of(_trip(session, row.trip_id)))


def _photo(session: Session, photo_id: int) -> Photo:
    row = session.get(Photo, photo_id)
    if row is None:
        raise NotFoundError(f"There is no photo with id {photo_id}.")
    return row


def _trip_photos(session: Session, trip: Trip, photo_ids: Sequence[int]) -> list[Photo]:
    rows = {
        row.id: row
        for row in session.scalars(
            select(Photo).where(Photo.trip_id == trip.id, Photo.id.in_(set(photo_ids)))
        )
    }
    missing = [photo_id for photo_id in photo_ids if photo_id not in rows]
    if missing:
        raise NotFoundError(
            f"{trip.title} has no photo with id {', '.join(str(i) for i in missing)}."
        )
    return [rows[photo_id] for photo_id in dict.fromkeys(photo_ids)]


def move_photos(
    session: Session,
    trip_id: int,
    photo_ids: Sequence[int],
    day: date | None,
    index: int | None = None,
) -> Changes:
    """Put photos on ``day`` (None: Unassigned) at ``index`` (None: the end), pinned there."""
    trip = _trip(session, trip_id)
    _check_day(trip, day)
    moving = _trip_photos(session, trip, photo_ids)
    days = {photo.day_date for photo in moving if photo.day_date is not None}
    moving_ids = {photo.id for photo in moving}
    staying = [photo for photo in _ordered(session, trip, day) if photo.id not in moving_ids]
    at = len(staying) if index is None else max(0, min(index, len(staying)))
    for photo in moving:
        photo.day_date = day
        photo.pinned = True
    for position, photo in enumerate([*staying[:at], *moving, *staying[at:]]):
        photo.position = position
    if day is not None:
        days.add(day)
    session.flush()
    return Changes(trip=TripInfo.of(trip), days=frozenset(days), photos=frozenset(moving_ids))


def reorder_photos(
    session: Session, trip_id: int, day: date | None, ordered_ids: Sequence[int]
) -> Changes:
    """Give ``day``'s photos the order of ``ordered_ids``, which must list exactly them."""
    trip = _trip(session, trip_id)
    current = _ordered(session, trip, day)
    if sorted(photo.id for photo in current) != sorted(ordered_ids):
        raise InvalidInputError(
            "The new order must list each photo of the day exactly once; the day changed "
            "meanwhile, so reload it and try again."
        )
    by_id = {photo.id: photo for photo in current}
    for position, photo_id in enumerate(ordered_ids):
        by_id[photo_id].position = position
    session.flush()
    return Changes(
        trip=TripInfo.of(trip),
        days=frozenset({day}) if day is not None else frozenset(),
        photos=frozenset(ordered_ids),
    )


def set_caption(session: Session, photo_id: int, caption: str) -> Changes:
    row = _photo(session, photo_id)
    row.caption = " ".join(caption.split())
    session.flush()
    return Changes(
        trip=TripInfo.of(_trip(session, row.trip_id)),
        days=frozenset({row.day_date}) if row.day_date is not None else frozenset(),
        photos=frozenset({row.id}),
    )


def delete_photos(
    session: Session, trip_id: int, photo_ids: Sequence[int]
) -> tuple[Changes, dict[str, str]]:
    """Delete the rows. Also return the files no trip uses any more (content hash -> library
    path), for the caller to remove once the transaction has committed: a crash in between
    leaves an unused file, never a row without its file."""
    trip = _trip(session, trip_id)
    doomed = _trip_photos(session, trip, photo_ids)
    days = {photo.day_date for photo in doomed if photo.day_date is not None}
    files = {photo.content_hash: photo.library_path for photo in doomed}
    for photo in doomed:
        session.delete(photo)
    session.flush()
    still_used = set(
        session.scalars(select(Photo.content_hash).where(Photo.content_hash.in_(files)))
    )
    changes = Changes(
        trip=TripInfo.of(trip),
        days=frozenset(days),
        photos=frozenset(photo.id for photo in doomed),
    )
    return changes, {digest: path for digest, path in files.items() if digest not in still_used}


def cameras(session: Session, trip_id: int) -> list[CameraInfo]:
    trip = _trip(session, trip_id)
    offsets = photo_days.camera_offsets(session, trip.id)
    rows = session.execute(
        select(Photo.camera_make, Photo.camera_model, Photo.camera_serial, func.count())
        .where(Photo.trip_id == trip.id)
        .group_by(Photo.camera_make, Photo.camera_model, Photo.camera_serial)
        .order_by(func.count().desc(), Photo.camera_make, Photo.camera_model)
    )
    return [
        CameraInfo(CameraKey(make, model, serial), count, offsets.get((make, model, serial), 0))
        for make, model, serial, count in rows
    ]


def _check_offset(offset_seconds: int) -> None:
    if abs(offset_seconds) > MAX_CAMERA_OFFSET_SECONDS:
        raise InvalidInputError(
            "A camera clock correction can be at most 48 hours either way; for a clock set to "
            "the wrong date, correct the date in the photos first."
        )


def _camera_photos(session: Session, trip: Trip, camera: CameraKey) -> list[Photo]:
    rows = list(
        session.scalars(
            select(Photo).where(
                Photo.trip_id == trip.id,
                Photo.camera_make == camera.make,
                Photo.camera_model == camera.model,
                Photo.camera_serial == camera.serial,
            )
        )
    )
    if not rows:
        raise NotFoundError(f"{trip.title} has no photos from {camera.label}.")
    return rows


def preview_camera_offset(
    session: Session, trip_id: int, camera: CameraKey, offset_seconds: int
) -> list[DayMove]:
    """The photos whose day would change with this correction, without changing anything."""
    _check_offset(offset_seconds)
    trip = _trip(session, trip_id)
    clock = photo_days.trip_clock(trip)
    moves = []
    for row in _camera_photos(session, trip, camera):
        if row.pinned:
            continue
        new_day = derive_time(photo_days.recorded_time(row), clock, offset_seconds).day
        if new_day != row.day_date:
            moves.append(DayMove(row.id, row.original_name, row.day_date, new_day))
    return sorted(moves, key=lambda move: move.photo_id)


def set_camera_offset(
    session: Session, trip_id: int, camera: CameraKey, offset_seconds: int
) -> Changes:
    """Store the correction for ``camera`` and move its photos to their corrected days."""
    _check_offset(offset_seconds)
    trip = _trip(session, trip_id)
    _camera_photos(session, trip, camera)
    row = session.scalars(
        select(CameraOffset).where(
            CameraOffset.trip_id == trip.id,
            CameraOffset.camera_make == camera.make,
            CameraOffset.camera_model == camera.model,
            CameraOffset.camera_serial == camera.serial,
        )
    ).one_or_none()
    if row is None:
        row = CameraOffset(
            trip_id=trip.id,
            camera_make=camera.make,
            camera_model=camera.model,
            camera_serial=camera.serial,
        )
        session.add(row)
    row.offset_seconds = offset_seconds
    session.flush()
    changed = photo_days.rederive(session, trip, (camera.make, camera.model, camera.serial))
    session.flush()
    return Changes(
        trip=TripInfo.of(trip), days=frozenset(changed.days), photos=frozenset(changed.photos)
    )
