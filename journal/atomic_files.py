"""Write files so that a crash leaves either the old file or the new one, never half of either.

The recipe is the classic one: write a temporary file in the destination's folder, fsync it,
``os.replace`` it over the destination, then fsync the folder so the rename itself is durable.
Temporary files carry a recognisable prefix so that a library can sweep up the leftovers of a
process that died between the write and the rename.
"""

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

TEMP_PREFIX = ".tj-partial-"


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # Windows cannot open a directory; its renames are durable on their own.
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_writer(destination: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces ``destination`` only if the block finishes.

    ``durable=False`` skips the two fsyncs, for caches that can be rebuilt: other processes
    still see the old file or the whole new one, but after a power cut the new one may be empty.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=destination.parent)
    temp_path = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp_path, destination)
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(destination.parent)


def atomic_write_bytes(destination: Path, data: bytes) -> None:
    """Replace ``destination`` with ``data`` atomically."""
    with atomic_writer(destination) as handle:
        handle.write(data)


def atomic_write_text(destination: Path, text: str) -> None:
    """Replace ``destination`` with UTF-8 ``text`` atomically (newlines written as given)."""
    atomic_write_bytes(destination, text.encode("utf-8"))


def atomic_copy(source: Path, destination: Path) -> None:
    """Copy ``source`` to ``destination`` atomically, keeping its modification time."""
    with source.open("rb") as reader, atomic_writer(destination) as writer:
        shutil.copyfileobj(reader, writer, length=1024 * 1024)
    stat = source.stat()
    os.utime(destination, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def remove_partial_files(folder: Path) -> int:
    """Delete temporary files a crashed writer left in ``folder`` and below; return how many.

    ``os.walk`` lists names without a ``stat`` per file, which matters at every library open:
    a library holds two files per photo.
    """
    removed = 0
    for directory, _, names in os.walk(folder):
        for name in names:
            if name.startswith(TEMP_PREFIX):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(directory, name))
                    removed += 1
    return removed
