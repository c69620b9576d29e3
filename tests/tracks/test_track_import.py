"""``JournalService.import_tracks``: real photos (Pillow, real EXIF) placed on GPX tracks."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from journal.photos.camera import CameraKey
from journal.photos.import_progress import CancelToken
from journal.services import JournalService, PhotoInfo, TripInfo
from journal.services.track_ops import TrackProgress
from journal.tracks.gpx_reading import TrackFileError
from tests.cli.test_trip_commands import library_fingerprint
from tests.photos.photo_files import exif_for, write_photo
from tests.tracks.gpx_files import Point, write_gpx

#: 08:00-09:00 PDT on Day 0 of the Seattle trip: a fix every 10 minutes walking north-east.
SEATTLE_START = datetime(2023, 9, 16, 15, 0)
#: 00:00-01:00 JST on 19 September, which is still 18 September in Seattle.
TOKYO_START = datetime(2023, 9, 18, 15, 0)


def walk(start: datetime, latitude: float, longitude: float) -> list[Point]:
    return [
        (latitude + step * 0.01, longitude + step * 0.01, start + timedelta(minutes=10 * step))
        for step in range(7)
    ]


@pytest.fixture
def seattle_gpx(tmp_path: Path) -> Path:
    return write_gpx(tmp_path / "seattle.gpx", segments=[walk(SEATTLE_START, 47.60, -122.34)])


def import_photo(service: JournalService, trip: TripInfo, path: Path) -> PhotoInfo:
    report = service.import_photos(trip.id, [path])
    assert len(report.imported) == 1, report
    return service.photo(report.imported[0])


def photo_at(service: JournalService, trip: TripInfo, tmp_path: Path, name: str, **exif: object):
    return import_photo(service, trip, write_photo(tmp_path / name, exif_for(**exif)))  # type: ignore[arg-type]


def test_a_photo_without_gps_is_interpolated_between_the_fixes_around_it(
    service: JournalService, seattle: TripInfo, seattle_gpx: Path, tmp_path: Path
) -> None:
    photo = photo_at(service, seattle, tmp_path, "a.jpg", original="2023:09:16 08:25:00")

    report = service.import_tracks(seattle.id, [seattle_gpx])

    placed = service.photo(photo.id)
    assert placed.position_source == "track"
    assert placed.gps_latitude == pytest.approx(47.625)  # half way from 15:20 to 15:30 UTC
    assert placed.gps_longitude == pytest.approx(-122.315)
    assert placed.track_gap_seconds == 300
    assert report.placed == 1
    assert report.unplaced == 0
    assert report.changes.photos == {photo.id}
    assert report.tracks[0].point_count == 7


def test_a_photos_own_gps_always_wins(
    service: JournalService, seattle: TripInfo, seattle_gpx: Path, tmp_path: Path
) -> None:
    photo = photo_at(
        service, seattle, tmp_path, "own.jpg", original="2023:09:16 08:25:00", gps=(40.0, -105.0)
    )

    report = service.import_tracks(seattle.id, [seattle_gpx])

    kept = service.photo(photo.id)
    assert (kept.gps_latitude, kept.gps_longitude) == pytest.approx((40.0, -105.0))
    assert kept.position_source == "own"
    assert kept.track_gap_seconds is None
    assert report.changes.photos == set()


def test_camera_clock_corrections_apply_before_matching(
    service: JournalService, seattle: TripInfo, seattle_gpx: Path, tmp_path: Path
) -> None:
    # The camera was an hour behind: 07:25 on its clock was 08:25, 15:25 UTC.
    photo = photo_at(
        service, seattle, tmp_path, "slow.jpg", original="2023:09:16 07:25:00", make="Canon"
    )
    assert service.import_tracks(seattle.id, [seattle_gpx]).placed == 0  # 35 min before it

    service.set_camera_offset(seattle.id, CameraKey("Canon", "", ""), 3600)
    service.import_tracks(seattle.id, [seattle_gpx])

    placed = service.photo(photo.id)
    assert placed.gps_latitude == pytest.approx(47.625)
    assert placed.track_gap_seconds == 300


def test_the_maximum_gap_is_30_minutes_unless_given(
    service: JournalService, seattle: TripInfo, seattle_gpx: Path, tmp_path: Path
) -> None:
    # 09:40 PDT is 16:40 UTC, 40 minutes after the last fix.
    photo = photo_at(service, seattle, tmp_path, "late.jpg", original="2023:09:16 09:40:00")

    report = service.import_tracks(seattle.id, [seattle_gpx])
    assert (report.placed, report.unplaced) == (0, 1)
    assert service.photo(photo.id).gps_latitude is None

    service.import_tracks(seattle.id, [seattle_gpx], max_gap_seconds=3600)
    placed = service.photo(photo.id)
    assert placed.gps_latitude == pytest.approx(47.66)  # the last fix, not extrapolated
    assert placed.track_gap_seconds == 2400

    report = service.import_tracks(seattle.id, [seattle_gpx], max_gap_seconds=1800)
    taken_back = service.photo(photo.id)
    assert (taken_back.gps_latitude, taken_back.position_source) == (None, None)
    assert report.changes.photos == {photo.id}
    assert report.tracks[0].already_imported


def test_the_zone_on_the_track_moves_a_photo_to_its_local_day(
    service: JournalService, seattle: TripInfo, tmp_path: Path
) -> None:
    """A file time is an instant: 15:30 UTC on the 18th is the 18th in Seattle, the trip's zone,
    but the track says the photo was in Tokyo, where it was already the 19th."""
    track = write_gpx(tmp_path / "tokyo.gpx", segments=[walk(TOKYO_START, 35.68, 139.76)])
    taken = datetime(2023, 9, 18, 15, 30, tzinfo=UTC)  # no EXIF: the file's time is the instant
    path = write_photo(tmp_path / "scan.png", mtime=taken)
    photo = import_photo(service, seattle, path)
    assert photo.day_date == date(2023, 9, 18)

    report = service.import_tracks(seattle.id, [track])

    moved = service.photo(photo.id)
    assert moved.day_date == date(2023, 9, 19)
    assert moved.local_time == datetime(2023, 9, 19, 0, 30)
    assert moved.utc_offset_minutes == 9 * 60
    assert report.changes.days == {date(2023, 9, 18), date(2023, 9, 19)}


def test_a_camera_clock_without_offset_is_read_in_the_zone_the_track_was_in(
    service: JournalService, seattle: TripInfo, tmp_path: Path
) -> None:
    """00:30 on a phone's clock in Tokyo: read in the trip's zone (Seattle) it is nowhere near
    the track; read in Tokyo's, the track is in Tokyo then. The photo takes +09:00."""
    track = write_gpx(tmp_path / "tokyo.gpx", segments=[walk(TOKYO_START, 35.68, 139.76)])
    photo = photo_at(service, seattle, tmp_path, "tokyo.jpg", original="2023:09:19 00:30:00")

    service.import_tracks(seattle.id, [track])

    placed = service.photo(photo.id)
    assert placed.gps_latitude == pytest.approx(35.71)
    assert placed.captured_utc == datetime(2023, 9, 18, 15, 30)
    assert placed.utc_offset_minutes == 9 * 60
    assert placed.day_date == date(2023, 9, 19)


@pytest.mark.parametrize("hostile", ["bomb", "backwards"])
def test_a_bad_file_among_good_ones_leaves_the_library_unchanged(
    service: JournalService,
    seattle: TripInfo,
    seattle_gpx: Path,
    tmp_path: Path,
    library_root: Path,
    hostile: str,
) -> None:
    photo_at(service, seattle, tmp_path, "a.jpg", original="2023:09:16 08:25:00")
    bad = tmp_path / "bad.gpx"
    if hostile == "bomb":
        bad.write_text('<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaa">]><gpx>&a;</gpx>')
    else:
        write_gpx(bad, segments=[list(reversed(walk(SEATTLE_START, 1, 2)))])
    before = library_fingerprint(library_root)

    with pytest.raises(TrackFileError):
        service.import_tracks(seattle.id, [seattle_gpx, bad])

    assert library_fingerprint(library_root) == before


def test_progress_is_reported_per_file_and_a_cancel_writes_nothing(
    service: JournalService, seattle: TripInfo, seattle_gpx: Path, library_root: Path
) -> None:
    cancel = CancelToken()
    events: list[TrackProgress] = []

    def on_progress(event: TrackProgress) -> None:
        events.append(event)
        cancel.cancel()

    before = library_fingerprint(library_root)
    report = service.import_tracks(
        seattle.id, [seattle_gpx, seattle_gpx], progress=on_progress, cancel=cancel
    )

    assert report.cancelled
    assert events == [TrackProgress(0, 2, seattle_gpx)]
    assert library_fingerprint(library_root) == before


def test_undoing_a_track_import_takes_the_photos_off_it_and_redo_puts_them_back(
    service: JournalService, seattle: TripInfo, seattle_gpx: Path, tmp_path: Path
) -> None:
    photo = photo_at(service, seattle, tmp_path, "a.jpg", original="2023:09:16 08:25:00")
    before = service.photo(photo.id)

    report = service.import_tracks(seattle.id, [seattle_gpx])
    assert report.changes.undo is not None
    undone = service.revert(report.changes.undo)

    back = service.photo(photo.id)
    assert (back.gps_latitude, back.position_source, back.track_gap_seconds) == (
        before.gps_latitude,
        before.position_source,
        before.track_gap_seconds,
    )
    assert undone.undo is not None
    service.revert(undone.undo)
    assert service.photo(photo.id).position_source == "track"
