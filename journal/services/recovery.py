"""Recovering a damaged library: a new database from what the old one and ``photos/`` still hold.

``Library.open`` refuses a damaged library (``store.health``); this is the way forward its
message points to, run by ``journal recover`` and by the app's offer at start-up. Under the
library's lock:

1. What the damaged database still yields is salvaged (``store.salvage``), from a copy.
2. A new database is built beside it, ``journal.db.recovering``: the salvaged trips with the text
   of their days and their camera clock corrections. Every photo in ``photos/`` is then imported
   like any other (capture time read from the file, day derived the usual way) into the trip its
   salvaged row names, or else into a new trip titled "Recovered", which spans the photos' days
   in the zone most of them were taken in (by GPS, else UTC) and also takes the days of text
   whose trip was lost. Captions, original names and covers come back from salvaged rows. Lost
   for good: which photos were placed on a day by hand, and a day's hand-made order (photos go
   by capture time).
3. Only then does the damaged database move aside - renamed ``journal.db.damaged-YYYYMMDD-HHMMSS``
   with its ``-wal`` and ``-shm``, never overwritten nor deleted - and the new one take its name.

Until step 3 the library is exactly as it was, so a crash or a cancel part-way loses nothing and
the recovery can be run again; after it the library is sound, and running again finds nothing to
do.
"""

import os
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from journal.atomic_files import fsync_dir
from journal.errors import InvalidInputError, LibraryDamagedError, LibraryError, LibraryMissingError
from journal.photos.day_assignment import ZoneSource
from journal.photos.discovery import discover
from journal.photos.import_progress import CancelToken, ImportFailure, ImportPhase, ImportProgress
from journal.plurals import counted
from journal.services import trip_ops, validation
from journal.services.facade import JournalService
from journal.services.slugs import check_slug
from journal.services.snapshots import TripInfo
from journal.services.trip_ops import NewTrip, TripEdit
from journal.store import health
from journal.store.library import DATABASE_NAME, PHOTOS_DIR, Library
from journal.store.lock import LibraryLock
from journal.store.models import CameraOffset, Day, Photo, Trip
from journal.store.salvage import COMPANION_SUFFIXES, Salvage, SalvagedDay, salvage

RECOVERED_TITLE = "Recovered"
STAGING_SUFFIX = ".recovering"
DAMAGED_SUFFIX = ".damaged-"

#: Called with the photos imported so far and the photos to import in all.
ProgressCallback = Callable[[int, int], None]


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

    def summary(self) -> list[str]:
        """What the recovery did, in lines for the user: the CLI prints them, the app shows them."""
        lines = [f"Recovered the library: {self.problem}."]
        if self.damaged_copy is not None:
            lines.append(f"The damaged database is kept as {self.damaged_copy}.")
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
    newer version or not Trip Journal's (none of which a recovery can mend), or cancelled.
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
            if health.examine(database, root / PHOTOS_DIR, check_pages=True) is None:
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
    salvaged = salvage(database)
    try:
        library = Library.build(database.parent, staging, lock)
        try:
            rebuilt = _Rebuild(library, salvaged, progress, cancel).run()
        finally:
            library.engine.dispose()
        if cancel.cancelled:
            raise LibraryError(
                "The recovery was cancelled; the library was left as it was. Run it again to "
                "recover the library."
            )
        _leave_wal_mode(staging)
    except BaseException:
        _remove_database(staging)
        raise
    damaged_copy = _move_aside(database)
    os.replace(staging, database)
    fsync_dir(database.parent)
    return RecoveryReport(
        problem=problem,
        damaged_copy=damaged_copy,
        trips=len(rebuilt.trips),
        days=rebuilt.days,
        photos=rebuilt.photos,
        recovered_trip=rebuilt.recovered_trip,
        recovered_photos=rebuilt.recovered_photos,
        failures=tuple(rebuilt.failures),
    )


class _Rebuild:
    """Step 2: the new database's content, from the salvage and the files in ``photos/``."""

    def __init__(
        self,
        library: Library,
        salvaged: Salvage,
        progress: ProgressCallback | None,
        cancel: CancelToken,
    ) -> None:
        self.library = library
        self.salvaged = salvaged
        self.progress = progress
        self.cancel = cancel
        #: Salvaged trip id to the id of the trip put back.
        self.trips: dict[int, int] = {}
        self.days = 0
        self.photos = 0
        self.recovered_trip: TripInfo | None = None
        self.recovered_photos = 0
        self.failures: list[ImportFailure] = []
        self._done = 0
        self._total = 0

    def run(self) -> "_Rebuild":
        service = JournalService(self.library)
        with self.library.session() as session:
            self._put_back_trips(session)
            self._put_back_camera_offsets(session)
        batches = self._batches()
        self._total = sum(len(paths) for paths in batches.values())
        for trip_id, paths in batches.items():
            if trip_id is not None:
                self._import(service, trip_id, paths)
        orphans = [
            day
            for day in self.salvaged.days
            if day.trip_old_id not in self.trips and (day.title or day.body)
        ]
        recovered_id = None
        if batches.get(None) or orphans:
            created = service.create_trip(
                NewTrip(RECOVERED_TITLE, _today(), _today(), timezone="UTC")
            ).trip
            assert created is not None
            recovered_id = created.id
            self.recovered_photos = self._import(service, recovered_id, batches.get(None, []))
        if self.cancel.cancelled:
            return self
        with self.library.session() as session:
            if recovered_id is not None:
                self.recovered_trip = _settle_recovered_trip(session, recovered_id, orphans)
            self.days = _put_back_days(session, self.salvaged.days, self.trips, recovered_id)
            self._put_back_photo_details(session, recovered_id)
        return self

    def _put_back_trips(self, session: Session) -> None:
        for old in self.salvaged.trips:
            if old.old_id in self.trips:
                continue
            try:
                created = trip_ops.create_trip(
                    session,
                    NewTrip(
                        title=old.title,
                        start_date=old.start_date,
                        end_date=old.end_date,
                        timezone=_usable_zone(old.timezone),
                        categories=tuple(old.categories),
                        tags=tuple(old.tags),
                        slug=_free_slug(session, old.slug),
                    ),
                ).trip
            except InvalidInputError:  # dates or title damaged: its days go to "Recovered"
                continue
            assert created is not None
            trip_ops.edit_trip(
                session,
                created.id,
                TripEdit(
                    intro=old.intro,
                    closing=old.closing,
                    day_start_minutes=old.day_start_minutes
                    if 0 <= old.day_start_minutes < 12 * 60
                    else 0,
                ),
            )
            trip = trip_ops.get_trip(session, created.id)
            trip.export_settings = old.export_settings
            trip.front_matter = old.front_matter
            self.trips[old.old_id] = created.id

    def _put_back_camera_offsets(self, session: Session) -> None:
        offsets: dict[tuple[int, tuple[str, str, str]], int] = {}
        for offset in self.salvaged.camera_offsets:
            if offset.trip_old_id in self.trips:
                offsets[(self.trips[offset.trip_old_id], offset.camera)] = offset.offset_seconds
        for (trip_id, (make, model, serial)), seconds in offsets.items():
            session.add(
                CameraOffset(
                    trip_id=trip_id,
                    camera_make=make,
                    camera_model=model,
                    camera_serial=serial,
                    offset_seconds=seconds,
                )
            )

    def _batches(self) -> dict[int | None, list[Path]]:
        """The files in ``photos/`` by the trip they go to (None: "Recovered"). A library copy is
        named by its content hash, so its name finds its salvaged rows without reading it."""
        homes: dict[str, set[int | None]] = defaultdict(set)
        for photo in self.salvaged.photos:
            if photo.trip_old_id in self.trips:
                homes[photo.content_hash].add(self.trips[photo.trip_old_id])
        found = discover([self.library.photos_dir], self.cancel)
        self.failures.extend(found.failures)
        batches: dict[int | None, list[Path]] = defaultdict(list)
        for path in found.files:
            for trip_id in homes.get(path.stem) or {None}:
                batches[trip_id].append(path)
        return batches

    def _import(self, service: JournalService, trip_id: int, paths: list[Path]) -> int:
        if not paths or self.cancel.cancelled:
            return 0
        done_before = self._done

        def on_progress(event: ImportProgress) -> None:
            if self.progress is not None and event.phase is ImportPhase.COPY:
                self.progress(done_before + event.done, self._total)

        report = service.import_photos(trip_id, paths, progress=on_progress, cancel=self.cancel)
        self._done += len(paths)
        self.photos += len(report.imported)
        self.failures.extend(report.failures)
        return len(report.imported)

    def _put_back_photo_details(self, session: Session, recovered_id: int | None) -> None:
        rows: dict[tuple[int | None, str], Photo] = {
            (row.trip_id, row.content_hash): row for row in session.scalars(select(Photo))
        }
        by_old_id: dict[int, Photo] = {}
        for old in self.salvaged.photos:
            row = rows.get((self.trips.get(old.trip_old_id, recovered_id), old.content_hash))
            if row is None:
                continue
            by_old_id[old.old_id] = row
            row.caption = old.caption or row.caption
            row.original_name = old.original_name or row.original_name
        for old_trip in self.salvaged.trips:
            cover = by_old_id.get(old_trip.cover_photo_old_id or 0)
            if cover is not None and cover.trip_id == self.trips.get(old_trip.old_id):
                trip_ops.get_trip(session, cover.trip_id).cover_photo_id = cover.id


def _settle_recovered_trip(session: Session, trip_id: int, orphans: list[SalvagedDay]) -> TripInfo:
    """Give "Recovered" the zone most of its photos were taken in (by GPS; else UTC) and the
    dates of its photos and orphaned days: all of them, or the busiest stretch a trip can span."""
    zones = Counter(
        session.scalars(
            select(Photo.zone_name).where(
                Photo.trip_id == trip_id,
                Photo.zone_source == ZoneSource.GPS_POSITION,
                Photo.zone_name.is_not(None),
            )
        )
    )
    if zones:
        trip_ops.edit_trip(session, trip_id, TripEdit(timezone=zones.most_common(1)[0][0]))
    taken = session.scalars(
        select(Photo.local_time).where(Photo.trip_id == trip_id, Photo.local_time.is_not(None))
    )
    dates = [moment.date() for moment in taken if moment is not None]
    dates += [day.date for day in orphans]
    if dates:
        start, end = busiest_stretch(dates, validation.MAX_TRIP_DAYS)
        trip_ops.set_trip_dates(session, trip_id, start, end)
    return TripInfo.of(trip_ops.get_trip(session, trip_id))


def busiest_stretch(dates: Iterable[date], longest: int) -> tuple[date, date]:
    """The first and last of ``dates`` if they are at most ``longest`` days apart, else the
    stretch of ``longest`` days holding the most of them (the earliest such stretch)."""
    ordered = sorted(dates)
    best = (0, 0)
    first = 0
    for last, day in enumerate(ordered):
        while (day - ordered[first]).days >= longest:
            first += 1
        if last - first > best[1] - best[0]:
            best = (first, last)
    return ordered[best[0]], ordered[best[1]]


def _put_back_days(
    session: Session,
    days: Iterable[SalvagedDay],
    trips: dict[int, int],
    recovered_id: int | None,
) -> int:
    """Each salvaged day on its trip, or on "Recovered" when its trip was lost; texts of lost
    trips that fall on the same date are kept one after the other."""
    merged: dict[tuple[int, date], tuple[str, list[str]]] = {}
    for day in days:
        trip_id = trips.get(day.trip_old_id, recovered_id)
        if trip_id is None or not (day.title or day.body):
            continue
        title, bodies = merged.get((trip_id, day.date), ("", []))
        merged[(trip_id, day.date)] = (title or day.title, [*bodies, day.body])
    for (trip_id, when), (title, bodies) in merged.items():
        text = "\n\n".join(body for body in bodies if body)
        session.add(Day(trip_id=trip_id, date=when, title=title, body=text))
    return len(merged)


def _free_slug(session: Session, slug: str) -> str | None:
    """``slug`` if it is valid and no trip put back so far has it; else None (a new one)."""
    try:
        slug = check_slug(slug)
    except InvalidInputError:
        return None
    taken = session.scalars(select(Trip.id).where(Trip.slug == slug)).first()
    return None if taken is not None else slug


def _usable_zone(name: str) -> str:
    try:
        return validation.check_timezone(name)
    except InvalidInputError:
        return "UTC"


def _today() -> date:
    return datetime.now(UTC).date()


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
