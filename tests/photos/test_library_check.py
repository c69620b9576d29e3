"""``check_library``: every library file hashed against its rows; a repair restores what the
originals still hold and says what they do not."""

import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from journal.photos.import_progress import CancelToken
from journal.photos.storage import content_hash
from journal.photos.thumbnails import ThumbnailCache, ThumbSize
from journal.services import JournalService, NewTrip, PhotoInfo, TripInfo
from journal.services.library_check import FileProblem
from tests.photos.photo_files import exif_for, write_photo


def _damage(copy: Path) -> None:
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))


@pytest.fixture
def photos(service: JournalService, seattle: TripInfo, camera_roll: Path) -> dict[str, PhotoInfo]:
    for name, hour in (("a", 9), ("b", 10), ("c", 11), ("d", 12)):
        write_photo(
            camera_roll / f"{name}.jpg",
            exif_for(original=f"2023:09:18 {hour}:00:00"),
            color=(hour * 10, 40, 90),
        )
    service.import_photos(seattle.id, [camera_roll])
    return {photo.original_name: photo for photo in service.all_photos(seattle.id)}


def test_an_intact_library_checks_clean_and_files_shared_by_trips_count_once(
    service: JournalService, photos: dict[str, PhotoInfo], camera_roll: Path
) -> None:
    tokyo = service.create_trip(
        NewTrip("Tokyo", date(2023, 9, 16), date(2023, 9, 20), "Asia/Tokyo")
    ).trip
    assert tokyo is not None
    service.import_photos(tokyo.id, [camera_roll / "a.jpg"])

    report = service.check_library()

    assert (report.files, report.photos) == (4, 5)
    assert report.bad == ()
    assert report.thumbnails_missing == 0
    assert report.complete


def test_missing_and_damaged_files_are_reported_with_the_photos_that_show_them(
    service: JournalService, seattle: TripInfo, photos: dict[str, PhotoInfo]
) -> None:
    service.photo_path(photos["a.jpg"]).unlink()
    _damage(service.photo_path(photos["b.jpg"]))
    ThumbnailCache(service.library.root).remove(photos["c.jpg"].content_hash)

    report = service.check_library()

    problems = {file.photos[0].original_name: file for file in report.bad}
    assert {name: file.problem for name, file in problems.items()} == {
        "a.jpg": FileProblem.MISSING,
        "b.jpg": FileProblem.DAMAGED,
    }
    [use] = problems["b.jpg"].photos
    assert (use.photo_id, use.trip.id, use.place) == (
        photos["b.jpg"].id,
        seattle.id,
        "Seattle 2023, Day 2",
    )
    assert report.thumbnails_missing == 1
    # A check writes nothing.
    assert not service.photo_path(photos["a.jpg"]).exists()
    assert report.still_bad == report.bad


def test_a_repair_restores_from_the_originals_and_says_what_it_could_not(
    service: JournalService, photos: dict[str, PhotoInfo], camera_roll: Path
) -> None:
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        service.photo_path(photos[name]).unlink()
    _damage(service.photo_path(photos["d.jpg"]))
    (camera_roll / "b.jpg").unlink()  # the card was wiped
    write_photo(camera_roll / "c.jpg", color=(1, 2, 3))  # another photo under the same name
    cache = ThumbnailCache(service.library.root)
    cache.remove(photos["a.jpg"].content_hash)

    report = service.check_library(repair=True)

    by_name = {file.photos[0].original_name: file for file in report.bad}
    assert by_name["a.jpg"].repaired_from == str(camera_roll / "a.jpg")
    assert by_name["d.jpg"].repaired_from == str(camera_roll / "d.jpg")
    for name in ("a.jpg", "d.jpg"):
        photo = photos[name]
        assert content_hash(service.photo_path(photo)) == photo.content_hash
    assert by_name["b.jpg"].unrepaired_reason == f"{camera_roll / 'b.jpg'} is gone"
    assert by_name["c.jpg"].unrepaired_reason == (
        f"{camera_roll / 'c.jpg'} has changed since it was imported"
    )
    assert {file.photos[0].original_name for file in report.still_bad} == {"b.jpg", "c.jpg"}
    assert not service.photo_path(photos["c.jpg"]).exists()  # never the wrong bytes
    assert cache.is_cached(photos["a.jpg"].content_hash, ThumbSize.THUMB)
    assert report.thumbnails_made == 1
    again = service.check_library()
    assert {file.photos[0].original_name for file in again.bad} == {"b.jpg", "c.jpg"}


def test_no_write_transaction_is_held_while_files_are_hashed(
    service: JournalService, photos: dict[str, PhotoInfo]
) -> None:
    writes: list[int] = []

    def write_meanwhile(done: int, _total: int) -> None:
        with sqlite3.connect(service.library.database_path, timeout=0) as other:
            other.execute("BEGIN IMMEDIATE")  # fails at once if anyone holds the write lock
            other.execute("UPDATE photos SET caption = 'x' WHERE id = ?", (done,))
        other.close()
        writes.append(done)

    report = service.check_library(progress=write_meanwhile)

    assert writes == [1, 2, 3, 4]
    assert report.bad == ()


def test_a_cancelled_check_stops_within_a_few_files_and_says_it_is_incomplete(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    for index in range(40):
        write_photo(camera_roll / f"p{index:02d}.jpg", color=(index, 0, 0))
    service.import_photos(seattle.id, [camera_roll])
    cancel = CancelToken()
    seen: list[int] = []

    def cancel_at_once(done: int, _total: int) -> None:
        seen.append(done)
        cancel.cancel()

    report = service.check_library(progress=cancel_at_once, cancel=cancel)

    assert not report.complete
    assert len(seen) <= 2 * (os.cpu_count() or 2)
