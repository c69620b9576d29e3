"""Importing photos into a trip, in two phases, so that every photo's day is known almost at once.

Phase 1 (scan) reads each file's header and reports the day each will land on; phase 2 (copy)
hashes, thumbnails and copies the files on worker threads (both in ``photo_staging``, which
writes no rows) while the calling thread commits their rows in short batches
(``photo_rows``): a cancelled or crashed import keeps every photo it finished, each with its file.

A file whose bytes the library already knows still has its copy checked, and written again if it
went missing or was damaged, so importing the original is how a library heals. A full disk stops
the import (see ``journal.photos.disk_space``): the files in flight finish or fail, nothing more
starts, and the report says it once.
"""

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from journal.errors import LibraryError
from journal.photos.disk_space import NOT_IMPORTED_DISK_FULL, DiskFull, is_disk_full
from journal.photos.formats import NotPhoto
from journal.photos.import_progress import (
    CancelToken,
    ImportFailure,
    ImportPhase,
    ImportProgress,
    RateMeter,
)
from journal.plurals import counted
from journal.services import photo_days
from journal.services.changes import Changes
from journal.services.photo_rows import insert_rows
from journal.services.photo_staging import (
    Duplicate,
    NoSpace,
    PhotoStaging,
    ProgressCallback,
    Scanned,
    Staged,
    StagingTarget,
    copy_progress,
)
from journal.services.snapshots import TripInfo
from journal.services.trip_ops import get_trip
from journal.store.library import Library
from journal.store.models import Photo, Trip

#: Rows per commit, and the longest a finished photo waits for its commit: short batches keep
#: the gallery filling steadily and let the app's autosave slip in between.
BATCH_SIZE = 48
BATCH_SECONDS = 0.5


@dataclass(frozen=True)
class ImportReport:
    imported: tuple[int, ...]
    #: Files whose bytes the trip already had (or that appeared twice in this import).
    duplicates: tuple[Path, ...]
    #: Imported photos that went to the Unassigned tray (a date outside the trip).
    unassigned: int
    #: Every file not imported, with why; a full disk's leftovers too (see ``refused``).
    failures: tuple[ImportFailure, ...]
    cancelled: bool
    changes: Changes
    #: Files whose bytes the library had, but whose copy was missing or damaged: restored.
    restored: tuple[Path, ...] = ()
    #: Set when the disk filled and the import stopped.
    disk_full: DiskFull | None = None
    #: Videos and sidecars in the folders (``.MOV``, ``.THM``, ``.AAE``...): not photos, skipped.
    skipped: Mapping[NotPhoto, tuple[Path, ...]] = field(default_factory=dict)
    #: Photos imported although their file stops early (a JPEG cut short shows what is there).
    incomplete: tuple[Path, ...] = ()

    @property
    def duplicate_count(self) -> int:
        return len(self.duplicates)

    @property
    def skipped_line(self) -> str | None:
        """ "Not photos, skipped (2 videos, 1 sidecar)." - said once, whatever the count."""
        parts = [
            counted(len(self.skipped[kind]), kind.value)
            for kind in NotPhoto
            if self.skipped.get(kind)
        ]
        return f"Not photos, skipped ({', '.join(parts)})." if parts else None

    @property
    def refused(self) -> tuple[ImportFailure, ...]:
        """The failures of the files themselves: those a full disk left are said once, apart."""
        if self.disk_full is None:
            return self.failures
        left = set(self.disk_full.not_imported)
        return tuple(failure for failure in self.failures if failure.path not in left)


class PhotoImport:
    """One import run into one trip; use ``run`` once."""

    def __init__(
        self,
        library: Library,
        trip_id: int,
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        workers: int | None = None,
    ) -> None:
        self._library = library
        self._trip_id = trip_id
        self._progress = progress
        self._cancel = cancel
        self._workers = workers

    def run(self, paths: Sequence[Path]) -> ImportReport:
        with self._library.session() as session:
            trip = get_trip(session, self._trip_id)
            target = StagingTarget.read(session, trip, photo_days.trip_clock(trip))
        staging = PhotoStaging(
            self._library.root,
            target,
            progress=self._progress,
            cancel=self._cancel,
            workers=self._workers,
        )
        scanned = staging.scan(paths, camera_files=True)
        failures = staging.failures
        log = self._copy(staging, scanned, failures)
        staging.emit(ImportProgress(ImportPhase.DONE, len(scanned), len(scanned)))
        disk_full = None
        if log.no_space:
            disk_full = DiskFull.measure(
                self._library.root, len(log.photos_in_order), tuple(log.no_space)
            )
            failures += [ImportFailure(path, NOT_IMPORTED_DISK_FULL) for path in log.no_space]
        return ImportReport(
            imported=tuple(log.photos_in_order),
            duplicates=tuple(log.duplicates),
            unassigned=log.unassigned,
            failures=tuple(failures),
            cancelled=staging.cancel.cancelled,
            changes=log.value(),
            restored=tuple(log.restored),
            disk_full=disk_full,
            skipped={kind: tuple(paths) for kind, paths in staging.skipped.items() if paths},
            incomplete=tuple(staging.incomplete),
        )

    def _copy(
        self, staging: PhotoStaging, scanned: list[Scanned], failures: list[ImportFailure]
    ) -> "_ChangeLog":
        """Phase 2: stage the files and commit their rows in batches as they finish."""
        meter = RateMeter(len(scanned), time.monotonic())
        log = _ChangeLog()
        batch: list[Staged] = []
        batch_started = time.monotonic()
        for outcome in staging.stage(scanned):
            if isinstance(outcome, Staged | Duplicate) and outcome.restored:
                log.restored.append(outcome.path)
            if isinstance(outcome, Staged):
                batch.append(outcome)
            elif isinstance(outcome, Duplicate):
                log.duplicates.append(outcome.path)
            elif isinstance(outcome, NoSpace):
                log.no_space.append(outcome.path)
            else:
                failures.append(outcome)
            meter.done += 1
            committed: tuple[int, ...] = ()
            now = time.monotonic()
            if batch and (len(batch) >= BATCH_SIZE or now - batch_started >= BATCH_SECONDS):
                committed = self._commit(staging, batch, log)
                batch, batch_started = [], now
            staging.emit(copy_progress(meter, outcome, now, committed))
        if batch:
            committed = self._commit(staging, batch, log)
            staging.emit(
                ImportProgress(
                    ImportPhase.COPY, meter.done, len(scanned), None, committed_ids=committed
                )
            )
        return log

    def _commit(
        self, staging: PhotoStaging, batch: list[Staged], log: "_ChangeLog"
    ) -> tuple[int, ...]:
        """Insert one batch of rows, each after its file, in one short transaction.

        A disk too full for the transaction leaves the batch out (its copies stay, for the next
        import to reuse) and stops the import.
        """
        try:
            with self._library.session() as session:
                trip = get_trip(session, self._trip_id)
                rows, duplicates = insert_rows(session, trip, batch)
        except LibraryError as error:
            if not is_disk_full(error):
                raise
            staging.stop_for_full_disk()
            log.no_space.extend(item.path for item in batch)
            return ()
        log.duplicates.extend(duplicates)
        log.record(trip, rows)
        return tuple(row.id for row in rows)


class _ChangeLog:
    """What the import's transactions changed, merged into one ``Changes`` at the end."""

    def __init__(self) -> None:
        self.trip: TripInfo | None = None
        self.photos_in_order: list[int] = []
        self.days: set[date] = set()
        self.unassigned = 0
        self.duplicates: list[Path] = []
        self.restored: list[Path] = []
        self.no_space: list[Path] = []

    def record(self, trip: Trip, rows: list[Photo]) -> None:
        self.trip = TripInfo.of(trip)
        for row in rows:
            self.photos_in_order.append(row.id)
            if row.day_date is None:
                self.unassigned += 1
            else:
                self.days.add(row.day_date)

    def value(self) -> Changes:
        return Changes(
            trip=self.trip, days=frozenset(self.days), photos=frozenset(self.photos_in_order)
        )
