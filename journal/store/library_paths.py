"""Where a photo's copy lives: a path relative to the library folder, and the one way to its file.

A row keeps the path as POSIX text (``photos/3f/3f…9a.jpg``), the same on every platform and in
every library made so far; in Python it is a ``PurePosixPath`` (the ``LibraryRelativePath``
column type converts), so it cannot be mistaken for the library folder or joined onto a root by
hand. ``library_file`` (which ``Library.file_path`` calls) turns it into the file: it refuses a
path that a damaged or edited database gives and that would lead outside the library, so no row
can make the app read, overwrite or delete a file that is not the library's.
"""

from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import Dialect, Text, TypeDecorator

from journal.errors import LibraryDamagedError


class LibraryRelativePath(TypeDecorator[PurePosixPath]):
    """A library-relative path: POSIX text in the database, ``PurePosixPath`` in Python."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: PurePosixPath | None, dialect: Dialect) -> Any:
        return None if value is None else value.as_posix()

    def process_result_value(self, value: Any, dialect: Dialect) -> PurePosixPath | None:
        return None if value is None else PurePosixPath(value)


def library_file(root: Path, relative: PurePosixPath) -> Path:
    """The file ``relative`` names in the library at ``root``; ``LibraryDamagedError`` for a path
    that is not a plain path down from the library folder (absolute, ``..``, a drive, ``\\``)."""
    if relative.is_absolute() or not relative.parts or not all(map(_plain_name, relative.parts)):
        raise LibraryDamagedError(
            root, f"a photo's file is recorded as {str(relative)!r}, which is not in the library"
        )
    return root.joinpath(*relative.parts)


def _plain_name(part: str) -> bool:
    return part not in (".", "..") and not set(part) & {"/", "\\", ":"}
