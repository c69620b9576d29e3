"""A full disk stops the import once, keeps what it committed, and says so in one sentence,
instead of failing every following file as "damaged" or "cannot copy"."""

import contextlib
import errno
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from journal.atomic_files import atomic_writer
from journal.photos import thumbnails
from journal.photos.disk_space import NOT_IMPORTED_DISK_FULL, is_disk_full
from journal.photos.storage import Stored, content_hash, store_original
from journal.services import JournalService, TripInfo, photo_import, photo_staging
from tests.cli.test_trip_commands import run, seattle_library
from tests.photos.photo_files import exif_for, write_photo

__all__ = ["seattle_library"]

PHOTOS = 40
#: Files that fit before the disk fills.
FIT = 12


def _card(folder: Path) -> Path:
    for index in range(PHOTOS):
        write_photo(
            folder / f"p{index:02d}.jpg",
            exif_for(original=f"2023:09:18 10:{index:02d}:00"),
            size=(16, 12),
            color=(index * 5, 80, 160),
        )
    return folder


def _no_space() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _FillingDisk:
    """``store_original`` on a disk that takes ``FIT`` copies, then refuses every write."""

    def __init__(self) -> None:
        self.calls = 0
        self._lock = threading.Lock()

    def __call__(self, source: Path, destination: Path, digest: str) -> Stored:
        with self._lock:
            self.calls += 1
            full = self.calls > FIT
        if full:
            raise _no_space()
        return store_original(source, destination, digest)


def _check_consistent(service: JournalService, trip: TripInfo, imported: int) -> None:
    photos = service.all_photos(trip.id)
    assert len(photos) == imported
    for photo in photos:
        assert content_hash(service.photo_path(photo)) == photo.content_hash


def test_a_full_disk_while_copying_stops_the_import_and_is_reported_once(
    service: JournalService,
    seattle: TripInfo,
    camera_roll: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _card(camera_roll)
    disk = _FillingDisk()
    monkeypatch.setattr(f"{photo_staging.__name__}.store_original", disk)

    run = photo_import.PhotoImport(service.library, seattle.id, workers=2)
    report = run.run([camera_roll])

    assert len(report.imported) == FIT
    assert report.disk_full is not None
    assert report.disk_full.imported == FIT
    assert len(report.disk_full.not_imported) == PHOTOS - FIT
    assert report.refused == ()
    # Each file left is a failure too (an import that links them, like a post's, needs that),
    # but none is called damaged or uncopyable.
    assert {failure.reason for failure in report.failures} == {NOT_IMPORTED_DISK_FULL}
    message = report.disk_full.message
    assert message.startswith("The disk is full (")
    assert f"free on {service.library.root}); {FIT} photos imported before it filled" in message
    # Nothing new started once the disk was full: only the copies already in flight were tried.
    assert disk.calls <= FIT + 2 * 2 + photo_staging.WRITER_THREADS
    _check_consistent(service, seattle, FIT)
    # With space again, the same import brings in the rest.
    monkeypatch.undo()
    again = service.import_photos(seattle.id, [camera_roll])
    assert len(again.imported) == PHOTOS - FIT
    assert again.disk_full is None


def test_a_full_disk_while_writing_a_thumbnail_is_not_called_damaged_data(
    service: JournalService,
    seattle: TripInfo,
    camera_roll: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _card(camera_roll)
    written = 0
    lock = threading.Lock()
    real_writer = atomic_writer

    class FullDisk:
        def write(self, _data: Any) -> int:
            raise _no_space()

    @contextlib.contextmanager
    def filling_writer(destination: Path, *, durable: bool = True) -> Iterator[Any]:
        nonlocal written
        with lock:
            written += 1
            full = written > FIT
        if full:
            yield FullDisk()
            return
        with real_writer(destination, durable=durable) as handle:
            yield handle

    monkeypatch.setattr(thumbnails, "atomic_writer", filling_writer)

    report = service.import_photos(seattle.id, [camera_roll])

    assert report.disk_full is not None
    assert report.refused == ()
    assert not any("damaged" in failure.reason for failure in report.failures)
    assert 0 < len(report.imported) <= FIT
    assert len(report.imported) + len(report.disk_full.not_imported) == PHOTOS
    _check_consistent(service, seattle, len(report.imported))


def test_a_database_too_full_to_commit_stops_the_import_and_keeps_earlier_batches(
    service: JournalService,
    seattle: TripInfo,
    camera_roll: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SQLite's own "database or disk is full" (SQLITE_FULL), made real with max_page_count."""
    _card(camera_roll)
    monkeypatch.setattr(photo_import, "BATCH_SIZE", 4)
    engine = service.library.engine
    engine.dispose()
    with engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()

    @event.listens_for(engine, "connect")
    def cap(dbapi_connection: Any, _record: Any) -> None:
        # Room for a few rows more, not forty.
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 1}")

    engine.dispose()
    report = service.import_photos(seattle.id, [camera_roll])
    event.remove(engine, "connect", cap)
    engine.dispose()

    assert report.disk_full is not None
    assert report.refused == ()
    assert len(report.imported) < PHOTOS
    assert len(report.imported) + len(report.disk_full.not_imported) == PHOTOS
    _check_consistent(service, seattle, len(report.imported))


def test_the_cli_says_the_disk_is_full_in_one_line_and_exits_1(
    seattle_library: Path,
    camera_roll: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _card(camera_roll)
    monkeypatch.setattr(f"{photo_staging.__name__}.store_original", _FillingDisk())

    code, out, err = run(
        capsys, "import", "seattle-2023", str(camera_roll), "--library", str(seattle_library)
    )

    assert code == 1
    [line] = err.splitlines()
    assert line.startswith("journal: The disk is full (")
    assert f"{FIT} photos imported before it filled, {PHOTOS - FIT} not imported" in line
    assert f"Imported {FIT} photos" in out
    assert "Could not import" not in out  # no line per file


@pytest.mark.parametrize(
    ("error", "full"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), True),
        (OSError(getattr(errno, "EDQUOT", errno.ENOSPC), "Disk quota exceeded"), True),
        (OSError(errno.EIO, "Input/output error"), False),
        (ValueError("no"), False),
    ],
)
def test_what_counts_as_a_full_disk(error: BaseException, full: bool) -> None:
    assert is_disk_full(error) is full
    wrapped = RuntimeError("wrapped")
    wrapped.__cause__ = error
    assert is_disk_full(wrapped) is full
