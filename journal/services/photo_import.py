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
"""

import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from journal.photos.day_assignment import DerivedTime, RecordedTime, TripClock, derive_time
from journal.photos.discovery import discover
from journal.photos.import_progress import (
    CancelToken,
    ImportFailure,
    ImportPhase,
    ImportProgress,
    PlannedPhoto,
    RateMeter,
)
from journal.photos.metadata import PhotoMetadata, PhotoRejectedError, read_metadata
from journal.photos.storage import content_hash, library_path, store_original
from journal.photos.thumbnails import ThumbnailCache, ThumbSize
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
    failures: tuple[ImportFailure, ...]
    cancelled: bool
    changes: Changes

    @property
    def duplicate_count(self) -> int:
        return len(self.duplicates)


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


@dataclass(frozen=True)
class _Prepared:
    scanned: _Scanned
    digest: str
    relative: str
    size: int


@dataclass(frozen=True)
class _Duplicate:
    path: Path


_Outcome = _Prepared | _Duplicate | ImportFailure


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
        self._claimed: set[str] = set()
        self._claimed_lock = threading.Lock()

    def run(self, paths: Sequence[Path]) -> ImportReport:
        with self._library.session() as session:
            trip = get_trip(session, self._trip_id)
            clock = photo_days.trip_clock(trip)
            offsets = photo_days.camera_offsets(session, trip.id)
            self._claimed = set(
                session.scalars(select(Photo.content_hash).where(Photo.trip_id == trip.id))
            )
        found = discover(paths, self._cancel, skip=[self._library.root])
        failures = list(found.failures)
        scanned = self._scan(found.files, clock, offsets, failures)
        duplicates, log = self._copy(scanned, failures)
        self._emit(ImportProgress(ImportPhase.DONE, len(scanned), len(scanned)))
        return ImportReport(
            imported=tuple(log.photos_in_order),
            duplicates=tuple(duplicates),
            unassigned=log.unassigned,
            failures=tuple(failures),
            cancelled=self._cancel.cancelled,
            changes=log.value(),
        )

    def _emit(self, event: ImportProgress) -> None:
        if self._progress is not None:
            self._progress(event)

    # Phase 1

    def _scan(
        self,
        files: list[Path],
        clock: TripClock,
        offsets: dict[photo_days.CameraTuple, int],
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
                camera = (metadata.camera.make, metadata.camera.model, metadata.camera.serial)
                derived = derive_time(_recorded(metadata), clock, offsets.get(camera, 0))
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

    def _copy(
        self, scanned: list[_Scanned], failures: list[ImportFailure]
    ) -> tuple[list[Path], "_ChangeLog"]:
        meter = RateMeter(len(scanned), time.monotonic())
        duplicates: list[Path] = []
        log = _ChangeLog()
        batch: list[_Prepared] = []
        batch_started = time.monotonic()
        for outcome in self._prepare_all(scanned):
            if isinstance(outcome, _Prepared):
                batch.append(outcome)
            elif isinstance(outcome, _Duplicate):
                duplicates.append(outcome.path)
            else:
                failures.append(outcome)
            meter.done += 1
            current = outcome.scanned.path if isinstance(outcome, _Prepared) else outcome.path
            committed: tuple[int, ...] = ()
            now = time.monotonic()
            if batch and (len(batch) >= BATCH_SIZE or now - batch_started >= BATCH_SECONDS):
                committed = self._commit(batch, duplicates, log)
                batch, batch_started = [], now
            rate, left = meter.estimate(now)
            self._emit(
                ImportProgress(
                    ImportPhase.COPY,
                    meter.done,
                    len(scanned),
                    current,
                    rate,
                    left,
                    committed_ids=committed,
                    failure=outcome if isinstance(outcome, ImportFailure) else None,
                )
            )
        if batch:
            committed = self._commit(batch, duplicates, log)
            self._emit(
                ImportProgress(
                    ImportPhase.COPY, meter.done, len(scanned), None, committed_ids=committed
                )
            )
        return duplicates, log

    def _prepare_all(self, scanned: list[_Scanned]) -> Iterator[_Outcome]:
        """Examine files on the decoder pool and copy them on the writer pool, in completion order.

        Decoding wants exactly one thread per core; a copy mostly waits for its fsync. Giving the
        copies threads of their own keeps every core decoding while the disk syncs, without the
        cache thrashing of more decoders than cores. Files are submitted a few ahead of the
        results, which bounds memory and makes cancelling quick: files not yet submitted are
        never started, and those in flight finish (their copies are complete, so they commit).
        Copies waiting for a writer count as in flight too: on a slow disk the decoders wait for
        it rather than pile up a backlog that a Cancel would still have to copy.
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
                while not self._cancel.cancelled and len(decoding) + len(copying) < in_flight:
                    item = next(queue, None)
                    if item is None:
                        break
                    decoding.add(decoders.submit(self._examine, item))
                if not decoding and not copying:
                    return
                running: set[Future[Any]] = decoding | copying
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    result: _Examined | _Outcome = future.result()
                    decoding.discard(future)
                    copying.discard(future)
                    if isinstance(result, _Examined):
                        copying.add(writers.submit(self._store, result))
                    else:
                        yield result

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
                return _Duplicate(path)
            self._claimed.add(digest)
        try:
            self._thumbnails.ensure(path, digest, ThumbSize.THUMB)
        # Decoders meet arbitrary bytes here and fail in many ways besides OSError; one bad file
        # must cost only itself, never the import.
        except Exception as error:
            self._release(digest)
            return ImportFailure(path, f"the image data is damaged ({_reason(error)})")
        return _Examined(item, digest, size)

    def _store(self, examined: _Examined) -> _Outcome:
        """Writer thread: copy the original into the library, synced, before its row exists."""
        item, digest = examined.scanned, examined.digest
        relative = library_path(digest, item.metadata.media_format)
        try:
            store_original(item.path, self._library.root, relative)
        except OSError as error:
            self._release(digest)
            return ImportFailure(item.path, f"cannot copy it into the library ({_reason(error)})")
        return _Prepared(item, digest, relative, examined.size)

    def _release(self, digest: str) -> None:
        with self._claimed_lock:
            self._claimed.discard(digest)

    def _commit(
        self, batch: list[_Prepared], duplicates: list[Path], log: "_ChangeLog"
    ) -> tuple[int, ...]:
        """Insert one batch of rows, each after its file, in one short transaction."""
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
            # Rows get their ids in the order the files were found, not the order threads
            # finished them, so that ids follow names within a batch.
            for item in sorted(batch, key=lambda prepared: prepared.scanned.index):
                if item.digest in present:
                    duplicates.append(item.scanned.path)
                    continue
                row = _new_row(trip.id, item)
                session.add(row)
                rows.append(row)
            session.flush()
            photo_days.place_by_time(session, trip.id, rows)
            session.flush()
            log.record(trip, rows)
        return tuple(row.id for row in rows)


class _ChangeLog:
    """What the import's transactions changed, merged into one ``Changes`` at the end."""

    def __init__(self) -> None:
        self.trip: TripInfo | None = None
        self.photos_in_order: list[int] = []
        self.days: set[date] = set()
        self.unassigned = 0

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
        original_name=path.name,
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
