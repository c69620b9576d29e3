"""Saying that the disk holding the library is full, whatever noticed it first.

SQLite reports a full disk as ``SQLITE_FULL`` only when a write of its own fails; when it cannot
make the 32 KB shared-memory file (``journal.db-shm``) that every connection to a WAL database
needs - readers too - it says "disk I/O error", which tells the user nothing they can act on.
So where SQLite fails on I/O and the library's file system is nearly full, that is what the
user is told, with the space left.
"""

import shutil
import sqlite3
from pathlib import Path

from journal.errors import LibraryError
from journal.photos.disk_space import is_disk_full, size_text

#: Free space under which an I/O failure is put down to a full disk: enough for SQLite's
#: shared-memory file and the write-ahead log of an ordinary change, many times over.
NEARLY_FULL_BYTES = 1 << 20
#: SQLite's primary result codes a full disk shows as.
SPACE_CODES = frozenset({sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN})


def disk_full_error(folder: Path, cause: BaseException | None) -> LibraryError | None:
    """The error to show for ``cause``, met in the library at ``folder``, if it comes of a full
    disk: certainly (SQLite's FULL, the system's ENOSPC or EDQUOT) or by the look of the free
    space (SQLite's I/O errors); None otherwise."""
    code = getattr(cause, "sqlite_errorcode", None)
    certain = cause is not None and is_disk_full(cause)
    if not certain and not (isinstance(code, int) and code & 0xFF in SPACE_CODES):
        return None
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    if not certain and free >= NEARLY_FULL_BYTES:
        return None
    return LibraryError(
        f"The disk holding the library ({folder}) is full: {size_text(free)} free. Free some "
        "space and try again; nothing was changed."
    )
