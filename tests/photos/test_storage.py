"""The library's copies: named by content, identical to the original, written atomically."""

import errno
import os
from pathlib import Path

import pytest

from journal.photos.storage import content_hash, library_path, store_original


def test_copy_is_identical_and_keeps_the_modification_time(tmp_path: Path) -> None:
    source = tmp_path / "a.jpg"
    source.write_bytes(os.urandom(300_000))
    os.utime(source, (1_600_000_000, 1_600_000_000))
    relative = library_path(content_hash(source), "JPEG")

    store_original(source, tmp_path / "lib", relative)

    copy = tmp_path / "lib" / relative
    assert copy.read_bytes() == source.read_bytes()
    assert copy.stat().st_mtime == 1_600_000_000
    assert [path.name for path in copy.parent.iterdir()] == [copy.name]  # no temp file left


def test_falls_back_to_a_plain_copy_where_the_kernel_cannot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "a.heic"
    source.write_bytes(os.urandom(50_000))

    def cross_device(*_args: object) -> int:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", cross_device)
    relative = library_path(content_hash(source), "HEIF")

    store_original(source, tmp_path / "lib", relative)

    assert relative.endswith(".heic")
    assert (tmp_path / "lib" / relative).read_bytes() == source.read_bytes()


def test_an_intact_copy_is_reused(tmp_path: Path) -> None:
    source = tmp_path / "a.png"
    source.write_bytes(b"png bytes")
    relative = library_path(content_hash(source), "PNG")
    store_original(source, tmp_path / "lib", relative)
    copy = tmp_path / "lib" / relative
    before = copy.stat().st_ino

    store_original(source, tmp_path / "lib", relative)

    assert copy.stat().st_ino == before
