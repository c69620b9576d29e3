"""Damaged libraries for tests: real libraries, real photos, then a database that is gone."""

from datetime import date
from pathlib import Path

from journal.services import JournalService, NewTrip
from journal.store.library import Library
from tests.photos.photo_files import exif_for, write_photo


def emptied_library(root: Path, camera_folder: Path, count: int) -> Path:
    """A library of one trip, 16-18 Sep 2023 in UTC, with ``count`` photos imported (taken in
    turn on each of its days), whose journal.db has then been emptied to 0 bytes."""
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
    (root / "journal.db").write_bytes(b"")
    return root
