"""Bad input never stops a batch: every failure is reported with its file, the rest imports, and
the library stays consistent (every row has its file) even when an import is cancelled."""

import errno
import os
import random
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image

from journal.atomic_files import TEMP_PREFIX
from journal.photos.discovery import discover
from journal.photos.formats import ACCEPTED_DESCRIPTION
from journal.photos.import_progress import (
    CancelToken,
    ImportFailure,
    ImportPhase,
    ImportProgress,
)
from journal.photos.storage import Stored, store_original
from journal.services import JournalService, TripInfo, photo_import, photo_staging
from journal.store.library import Library
from tests.photos.photo_files import exif_for, write_photo


def _noise_jpeg(path: Path, seed: int = 1) -> Path:
    """A JPEG with enough entropy that half of it is really missing pixels."""
    generator = random.Random(seed)
    image = Image.frombytes("RGB", (128, 128), generator.randbytes(128 * 128 * 3))
    image.save(path, exif=exif_for(original="2023:09:18 10:00:00"))
    return path


def _bomb_png(path: Path) -> Path:
    """A tiny PNG whose header claims 40000×40000 pixels: Pillow's decompression-bomb case."""
    Image.new("L", (8, 8)).save(path)
    data = bytearray(path.read_bytes())
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", 40000, 40000)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17])) & 0xFFFFFFFF
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    path.write_bytes(bytes(data))
    return path


def test_a_batch_of_bad_files_reports_each_and_imports_the_rest(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    write_photo(camera_roll / "good.jpg", exif_for(original="2023:09:18 10:00:00"))
    (camera_roll / "empty.jpg").write_bytes(b"")
    truncated = _noise_jpeg(camera_roll / "truncated.jpg")
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])
    (camera_roll / "notes.jpg").write_text("shopping list")
    _bomb_png(camera_roll / "bomb.png")
    (camera_roll / "self.jpg").symlink_to(camera_roll / "self.jpg")
    (camera_roll / "gone.jpg").symlink_to(camera_roll / "nowhere.jpg")
    (camera_roll / "loop").mkdir()
    (camera_roll / "loop" / "back").symlink_to(camera_roll, target_is_directory=True)
    write_photo(camera_roll / "loop" / "inner.png", exif_for(original="2023:09:19 10:00:00"))

    report = service.import_photos(seattle.id, [camera_roll, camera_roll / "missing.jpg"])

    reasons = {failure.path.name: failure.reason for failure in report.failures}
    assert reasons == {
        "empty.jpg": "the file is empty",
        "notes.jpg": f"not an image this app can read (it accepts {ACCEPTED_DESCRIPTION})",
        "bomb.png": reasons["bomb.png"],
        "self.jpg": reasons["self.jpg"],
        "gone.jpg": "a link to a file that does not exist",
        "missing.jpg": "no such file or folder",
    }
    assert "decompression bomb" in reasons["bomb.png"]
    assert "cannot read it" in reasons["self.jpg"]
    # A JPEG cut short imports, showing what is there, and is reported as incomplete.
    assert sorted(photo.original_name for photo in service.all_photos(seattle.id)) == [
        "good.jpg",
        "inner.png",
        "truncated.jpg",
    ]
    assert report.incomplete == (truncated,)
    # Nothing of the refused files reached the library.
    stored = [path for path in (service.library.photos_dir).rglob("*") if path.is_file()]
    assert len(stored) == 3


def test_a_copy_that_fails_costs_only_its_photo_and_a_later_import_brings_it_in(
    service: JournalService, seattle: TripInfo, camera_roll: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(6):
        write_photo(camera_roll / f"p{index}.jpg", exif_for(original=f"2023:09:18 10:0{index}:00"))

    def io_error_for_p3(source: Path, destination: Path, digest: str) -> Stored:
        if source.name == "p3.jpg":
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return store_original(source, destination, digest)

    monkeypatch.setattr(f"{photo_staging.__name__}.store_original", io_error_for_p3)
    report = service.import_photos(seattle.id, [camera_roll])

    assert report.failures == (
        ImportFailure(
            camera_roll / "p3.jpg", "cannot copy it into the library (Input/output error)"
        ),
    )
    names = sorted(photo.original_name for photo in service.all_photos(seattle.id))
    assert names == ["p0.jpg", "p1.jpg", "p2.jpg", "p4.jpg", "p5.jpg"]
    monkeypatch.undo()
    again = service.import_photos(seattle.id, [camera_roll])
    assert [service.photo(photo_id).original_name for photo_id in again.imported] == ["p3.jpg"]
    assert again.duplicate_count == 5


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_pillows_own_pixel_limit_is_the_limit(
    service: JournalService, seattle: TripInfo, camera_roll: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_photo(camera_roll / "big.jpg", exif_for(original="2023:09:18 10:00:00"), size=(60, 40))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 2000)

    report = service.import_photos(seattle.id, [camera_roll])

    [failure] = report.failures
    assert "decompression bomb" in failure.reason
    assert "2000" in failure.reason
    assert report.imported == ()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file, whatever its mode")
def test_unreadable_files_and_folders_are_reported(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    locked_file = write_photo(camera_roll / "locked.jpg", exif_for(original="2023:09:18 10:00"))
    locked_file.chmod(0)
    locked_folder = camera_roll / "private"
    write_photo(locked_folder / "inside.jpg")
    locked_folder.chmod(0)
    write_photo(camera_roll / "open.jpg", exif_for(original="2023:09:18 11:00:00"))
    try:
        report = service.import_photos(seattle.id, [camera_roll])
    finally:
        locked_folder.chmod(0o755)
    assert {failure.path.name for failure in report.failures} == {"locked.jpg", "private"}
    assert len(report.imported) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_inside_a_folder_is_reported_not_read_or_skipped_silently(tmp_path: Path) -> None:
    folder = tmp_path / "card"
    write_photo(folder / "a.jpg", exif_for(original="2023:09:18 10:00:00"))
    os.mkfifo(folder / "pipe.jpg")

    found = discover([folder])

    assert [path.name for path in found.files] == ["a.jpg"]
    assert found.failures == [ImportFailure(folder / "pipe.jpg", "not a regular file (a FIFO)")]


def test_a_ten_thousand_file_folder_is_walked_whole(tmp_path: Path) -> None:
    folder = tmp_path / "dump"
    for index in range(10_000):
        sub = folder / f"{index // 1000:02d}"
        if index % 1000 == 0:
            sub.mkdir(parents=True)
        (sub / f"IMG_{index:05d}.jpg").write_bytes(b"x")
    (folder / ".DS_Store").write_bytes(b"junk")

    found = discover([folder])

    assert len(found.files) == 10_000
    assert found.failures == []
    assert found.files[0].name == "IMG_00000.jpg"
    assert found.files[-1].name == "IMG_09999.jpg"


def test_cancelling_keeps_what_finished_and_every_row_has_its_file(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    for index in range(120):
        write_photo(
            camera_roll / f"p{index:03d}.jpg",
            exif_for(original=f"2023:09:18 10:{index // 60:02d}:{index % 60:02d}"),
        )
    cancel = CancelToken()
    events: list[ImportProgress] = []

    def stop_after_first_batch(event: ImportProgress) -> None:
        events.append(event)
        if event.committed_ids:
            cancel.cancel()

    report = service.import_photos(
        seattle.id, [camera_roll], progress=stop_after_first_batch, cancel=cancel
    )

    assert report.cancelled
    photos = service.all_photos(seattle.id)
    assert 0 < len(photos) < 120
    assert sorted(report.imported) == sorted(photo.id for photo in photos)
    for photo in photos:
        assert service.photo_path(photo).read_bytes() == Path(photo.original_path).read_bytes()
    assert events[-1].phase is ImportPhase.DONE
    # Running the same import again finishes the job.
    again = service.import_photos(seattle.id, [camera_roll])
    assert len(again.imported) + len(photos) == 120
    assert again.duplicate_count == len(photos)


def test_on_a_slow_disk_cancel_does_not_wait_for_a_backlog_of_copies(
    service: JournalService,
    seattle: TripInfo,
    camera_roll: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for index in range(60):
        exif = exif_for(original=f"2023:09:18 10:{index:02d}:00")
        write_photo(camera_roll / f"p{index:02d}.jpg", exif)

    def slow_store(source: Path, destination: Path, digest: str) -> Stored:
        time.sleep(0.04)  # a USB disk's fsync
        return store_original(source, destination, digest)

    monkeypatch.setattr(f"{photo_staging.__name__}.store_original", slow_store)
    cancel = CancelToken()
    committed_before_cancel: list[int] = []

    def cancel_after_first_batch(event: ImportProgress) -> None:
        if event.committed_ids and not cancel.cancelled:
            committed_before_cancel.extend(event.committed_ids)
            cancel.cancel()

    run = photo_import.PhotoImport(
        service.library, seattle.id, progress=cancel_after_first_batch, cancel=cancel, workers=2
    )
    report = run.run([camera_roll])

    # Decoding ran far ahead of the disk, but only the files in flight were still copied.
    in_flight = 2 * 2 + photo_staging.WRITER_THREADS
    assert report.cancelled
    assert 0 < len(report.imported) - len(committed_before_cancel) <= in_flight


def test_cancelling_while_reading_imports_nothing(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    for index in range(5):
        write_photo(camera_roll / f"p{index}.jpg", exif_for(original="2023:09:18 10:00:00"))
    cancel = CancelToken()

    def stop_at_once(event: ImportProgress) -> None:
        if event.phase is ImportPhase.SCAN:
            cancel.cancel()

    report = service.import_photos(seattle.id, [camera_roll], progress=stop_at_once, cancel=cancel)

    assert report.cancelled
    assert report.imported == ()
    assert service.all_photos(seattle.id) == []


def test_a_crash_between_copy_and_row_is_healed_by_the_next_import(
    library_root: Path, seattle: TripInfo, service: JournalService, camera_roll: Path
) -> None:
    source = write_photo(camera_roll / "a.jpg", exif_for(original="2023:09:18 10:00:00"))
    [photo_id] = service.import_photos(seattle.id, [source]).imported
    photo = service.photo(photo_id)
    service.delete_photos(seattle.id, [photo_id])
    # What a crash leaves: the copy renamed into place without its row, and a half-written temp.
    copy = library_root / photo.library_path
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(source.read_bytes())
    partial = copy.parent / f"{TEMP_PREFIX}abc"
    partial.write_bytes(b"half")
    service.library.close()

    with Library.open(library_root) as reopened:
        assert not partial.exists()
        healed = JournalService(reopened)
        report = healed.import_photos(seattle.id, [source])
        [again] = healed.all_photos(seattle.id)
        assert report.imported == (again.id,)
        assert healed.photo_path(again).read_bytes() == source.read_bytes()
