"""Operations on a trip's photos once imported: listing, moving, ordering, captions, deletion and
camera clock corrections. Each runs inside the one session the facade opens."""

from collections.abc import Collection, Sequence
from datetime import date, datetime
from pathlib import PurePosixPath

from sqlalchemy import ColumnElement, func, or_, select, union
from sqlalchemy.orm import Session

from journal.errors import InvalidInputError, NotFoundError
from journal.markdown.photo_refs import shown_photos, without_photos
from journal.photos.camera import CameraKey
from journal.photos.capture_time import TimeSource
from journal.photos.day_assignment import derive_time
from journal.services import photo_days
from journal.services.changes import Changes
from journal.services.snapshots import (
    CameraInfo,
    DayMove,
    PhotoInfo,
    TextShowingPhotos,
    TripInfo,
)
from journal.store.models import CameraOffset, Day, Photo, Trip, utc_now
from journal.store.trash_filter import INCLUDE_TRASHED
from journal.texts import TextPart

#: Enough for a clock that was never set (cameras start at 2000 or 2010); beyond it is a typo.
MAX_CAMERA_OFFSET_SECONDS = 100 * 366 * 24 * 3600


def _trip(session: Session, trip_id: int) -> Trip:
    trip = session.get(Trip, trip_id)
    if trip is None:
        raise NotFoundError(f"There is no trip with id {trip_id}.")
    return trip


def _day_filter(trip: Trip, day: date | None) -> ColumnElement[bool]:
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
        .order_by(Photo.position, Photo.captured_utc, Photo.id)
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
        .order_by(Photo.day_date, Photo.position, Photo.id)
    )
    snapshots = [PhotoInfo.of(photo, info) for photo in rows]
    # Stable: the tray (no day, or a day the trip no longer has) goes last, in its order.
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


def _day_texts(session: Session, trip: Trip) -> list[Day]:
    """Every day row of the trip, by date, including text kept outside the trip's dates."""
    return list(session.scalars(select(Day).where(Day.trip_id == trip.id).order_by(Day.date)))


def texts_showing(
    session: Session, trip_id: int, photo_ids: Collection[int]
) -> list[TextShowingPhotos]:
    trip = _trip(session, trip_id)
    info = TripInfo.of(trip)
    wanted = set(photo_ids)
    texts = [
        (TextPart.INTRO, None, trip.intro),
        *((TextPart.DAY, row.date, row.body) for row in _day_texts(session, trip)),
        (TextPart.CLOSING, None, trip.closing),
    ]
    found = []
    for part, day, text in texts:
        shown = dict.fromkeys(ref.photo_id for ref in shown_photos(text) if ref.photo_id in wanted)
        if shown:
            index = info.day_index(day) if day is not None else None
            found.append(TextShowingPhotos(part, day, index, tuple(shown)))
    return found


def delete_photos(session: Session, trip_id: int, photo_ids: Sequence[int]) -> Changes:
    """Put photos in the trash and take their references out of the trip's text: a reference
    left behind would show a photo that is gone and block the export. Undo takes both back; the
    rows and files go for good when the trash is emptied (``trash``)."""
    trip = _trip(session, trip_id)
    doomed = _trip_photos(session, trip, photo_ids)
    doomed_ids = {photo.id for photo in doomed}
    days = {photo.day_date for photo in doomed if photo.day_date is not None}
    rewritten_days: set[date] = set()
    for row in _day_texts(session, trip):
        body = without_photos(row.body, doomed_ids)
        if body != row.body:
            row.body = body
            rewritten_days.add(row.date)
    intro, closing = (
        without_photos(trip.intro, doomed_ids),
        without_photos(trip.closing, doomed_ids),
    )
    rewritten_trip = (intro, closing) != (trip.intro, trip.closing)
    if rewritten_trip:
        trip.intro, trip.closing = intro, closing
    removed = utc_now()
    for photo in doomed:
        photo.removed_utc = removed
    session.flush()
    return Changes(
        trip=TripInfo.of(trip),
        trip_details=rewritten_trip,
        days=frozenset(days | rewritten_days),
        photos=frozenset(doomed_ids),
        text_rewritten=bool(rewritten_days) or rewritten_trip,
    )


def library_files(session: Session, trip_id: int) -> dict[str, PurePosixPath]:
    """Content hash -> library path of a trip's photos, with the RAW files kept beside them."""
    return files_of(session, Photo.trip_id == trip_id)


def files_of(session: Session, condition: ColumnElement[bool]) -> dict[str, PurePosixPath]:
    """Content hash -> library path of the photos matching ``condition``, with their RAWs."""
    query = select(
        Photo.content_hash, Photo.library_path, Photo.raw_content_hash, Photo.raw_library_path
    ).where(condition)
    files: dict[str, PurePosixPath] = {}
    for digest, path, raw_digest, raw_path in session.execute(query):
        files[digest] = path
        if raw_digest is not None and raw_path is not None:
            files[raw_digest] = raw_path
    return files


def used_hashes(session: Session, digests: Collection[str] | None = None) -> set[str]:
    """The content hashes (of ``digests``, or all) some photo row uses, as its file or RAW; a
    photo in the trash uses its files until the trash is emptied (Undo brings it back)."""
    photos = select(Photo.content_hash)
    raws = select(Photo.raw_content_hash).where(Photo.raw_content_hash.is_not(None))
    if digests is not None:
        photos = photos.where(Photo.content_hash.in_(digests))
        raws = raws.where(Photo.raw_content_hash.in_(digests))
    both = union(photos, raws).subquery()
    used = session.scalars(select(both).execution_options(**{INCLUDE_TRASHED: True}))
    return {digest for digest in used if digest is not None}


def unused_files(session: Session, files: dict[str, PurePosixPath]) -> dict[str, PurePosixPath]:
    """Those of ``files`` that no photo row (of any trip) refers to any more."""
    used = used_hashes(session, files)
    return {digest: path for digest, path in files.items() if digest not in used}


def cameras(session: Session, trip_id: int) -> list[CameraInfo]:
    trip = _trip(session, trip_id)
    offsets = photo_days.camera_offsets(session, trip.id)
    rows = session.execute(
        select(Photo.camera, func.count())
        .where(Photo.trip_id == trip.id)
        .group_by(Photo.camera)
        .order_by(func.count().desc(), Photo.camera_make, Photo.camera_model)
    )
    return [CameraInfo(camera, count, offsets.get(camera, 0)) for camera, count in rows]


def _check_offset(offset_seconds: int) -> None:
    if abs(offset_seconds) > MAX_CAMERA_OFFSET_SECONDS:
        raise InvalidInputError(
            "A camera clock correction can be at most 100 years either way; check the value."
        )


def _camera_photos(session: Session, trip: Trip, camera: CameraKey) -> list[Photo]:
    rows = list(
        session.scalars(select(Photo).where(Photo.trip_id == trip.id, Photo.camera == camera))
    )
    if not rows:
        raise NotFoundError(f"{trip.title} has no photos from {camera.label}.")
    return rows


def offset_for_actual_time(
    session: Session, photo_id: int, actual: datetime
) -> tuple[CameraKey, int]:
    """The correction for this photo's camera that makes the photo's local time ``actual``.

    The way to fix a clock that was never set: find one photo whose real time you know.
    """
    row = _photo(session, photo_id)
    source = TimeSource(row.time_source) if row.time_source else None
    if row.wall_time is None or source is None or source.is_instant:
        where = source.label if source else "nowhere"
        raise InvalidInputError(
            f"The time of {row.original_name} comes from {where}, not from its camera's clock, "
            "so a clock correction cannot change it; pick a photo with an EXIF time."
        )
    return row.camera, round((actual - row.wall_time).total_seconds())


def preview_camera_offset(
    session: Session, trip_id: int, camera: CameraKey, offset_seconds: int
) -> list[DayMove]:
    """The photos whose day would change with this correction, in time order; writes nothing."""
    _check_offset(offset_seconds)
    trip = _trip(session, trip_id)
    clock = photo_days.trip_clock(trip)
    moves = []
    for row in sorted(_camera_photos(session, trip, camera), key=photo_days.time_order):
        if row.pinned:
            continue
        new_day = derive_time(photo_days.recorded_time(row), clock, offset_seconds).day
        if new_day != row.day_date:
            moves.append(DayMove(row.id, row.original_name, row.day_date, new_day))
    return moves


def set_camera_offset(
    session: Session, trip_id: int, camera: CameraKey, offset_seconds: int
) -> Changes:
    """Store the correction for ``camera`` and move its photos to their corrected days."""
    _check_offset(offset_seconds)
    trip = _trip(session, trip_id)
    _camera_photos(session, trip, camera)
    row = session.scalars(
        select(CameraOffset).where(CameraOffset.trip_id == trip.id, CameraOffset.camera == camera)
    ).one_or_none()
    if row is None:
        row = CameraOffset(trip_id=trip.id, camera=camera)
        session.add(row)
    row.offset_seconds = offset_seconds
    session.flush()
    changed = photo_days.rederive(session, trip, camera)
    session.flush()
    return Changes(
        trip=TripInfo.of(trip), days=frozenset(changed.days), photos=frozenset(changed.photos)
    )
