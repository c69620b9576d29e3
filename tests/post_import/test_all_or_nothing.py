"""A post import is one operation: cancelled, failed or crashed, it leaves the library as it was
(issue 12). Checked through ``JournalService``, as the app and the CLI see the library."""

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from journal.cli import main
from journal.errors import JournalError
from journal.photos.import_progress import CancelToken, ImportPhase, ImportProgress
from journal.photos.storage import Stored, store_original
from journal.services import (
    JournalService,
    NewTrip,
    PostImportCancelledError,
    TripEdit,
    TripInfo,
    export_ops,
    photo_staging,
)
from journal.store.library import PHOTOS_DIR, THUMBS_DIR, Library
from tests.photos.photo_files import exif_for, write_photo
from tests.post_import.test_round_trip import import_post, stand_in_site

#: The days of the reference post, and one either side.
POST_DAYS = [date(2023, 9, 29) + timedelta(days=n) for n in range(5)]


def library_files(
    service: JournalService, folders: tuple[str, ...] = (PHOTOS_DIR, THUMBS_DIR)
) -> set[Path]:
    """Every file of the library's copies and thumbnails (or of ``folders``)."""
    root = service.library.root
    return {
        path.relative_to(root)
        for folder in folders
        for path in (root / folder).rglob("*")
        if path.is_file()
    }


def trip_state(service: JournalService, trip_id: int) -> dict[str, Any]:
    """All a user can see of a trip: its fields and dates, its days, every text, every photo,
    its export settings and front-matter template."""
    overview = service.days(trip_id)
    dates = sorted(
        {*POST_DAYS, *(day.date for day in (*overview.days, *overview.notes_outside_range))}
    )
    return {
        "trip": service.trip(trip_id),
        "days": overview,
        "texts": [service.day(trip_id, day) for day in dates],
        "photos": service.all_photos(trip_id),
        "export settings": service.export_settings(trip_id),
        "front matter": service.front_matter_template(trip_id),
    }


@pytest.fixture
def summit(service: JournalService, tmp_path: Path) -> TripInfo:
    """A trip of one day inside the post's, with text, a photo and export choices of its own."""
    trip = service.create_trip(
        NewTrip("Summit", date(2023, 10, 1), date(2023, 10, 1), "Asia/Seoul")
    ).trip
    assert trip is not None
    service.edit_trip(trip.id, TripEdit(intro="My intro.", closing="My closing."))
    service.set_day_text(trip.id, date(2023, 10, 1), "My own notes.", "Arrival")
    roll = tmp_path / "roll"
    roll.mkdir()
    write_photo(roll / "own.jpg", exif_for(original="2023:10:01 09:00:00"))
    assert len(service.import_photos(trip.id, [roll]).imported) == 1
    settings = service.export_settings(trip.id)
    service.save_export_settings(trip.id, settings.__class__(closing_heading="Fin"))
    service.set_front_matter_template(trip.id, {"author": "Me"})
    return service.trip(trip.id)


def cancel_after_images(
    count: int, also: Callable[[], None] = lambda: None
) -> tuple[CancelToken, Callable[[ImportProgress], None]]:
    """A cancel token, and a progress callback that runs ``also`` and pulls the token once
    ``count`` images are copied."""
    cancel = CancelToken()

    def progress(event: ImportProgress) -> None:
        if event.phase is ImportPhase.COPY and event.done >= count and not cancel.cancelled:
            also()
            cancel.cancel()

    return cancel, progress


def test_a_cancelled_import_into_an_existing_trip_leaves_it_exactly_as_it_was(
    service: JournalService, summit: TripInfo, tmp_path: Path
) -> None:
    before, files = trip_state(service, summit.id), library_files(service)
    cancel, progress = cancel_after_images(1)

    with pytest.raises(PostImportCancelledError, match="nothing was changed"):
        import_post(
            service, stand_in_site(tmp_path), into_trip=summit.id, progress=progress, cancel=cancel
        )

    assert trip_state(service, summit.id) == before
    assert (service.trip(summit.id).start_date, service.trip(summit.id).end_date) == (
        date(2023, 10, 1),
        date(2023, 10, 1),
    )
    assert library_files(service) == files


def test_a_cancelled_new_trip_import_shows_nothing_and_leaves_no_new_files(
    service: JournalService, seattle: TripInfo, tmp_path: Path
) -> None:
    """Nothing of the post is in the library while its images are copied, and after a cancel
    the library holds no new file; a copy another trip uses is never taken away."""
    post = stand_in_site(tmp_path)
    shared = post.parent.parent / "assets" / "images" / "23q4" / "img_24.png"
    service.import_photos(seattle.id, [shared])
    files = library_files(service)
    seen_while_copying: list[list[TripInfo]] = []
    cancel, progress = cancel_after_images(
        1, also=lambda: seen_while_copying.append(service.list_trips())
    )

    with pytest.raises(PostImportCancelledError):
        import_post(service, post, progress=progress, cancel=cancel)

    assert seen_while_copying == [[seattle]]
    assert service.list_trips() == [seattle]
    assert library_files(service) == files
    [photo] = service.all_photos(seattle.id)
    assert service.photo_path(photo).read_bytes() == shared.read_bytes()


class InjectedError(Exception):
    """A failure inside the import's last transaction."""


def _fail_saving_export_settings(*_args: object) -> None:
    raise InjectedError("the last write of the import failed")


def test_a_failure_in_the_final_transaction_leaves_the_filled_trip_as_it_was(
    service: JournalService, summit: TripInfo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, files = trip_state(service, summit.id), library_files(service)
    monkeypatch.setattr(export_ops, "save_export_settings", _fail_saving_export_settings)

    with pytest.raises(InjectedError):
        import_post(service, stand_in_site(tmp_path), into_trip=summit.id)

    assert trip_state(service, summit.id) == before
    assert library_files(service) == files


def test_a_failure_in_the_final_transaction_leaves_no_trip_and_no_copies(
    service: JournalService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_ops, "save_export_settings", _fail_saving_export_settings)

    with pytest.raises(InjectedError):
        import_post(service, stand_in_site(tmp_path))

    assert service.list_trips() == []
    assert library_files(service) == set()


def test_a_full_disk_while_copying_the_images_imports_nothing_and_says_so(
    service: JournalService, summit: TripInfo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The thumbnails made before the disk filled stay, as a photo import's do: a cache that
    the next import of those files reuses."""
    before, copies_before = trip_state(service, summit.id), library_files(service, (PHOTOS_DIR,))
    copies = 0

    def disk_fills_after_two(source: Path, destination: Path, digest: str) -> Stored:
        nonlocal copies
        copies += 1
        if copies > 2:
            raise OSError(28, "No space left on device")
        return store_original(source, destination, digest)

    monkeypatch.setattr(photo_staging, "store_original", disk_fills_after_two)

    with pytest.raises(JournalError, match=r"^The disk is full \(.*nothing of 'Experience"):
        import_post(service, stand_in_site(tmp_path), into_trip=summit.id)

    assert trip_state(service, summit.id) == before
    assert library_files(service, (PHOTOS_DIR,)) == copies_before


def test_the_report_says_what_changed_for_the_views(
    service: JournalService, summit: TripInfo, tmp_path: Path
) -> None:
    report = import_post(service, stand_in_site(tmp_path), into_trip=summit.id)

    changes = report.changes
    assert changes.trip == service.trip(summit.id)
    assert changes.day_range  # widened to the post's days
    assert changes.trip_details
    assert changes.text_rewritten  # the trip's own texts were rewritten under any editor
    assert changes.days >= {date(2023, 9, 30), date(2023, 10, 1), date(2023, 10, 2)}
    assert changes.photos >= {photo.id for photo in service.photos(summit.id, date(2023, 10, 2))}

    created = import_post(service, stand_in_site(tmp_path / "again")).changes
    assert created.trip_list
    assert created.day_range
    assert not created.text_rewritten
    assert created.trip is not None
    assert created.photos == {photo.id for photo in service.all_photos(created.trip.id)}


def test_the_cli_fills_a_trip_named_by_slug_and_refuses_a_bad_post_before_writing(
    library_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library.open(library_root) as library:
        trip = JournalService(library).create_trip(
            NewTrip("Summit", date(2023, 10, 1), date(2023, 10, 1), "Asia/Seoul")
        )
    assert trip.trip is not None
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: [oops\n---\n## Day 0\n", encoding="utf-8")

    into_summit = ["--trip", "summit", "--library", str(library_root)]

    refused = main(["import-post", str(broken), *into_summit])
    filled = main(["import-post", str(stand_in_site(tmp_path)), *into_summit])

    out, err = capsys.readouterr()
    assert refused == 2
    assert "cannot be read" in err
    assert filled == 0
    assert out.startswith("Filled 'Summit' (summit): 3 days, 9 photos.")
    with Library.open(library_root) as library:
        [summit] = JournalService(library).list_trips()
        assert (summit.start_date, summit.end_date) == (date(2023, 9, 30), date(2023, 10, 2))
