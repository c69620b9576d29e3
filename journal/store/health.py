"""Whether a library's database can be used, found out without writing a byte to it.

Everything here reads through a read-only connection (``mode=ro``) that sets no pragma that
writes, so a database that is refused - written by a newer Trip Journal, not a Trip Journal
database at all, damaged - keeps every byte it had. Only then does the writing engine connect
(and switch the file to WAL).

A library whose database is damaged, or missing or empty while ``photos/`` still holds photos,
is refused with ``LibraryDamagedError``: writing more onto a damaged b-tree spreads the damage,
and making a new empty database beside a hundred photos would orphan them all.
"""

import sqlite3
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from journal.errors import LibraryDamagedError, LibraryError
from journal.photos.discovery import discover
from journal.plurals import counted
from journal.store import schema
from journal.store.disk_full import disk_full_error
from journal.store.engine import create_library_engine
from journal.store.file_kinds import kind_of_mode, look_inside_first

#: SQLite's primary result codes that mean the file's content is damaged (or not a database at
#: all), as opposed to circumstances such as permissions or a busy lock.
_DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


class PageCheck(StrEnum):
    """SQLite's checks of a database's pages, as pragmas.

    The quick check reads every page and checks each b-tree's structure, but not that an index
    holds what its table does: one hex digit changed in an index of photos passes it, and the
    next write goes ahead on a damaged database. The full integrity check compares every index
    with its table too, and costs more as the library grows (warm cache, 2 cores):

    ==================================================  ===========  ===============
    database                                             quick check  integrity check
    ==================================================  ===========  ===============
    8.4 MB: 20 trips, 2,000 written days, 5,000 photos   5 ms         8 ms
    34 MB: the same with 50,000 photos                   28 ms        105 ms
    62 MB: the same with 100,000 photos                  55 ms        250 ms
    ==================================================  ===========  ===============

    So a library opening for writing gets the full check up to ``FULL_CHECK_MAX_BYTES`` (at most
    about 0.15 s), the quick one above that; ``journal check`` and a recovery run
    the full one whatever the size.
    """

    QUICK = "quick_check"
    FULL = "integrity_check"


#: The largest database (about 60,000 photos) given the full check on every opening for writing.
FULL_CHECK_MAX_BYTES = 40 * 2**20


def examine(
    database: Path, photos: Path, *, check_pages: bool, thorough: bool = False
) -> str | None:
    """The schema revision of ``database``; None when it has none yet (a new library).

    With ``check_pages``, as every opening for writing does, check the database's pages too:
    SQLite's full integrity check up to ``FULL_CHECK_MAX_BYTES``, its quick check above that
    (see ``PageCheck``); with ``thorough`` as well (a recovery deciding whether there is anything
    to recover), the full check whatever the size.

    Raises ``LibraryDamagedError`` (see the module's docstring), ``LibraryTooNewError`` for a
    schema this version does not know, and ``LibraryError`` for a database that is not Trip
    Journal's or that cannot be read for another reason (permissions, say).
    """
    try:
        found = database.stat()
    except FileNotFoundError:
        _refuse_orphaned_photos(database, photos, "missing")
        return None
    except OSError as error:
        raise LibraryError(
            f"Cannot read the library database {database}: {error.strerror}."
        ) from error
    kind = kind_of_mode(found.st_mode)
    if kind is not None:  # SQLite would call a folder a "disk I/O error", and wait on a pipe
        raise LibraryError(
            f"Cannot use the library {database.parent}: its {database.name} is {kind}, not a "
            f"database. Move it out of the library folder{look_inside_first(kind)} and try again."
        )
    if found.st_size == 0:
        _refuse_orphaned_photos(database, photos, "empty (0 bytes)")
        return None
    engine = create_library_engine(database, read_only=True)
    try:
        with engine.connect() as connection:
            revision = schema.current_revision(connection)
            schema.refuse_unknown(revision, database)
            if check_pages:
                full = thorough or found.st_size <= FULL_CHECK_MAX_BYTES
                refuse_damage(database, connection, PageCheck.FULL if full else PageCheck.QUICK)
    except DBAPIError as error:
        raise explained(database, photos, error) from error
    finally:
        engine.dispose()
    return revision


def photo_count(photos: Path) -> int:
    """How many files ``photos/`` holds (the walk an import makes, so hidden files don't count)."""
    return len(discover([photos]).files) if photos.is_dir() else 0


def _refuse_orphaned_photos(database: Path, photos: Path, state: str) -> None:
    """A library folder without a database is new, unless photos are waiting in it."""
    count = photo_count(photos)
    if count:
        raise LibraryDamagedError(
            database.parent,
            f"its database {database.name} is {state} but {photos.name}/ holds "
            f"{counted(count, 'photo')}",
        )


def refuse_damage(database: Path, connection: Connection, check: PageCheck) -> None:
    """Raise ``LibraryDamagedError`` if SQLite's ``check`` finds a problem in ``database``."""
    rows = connection.exec_driver_sql(f"PRAGMA {check}").scalars()
    lines = [line for row in rows for line in str(row).splitlines()]
    problems = [line for line in lines if line != "ok" and not line.startswith("***")]
    if problems:  # its section headers left out
        raise LibraryDamagedError(
            database.parent,
            f"its database {database.name} fails SQLite's {check.replace('_', ' ')} "
            f"({problems[0]})",
        )


def explained(database: Path, photos: Path, error: DBAPIError) -> LibraryError:
    """The error for the user when SQLite fails on ``database``.

    Damage (SQLite's CORRUPT or NOTADB) in a library folder - one with ``photos/`` - is a
    damaged library, to recover; anywhere else the file is probably not a library's at all, and
    is only refused. Other failures (permissions, a full disk: ``disk_full``) are circumstances,
    not damage.
    """
    original = error.orig
    disk_full = disk_full_error(database.parent, original)
    if disk_full is not None:
        return disk_full
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _DAMAGE_CODES and photos.is_dir():
        return LibraryDamagedError(
            database.parent, f"its database {database.name} cannot be read ({original})"
        )
    return LibraryError(f"Cannot use the library database {database}: {original}.")
