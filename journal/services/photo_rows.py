"""The rows of staged photos: written in the session of whoever commits them.

An ordinary import commits them in short batches as files finish (``photo_import``); a post import
writes them all in the one transaction that also makes its trip and text. Either way a row is
written only after its file is in the library (``photo_staging``).
"""

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from journal.photos.position_source import PositionSource
from journal.readable_paths import readable_path
from journal.services import photo_days
from journal.services.photo_staging import Staged
from journal.store.models import Photo, Trip


def insert_rows(
    session: Session, trip: Trip, staged: Iterable[Staged]
) -> tuple[list[Photo], list[Path]]:
    """Insert rows for ``staged`` and place them on their days by time; return the rows and the
    files left out because the trip has their bytes already (another import into the trip may
    have committed them since they were staged)."""
    items = list(staged)
    _forget_trashed(session, trip, [item.digest for item in items])
    present = set(
        session.scalars(
            select(Photo.content_hash).where(
                Photo.trip_id == trip.id,
                Photo.content_hash.in_([item.digest for item in items]),
            )
        )
    )
    rows = []
    duplicates = []
    # Rows get their ids in the order the files were found, not the order threads finished
    # them, so that ids follow names.
    for item in sorted(items, key=lambda each: each.scanned.index):
        if item.digest in present:
            duplicates.append(item.path)
            continue
        row = _new_row(trip.id, item)
        session.add(row)
        rows.append(row)
    session.flush()
    photo_days.place_by_time(session, trip.id, rows)
    return rows, duplicates


def _forget_trashed(session: Session, trip: Trip, digests: list[str]) -> None:
    """Delete for good the trashed photos of ``trip`` with these bytes: importing a file again
    makes it a photo again, and the trip holds each file's bytes once. (Undoing the removal
    then finds nothing to bring back; the new photo is there.)"""
    session.execute(
        delete(Photo).where(
            Photo.trip_id == trip.id,
            Photo.removed_utc.is_not(None),
            Photo.content_hash.in_(digests),
        )
    )


def _new_row(trip_id: int, item: Staged) -> Photo:
    metadata, derived, path = item.scanned.metadata, item.scanned.derived, item.scanned.path
    capture, gps, camera = metadata.capture, metadata.gps, metadata.camera
    return Photo(
        trip_id=trip_id,
        content_hash=item.digest,
        original_path=str(path),
        original_name=readable_path(path.name),
        library_path=item.relative,
        file_size=item.size,
        media_format=metadata.media_format,
        width=metadata.width,
        height=metadata.height,
        orientation=metadata.orientation,
        wall_time=capture.wall_time,
        time_source=capture.source.value,
        time_trusted=capture.source.trusted,
        recorded_offset_minutes=capture.offset_minutes,
        local_time=derived.local_time,
        utc_offset_minutes=derived.utc_offset_minutes,
        captured_utc=derived.captured_utc,
        zone_source=derived.zone_source,
        zone_name=derived.zone_name,
        camera_make=camera.make,
        camera_model=camera.model,
        camera_serial=camera.serial,
        gps_latitude=gps.latitude if gps else None,
        gps_longitude=gps.longitude if gps else None,
        gps_altitude=gps.altitude if gps else None,
        position_source=PositionSource.OWN if gps else None,
        caption="",
        description=metadata.description,
        raw_content_hash=item.raw.digest if item.raw else None,
        raw_library_path=item.raw.relative if item.raw else None,
        raw_original_path=str(item.raw.path) if item.raw else None,
        day_date=derived.day,
        pinned=False,
        position=0,
    )
