"""Damaged libraries for tests: real libraries, real photos, then a database that is damaged."""

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from journal.services import JournalService, NewTrip
from journal.store.library import Library
from tests.photos.photo_files import exif_for, write_photo


def library_with_photos(root: Path, camera_folder: Path, count: int) -> Path:
    """A library of one trip, 16-18 Sep 2023 in UTC, with ``count`` photos imported (taken in
    turn on each of its days)."""
    files = [
        write_photo(
            camera_folder / f"IMG_{n:04d}.jpg",
            exif_for(original=f"2023:09:{16 + n % 3} {n % 24:02d}:00:00"),
            color=(n * 5 % 256, 60, 60),
        )
        for n in range(count)
    ]
    with Library.open(root) as library:
        service = JournalService(library)
        trip = service.create_trip(NewTrip("Trip", date(2023, 9, 16), date(2023, 9, 18), "UTC"))
        assert trip.trip is not None
        assert len(service.import_photos(trip.trip.id, files).imported) == count
    return root


def emptied_library(root: Path, camera_folder: Path, count: int) -> Path:
    """``library_with_photos`` whose journal.db has then been emptied to 0 bytes."""
    library_with_photos(root, camera_folder, count)
    (root / "journal.db").write_bytes(b"")
    return root


def damage_an_index(database: Path) -> int:
    """Change one hex digit of a photo's content hash where the index of photos by trip and hash
    holds it (a leaf page of ``sqlite_autoindex_photos_1``), not in the table; return the id of
    the photo whose entry it was. SQLite's quick check does not notice."""
    with closing(sqlite3.connect(database)) as connection:
        (page_size,) = connection.execute("PRAGMA page_size").fetchone()
        leaves = [
            page
            for (page,) in connection.execute(
                "SELECT pageno FROM dbstat "
                "WHERE name = 'sqlite_autoindex_photos_1' AND pagetype = 'leaf'"
            )
        ]
        photo_id, digest = connection.execute(
            "SELECT id, content_hash FROM photos ORDER BY id LIMIT 1"
        ).fetchone()
    data = bytearray(database.read_bytes())
    for page in leaves:
        start = (page - 1) * page_size
        found = data.find(digest.encode(), start, start + page_size)
        if found >= 0:
            data[found + 10] = ord("0") if data[found + 10] != ord("0") else ord("1")
            database.write_bytes(bytes(data))
            assert isinstance(photo_id, int)
            return photo_id
    raise AssertionError("the index holds no entry for the photo")
