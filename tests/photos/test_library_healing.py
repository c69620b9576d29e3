"""Importing a file whose bytes the library knows heals the library's copy of them: a copy that
went missing or was damaged (even at the same size) is written again from the file."""

from datetime import date
from pathlib import Path

import pytest

from journal.photos.storage import content_hash
from journal.services import JournalService, NewTrip, PhotoInfo, TripInfo
from tests.cli.test_trip_commands import run, seattle_library
from tests.photos.photo_files import exif_for, write_photo

__all__ = ["seattle_library"]


def _damage(copy: Path) -> None:
    """Flip one byte in the middle: the size stays, the content does not."""
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))


def _imported(service: JournalService, trip: TripInfo, source: Path) -> PhotoInfo:
    [photo_id] = service.import_photos(trip.id, [source]).imported
    return service.photo(photo_id)


@pytest.fixture
def source(camera_roll: Path) -> Path:
    return write_photo(camera_roll / "a.jpg", exif_for(original="2023:09:18 10:00:00"))


@pytest.fixture
def tokyo(service: JournalService) -> TripInfo:
    changes = service.create_trip(
        NewTrip(
            title="Tokyo",
            start_date=date(2023, 9, 16),
            end_date=date(2023, 9, 20),
            timezone="Asia/Tokyo",
        )
    )
    assert changes.trip is not None
    return changes.trip


def test_reimporting_a_photo_whose_copy_is_missing_restores_it(
    service: JournalService, seattle: TripInfo, source: Path
) -> None:
    photo = _imported(service, seattle, source)
    service.photo_path(photo).unlink()

    report = service.import_photos(seattle.id, [source])

    assert report.duplicates == (source,)
    assert report.restored == (source,)
    assert content_hash(service.photo_path(photo)) == photo.content_hash


def test_reimporting_a_photo_whose_copy_is_damaged_at_the_same_size_restores_it(
    service: JournalService, seattle: TripInfo, source: Path
) -> None:
    photo = _imported(service, seattle, source)
    _damage(service.photo_path(photo))

    report = service.import_photos(seattle.id, [source])

    assert report.restored == (source,)
    assert content_hash(service.photo_path(photo)) == photo.content_hash
    # Once healed, the next import finds the copy intact and says nothing.
    assert service.import_photos(seattle.id, [source]).restored == ()


def test_another_trips_import_never_reuses_a_damaged_copy(
    service: JournalService, seattle: TripInfo, tokyo: TripInfo, source: Path
) -> None:
    first = _imported(service, seattle, source)
    _damage(service.photo_path(first))

    report = service.import_photos(tokyo.id, [source])

    [second] = service.all_photos(tokyo.id)
    assert report.restored == (source,)
    assert second.library_path == first.library_path
    # Both trips' rows now match the file they point at.
    assert content_hash(service.photo_path(second)) == first.content_hash


def test_another_trips_import_restores_a_missing_copy(
    service: JournalService, seattle: TripInfo, tokyo: TripInfo, source: Path
) -> None:
    first = _imported(service, seattle, source)
    service.photo_path(first).unlink()

    report = service.import_photos(tokyo.id, [source])

    assert report.restored == (source,)
    assert content_hash(service.photo_path(first)) == first.content_hash


def test_a_new_photo_is_not_reported_as_restored(
    service: JournalService, seattle: TripInfo, source: Path
) -> None:
    assert service.import_photos(seattle.id, [source]).restored == ()


def test_the_cli_says_which_copies_it_restored(
    seattle_library: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = ["--library", str(seattle_library)]
    run(capsys, "import", "seattle-2023", str(source), *library)
    [copy] = [path for path in (seattle_library / "photos").rglob("*") if path.is_file()]
    copy.unlink()

    code, out, _ = run(capsys, "import", "seattle-2023", str(source), *library)

    assert code == 0
    assert "Skipped 1 already in the trip." in out
    assert f"Restored the library's missing or damaged copy of 1 photo from:\n  {source}\n" in out
    assert copy.read_bytes() == source.read_bytes()
