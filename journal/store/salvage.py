"""What a damaged library database still yields, read row by row.

SQLite's ``.recover`` lives in its shell, not in the library Python links, so each table is read
the plain way and whatever fails is stepped over: a scan that meets a damaged page is started
again just past the last row it read, one rowid further each time, up to the table's largest
rowid (a failed read costs about 15 microseconds). Rows whose values no longer make sense (a
date that does not parse, a title that is not text) are left out. Rows below a damaged interior
page cannot be reached this way (on a table of 50,000 rows, one such page hid 5,851); the
damaged file is kept, and ``sqlite3 journal.db.damaged-… .recover``, which reads every page,
may find them.

What is salvaged is what the user made and cannot make again: trips (title, dates, zone, intro
and closing, labels, export choices), the text of their days, camera clock corrections, and each
photo's trip, caption, original name and path, and its place on a day (the photos themselves are
files in ``photos/``).

The database is read from a copy in a temporary folder inside the library (where the database
fits, unlike a small ``/tmp`` perhaps): opening it may make SQLite write (replaying its WAL), and
the damaged original must keep every byte. A copy whose header alone is damaged is mended first
(``salvage_header``), and text with bytes that are not UTF-8 is read with U+FFFD in their place
(``engine.decode_text``) rather than losing its row.
"""

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from journal.errors import LibraryError
from journal.photos.camera import CameraKey
from journal.store.engine import decode_text
from journal.store.salvage_header import mend_header

Row = dict[str, object]
T = TypeVar("T")


@dataclass(frozen=True)
class SalvagedTrip:
    old_id: int
    title: str
    slug: str
    start_date: date
    end_date: date
    timezone: str
    categories: list[str]
    tags: list[str]
    intro: str
    closing: str
    day_start_minutes: int
    export_settings: dict[str, Any]
    front_matter: dict[str, Any]
    cover_photo_old_id: int | None


@dataclass(frozen=True)
class SalvagedDay:
    trip_old_id: int
    date: date
    title: str
    body: str


@dataclass(frozen=True)
class SalvagedPhoto:
    old_id: int
    trip_old_id: int
    content_hash: str
    caption: str
    original_name: str
    #: Where it was imported from (surrogate escapes for a name that is not UTF-8), or "".
    original_path: str
    #: The day it was shown on, whether the user put it there by hand, and its place that day.
    day_date: date | None
    pinned: bool
    position: int


@dataclass(frozen=True)
class SalvagedCameraOffset:
    trip_old_id: int
    camera: CameraKey
    offset_seconds: int


@dataclass(frozen=True)
class Salvage:
    trips: tuple[SalvagedTrip, ...] = ()
    days: tuple[SalvagedDay, ...] = ()
    photos: tuple[SalvagedPhoto, ...] = ()
    camera_offsets: tuple[SalvagedCameraOffset, ...] = ()


#: Failed reads after which a table is given up: a damaged page can make the largest rowid a
#: garbage number, and stepping towards it one rowid at a time must end (in seconds at most).
MAX_FAILED_READS = 100_000
#: The temporary folder the damaged database is copied to, in the library folder.
SALVAGE_PREFIX = ".salvage-"
#: A database file and the files SQLite keeps beside it, which belong to it.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


def salvage(database: Path) -> Salvage:
    """Everything readable in ``database``; an empty ``Salvage`` when nothing is."""
    if not database.is_file() or database.stat().st_size == 0:
        return Salvage()
    for stale in database.parent.glob(f"{SALVAGE_PREFIX}*"):  # a killed recovery's
        shutil.rmtree(stale, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix=SALVAGE_PREFIX, dir=database.parent) as folder:
        copy = Path(folder) / database.name
        for suffix in ("", *COMPANION_SUFFIXES):
            source = database.with_name(database.name + suffix)
            if source.is_file():
                try:
                    shutil.copyfile(source, copy.with_name(copy.name + suffix))
                except OSError as error:
                    raise LibraryError(
                        f"Cannot copy the damaged database {source} to read what it still "
                        f"holds: {error.strerror}. Nothing was changed."
                    ) from error
        mend_header(copy)
        try:
            with closing(sqlite3.connect(copy)) as connection:
                connection.text_factory = decode_text  # text with a damaged byte is still text
                return _read(connection)
        except sqlite3.DatabaseError:  # not a database at all, or its schema page is gone
            return Salvage()


def _read(connection: sqlite3.Connection) -> Salvage:
    tables = {
        name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }

    def rows(table: str) -> Iterator[Row]:
        return readable_rows(connection, table) if table in tables else iter(())

    return Salvage(
        trips=tuple(_kept(_trip(row) for row in rows("trips"))),
        days=tuple(_kept(_day(row) for row in rows("days"))),
        photos=tuple(_kept(_photo(row) for row in rows("photos"))),
        camera_offsets=tuple(_kept(_camera_offset(row) for row in rows("camera_offsets"))),
    )


def readable_rows(connection: sqlite3.Connection, table: str) -> Iterator[Row]:
    """Every row of ``table`` SQLite can still read, in rowid order, as column name to value."""
    try:
        (last,) = connection.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()
    except sqlite3.DatabaseError:
        last = None  # the table's right edge is damaged: read up to the first failure
    after: int | None = None
    for _ in range(MAX_FAILED_READS):
        query = f'SELECT rowid, * FROM "{table}"'
        cursor = None
        try:
            if after is None:
                cursor = connection.execute(f"{query} ORDER BY rowid")
            else:
                cursor = connection.execute(f"{query} WHERE rowid > ? ORDER BY rowid", (after,))
            names = [column[0] for column in cursor.description][1:]
            for values in cursor:
                after = values[0]
                yield dict(zip(names, values[1:], strict=True))
            return
        except sqlite3.DatabaseError:
            if not isinstance(last, int) or (after is not None and after >= last):
                return
            after = 0 if after is None else after + 1  # step over the row that fails
        finally:
            if cursor is not None:
                cursor.close()


def _kept(items: Iterator[T | None]) -> Iterator[T]:
    return (item for item in items if item is not None)


def _trip(row: Row) -> SalvagedTrip | None:
    old_id, title = row.get("id"), row.get("title")
    start, end = _date(row.get("start_date")), _date(row.get("end_date"))
    if not isinstance(old_id, int) or not isinstance(title, str) or not start or not end:
        return None
    cover = row.get("cover_photo_id")
    return SalvagedTrip(
        old_id=old_id,
        title=title,
        slug=_text(row.get("slug")),
        start_date=start,
        end_date=end,
        timezone=_text(row.get("timezone")),
        categories=_labels(row.get("categories")),
        tags=_labels(row.get("tags")),
        intro=_text(row.get("intro")),
        closing=_text(row.get("closing")),
        day_start_minutes=_int(row.get("day_start_minutes")),
        export_settings=_mapping(row.get("export_settings")),
        front_matter=_mapping(row.get("front_matter")),
        cover_photo_old_id=cover if isinstance(cover, int) else None,
    )


def _day(row: Row) -> SalvagedDay | None:
    trip_old_id, day = row.get("trip_id"), _date(row.get("date"))
    if not isinstance(trip_old_id, int) or day is None:
        return None
    return SalvagedDay(trip_old_id, day, _text(row.get("title")), _text(row.get("body")))


def _photo(row: Row) -> SalvagedPhoto | None:
    old_id, trip_old_id, digest = row.get("id"), row.get("trip_id"), row.get("content_hash")
    if not isinstance(old_id, int) or not isinstance(trip_old_id, int):
        return None
    if not isinstance(digest, str) or not digest:
        return None
    path = row.get("original_path")
    return SalvagedPhoto(
        old_id=old_id,
        trip_old_id=trip_old_id,
        content_hash=digest,
        caption=_text(row.get("caption")),
        original_name=_text(row.get("original_name")),
        original_path=os.fsdecode(path) if isinstance(path, bytes) else _text(path),
        day_date=_date(row.get("day_date")),
        pinned=row.get("pinned") == 1,
        position=_int(row.get("position")),
    )


def _camera_offset(row: Row) -> SalvagedCameraOffset | None:
    trip_old_id, seconds = row.get("trip_id"), row.get("offset_seconds")
    if not isinstance(trip_old_id, int) or not isinstance(seconds, int):
        return None
    camera = CameraKey(
        _text(row.get("camera_make")),
        _text(row.get("camera_model")),
        _text(row.get("camera_serial")),
    )
    return SalvagedCameraOffset(trip_old_id, camera, seconds)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def _date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _json(value: object) -> object:
    if not isinstance(value, str):
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


def _labels(value: object) -> list[str]:
    labels = _json(value)
    if not isinstance(labels, list):
        return []
    return [label for label in labels if isinstance(label, str)]


def _mapping(value: object) -> dict[str, Any]:
    mapping = _json(value)
    return mapping if isinstance(mapping, dict) else {}
