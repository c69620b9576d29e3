"""Importing photos into a trip, in two phases, so that every photo's day is known almost at once.

Phase 1 (scan) reads each file's header - capture time, camera, GPS - on the calling thread and
reports the day each will land on: EXIF alone costs a fraction of a millisecond, so a thousand
photos are placed in well under the time it takes to copy one card. Phase 2 (copy) hashes and
thumbnails the files on one thread per core and copies them on two more threads (hashing and
decoding release the GIL, so threads scale like processes and are safe inside a Qt app) while the
calling thread commits their rows in short batches: a cancelled or crashed import keeps every
photo it finished, each with its file.

Order per file: hash, skip if the trip has those bytes already, make the thumbnail (which also
proves the pixels decode: a truncated file fails here rather than in the gallery), copy the original
atomically, and only then insert the row.

A file whose bytes the library already knows still has its copy checked (the trip's duplicates and
another trip's photos alike): a copy that went missing or was damaged is written again from the
file, so importing the original is how a library heals. A full disk stops the import (see
``journal.photos.disk_space``): the files in flight finish or fail, nothing more starts, and the
report says it once.
"""

import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import select

from journal.errors import LibraryError
from journal.photos.camera import CameraKey
from journal.photos.day_assignment import DerivedTime, RecordedTime, TripClock, derive_time
from journal.photos.discovery import discover
from journal.photos.disk_space import NOT_IMPORTED_DISK_FULL, DiskFull, is_disk_full
from journal.photos.import_progress import (
    CancelToken,
    ImportFailure,
    ImportPhase,
    ImportProgress,
    PlannedPhoto,
    RateMeter,
)
from journal.photos.metadata import PhotoMetadata, PhotoRejectedError, read_metadata
from journal.photos.storage import Stored, content_hash, copy_path_for, store_original
from journal.photos.thumbnails import ThumbnailCache, ThumbSize
from journal.readable_paths import readable_path
from journal.services import photo_days
from journal.services.changes import Changes
from journal.services.snapshots import TripInfo
from journal.services.trip_ops import get_trip
from journal.store.library import Library
from journal.store.models import Photo, Trip

#: Rows per commit, and the longest a finished photo waits for its commit: short batches keep
#: the gallery filling steadily and let the app's autosave slip in between.
BATCH_SIZE = 48
BATCH_SECONDS = 0.5
#: Threads that copy originals into the library: each mostly waits for its fsync.
WRITER_THREADS = 2

ProgressCallback = Callable[[ImportProgress], None]


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

    @property
    def duplicate_count(self) -> int:
        return len(self.duplicates)

    @property
    def refused(self) -> tuple[ImportFailure, ...]:
        """The failures of the files themselves: those a full disk left are said once, apart."""
        if self.disk_full is None:
            return self.failures
        left = set(self.disk_full.not_imported)
        return tuple(failure for failure in self.failures if failure.path not in left)


@dataclass(frozen=True)
class _Scanned:
    index: int
    path: Path
    metadata: PhotoMetadata
    derived: DerivedTime


@dataclass(frozen=True)
class _Examined:
    scanned: _Scanned
    digest: str
    size: int
    #: For a file the trip has already: the library path of the copy to check (and restore).
    duplicate_of: PurePosixPath | None = None


@dataclass(frozen=True)
class _Prepared:
    scanned: _Scanned
    digest: str
    relative: PurePosixPath
    size: int
    #: The library had these bytes, but their copy was missing or damaged until this file.
    restored: bool = False

    @property
    def path(self) -> Path:
        return self.scanned.path


@dataclass(frozen=True)
class _Duplicate:
    path: Path
    restored: bool = False


@dataclass(frozen=True)
class _NoSpace:
    """A file not imported because the disk is full."""

    path: Path


_Outcome = _Prepared | _Duplicate | _NoSpace | ImportFailure


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
        self._cancel = cancel or CancelToken()
        self._workers = workers or os.cpu_count() or 2
        self._thumbnails = ThumbnailCache(library.root)
        #: Hashes of the trip's photos and of this import's files so far (guarded by the lock).
        self._claimed: set[str] = set()
        self._claimed_lock = threading.Lock()
        #: The trip's photos whose copy no duplicate has checked yet: hash to library path.
        self._unchecked: dict[str, PurePosixPath] = {}
        #: Every hash the library had when the import began (a copy made for one is a repair).
        self._known: frozenset[str] = frozenset()
        self._disk_full = threading.Event()

    def run(self, paths: Sequence[Path]) -> ImportReport:
        with self._library.session() as session:
            trip = get_trip(session, self._trip_id)
            clock = photo_days.trip_clock(trip)
            offsets = photo_days.camera_offsets(session, trip.id)
            self._unchecked = dict(
                session.execute(
                    select(Photo.content_hash, Photo.library_path).where(Photo.trip_id == trip.id)
                ).all()
            )
            self._known = frozenset(session.scalars(select(Photo.content_hash).distinct()))
        self._claimed = set(self._unchecked)
        found = discover(paths, self._cancel, skip=[self._library.root])
        failures = list(found.failures)
        scanned = self._scan(found.files, clock, offsets, failures)
        log = self._copy(scanned, failures)
        self._emit(ImportProgress(ImportPhase.DONE, len(scanned), len(scanned)))
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
            cancelled=self._cancel.cancelled,
            changes=log.value(),
            restored=tuple(log.restored),
            disk_full=disk_full,
        )

    def _emit(self, event: ImportProgress) -> None:
        if self._progress is not None:
            self._progress(event)

    # Phase 1

    def _scan(
        self,
        files: list[Path],
        clock: TripClock,
        offsets: dict[CameraKey, int],
        failures: list[ImportFailure],
    ) -> list[_Scanned]:
        meter = RateMeter(len(files), time.monotonic())
        scanned: list[_Scanned] = []
        for path in files:
            if self._cancel.cancelled:
                break
            planned = failure = None
            try:
                metadata = read_metadata(path)
            except PhotoRejectedError as error:
                failure = ImportFailure(path, str(error))
                failures.append(failure)
            else:
                derived = derive_time(_recorded(metadata), clock, offsets.get(metadata.camera, 0))
                scanned.append(_Scanned(len(scanned), path, metadata, derived))
                planned = PlannedPhoto(path, derived.local_time, derived.day)
            meter.done += 1
            rate, left = meter.estimate(time.monotonic())
            self._emit(
                ImportProgress(
                    ImportPhase.SCAN,
                    meter.done,
                    len(files),
                    path,
                    rate,
                    left,
                    planned=planned,
                    failure=failure,
                )
            )
        return scanned

    # Phase 2

    def _copy(self, scanned: list[_Scanned], failures: list[ImportFailure]) -> "_ChangeLog":
        meter = RateMeter(len(scanned), time.monotonic())
        log = _ChangeLog()
        batch: list[_Prepared] = []
        batch_started = time.monotonic()
        for outcome in self._prepare_all(scanned):
            if isinstance(outcome, _Prepared | _Duplicate) and outcome.restored:
                log.restored.append(outcome.path)
            if isinstance(outcome, _Prepared):
                batch.append(outcome)
            elif isinstance(outcome, _Duplicate):
                log.duplicates.append(outcome.path)
            elif isinstance(outcome, _NoSpace):
                log.no_space.append(outcome.path)
            else:
                failures.append(outcome)
            meter.done += 1
            committed: tuple[int, ...] = ()
            now = time.monotonic()
            if batch and (len(batch) >= BATCH_SIZE or now - batch_started >= BATCH_SECONDS):
                committed = self._commit(batch, log)
                batch, batch_started = [], now
            rate, left = meter.estimate(now)
            self._emit(
                ImportProgress(
                    ImportPhase.COPY,
                    meter.done,
                    len(scanned),
                    outcome.path,
                    rate,
                    left,
                    committed_ids=committed,
                    failure=outcome if isinstance(outcome, ImportFailure) else None,
                )
            )
        if batch:
            committed = self._commit(batch, log)
            self._emit(
                ImportProgress(
                    ImportPhase.COPY, meter.done, len(scanned), None, committed_ids=committed
                )
            )
        return log

    def _prepare_all(self, scanned: list[_Scanned]) -> Iterator[_Outcome]:
        """Examine files on the decoder pool and copy them on the writer pool, in completion order.

        Decoding wants exactly one thread per core; a copy mostly waits for its fsync. Giving the
        copies threads of their own keeps every core decoding while the disk syncs, without the
        cache thrashing of more decoders than cores. Files are submitted a few ahead of the
        results, which bounds memory and makes cancelling quick: files not yet submitted are
        never started, and those in flight finish (their copies are complete, so they commit).
        Copies waiting for a writer count as in flight too: on a slow disk the decoders wait for
        it rather than pile up a backlog that a Cancel would still have to copy. Once the disk is
        full no copy starts, and every file not yet done comes out as ``_NoSpace``.
        """
        in_flight = self._workers * 2 + WRITER_THREADS
        decoding: set[Future[_Examined | _Outcome]] = set()
        copying: set[Future[_Outcome]] = set()
        queue = iter(scanned)
        with (
            ThreadPoolExecutor(self._workers, thread_name_prefix="photo-decode") as decoders,
            ThreadPoolExecutor(WRITER_THREADS, thread_name_prefix="photo-copy") as writers,
        ):
            while True:
                while not self._stopping() and len(decoding) + len(copying) < in_flight:
                    item = next(queue, None)
                    if item is None:
                        break
                    decoding.add(decoders.submit(self._examine, item))
                if not decoding and not copying:
                    if self._disk_full.is_set():
                        yield from (_NoSpace(item.path) for item in queue)
                    return
                running: set[Future[Any]] = decoding | copying
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    result: _Examined | _Outcome = future.result()
                    decoding.discard(future)
                    copying.discard(future)
                    if not isinstance(result, _Examined):
                        yield result
                    elif self._disk_full.is_set():  # no copy starts now
                        if result.duplicate_of is not None:
                            yield _Duplicate(result.scanned.path)
                        else:
                            self._release(result.digest)
                            yield _NoSpace(result.scanned.path)
                    else:
                        copying.add(writers.submit(self._store, result))

    def _stopping(self) -> bool:
        return self._cancel.cancelled or self._disk_full.is_set()

    def _examine(self, item: _Scanned) -> _Examined | _Outcome:
        """Decoder thread: hash, deduplicate, thumbnail. Touches no database."""
        path = item.path
        try:
            size = path.stat().st_size
            digest = content_hash(path)
        except OSError as error:
            return ImportFailure(path, f"cannot read the file ({error.strerror})")
        with self._claimed_lock:
            if digest in self._claimed:
                # The trip's copy is checked by the first duplicate of it, and only then.
                duplicate_of = self._unchecked.pop(digest, None)
                if duplicate_of is None:
                    return _Duplicate(path)
                return _Examined(item, digest, size, duplicate_of)
            self._claimed.add(digest)
        try:
            self._thumbnails.ensure(path, digest, ThumbSize.THUMB)
        # Decoders meet arbitrary bytes here and fail in many ways besides OSError; one bad file
        # must cost only itself, never the import.
        except Exception as error:
            self._release(digest)
            if is_disk_full(error):
                self._disk_full.set()
                return _NoSpace(path)
            return ImportFailure(path, f"the image data is damaged ({_reason(error)})")
        return _Examined(item, digest, size)

    def _store(self, examined: _Examined) -> _Outcome:
        """Writer thread: copy the original into the library, synced, before its row exists.

        A duplicate's copy is only checked, and written again if it is missing or damaged.
        """
        item, digest, duplicate_of = examined.scanned, examined.digest, examined.duplicate_of
        relative = duplicate_of or copy_path_for(digest, item.metadata.media_format)
        try:
            stored = store_original(item.path, self._library.file_path(relative), digest)
        except OSError as error:
            if duplicate_of is None:
                self._release(digest)
            if is_disk_full(error):
                self._disk_full.set()
                return _NoSpace(item.path)
            what = "restore the library's copy" if duplicate_of else "copy it into the library"
            return ImportFailure(item.path, f"cannot {what} ({_reason(error)})")
        restored = stored is Stored.REPLACED or (stored is Stored.COPIED and digest in self._known)
        if duplicate_of is not None:
            return _Duplicate(item.path, restored)
        return _Prepared(item, digest, relative, examined.size, restored)

    def _release(self, digest: str) -> None:
        with self._claimed_lock:
            self._claimed.discard(digest)

    def _commit(self, batch: list[_Prepared], log: "_ChangeLog") -> tuple[int, ...]:
        """Insert one batch of rows, each after its file, in one short transaction.

        A disk too full for the transaction leaves the batch out (its copies stay, for the next
        import to reuse) and stops the import.
        """
        try:
            with self._library.session() as session:
                trip = get_trip(session, self._trip_id)
                # Another import into this trip may have committed the same bytes meanwhile.
                present = set(
                    session.scalars(
                        select(Photo.content_hash).where(
                            Photo.trip_id == trip.id,
                            Photo.content_hash.in_([item.digest for item in batch]),
                        )
                    )
                )
                rows = []
                duplicates = []
                # Rows get their ids in the order the files were found, not the order threads
                # finished them, so that ids follow names within a batch.
                for item in sorted(batch, key=lambda prepared: prepared.scanned.index):
                    if item.digest in present:
                        duplicates.append(item.path)
                        continue
                    row = _new_row(trip.id, item)
                    session.add(row)
                    rows.append(row)
                session.flush()
                photo_days.place_by_time(session, trip.id, rows)
        except LibraryError as error:
            if not is_disk_full(error):
                raise
            self._disk_full.set()
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


def _recorded(metadata: PhotoMetadata) -> RecordedTime:
    capture, gps = metadata.capture, metadata.gps
    return RecordedTime(
        wall_time=capture.wall_time,
        source=capture.source,
        offset_minutes=capture.offset_minutes,
        latitude=gps.latitude if gps else None,
        longitude=gps.longitude if gps else None,
    )


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _new_row(trip_id: int, item: _Prepared) -> Photo:
    metadata, derived, path = item.scanned.metadata, item.scanned.derived, item.scanned.path
    capture, gps, camera = metadata.capture, metadata.gps, metadata.camera
    return Photo(
        trip_id=trip_id,
        content_hash=item.digest,
        original_path=str(path),
        original_name=readable_path(path.name),
        library_path=item.relative,
        file_size=item.size,
        media_format=metadata.media_format,
        width=metadata.width,
        height=metadata.height,
        orientation=metadata.orientation,
        wall_time=capture.wall_time,
        time_source=capture.source.value,
        time_trusted=capture.source.trusted,
        recorded_offset_minutes=capture.offset_minutes,
        local_time=derived.local_time,
        utc_offset_minutes=derived.utc_offset_minutes,
        captured_utc=derived.captured_utc,
        zone_source=derived.zone_source,
        zone_name=derived.zone_name,
        camera_make=camera.make,
        camera_model=camera.model,
        camera_serial=camera.serial,
        gps_latitude=gps.latitude if gps else None,
        gps_longitude=gps.longitude if gps else None,
        gps_altitude=gps.altitude if gps else None,
        caption="",
        day_date=derived.day,
        pinned=False,
        position=0,
    )
