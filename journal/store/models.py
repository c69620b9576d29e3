"""The ORM models: what a library remembers.

Every schema change here needs an Alembic migration in ``migrations/versions``; a test compares
these models with the migrated schema so the two cannot drift apart.

Times: ``*_utc`` columns hold naive datetimes in UTC; ``local_time`` and ``wall_time`` hold naive
wall-clock times whose offset is stored beside them. Dates are the trip's calendar dates.
"""

from datetime import UTC, date, datetime
from pathlib import PurePosixPath
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, composite, mapped_column, relationship

from journal.photos.camera import CameraKey
from journal.store.library_paths import LibraryRelativePath
from journal.store.path_column import FileSystemPath

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    """Now, as the naive UTC datetime the ``*_utc`` columns hold."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class Trip(Base):
    """A journey from ``start_date`` to ``end_date`` (inclusive), written up as one post."""

    __tablename__ = "trips"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(Text)
    start_date: Mapped[date]
    end_date: Mapped[date]
    #: IANA name; the zone a camera clock with no offset is assumed to be on.
    timezone: Mapped[str] = mapped_column(String(64))
    categories: Mapped[list[str]] = mapped_column(default=list)
    tags: Mapped[list[str]] = mapped_column(default=list)
    intro: Mapped[str] = mapped_column(Text, default="")
    closing: Mapped[str] = mapped_column(Text, default="")
    #: Minutes after midnight at which a trip day begins (240 files a 1 a.m. photo on the evening).
    day_start_minutes: Mapped[int] = mapped_column(default=0, server_default="0")
    cover_photo_id: Mapped[int | None] = mapped_column(
        ForeignKey("photos.id", ondelete="SET NULL", use_alter=True)
    )
    #: The Export dialog's choices for this trip (format, folder, image options), as JSON, so the
    #: next export starts where the last one left off. Unknown keys are ignored when read.
    export_settings: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    #: Extra front-matter keys for the exported post (e.g. ``author``, ``toc``), and those of an
    #: imported post that Trip Journal does not model, so that a round trip keeps them.
    front_matter: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    created_utc: Mapped[datetime] = mapped_column(default=utc_now)
    updated_utc: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    #: When the trip was put in the trash (deleted, still undoable); None for a live trip.
    removed_utc: Mapped[datetime | None]

    days: Mapped[list["Day"]] = relationship(
        back_populates="trip", cascade="all, delete-orphan", passive_deletes=True
    )


class Day(Base):
    """The writing for one calendar date of a trip.

    Rows exist only for dates that have been written on; a date with no row is an empty day. A row
    whose date falls outside the trip's range after the dates change is kept (its text is never
    dropped) and reported as a note outside the trip's dates.
    """

    __tablename__ = "days"
    __table_args__ = (UniqueConstraint("trip_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", ondelete="CASCADE"))
    date: Mapped[date]
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    updated_utc: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    #: The photo that stands for this day (the timeline's thumbnail); None: its first photo.
    cover_photo_id: Mapped[int | None] = mapped_column(
        ForeignKey("photos.id", ondelete="SET NULL", name="fk_days_cover_photo_id_photos")
    )
    #: The place given to the day by hand (a GeoNames id), and its label when it was chosen.
    place_id: Mapped[int | None]
    place_label: Mapped[str | None] = mapped_column(Text)

    trip: Mapped[Trip] = relationship(back_populates="days")


class Photo(Base):
    """One imported photo of a trip; its original lives in the library under ``library_path``.

    The raw capture time (``wall_time`` as the source recorded it, with ``time_source``) is kept
    apart from the derived ``local_time``/``captured_utc``/``day_date`` so that a camera clock
    correction or a change of the trip's dates can re-derive them without reading the file again.
    """

    __tablename__ = "photos"
    __table_args__ = (
        UniqueConstraint("trip_id", "content_hash"),
        Index("ix_photos_trip_day_position", "trip_id", "day_date", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", ondelete="CASCADE"))
    #: SHA-256 of the file's bytes, hex; names the copy in ``photos/``.
    content_hash: Mapped[str] = mapped_column(String(64))
    #: Where the file was imported from, exactly (a path that is not UTF-8 is kept as bytes).
    original_path: Mapped[str] = mapped_column(FileSystemPath)
    #: Its file name as shown (bytes that are not UTF-8 written as ``\xNN``).
    original_name: Mapped[str] = mapped_column(Text)
    #: Where its copy lives, relative to the library folder (``Library.file_path`` finds it).
    library_path: Mapped[PurePosixPath] = mapped_column(LibraryRelativePath)
    file_size: Mapped[int]
    #: The format: Pillow's name (JPEG, HEIF, PNG, WEBP, TIFF, AVIF) or a RAW's (NEF, CR2, DNG...).
    media_format: Mapped[str] = mapped_column(String(16))
    width: Mapped[int]
    height: Mapped[int]
    #: EXIF orientation (1-8) as the decoder reports it, 1 when it already rotated the pixels.
    orientation: Mapped[int] = mapped_column(default=1)

    #: The time as the source recorded it, before any camera clock correction.
    wall_time: Mapped[datetime | None]
    #: Where the time came from: a ``TimeSource`` value (exif-original, xmp-original, iptc, gps,
    #: exif-datetime, file-name, file-mtime...).
    time_source: Mapped[str | None] = mapped_column(String(24))
    time_trusted: Mapped[bool] = mapped_column(default=False)
    #: The offset the photo itself recorded (EXIF OffsetTimeOriginal, XMP), if any.
    recorded_offset_minutes: Mapped[int | None]
    #: Derived: the corrected local wall time, its UTC offset, the instant, and the zone used.
    local_time: Mapped[datetime | None]
    utc_offset_minutes: Mapped[int | None]
    captured_utc: Mapped[datetime | None]
    zone_source: Mapped[str | None] = mapped_column(String(24))
    zone_name: Mapped[str | None] = mapped_column(String(64))

    camera_make: Mapped[str] = mapped_column(Text, default="")
    camera_model: Mapped[str] = mapped_column(Text, default="")
    camera_serial: Mapped[str] = mapped_column(Text, default="")
    #: The three columns above as one value (also in queries: ``Photo.camera == key``).
    camera: Mapped[CameraKey] = composite("camera_make", "camera_model", "camera_serial")
    gps_latitude: Mapped[float | None]
    gps_longitude: Mapped[float | None]
    gps_altitude: Mapped[float | None]
    #: Where ``gps_latitude``/``gps_longitude`` came from: a ``PositionSource`` value (``own``:
    #: the file's GPS, which always wins; ``track``: matched by time to a GPS track; ``hand``: the
    #: centre of a place the user chose for a photo without a position).
    position_source: Mapped[str | None] = mapped_column(String(8))
    #: A track position's distance in time to the nearest fix, in seconds ("±40 s").
    track_gap_seconds: Mapped[int | None]
    #: The place chosen by hand (a GeoNames id), over the one its position names, and its label
    #: when it was chosen. Only in the library: the original file is never written.
    place_id: Mapped[int | None]
    place_label: Mapped[str | None] = mapped_column(Text)

    caption: Mapped[str] = mapped_column(Text, default="")
    #: The photo's own description as its file recorded it (EXIF, IPTC or XMP), read at import:
    #: the alt text of a photo the user gave no caption. Camera boilerplate is left out.
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: The RAW file of a shot taken as RAW+JPEG: one photo in the gallery (the JPEG's pixels,
    #: this row), its RAW kept in the library beside it (content-addressed like every copy).
    #: Columns rather than a row of its own, so no listing of photos has to leave it out.
    raw_content_hash: Mapped[str | None] = mapped_column(String(64))
    raw_library_path: Mapped[PurePosixPath | None] = mapped_column(LibraryRelativePath)
    raw_original_path: Mapped[str | None] = mapped_column(FileSystemPath)
    #: The trip date the photo is shown on; NULL means the Unassigned tray.
    day_date: Mapped[date | None]
    #: True once the user placed the photo by hand: re-derivation leaves it where it is.
    pinned: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    imported_utc: Mapped[datetime] = mapped_column(default=utc_now)
    #: Culling: a flag and 0-5 stars, the user's own marks for sorting; ``hidden`` keeps the
    #: photo on its day but out of the exported post.
    flagged: Mapped[bool] = mapped_column(default=False, server_default="0")
    rating: Mapped[int] = mapped_column(default=0, server_default="0")
    hidden: Mapped[bool] = mapped_column(default=False, server_default="0")
    #: When the photo was put in the trash (removed, still undoable); None for a live photo.
    removed_utc: Mapped[datetime | None]


class CameraOffset(Base):
    """A correction for one camera's clock in one trip, e.g. +9 h for a clock left on home time.

    Stored in the library, never written into the photo files.
    """

    __tablename__ = "camera_offsets"
    __table_args__ = (UniqueConstraint("trip_id", "camera_make", "camera_model", "camera_serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", ondelete="CASCADE"))
    camera_make: Mapped[str] = mapped_column(Text, default="")
    camera_model: Mapped[str] = mapped_column(Text, default="")
    camera_serial: Mapped[str] = mapped_column(Text, default="")
    camera: Mapped[CameraKey] = composite("camera_make", "camera_model", "camera_serial")
    offset_seconds: Mapped[int] = mapped_column(default=0)


class Track(Base):
    """One imported GPS track file (GPX) of a trip: its tracks, routes and waypoints.

    The fixes live in ``TrackSegment`` rows, packed, because a day of logging is tens of
    thousands of points that are only ever read all at once.
    """

    __tablename__ = "tracks"
    __table_args__ = (UniqueConstraint("trip_id", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", ondelete="CASCADE"))
    #: The name the file gives its first track or route, else the file name.
    name: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(Text)
    #: SHA-256 of the file's bytes: the same file imported twice is one track.
    content_hash: Mapped[str] = mapped_column(String(64))
    point_count: Mapped[int]
    #: The first and last timed fix (None when no point has a time).
    first_utc: Mapped[datetime | None]
    last_utc: Mapped[datetime | None]
    imported_utc: Mapped[datetime] = mapped_column(default=utc_now)

    segments: Mapped[list["TrackSegment"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="TrackSegment.number"
    )


class TrackSegment(Base):
    """A run of fixes recorded without a break: a GPX track segment, a route, or a waypoint.

    Photos are interpolated only between fixes of one segment; across a break the nearest fix
    is used. ``fixes`` holds (time, latitude, longitude) per point as little-endian doubles
    (``journal.tracks.fixes``), time NaN for a point without one.
    """

    __tablename__ = "track_segments"
    __table_args__ = (UniqueConstraint("track_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    track_id: Mapped[int] = mapped_column(ForeignKey("tracks.id", ondelete="CASCADE"))
    number: Mapped[int]
    #: track, route or waypoint.
    kind: Mapped[str] = mapped_column(String(16))
    point_count: Mapped[int]
    fixes: Mapped[bytes] = mapped_column(LargeBinary)
