"""A full disk during an import: recognising it, and saying so once.

A full disk is not a property of the file being imported: every file after the first to meet it
fails the same way, and reporting each as "damaged" or "cannot copy" (as a per-file failure would)
hides the one thing the user must do. The import stops instead, keeps what it committed, and
reports the disk once with the space left on it.
"""

import errno
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from journal.plurals import counted
from journal.readable_paths import readable_path

#: No space left, and (on systems with quotas) the user's quota used up: the same for the user.
_FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})

#: The reason given for each file an import left because the disk filled.
NOT_IMPORTED_DISK_FULL = "not imported: the disk is full"


def is_disk_full(error: BaseException) -> bool:
    """Whether ``error`` (or what it was raised from) says the disk or the quota is full.

    SQLite reports a full disk as ``SQLITE_FULL``; the library wraps its errors (``from``), so
    the chain of causes is followed.
    """
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, OSError) and cause.errno in _FULL_ERRNOS:
            return True
        if (
            isinstance(cause, sqlite3.Error)
            and getattr(cause, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
        ):
            return True
        cause = cause.__cause__
    return False


@dataclass(frozen=True)
class DiskFull:
    """An import stopped because the library's disk filled."""

    #: The library folder, whose disk filled.
    folder: Path
    #: Bytes free on it when the import stopped.
    free_bytes: int
    #: Photos committed before it stopped (and kept).
    imported: int
    #: Files it did not import because of it (each also a failure of the report).
    not_imported: tuple[Path, ...]

    @classmethod
    def measure(cls, folder: Path, imported: int, not_imported: tuple[Path, ...]) -> "DiskFull":
        try:
            free = shutil.disk_usage(folder).free
        except OSError:
            free = 0
        return cls(folder, free, imported, not_imported)

    @property
    def message(self) -> str:
        """One sentence: what happened, what was kept and what to do."""
        return (
            f"The disk is full ({size_text(self.free_bytes)} free on "
            f"{readable_path(self.folder)}); "
            f"{counted(self.imported, 'photo')} imported before it filled, "
            f"{len(self.not_imported)} not imported. "
            "Free some space and run the same import again to bring in the rest."
        )


def size_text(size: int) -> str:
    """ "512 bytes", "3.4 MB", "1.2 GB": decimal units, as file managers show free space."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return counted(size, "byte")
