"""The library's copies of imported originals, named by the SHA-256 of their bytes.

Content addressing makes the same photo imported twice one file, and lets a crash be cleaned up
without bookkeeping: a copy is written to a temporary name, synced and renamed into place before
its database row exists, so a row never points at a missing or half-written file. A copy without
a row (a crash between the rename and the commit) is simply reused by the next import.
"""

import errno
import hashlib
import os
import shutil
from pathlib import Path
from typing import BinaryIO

from journal.atomic_files import atomic_writer
from journal.photos.formats import EXTENSIONS
from journal.store.library import PHOTOS_DIR


def content_hash(path: Path) -> str:
    """SHA-256 of the file, hex. ``hashlib`` releases the GIL, so this runs in parallel."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def library_path(digest: str, media_format: str) -> str:
    """Where the copy lives, relative to the library folder; fanned out so no folder gets huge."""
    return f"{PHOTOS_DIR}/{digest[:2]}/{digest}{EXTENSIONS[media_format]}"


def store_original(source: Path, library_root: Path, relative: str) -> None:
    """Copy ``source`` into the library at ``relative``, unless an intact copy is already there.

    The bytes move inside the kernel (``copy_file_range``: no trip through Python's buffers,
    and a reflink on file systems that share extents) where the platform allows it.
    """
    destination = library_root / relative
    size = source.stat().st_size
    try:
        if destination.stat().st_size == size:
            return
    except FileNotFoundError:
        pass
    with source.open("rb") as reader, atomic_writer(destination) as writer:
        _copy_contents(reader, writer, size)
    stat = source.stat()
    os.utime(destination, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _copy_contents(reader: BinaryIO, writer: BinaryIO, size: int) -> None:
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
