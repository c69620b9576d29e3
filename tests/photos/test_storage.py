"""The library's copies: named by content, identical to the original, written atomically."""

import errno
import fcntl
import mmap
import os
from pathlib import Path

import pytest

from journal.photos import storage
from journal.photos.storage import Stored, content_hash, copy_path_for, store_original


def test_copy_is_identical_and_keeps_the_modification_time(tmp_path: Path) -> None:
    source = tmp_path / "a.jpg"
    source.write_bytes(os.urandom(300_000))
    os.utime(source, (1_600_000_000, 1_600_000_000))
    relative = copy_path_for(content_hash(source), "JPEG")

    store_original(source, tmp_path / "lib" / relative, content_hash(source))

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

    monkeypatch.setattr(storage, "DIRECT_COPY_MAX", 0)  # the copy the kernel does, not direct
    monkeypatch.setattr(os, "copy_file_range", cross_device)
    relative = copy_path_for(content_hash(source), "HEIF")

    store_original(source, tmp_path / "lib" / relative, content_hash(source))

    assert relative.suffix == ".heic"
    assert (tmp_path / "lib" / relative).read_bytes() == source.read_bytes()


def test_an_intact_copy_is_reused(tmp_path: Path) -> None:
    source = tmp_path / "a.png"
    source.write_bytes(b"png bytes")
    relative = copy_path_for(content_hash(source), "PNG")
    store_original(source, tmp_path / "lib" / relative, content_hash(source))
    copy = tmp_path / "lib" / relative
    before = copy.stat().st_ino

    stored = store_original(source, tmp_path / "lib" / relative, content_hash(source))

    assert stored is Stored.KEPT
    assert copy.stat().st_ino == before


def test_a_copy_of_the_right_size_with_other_bytes_is_replaced_not_reused(tmp_path: Path) -> None:
    source = tmp_path / "a.jpg"
    source.write_bytes(os.urandom(20_000))
    relative = copy_path_for(content_hash(source), "JPEG")
    copy = tmp_path / "lib" / relative
    copy.parent.mkdir(parents=True)
    damaged = bytearray(source.read_bytes())
    damaged[10_000] ^= 0xFF  # one flipped byte: what a failing disk leaves
    copy.write_bytes(damaged)

    stored = store_original(source, tmp_path / "lib" / relative, content_hash(source))

    assert stored is Stored.REPLACED
    assert copy.read_bytes() == source.read_bytes()
    assert store_original(source, tmp_path / "lib" / relative, content_hash(source)) is Stored.KEPT


@pytest.mark.parametrize("size", [1, 4095, 4096, 4097, 3 * 1024 * 1024 + 17])
def test_a_direct_copy_is_cut_to_the_originals_size(tmp_path: Path, size: int) -> None:
    source = tmp_path / "a.jpg"
    source.write_bytes(os.urandom(size))
    relative = copy_path_for(content_hash(source), "JPEG")

    store_original(source, tmp_path / "lib" / relative, content_hash(source))

    copy = tmp_path / "lib" / relative
    assert copy.read_bytes() == source.read_bytes()
    assert [path.name for path in copy.parent.iterdir()] == [copy.name]


@pytest.mark.skipif(not hasattr(os, "O_DIRECT"), reason="O_DIRECT is Linux's")
def test_the_copy_is_written_around_the_page_cache_where_the_file_system_allows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not _takes_direct_writes(tmp_path):
        pytest.skip(f"the file system of {tmp_path} refuses O_DIRECT (tmpfs does)")
    source = tmp_path / "a.jpg"
    source.write_bytes(os.urandom(100_000))
    kernel_copies: list[int] = []
    real_copy_file_range = os.copy_file_range

    def counted_copy(*args: int) -> int:
        kernel_copies.append(args[2])
        return real_copy_file_range(*args)

    monkeypatch.setattr(os, "copy_file_range", counted_copy)
    relative = copy_path_for(content_hash(source), "JPEG")

    store_original(source, tmp_path / "lib" / relative, content_hash(source))

    assert (tmp_path / "lib" / relative).read_bytes() == source.read_bytes()
    assert kernel_copies == []  # written directly, not through the page cache


@pytest.mark.skipif(not hasattr(os, "O_DIRECT"), reason="O_DIRECT is Linux's")
def test_a_file_system_that_refuses_direct_writes_gets_an_ordinary_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tmpfs answers EINVAL to a direct write; the copy then goes the ordinary way, whole."""
    source = tmp_path / "a.jpg"
    source.write_bytes(os.urandom(100_000))
    real_write = os.write

    def refuse_direct(fd: int, data: bytes) -> int:
        if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_DIRECT:
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", refuse_direct)
    relative = copy_path_for(content_hash(source), "JPEG")

    store_original(source, tmp_path / "lib" / relative, content_hash(source))

    copy = tmp_path / "lib" / relative
    assert copy.read_bytes() == source.read_bytes()
    assert [path.name for path in copy.parent.iterdir()] == [copy.name]


def test_a_file_too_big_for_the_buffer_is_copied_the_ordinary_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "DIRECT_COPY_MAX", 64 * 1024)
    source = tmp_path / "panorama.tif"
    source.write_bytes(os.urandom(200_000))
    relative = copy_path_for(content_hash(source), "TIFF")

    store_original(source, tmp_path / "lib" / relative, content_hash(source))

    assert (tmp_path / "lib" / relative).read_bytes() == source.read_bytes()


def _takes_direct_writes(folder: Path) -> bool:
    """Whether ``folder``'s file system accepts a direct write (tmpfs refuses the open or the
    write with EINVAL)."""
    probe = folder / "probe"
    block = mmap.mmap(-1, 4096)
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_DIRECT)
        try:
            os.write(fd, block)
        finally:
            os.close(fd)
    except OSError as error:
        if error.errno != errno.EINVAL:
            raise
        return False
    finally:
        block.close()
        probe.unlink(missing_ok=True)
    return True
