"""Importing real files into a real library: where each photo lands, and what is kept."""

from datetime import date, datetime
from pathlib import Path

import pytest

from journal.photos.import_progress import ImportPhase, ImportProgress
from journal.services import JournalService, TripInfo
from journal.store.library import Library
from tests.photos.photo_files import exif_for, write_photo


def test_photos_land_on_their_local_day_in_time_order(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    write_photo(camera_roll / "late.jpg", exif_for(original="2023:09:17 18:00:00"))
    write_photo(camera_roll / "early.jpg", exif_for(original="2023:09:17 08:00:00"))
    write_photo(
        camera_roll / "seoul.jpg",
        exif_for(original="2023:09:16 08:30:00", offset="+09:00", subsec="25"),
    )

    report = service.import_photos(seattle.id, [camera_roll])

    assert len(report.imported) == 3
    assert report.failures == ()
    assert report.changes.days == {date(2023, 9, 16), date(2023, 9, 17)}
    day1 = service.photos(seattle.id, date(2023, 9, 17))
    assert [photo.original_name for photo in day1] == ["early.jpg", "late.jpg"]
    assert day1[0].position < day1[1].position
    [seoul] = service.photos(seattle.id, date(2023, 9, 16))
    assert seoul.local_time == datetime(2023, 9, 16, 8, 30, 0, 250000)
    assert seoul.utc_offset_minutes == 9 * 60
    assert seoul.captured_utc == datetime(2023, 9, 15, 23, 30, 0, 250000)
    assert seoul.time_source == "exif-original"
    assert seoul.time_description == "EXIF, +09:00"
    # Without an offset the camera clock is taken to be on the trip's zone (PDT, -07:00).
    assert day1[0].utc_offset_minutes == -7 * 60
    assert day1[0].captured_utc == datetime(2023, 9, 17, 15, 0)


def test_the_library_copy_is_content_addressed_and_identical(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    source = write_photo(camera_roll / "a.jpg", exif_for(original="2023:09:18 10:00:00"))

    [photo_id] = service.import_photos(seattle.id, [source]).imported

    photo = service.photo(photo_id)
    copy = service.photo_path(photo)
    assert copy.read_bytes() == source.read_bytes()
    assert photo.library_path.as_posix() == (
        f"photos/{photo.content_hash[:2]}/{photo.content_hash}.jpg"
    )
    assert copy == service.library.root / photo.library_path
    assert photo.original_path == str(source)
    assert (photo.media_format, photo.width, photo.height) == ("JPEG", 48, 32)


def test_importing_again_is_a_no_op_and_same_bytes_are_one_photo(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    first = write_photo(camera_roll / "a.jpg", exif_for(original="2023:09:18 10:00:00"))
    (camera_roll / "sub").mkdir()
    (camera_roll / "sub" / "copy of a.jpg").write_bytes(first.read_bytes())

    report = service.import_photos(seattle.id, [camera_roll])
    assert len(report.imported) == 1
    assert report.duplicate_count == 1

    again = service.import_photos(seattle.id, [camera_roll])
    assert again.imported == ()
    assert again.duplicate_count == 2
    assert len(service.all_photos(seattle.id)) == 1


def test_photos_outside_the_trip_go_to_the_unassigned_tray(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    write_photo(camera_roll / "before.jpg", exif_for(original="2023:09:10 10:00:00"))
    write_photo(camera_roll / "during.jpg", exif_for(original="2023:09:20 10:00:00"))

    report = service.import_photos(seattle.id, [camera_roll])

    assert report.unassigned == 1
    [tray] = service.photos(seattle.id, None)
    assert tray.original_name == "before.jpg"
    assert tray.day_date is None
    assert tray.local_time == datetime(2023, 9, 10, 10, 0)
    assert service.days(seattle.id).unassigned_photo_count == 1


def test_progress_reports_every_planned_day_before_any_copy(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    for hour in range(5):
        write_photo(camera_roll / f"p{hour}.jpg", exif_for(original=f"2023:09:19 1{hour}:00:00"))
    (camera_roll / "zzz.jpg").write_text("not a photo")
    events: list[ImportProgress] = []

    report = service.import_photos(seattle.id, [camera_roll], progress=events.append)

    phases = [event.phase for event in events]
    first_copy = phases.index(ImportPhase.COPY)
    scans = [event for event in events[:first_copy] if event.planned is not None]
    assert {event.planned.day for event in scans if event.planned} == {date(2023, 9, 19)}
    assert len(scans) == 5
    assert ImportPhase.SCAN not in phases[first_copy:]
    assert phases[-1] is ImportPhase.DONE
    committed = [photo_id for event in events for photo_id in event.committed_ids]
    assert sorted(committed) == sorted(report.imported)
    [failed] = [event for event in events if event.failure is not None]
    assert failed.phase is ImportPhase.SCAN
    assert failed.failure == (camera_roll / "zzz.jpg", report.failures[0].reason)
    last_scan = events[first_copy - 1]
    assert (last_scan.done, last_scan.total) == (6, 6)
    assert last_scan.rate is not None
    assert last_scan.rate > 0
    assert last_scan.seconds_left == 0


def test_a_library_reopened_after_import_has_everything(
    library_root: Path, seattle: TripInfo, service: JournalService, camera_roll: Path
) -> None:
    write_photo(camera_roll / "a.jpg", exif_for(original="2023:09:18 10:00:00"))
    service.import_photos(seattle.id, [camera_roll])
    service.library.close()

    with Library.open(library_root) as reopened:
        [photo] = JournalService(reopened).all_photos(seattle.id)
        assert photo.day_date == date(2023, 9, 18)
        assert (library_root / photo.library_path).is_file()


def test_a_day_reads_in_the_order_photos_were_taken_across_time_zones(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    """Seoul 08:00 (+09:00) came ten hours before Seattle 07:00 (-07:00) of the same date."""
    write_photo(camera_roll / "a-seattle.jpg", exif_for(original="2023:09:16 07:00:00"))
    write_photo(
        camera_roll / "b-seoul.jpg", exif_for(original="2023:09:16 08:00:00", offset="+09:00")
    )

    service.import_photos(seattle.id, [camera_roll])

    day0 = service.photos(seattle.id, date(2023, 9, 16))
    assert [photo.original_name for photo in day0] == ["b-seoul.jpg", "a-seattle.jpg"]


def test_importing_a_folder_that_holds_the_library_skips_the_library(
    library_root: Path, service: JournalService, seattle: TripInfo
) -> None:
    home = library_root.parent
    write_photo(home / "Pictures" / "a.jpg", exif_for(original="2023:09:18 10:00:00"))
    service.import_photos(seattle.id, [home / "Pictures"])

    report = service.import_photos(seattle.id, [home])

    assert report.imported == ()
    assert report.failures == ()
    assert report.duplicate_count == 1


def test_time_descriptions_say_where_each_time_came_from(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    write_photo(camera_roll / "KakaoTalk_20230918_101500.jpg")
    write_photo(camera_roll / "plain.jpg", color=(9, 9, 9), mtime=datetime(2023, 9, 18, 12, 0))
    write_photo(
        camera_roll / "seoul.jpg",
        exif_for(original="2023:09:18 10:00:00", gps=(37.5665, 126.978), make="Apple"),
    )

    service.import_photos(seattle.id, [camera_roll])

    photos = {photo.original_name: photo for photo in service.all_photos(seattle.id)}
    kakao = photos["KakaoTalk_20230918_101500.jpg"]
    assert (kakao.time_description, kakao.time_trusted) == ("file name", True)
    plain = photos["plain.jpg"]
    assert (plain.time_description, plain.time_trusted) == ("file date — untrusted", False)
    assert plain.camera.label == "Unknown camera"
    seoul = photos["seoul.jpg"]
    assert seoul.time_description == "EXIF, +09:00 from GPS"
    assert seoul.camera.label == "Apple"
    assert seoul.gps_latitude == pytest.approx(37.5665, abs=1e-4)
