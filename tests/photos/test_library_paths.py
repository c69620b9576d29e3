"""A photo's ``library_path``: the same POSIX text in the database as always, a ``PurePosixPath``
in Python, and turned into a file only by ``Library.file_path``, which keeps it in the library."""

import json
import sqlite3
from pathlib import Path, PurePosixPath

import pytest

from journal.cli.app import main
from journal.errors import LibraryDamagedError
from journal.services import JournalService, PhotoInfo, TripInfo
from journal.services.library_check import FileProblem
from journal.store.library_paths import library_file
from tests.photos.photo_files import exif_for, write_photo


@pytest.fixture
def photo(service: JournalService, seattle: TripInfo, camera_roll: Path) -> PhotoInfo:
    source = write_photo(camera_roll / "a.jpg", exif_for(original="2023:09:18 10:00:00"))
    [photo_id] = service.import_photos(seattle.id, [source]).imported
    return service.photo(photo_id)


def _set_library_path(service: JournalService, photo: PhotoInfo, text: str) -> None:
    """What a damaged or hand-edited database may hold."""
    with sqlite3.connect(service.library.database_path) as database:
        database.execute("UPDATE photos SET library_path = ? WHERE id = ?", (text, photo.id))
    database.close()


def test_the_path_is_stored_as_the_posix_text_it_always_was(
    service: JournalService, photo: PhotoInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    text = f"photos/{photo.content_hash[:2]}/{photo.content_hash}.jpg"
    with sqlite3.connect(service.library.database_path) as database:
        stored = database.execute("SELECT library_path, typeof(library_path) FROM photos")
        rows = stored.fetchall()
    database.close()

    assert rows == [(text, "text")]
    assert photo.library_path == PurePosixPath(text)
    assert service.photo_path(photo) == service.library.root.joinpath(*text.split("/"))
    service.library.close()
    root = str(service.library.root)
    assert main(["photos", "seattle-2023", "--json", "--library", root]) == 0
    assert json.loads(capsys.readouterr().out)[0]["library_path"] == text


@pytest.mark.parametrize(
    "relative", ["../victim.jpg", "/etc/passwd", "photos/../../victim.jpg", "C:/x.jpg", "..\\x.jpg"]
)
def test_a_path_leading_out_of_the_library_names_no_file(tmp_path: Path, relative: str) -> None:
    with pytest.raises(LibraryDamagedError, match="which is not in the library"):
        library_file(tmp_path, PurePosixPath(relative))


def test_deleting_a_photo_whose_row_points_outside_deletes_nothing_there(
    service: JournalService, seattle: TripInfo, photo: PhotoInfo
) -> None:
    victim = service.library.root.parent / "victim.jpg"
    victim.write_bytes(b"not the library's")
    _set_library_path(service, photo, "../victim.jpg")

    service.delete_photos(seattle.id, [photo.id])

    assert victim.read_bytes() == b"not the library's"
    assert service.all_photos(seattle.id) == []


def test_a_repair_never_writes_outside_the_library(
    service: JournalService, photo: PhotoInfo
) -> None:
    victim = service.library.root.parent / "victim.jpg"
    victim.write_bytes(b"not the library's")
    _set_library_path(service, photo, "../victim.jpg")

    report = service.check_library(repair=True)

    assert victim.read_bytes() == b"not the library's"
    [bad] = report.bad
    assert bad.problem is FileProblem.UNREADABLE
    assert bad.repaired_from is None
    assert "'../victim.jpg', which is not in the library" in bad.unrepaired_reason
