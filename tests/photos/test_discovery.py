"""Discovery lists each file or failure once, however many ways the user named it."""

import os
from pathlib import Path

import pytest

from journal.photos.discovery import discover
from journal.photos.import_progress import ImportFailure
from tests.photos.photo_files import exif_for, write_photo


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_named_directly_and_inside_a_dropped_folder_is_reported_once(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "card"
    write_photo(folder / "a.jpg", exif_for(original="2023:09:18 10:00:00"))
    os.mkfifo(folder / "pipe.jpg")

    found = discover([folder, folder / "pipe.jpg", folder / "a.jpg"])

    assert found.files == [folder / "a.jpg"]
    assert found.failures == [ImportFailure(folder / "pipe.jpg", "not a regular file (a FIFO)")]


def test_a_link_loop_named_directly_and_inside_a_dropped_folder_is_reported_once(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "card"
    folder.mkdir()
    (folder / "self.jpg").symlink_to(folder / "self.jpg")

    found = discover([folder / "self.jpg", folder])

    [failure] = found.failures
    assert failure.path == folder / "self.jpg"
    assert failure.reason.startswith("cannot read it (")
    assert found.files == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_named_directly_is_refused_before_anything_opens_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jpg")

    found = discover([tmp_path / "pipe.jpg"])

    assert found.files == []
    assert found.failures == [ImportFailure(tmp_path / "pipe.jpg", "not a regular file (a FIFO)")]


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_a_link_to_a_device_is_called_a_device_not_a_missing_file(tmp_path: Path) -> None:
    folder = tmp_path / "card"
    folder.mkdir()
    (folder / "null.jpg").symlink_to("/dev/null")
    (folder / "gone.jpg").symlink_to(folder / "nothing.jpg")
    (tmp_path / "named.jpg").symlink_to("/dev/null")

    found = discover([folder, tmp_path / "named.jpg"])

    assert found.failures == [
        ImportFailure(folder / "gone.jpg", "a link to a file that does not exist"),
        ImportFailure(folder / "null.jpg", "not a regular file (a device)"),
        ImportFailure(tmp_path / "named.jpg", "not a regular file (a device)"),
    ]
