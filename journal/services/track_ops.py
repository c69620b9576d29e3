"""Importing GPS tracks into a trip and placing its photos on them.

Files are read and checked before the library is touched (``read_track_files``), so a file that
is refused, or a cancel, leaves the library as it was. Then one transaction stores the new tracks
and matches every photo without its own GPS again against all of the trip's tracks: a new track
can fill a gap another left, and a smaller ``max_gap`` takes back positions a larger one gave.
A photo that gets (or loses) a track position has its time zone and day derived again.
"""

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from journal.errors import InvalidInputError
from journal.photos.day_assignment import derive_time
from journal.photos.import_progress import CancelToken
from journal.photos.position_source import PositionSource
from journal.readable_paths import readable_path
from journal.services import photo_days
from journal.services.changes import Changes
from journal.services.snapshots import TripInfo
from journal.services.trip_ops import get_trip
from journal.store.models import Photo, Track, TrackSegment, Trip
from journal.tracks.fixes import SegmentKind, pack, unpack
from journal.tracks.gpx_reading import TrackFile, read_gpx
from journal.tracks.placement import place_on_track
from journal.tracks.timeline import Timeline

#: The largest ``max_gap`` accepted: beyond a day, "where the track was" means little.
MAX_GAP_LIMIT_SECONDS = 24 * 3600


@dataclass(frozen=True)
class TrackProgress:
    """Reading the files (the slow part): how many are done, and the one being read."""

    done: int
    total: int
    current: Path | None = None


@dataclass(frozen=True)
class ReadTrack:
    """A file that was read and checked, ready to store."""

    path: Path
    track: TrackFile


@dataclass(frozen=True)
class ImportedTrack:
    path: Path
    name: str
    point_count: int
    #: Points without a time: kept for the route, but they place no photo.
    untimed_count: int
    first_utc: datetime | None
    last_utc: datetime | None
    #: The trip had this file already; it was matched again, not stored twice.
    already_imported: bool


@dataclass(frozen=True)
class TrackImportReport:
    tracks: tuple[ImportedTrack, ...] = ()
    #: Photos without their own GPS that a track now places, and those it does not reach.
    placed: int = 0
    unplaced: int = 0
    #: The photos whose position, time or day changed, and their days.
    changes: Changes = dataclasses.field(default_factory=Changes)
    #: Stopped before anything was written.
    cancelled: bool = False


def check_max_gap(seconds: int) -> int:
    if not 0 <= seconds <= MAX_GAP_LIMIT_SECONDS:
        raise InvalidInputError(
            f"A maximum gap of {seconds} s is not possible: give 0 to 24 hours (30 minutes is "
            "the usual; it is how far from a fix a photo may be and still be placed)."
        )
    return seconds


def read_track_files(
    paths: Sequence[Path],
    *,
    progress: Callable[[TrackProgress], None] | None = None,
    cancel: CancelToken | None = None,
) -> list[ReadTrack] | None:
    """Every file read and checked, or None when cancelled; ``TrackFileError`` for the first
    that cannot be used (so nothing is imported when one is wrong)."""
    read: list[ReadTrack] = []
    for done, path in enumerate(paths):
        if cancel is not None and cancel.cancelled:
            return None
        if progress is not None:
            progress(TrackProgress(done, len(paths), path))
        read.append(ReadTrack(path, read_gpx(path)))
    if progress is not None:
        progress(TrackProgress(len(paths), len(paths)))
    return read


def import_tracks(
    session: Session, trip_id: int, files: Sequence[ReadTrack], max_gap_seconds: int
) -> TrackImportReport:
    """Store the tracks the trip does not have yet and match its photos to all of them."""
    trip = get_trip(session, trip_id)
    known = set(session.scalars(select(Track.content_hash).where(Track.trip_id == trip.id)))
    imported = []
    for file in files:
        track = file.track
        already = track.content_hash in known
        if not already:
            session.add(_track_row(trip.id, file))
            known.add(track.content_hash)
        first, last = track.time_range
        imported.append(
            ImportedTrack(
                path=file.path,
                name=track.name,
                point_count=track.point_count,
                untimed_count=track.untimed_count,
                first_utc=_utc(first),
                last_utc=_utc(last),
                already_imported=already,
            )
        )
    session.flush()
    report = match_photos(session, trip, max_gap_seconds)
    return dataclasses.replace(report, tracks=tuple(imported))


def _track_row(trip_id: int, file: ReadTrack) -> Track:
    track = file.track
    first, last = track.time_range
    return Track(
        trip_id=trip_id,
        name=track.name,
        file_name=readable_path(file.path.name),
        content_hash=track.content_hash,
        point_count=track.point_count,
        first_utc=_utc(first),
        last_utc=_utc(last),
        segments=[
            TrackSegment(
                number=number,
                kind=segment.kind.value,
                point_count=len(segment),
                fixes=pack(segment),
            )
            for number, segment in enumerate(track.segments)
        ],
    )


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)


def trip_timeline(session: Session, trip_id: int) -> Timeline:
    """Every timed fix of the trip's tracks."""
    rows = session.execute(
        select(TrackSegment.kind, TrackSegment.fixes)
        .join(Track)
        .where(Track.trip_id == trip_id)
        .order_by(Track.id, TrackSegment.number)
    )
    return Timeline(unpack(SegmentKind(kind), fixes) for kind, fixes in rows)


def match_photos(session: Session, trip: Trip, max_gap_seconds: int) -> TrackImportReport:
    """Give each photo of ``trip`` without its own GPS the position of the trip's tracks at the
    moment it was taken (or take back the one a track gave, when none is within the gap)."""
    timeline = trip_timeline(session, trip.id)
    clock = photo_days.trip_clock(trip)
    offsets = photo_days.camera_offsets(session, trip.id)
    photos = session.scalars(
        select(Photo).where(
            Photo.trip_id == trip.id,
            or_(Photo.position_source.is_(None), Photo.position_source == PositionSource.TRACK),
        )
    )
    changed: set[int] = set()
    days: set[date] = set()
    moved: list[Photo] = []
    placed = unplaced = 0
    for photo in photos:
        recorded = dataclasses.replace(
            photo_days.recorded_time(photo), latitude=None, longitude=None
        )
        offset = offsets.get(photo.camera, 0)
        placement = place_on_track(recorded, clock, timeline, max_gap_seconds, offset)
        before = _observable(photo)
        old_day = photo.day_date
        live = photo.removed_utc is None
        if placement is None:
            unplaced += live
            photo.gps_latitude = photo.gps_longitude = photo.gps_altitude = None
            photo.position_source = photo.track_gap_seconds = None
            derived = derive_time(recorded, clock, offset)
        else:
            placed += live
            photo.gps_latitude = placement.position.latitude
            photo.gps_longitude = placement.position.longitude
            photo.gps_altitude = None
            photo.position_source = PositionSource.TRACK
            photo.track_gap_seconds = round(placement.position.gap_seconds)
            derived = placement.derived
        if photo_days.apply_derived(photo, derived):
            moved.append(photo)
            days.update(day for day in (old_day, photo.day_date) if day is not None)
        if _observable(photo) != before:
            changed.add(photo.id)
    photo_days.place_by_time(session, trip.id, moved)
    session.flush()
    return TrackImportReport(
        placed=placed,
        unplaced=unplaced,
        changes=Changes(trip=TripInfo.of(trip), days=frozenset(days), photos=frozenset(changed)),
    )


def _observable(photo: Photo) -> tuple[object, ...]:
    return (
        photo.gps_latitude,
        photo.gps_longitude,
        photo.track_gap_seconds,
        photo.local_time,
        photo.utc_offset_minutes,
        photo.day_date,
    )
