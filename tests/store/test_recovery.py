"""Recovering a damaged library: its photos and whatever text can be read come back, the damaged
database is kept byte for byte, and nothing changes until the new database is complete."""

import dataclasses
import random
import sqlite3
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from journal.errors import LibraryDamagedError, LibraryError, LibraryMissingError
from journal.photos.import_progress import CancelToken
from journal.services import CameraKey, JournalService, NewTrip, TripEdit, TripInfo
from journal.services.recovery import recover_library
from journal.services.recovery_rebuild import busiest_stretch
from journal.store.library import Library
from tests.photos.photo_files import exif_for, write_photo
from tests.store.damaged_libraries import emptied_library

SEOUL = (37.5665, 126.9780)


def new_trip(service: JournalService, title: str, start: date, end: date, zone: str) -> TripInfo:
    trip = service.create_trip(NewTrip(title, start, end, zone)).trip
    assert trip is not None
    return trip


def damaged_copies(root: Path) -> list[Path]:
    return sorted(root.glob("journal.db.damaged-*"))


def test_an_emptied_database_beside_photos_is_rebuilt_from_the_photos(
    library_root: Path, tmp_path: Path
) -> None:
    """The issue's case: a zero-byte journal.db beside the photos. Each photo comes back in a
    "Recovered" trip, with the capture time its file recorded, on its day."""
    taken = [datetime(2023, 9, 16, 8, 0) + timedelta(hours=7 * n) for n in range(40)]
    files = [
        write_photo(
            tmp_path / f"IMG_{n:04d}.jpg",
            exif_for(original=moment.strftime("%Y:%m:%d %H:%M:%S"), gps=SEOUL if n % 3 else None),
            color=(n * 6, 100, 200 - n * 4),
        )
        for n, moment in enumerate(taken)
    ]
    with Library.open(library_root) as library:
        service = JournalService(library)
        trip = new_trip(service, "Seoul", date(2023, 9, 16), date(2023, 9, 30), "Asia/Seoul")
        assert len(service.import_photos(trip.id, files).imported) == 40
    database = library_root / "journal.db"
    database.write_bytes(b"")
    with pytest.raises(LibraryDamagedError):
        Library.open(library_root)

    report = recover_library(library_root)

    assert report is not None
    assert (
        report.problem == "its database journal.db is empty (0 bytes) but photos/ holds 40 photos"
    )
    assert report.damaged_copy is not None
    assert report.damaged_copy.read_bytes() == b""
    assert damaged_copies(library_root) == [report.damaged_copy]
    assert (report.photos, report.recovered_photos, report.failures) == (40, 40, ())
    with Library.open(library_root) as library:
        service = JournalService(library)
        [recovered] = service.list_trips()
        assert recovered == report.recovered_trip
        assert (recovered.title, recovered.timezone) == ("Recovered", "Asia/Seoul")
        assert (recovered.start_date, recovered.end_date) == (taken[0].date(), taken[-1].date())
        photos = service.all_photos(recovered.id)
        assert sorted(filter(None, (photo.local_time for photo in photos))) == taken  # all 40
        assert all(
            photo.day_date == photo.local_time.date() for photo in photos if photo.local_time
        )

    assert recover_library(library_root) is None  # sound now: nothing more to do
    assert damaged_copies(library_root) == [report.damaged_copy]


def write_days(service: JournalService, trip: TripInfo, count: int) -> dict[date, str]:
    bodies = {}
    for n in range(count):
        day = trip.start_date + timedelta(days=n)
        bodies[day] = f"DAY-{n:04d} " + "걸음 step " * 120
        service.set_day_text(trip.id, day, bodies[day])
    return bodies


def damage_the_page_holding(database: Path, marker: bytes) -> None:
    data = bytearray(database.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    start = data.index(marker) // page_size * page_size
    data[start : start + page_size] = random.Random(3).randbytes(page_size)
    database.write_bytes(bytes(data))


def test_what_a_damaged_database_still_holds_is_put_back(
    library_root: Path, tmp_path: Path
) -> None:
    """Random bytes over one page of days: every other day's text, both trips with their
    details, the photos in their trip with their captions and camera correction come back."""
    camera = CameraKey("Canon", "EOS R6", "")
    files = [
        write_photo(
            tmp_path / f"IMG_{n}.jpg",
            exif_for(original=f"2023:09:1{6 + n} 10:00:00", make="Canon", model="EOS R6"),
            color=(40 * n, 90, 90),
        )
        for n in range(3)
    ]
    with Library.open(library_root) as library:
        service = JournalService(library)
        walk = new_trip(service, "Long walk", date(2023, 1, 1), date(2023, 12, 31), "Europe/Paris")
        service.edit_trip(walk.id, TripEdit(intro="Why I walked", tags=("walking",)))
        bodies = write_days(service, walk, 300)
        seoul = new_trip(service, "서울", date(2023, 9, 16), date(2023, 9, 20), "Asia/Seoul")
        imported = service.import_photos(seoul.id, files).imported
        service.set_camera_offset(seoul.id, camera, 3600)
        service.set_caption(imported[0], "첫 사진")
        service.set_day_text(seoul.id, date(2023, 9, 17), "둘째 날")
        before = {photo.content_hash: photo for photo in service.all_photos(seoul.id)}
    database = library_root / "journal.db"
    damage_the_page_holding(database, b"DAY-0150")
    damaged = database.read_bytes()
    with pytest.raises(LibraryDamagedError):
        Library.open(library_root)

    report = recover_library(library_root)

    assert report is not None
    assert report.damaged_copy is not None
    assert report.damaged_copy.read_bytes() == damaged
    assert (report.trips, report.photos, report.recovered_trip) == (2, 3, None)
    with Library.open(library_root) as library:
        service = JournalService(library)
        walk_back = service.find_trip(walk.slug)
        assert walk_back == dataclasses.replace(
            walk, id=walk_back.id, intro="Why I walked", tags=("walking",)
        )
        days = {day.date: day.body for day in service.days(walk_back.id).days if day.body}
        assert 290 <= len(days) < 300
        assert "DAY-0150 " not in "".join(days.values())
        assert all(body == bodies[day] for day, body in days.items())
        seoul_back = service.find_trip(seoul.slug)
        assert service.day(seoul_back.id, date(2023, 9, 17)).body == "둘째 날"
        assert [info.offset_seconds for info in service.cameras(seoul_back.id)] == [3600]
        for photo in service.all_photos(seoul_back.id):
            old = before[photo.content_hash]
            assert (photo.caption, photo.original_name, photo.local_time, photo.day_date) == (
                old.caption,
                old.original_name,
                old.local_time,
                old.day_date,
            )
    assert report.days == len(days) + 1


def test_days_whose_trip_was_lost_go_to_the_recovered_trip(library_root: Path) -> None:
    with Library.open(library_root) as library:
        service = JournalService(library)
        for title in ("Lost one", "Lost two"):
            lost = new_trip(service, title, date(2023, 5, 1), date(2023, 5, 9), "UTC")
            service.set_day_text(lost.id, date(2023, 5, 2), f"{title} on the 2nd", "Day two")
        service.set_day_text(lost.id, date(2023, 5, 8), "Only the second on the 8th")
        kept = new_trip(service, "Kept", date(2023, 1, 1), date(2023, 12, 31), "UTC")
        write_days(service, kept, 100)
    database = library_root / "journal.db"
    with closing(sqlite3.connect(database)) as raw, raw:  # foreign keys off: the days stay
        raw.execute("DELETE FROM trips WHERE title LIKE 'Lost%'")
    damage_the_page_holding(database, b"DAY-0050")

    report = recover_library(library_root)

    assert report is not None
    assert report.recovered_trip is not None
    assert (report.recovered_trip.start_date, report.recovered_trip.end_date) == (
        date(2023, 5, 2),
        date(2023, 5, 8),
    )
    with Library.open(library_root) as library:
        service = JournalService(library)
        second = service.day(report.recovered_trip.id, date(2023, 5, 2))
        assert (second.title, second.body) == (
            "Day two",
            "Lost one on the 2nd\n\nLost two on the 2nd",
        )
        eighth = service.day(report.recovered_trip.id, date(2023, 5, 8))
        assert eighth.body == "Only the second on the 8th"
        assert sorted(trip.title for trip in service.list_trips()) == ["Kept", "Recovered"]


def test_a_cancelled_recovery_leaves_the_library_as_it_was(
    library_root: Path, tmp_path: Path
) -> None:
    database = emptied_library(library_root, tmp_path, 20) / "journal.db"
    (library_root / "journal.db.recovering").write_bytes(b"left by a killed recovery")
    before = sorted(path.name for path in library_root.iterdir())
    cancel = CancelToken()

    with pytest.raises(LibraryError, match="recovery was cancelled; the library was left as it"):
        recover_library(library_root, progress=lambda _done, _total: cancel.cancel(), cancel=cancel)

    assert sorted(path.name for path in library_root.iterdir()) == [
        name for name in before if name != "journal.db.recovering"
    ]
    assert database.read_bytes() == b""
    report = recover_library(library_root)
    assert report is not None
    assert report.recovered_photos == 20


def test_there_is_nothing_to_recover_in_a_sound_library_or_an_empty_folder(
    library: Library, tmp_path: Path
) -> None:
    library.close()
    before = (library.root / "journal.db").read_bytes()
    assert recover_library(library.root) is None
    assert (library.root / "journal.db").read_bytes() == before
    with pytest.raises(LibraryMissingError):
        recover_library(tmp_path / "nothing here")
    (tmp_path / "empty").mkdir()
    with pytest.raises(LibraryMissingError):
        recover_library(tmp_path / "empty")


def test_the_busiest_stretch_a_trip_can_span() -> None:
    start = date(2020, 1, 1)
    assert busiest_stretch([start + timedelta(days=9), start], 1000) == (
        start,
        start + timedelta(days=9),
    )
    stray = date(2010, 6, 1)
    dates = [stray, *(start + timedelta(days=n) for n in range(0, 1500, 10))]
    assert busiest_stretch(dates, 1000) == (start, start + timedelta(days=990))


def test_the_text_shows_the_same_photos_after_recovery_and_days_keep_their_hand_made_order(
    library_root: Path, tmp_path: Path
) -> None:
    """Recovery imports the photos again, so they get new ids: every ``photo:ID`` of the text
    follows its photo (a reference to a photo that did not come back cannot show another one),
    and a photo put on a day by hand, a day's order and the original paths come back too."""
    files = [
        write_photo(
            tmp_path / f"IMG_{n}.jpg",
            exif_for(original=f"2023:09:17 1{n}:00:00"),
            color=(30 * n, 200 - 30 * n, 90),
        )
        for n in range(6)
    ]
    with Library.open(library_root) as library:
        service = JournalService(library)
        trip = new_trip(service, "Busan", date(2023, 9, 16), date(2023, 9, 18), "Asia/Seoul")
        write_days(
            service, new_trip(service, "Diary", date(2023, 1, 1), date(2023, 12, 31), "UTC"), 120
        )
        ids = [service.import_photos(trip.id, [path]).imported[0] for path in reversed(files)]
        service.move_photos(trip.id, [ids[0]], date(2023, 9, 18))  # by hand, off its day
        on_17th = [photo.id for photo in service.photos(trip.id, date(2023, 9, 17))]
        service.reorder_photos(trip.id, date(2023, 9, 17), on_17th[::-1])
        text = "".join(f"![n{n}](photo:{photo_id})\n\n" for n, photo_id in enumerate(ids))
        text += '![ref][r]\n\n![gone](photo:999 "title")\n\n[r]: <photo:' + f"{ids[2]}>\n"
        service.set_day_text(trip.id, date(2023, 9, 17), text)
        service.edit_trip(trip.id, TripEdit(intro=f"Cover: ![c](photo:{ids[5]})"))
        before = {photo.id: photo for photo in service.all_photos(trip.id)}
        order_before = [
            before[photo.id].content_hash for photo in service.photos(trip.id, date(2023, 9, 17))
        ]
    damage_the_page_holding(library_root / "journal.db", b"DAY-0050")

    assert recover_library(library_root) is not None

    with Library.open(library_root) as library:
        service = JournalService(library)
        back = service.find_trip(trip.slug)
        photos = {photo.content_hash: photo for photo in service.all_photos(back.id)}
        new_id = {old: photos[photo.content_hash].id for old, photo in before.items()}
        assert new_id != {old: old for old in before}  # the ids did change
        expected = "".join(f"![n{n}](photo:{new_id[old]})\n\n" for n, old in enumerate(ids))
        expected += '![ref][r]\n\n![gone](lost-photo:999 "title")\n\n'
        expected += f"[r]: <photo:{new_id[ids[2]]}>\n"
        assert service.day(back.id, date(2023, 9, 17)).body == expected
        assert back.intro == f"Cover: ![c](photo:{new_id[ids[5]]})"
        moved = photos[before[ids[0]].content_hash]
        assert (moved.day_date, moved.pinned) == (date(2023, 9, 18), True)
        assert [
            photo.content_hash for photo in service.photos(back.id, date(2023, 9, 17))
        ] == order_before
        assert {photo.original_path for photo in photos.values()} == {str(f) for f in files}
