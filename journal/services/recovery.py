"""Recovering a damaged library: a new database from what the old one and ``photos/`` still hold.

``Library.open`` refuses a damaged library (``store.health``); this is the way forward its
message points to, run by ``journal recover`` and by the app's offer at start-up. Under the
library's lock:

1. What the damaged database still yields is salvaged (``store.salvage``), from a copy.
2. A new database is built beside it, ``journal.db.recovering`` (``recovery_rebuild``): the
   salvaged trips with the text of their days and their camera clock corrections, and every
   photo in ``photos/``, imported like any other into the trip its salvaged row names, or else
   into a new trip titled "Recovered", which spans the photos' days in the zone most of them
   were taken in (by GPS, else UTC) and also takes the days of text whose trip was lost.
3. Only then does the damaged database move aside - renamed ``journal.db.damaged-YYYYMMDD-HHMMSS``
   with its ``-wal`` and ``-shm``, never overwritten nor deleted - and the new one take its name.

A database whose tables are sound but whose indexes are damaged (an index no longer holds what
its table does, which only SQLite's full integrity check sees) loses nothing: before step 1, a
copy of it (SQLite's backup, WAL and all) has its indexes rebuilt (``REINDEX``) and, if the full
integrity check then finds nothing, that copy is the new database - every trip, text and photo
as it was, in a second, without importing a photo again.

Until step 3 the library is exactly as it was, so a crash or a cancel part-way loses nothing and
the recovery can be run again; after it the library is sound, and running again finds nothing to
do.

Text whose bytes are not UTF-8 in a database that is otherwise sound is not for a recovery to
mend: the library reads it with U+FFFD in place of the damaged characters (``store.engine``), so
every row can be read and used, and a rebuild could only write those same U+FFFD in. Such a
library is called sound here - its structure is - and ``journal check`` lists the damaged text
so that the user can retype it.
"""

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from journal.atomic_files import fsync_dir
from journal.errors import (
    LibraryDamagedError,
    LibraryError,
    LibraryMissingError,
    RecoveryCancelledError,
)
from journal.photos.import_progress import CancelToken, ImportFailure
from journal.plurals import counted
from journal.services.recovery_rebuild import ProgressCallback, Rebuild
from journal.services.snapshots import TripInfo
from journal.store import health
from journal.store.library import DATABASE_NAME, PHOTOS_DIR, Library
from journal.store.lock import LibraryLock
from journal.store.salvage import COMPANION_SUFFIXES, salvage

STAGING_SUFFIX = ".recovering"
DAMAGED_SUFFIX = ".damaged-"


@dataclass(frozen=True)
class RecoveryReport:
    #: What was wrong with the library, as ``LibraryDamagedError`` said.
    problem: str
    #: Where the damaged database went; None when there was none (missing).
    damaged_copy: Path | None
    #: Trips and days of text salvaged from the damaged database and put back.
    trips: int
    days: int
    #: Photos imported in all, and the trip that took those whose trip was lost.
    photos: int
    recovered_trip: TripInfo | None
    recovered_photos: int
    failures: tuple[ImportFailure, ...]
    #: Whether only the indexes were damaged and rebuilt: the trips, days and photos counted
    #: above are all the database held, kept as they were.
    reindexed: bool = False

    def summary(self) -> list[str]:
        """What the recovery did, in lines for the user: the CLI prints them, the app shows them."""
        lines = [f"Recovered the library: {self.problem}."]
        if self.damaged_copy is not None:
            lines.append(f"The damaged database is kept as {self.damaged_copy}.")
        if self.reindexed:
            lines.append(
                f"Only its indexes were damaged, and they were rebuilt: its "
                f"{counted(self.trips, 'trip')}, {counted(self.days, 'day')} of text and "
                f"{counted(self.photos, 'photo')} are kept as they were."
            )
            return lines
        if self.trips or self.days:
            lines.append(
                f"Read back from it: {counted(self.trips, 'trip')}, "
                f"{counted(self.days, 'day')} of text."
            )
        lines.append(f"Imported {counted(self.photos, 'photo')} from the library's photos folder.")
        trip = self.recovered_trip
        if trip is not None:
            lines.append(
                f"The new trip {trip.title!r} ({trip.slug}), {trip.start_date} to "
                f"{trip.end_date}, {trip.timezone}, holds what lost its trip "
                f"({counted(self.recovered_photos, 'photo')}): check its dates and time zone."
            )
        if self.failures:
            lines.append(f"Could not import {len(self.failures)}:")
            lines.extend(f"  {failure.path}: {failure.reason}" for failure in self.failures)
        return lines


def recover_library(
    root: Path, *, progress: ProgressCallback | None = None, cancel: CancelToken | None = None
) -> RecoveryReport | None:
    """Recover the library at ``root`` if it is damaged; None when it is sound.

    Raises ``LibraryError`` subclasses: no library there, open in another process, written by a
    newer version or not Trip Journal's (none of which a recovery can mend), or cancelled
    (``RecoveryCancelledError``).
    """
    root = root.expanduser().absolute()
    missing = LibraryMissingError(f"There is no Trip Journal library at {root}.")
    if not root.is_dir():
        raise missing
    database = root / DATABASE_NAME
    lock = LibraryLock(root)
    lock.acquire()
    try:
        try:
            if health.examine(database, root / PHOTOS_DIR, check_pages=True, thorough=True) is None:
                raise missing
        except LibraryDamagedError as damaged:
            return _recover(database, lock, damaged.problem, progress, cancel or CancelToken())
        return None
    finally:
        lock.release()


def _recover(
    database: Path,
    lock: LibraryLock,
    problem: str,
    progress: ProgressCallback | None,
    cancel: CancelToken,
) -> RecoveryReport:
    staging = database.with_name(database.name + STAGING_SUFFIX)
    _remove_database(staging)  # an interrupted recovery's, incomplete
    counts = _reindexed_copy(database, staging)
    if counts is not None:
        trips, days, photos = counts
        return RecoveryReport(
            problem=problem,
            damaged_copy=_swap_in(staging, database),
            trips=trips,
            days=days,
            photos=photos,
            recovered_trip=None,
            recovered_photos=0,
            failures=(),
            reindexed=True,
        )
    salvaged = salvage(database)
    try:
        library = Library.build(database.parent, staging, lock)
        try:
            rebuilt = Rebuild(library, salvaged, progress, cancel).run()
        finally:
            library.engine.dispose()
        if cancel.cancelled:
            raise RecoveryCancelledError(
                "The recovery was cancelled; the library was left as it was. Run it again to "
                "recover the library."
            )
        _leave_wal_mode(staging)
    except BaseException:
        _remove_database(staging)
        raise
    return RecoveryReport(
        problem=problem,
        damaged_copy=_swap_in(staging, database),
        trips=len(rebuilt.trips),
        days=rebuilt.days,
        photos=rebuilt.photos,
        recovered_trip=rebuilt.recovered_trip,
        recovered_photos=rebuilt.recovered_photos,
        failures=tuple(rebuilt.failures),
    )


def _reindexed_copy(database: Path, staging: Path) -> tuple[int, int, int] | None:
    """Copy ``database`` to ``staging`` with its indexes rebuilt; if the copy then passes the
    full integrity check, the trips, days of text and photos it holds, else None and no copy.
    """
    if not database.is_file() or database.stat().st_size == 0:
        return None
    try:
        with (
            closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(staging)) as copy,
        ):
            source.backup(copy)
            copy.execute("REINDEX")
            if copy.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                raise sqlite3.DatabaseError("more than the indexes is damaged")
            (trips,) = copy.execute("SELECT count(*) FROM trips").fetchone()
            (days,) = copy.execute("SELECT count(*) FROM days WHERE title || body != ''").fetchone()
            (photos,) = copy.execute("SELECT count(*) FROM photos").fetchone()
        _leave_wal_mode(staging)
    except sqlite3.DatabaseError:
        _remove_database(staging)
        return None
    except BaseException:
        _remove_database(staging)
        raise
    return trips, days, photos


def _swap_in(staging: Path, database: Path) -> Path | None:
    """Put the new database at ``staging`` in the damaged one's place, which moves aside (step 3
    of the module's docstring); where it went, or None when there was none."""
    damaged_copy = _move_aside(database)
    os.replace(staging, database)
    fsync_dir(database.parent)
    return damaged_copy


def _leave_wal_mode(database: Path) -> None:
    """Fold the new database's WAL into it, so that it is one file that can be renamed."""
    with closing(sqlite3.connect(database)) as connection:
        (mode,) = connection.execute("PRAGMA journal_mode=DELETE").fetchone()
    if mode != "delete":
        raise LibraryError(f"Cannot finish the recovered database {database}; try again.")


def _move_aside(database: Path) -> Path | None:
    """Rename the damaged database and the files SQLite keeps beside it to a name of their own
    (never one that exists); return its new path, or None when there was no database."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = database.with_name(f"{database.name}{DAMAGED_SUFFIX}{stamp}")
    counter = 2
    while any(_with_suffix(aside, suffix).exists() for suffix in ("", *COMPANION_SUFFIXES)):
        aside = database.with_name(f"{database.name}{DAMAGED_SUFFIX}{stamp}-{counter}")
        counter += 1
    moved = None
    for suffix in ("", *COMPANION_SUFFIXES):
        source = _with_suffix(database, suffix)
        if source.exists():
            os.rename(source, _with_suffix(aside, suffix))
            if not suffix:
                moved = aside
    return moved


def _remove_database(database: Path) -> None:
    for suffix in ("", *COMPANION_SUFFIXES):
        _with_suffix(database, suffix).unlink(missing_ok=True)


def _with_suffix(database: Path, suffix: str) -> Path:
    return database.with_name(database.name + suffix)
