"""The library's copies of imported originals, named by the SHA-256 of their bytes.

Content addressing makes the same photo imported twice one file, and lets a crash be cleaned up
without bookkeeping: a copy is written to a temporary name, synced and renamed into place before
its database row exists, so a row never points at a missing or half-written file. A copy without
a row (a crash between the rename and the commit) is simply reused by the next import - after its
bytes are checked against the hash, since a disk can damage a file without changing its size.
Reusing is the only time a copy is read back; a missing or damaged one is written again, which is
how importing the original heals the library. Whatever stands at the copy's place instead of a
file (a FIFO, a link, an empty folder) is replaced, never read or written through
(``library_files``).

On Linux a copy is written with ``O_DIRECT`` from a buffer each writer thread reuses. Through the
page cache, every copied photo took fresh cache pages the kernel had to find and fill, and an
import of 3,000 photos pushed 15 GB of the user's working set out for copies nobody reads soon;
measured on the import bench, writing around the cache made the whole import 10-15% faster.
File systems that refuse ``O_DIRECT`` (tmpfs), other systems and big files take the plain path.
"""

import errno
import hashlib
import mmap
import os
import shutil
import stat
import threading
from enum import Enum
from io import BufferedReader
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from journal.atomic_files import atomic_writer
from journal.photos.formats import COPY_EXTENSIONS
from journal.photos.library_files import open_library_file, open_original, remove_entry
from journal.store.library import PHOTOS_DIR


def content_hash(path: Path) -> str:
    """SHA-256 of the library file at ``path``, hex; ``NotRegularFileError`` for anything at
    ``path`` that is not a regular file (see ``library_files``)."""
    with open_library_file(path) as handle:
        return file_hash(handle)


def file_hash(handle: BufferedReader) -> str:
    """SHA-256 of an open file from where it stands, hex. ``hashlib`` releases the GIL, so this
    runs in parallel."""
    return hashlib.file_digest(handle, "sha256").hexdigest()


class CopyInTheWayError(OSError):
    """The copy's place holds a folder with files in it: nothing is removed to make room."""


def copy_path_for(digest: str, media_format: str) -> PurePosixPath:
    """Where the copy of these bytes lives, relative to the library folder; fanned out so no
    folder gets huge."""
    return PurePosixPath(PHOTOS_DIR, digest[:2], f"{digest}{COPY_EXTENSIONS[media_format]}")


class Stored(Enum):
    """What ``store_original`` found at the copy's place."""

    #: Nothing: the copy was written.
    COPIED = "copied"
    #: An intact copy (its hash checked), left as it was.
    KEPT = "kept"
    #: A copy whose bytes did not match the hash (damaged), or something other than a file in
    #: its place: written again.
    REPLACED = "replaced"


def store_original(source: Path, destination: Path, digest: str) -> Stored:
    """Make the library's copy at ``destination`` (``Library.file_path`` of the photo's
    ``library_path``) hold ``source``, whose SHA-256 is ``digest``.

    An existing copy is kept only if it is a regular file whose hash matches; anything else
    there is replaced (a folder only when empty: ``CopyInTheWayError`` otherwise). The bytes move
    inside the kernel (``copy_file_range``: no trip through Python's buffers, and a reflink on
    file systems that share extents) where the platform allows it.
    """
    with open_original(source) as reader:
        original = os.fstat(reader.fileno())
        try:
            existing: os.stat_result | None = destination.lstat()
        except FileNotFoundError:
            existing = None
        if existing is not None and _is_intact(destination, existing, original.st_size, digest):
            return Stored.KEPT
        if existing is not None and stat.S_ISDIR(existing.st_mode):
            _remove_folder(destination)
        with atomic_writer(destination) as writer:
            _copy_contents(reader, writer, original.st_size)
    os.utime(destination, ns=(original.st_atime_ns, original.st_mtime_ns))
    return Stored.COPIED if existing is None else Stored.REPLACED


def _is_intact(copy: Path, info: os.stat_result, size: int, digest: str) -> bool:
    return stat.S_ISREG(info.st_mode) and info.st_size == size and content_hash(copy) == digest


def _remove_folder(copy: Path) -> None:
    """Clear the copy's place of an (empty) folder: a rename cannot replace a folder."""
    try:
        remove_entry(copy)
    except OSError as error:
        raise CopyInTheWayError(
            error.errno or errno.ENOTEMPTY,
            "the library's copy is a folder with files in it",
            os.fspath(copy),
        ) from error


#: Direct writes go in whole blocks of this many bytes, from memory aligned to it.
DIRECT_BLOCK = 4096
#: Files up to this size are copied directly (the buffer is kept per writer thread).
DIRECT_COPY_MAX = 64 * 1024 * 1024

_buffers = threading.local()


def _copy_contents(reader: BufferedReader, writer: BinaryIO, size: int) -> None:
    if _copy_direct(reader, writer, size):
        return
    if hasattr(os, "copy_file_range"):
        try:
            copied = 0
            while copied < size:
                step = os.copy_file_range(reader.fileno(), writer.fileno(), size - copied)
                if step == 0:
                    break
                copied += step
            if copied == size:
                return
        except OSError as error:  # e.g. across file systems on older kernels
            if error.errno not in (errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL):
                raise
        reader.seek(0)
        writer.seek(0)
        writer.truncate()
    shutil.copyfileobj(reader, writer, length=1024 * 1024)


def _copy_direct(reader: BufferedReader, writer: BinaryIO, size: int) -> bool:
    """Copy with ``O_DIRECT`` (whole blocks, then cut to ``size``); False where not possible.

    ``writer`` is a fresh, empty temporary file; whatever happens, it is left empty when this
    returns False, and the caller copies the ordinary way.
    """
    if not hasattr(os, "O_DIRECT") or size == 0 or size > DIRECT_COPY_MAX:
        return False
    import fcntl  # POSIX only, like O_DIRECT

    padded = -(-size // DIRECT_BLOCK) * DIRECT_BLOCK
    fd = writer.fileno()
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    try:
        fcntl.fcntl(fd, fcntl.F_SETFL, flags | os.O_DIRECT)
    except OSError:
        return False
    with memoryview(_buffer(padded))[:padded] as block:
        try:
            if reader.readinto(block[:size]) != size:
                raise OSError(errno.EIO, "the file changed size while it was copied")
            block[size:] = bytes(padded - size)
            written = 0
            while written < padded:
                written += os.write(fd, block[written:])
        except OSError as error:
            if error.errno != errno.EINVAL:  # EINVAL: this file system refuses direct writes
                raise
            fcntl.fcntl(fd, fcntl.F_SETFL, flags)
            os.ftruncate(fd, 0)
            writer.seek(0)
            reader.seek(0)
            return False
    os.ftruncate(fd, size)
    return True


def _buffer(size: int) -> mmap.mmap:
    """This thread's page-aligned buffer of at least ``size`` bytes (anonymous memory)."""
    buffer: mmap.mmap | None = getattr(_buffers, "buffer", None)
    if buffer is None or len(buffer) < size:
        if buffer is not None:
            buffer.close()
        buffer = mmap.mmap(-1, max(size, 16 * 1024 * 1024))
        _buffers.buffer = buffer
    return buffer
