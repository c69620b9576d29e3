"""Staging photos for a trip: the file work of an import, with no database writes.

Scanning reads each file's header - capture time, camera, GPS - on the calling thread and
reports the day each will land on: EXIF alone costs a fraction of a millisecond, so a thousand
photos are placed in well under the time it takes to copy one card. Staging then hashes and
thumbnails the files on one thread per core and copies them on two more threads (hashing and
decoding release the GIL, so threads scale like processes and are safe inside a Qt app), and hands
each finished file to the caller, who decides when its row is written: ``photo_import`` commits
rows in short batches as files finish, a post import writes all of them in its one transaction.

Order per file: hash, skip if the trip has those bytes already, make the thumbnail (which also
proves the pixels decode: a truncated file fails here rather than in the gallery; a camera's
embedded preview, which stands for the photo when it can, lies after the photo's data and is the
first thing a truncation takes), and copy the original atomically into ``photos/`` - always
before its row can exist.

A file whose bytes the library already knows still has its copy checked (the trip's duplicates and
another trip's photos alike): a copy that went missing or was damaged is written again from the
file, so importing the original is how a library heals. A full disk stops the staging (see
``journal.photos.disk_space``): the files in flight finish or fail, nothing more starts.
"""

import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from io import BufferedReader
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy.orm import Session

from journal.photos.camera import CameraKey
from journal.photos.day_assignment import DerivedTime, RecordedTime, TripClock, derive_time
from journal.photos.discovery import discover
from journal.photos.disk_space import is_disk_full
from journal.photos.formats import NotPhoto, not_photo
from journal.photos.import_progress import (
    CancelToken,
    ImportFailure,
    ImportPhase,
    ImportProgress,
    PlannedPhoto,
    RateMeter,
)
from journal.photos.library_files import open_original
from journal.photos.metadata import (
    PhotoMetadata,
    PhotoRejectedError,
    error_reason,
    read_metadata,
)
from journal.photos.raw_pairs import RawPairing
from journal.photos.storage import Stored, copy_path_for, file_hash, store_original
from journal.photos.thumbnails import ThumbnailCache, ThumbSize
from journal.services import photo_days, photo_ops
from journal.store.library_paths import library_file
from journal.store.models import Trip

#: Threads that copy originals into the library: each mostly waits for its fsync.
WRITER_THREADS = 2

ProgressCallback = Callable[[ImportProgress], None]


@dataclass(frozen=True)
class StagingTarget:
    """What staging needs to know of the trip the photos go to, read before any file work."""

    clock: TripClock
    offsets: Mapping[CameraKey, int]
    #: The trip's photos: content hash to library path (the first duplicate checks the copy).
    copies: Mapping[str, PurePosixPath]
    #: Every hash the library had when staging began (a copy written for one is a repair).
    known: frozenset[str]

    @classmethod
    def read(cls, session: Session, trip: Trip | None, clock: TripClock) -> "StagingTarget":
        """The target for photos going into ``trip`` (None: a trip not made yet) on ``clock``."""
        offsets: dict[CameraKey, int] = {}
        copies: dict[str, PurePosixPath] = {}
        if trip is not None:
            offsets = photo_days.camera_offsets(session, trip.id)
            copies = photo_ops.library_files(session, trip.id)
        known = frozenset(photo_ops.used_hashes(session))
        return cls(clock, offsets, copies, known)


@dataclass(frozen=True)
class Scanned:
    #: Where the file was found among the import's files: rows get their ids in this order.
    index: int
    path: Path
    metadata: PhotoMetadata
    derived: DerivedTime
    #: The RAW file of the same shot (RAW+JPEG), kept in the library with this photo.
    raw: "Scanned | None" = None


@dataclass(frozen=True)
class StagedRaw:
    """The RAW file of a RAW+JPEG shot, copied into the library beside its photo."""

    path: Path
    digest: str
    relative: PurePosixPath


@dataclass(frozen=True)
class _Examined:
    scanned: Scanned
    digest: str
    size: int
    #: For a file the trip has already: the library path of the copy to check (and restore).
    duplicate_of: PurePosixPath | None = None
    #: The hash of the shot's RAW file, if it has one.
    raw_digest: str | None = None


@dataclass(frozen=True)
class Staged:
    """A file copied into the library, ready for its row."""

    scanned: Scanned
    digest: str
    relative: PurePosixPath
    size: int
    #: The library had these bytes, but their copy was missing or damaged until this file.
    restored: bool = False
    raw: StagedRaw | None = None

    @property
    def path(self) -> Path:
        return self.scanned.path


@dataclass(frozen=True)
class Duplicate:
    """A file whose bytes the trip has already (or that came earlier in this import)."""

    path: Path
    digest: str
    restored: bool = False


@dataclass(frozen=True)
class NoSpace:
    """A file not staged because the disk is full."""

    path: Path


Outcome = Staged | Duplicate | NoSpace | ImportFailure


class PhotoStaging:
    """The file work of one import into one trip: ``scan``, then ``stage`` what it found."""

    def __init__(
        self,
        library_root: Path,
        target: StagingTarget,
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        workers: int | None = None,
    ) -> None:
        self._root = library_root
        self._target = target
        self._progress = progress
        self.cancel = cancel or CancelToken()
        self._workers = workers or os.cpu_count() or 2
        self._thumbnails = ThumbnailCache(library_root)
        #: Hashes of the trip's photos and of this import's files so far (guarded by the lock).
        self._claimed: set[str] = set(target.copies)
        self._lock = threading.Lock()
        #: The trip's photos whose copy no duplicate has checked yet: hash to library path.
        self._unchecked: dict[str, PurePosixPath] = dict(target.copies)
        self._disk_full = threading.Event()
        #: Files not found, not readable or not photos, in the order met.
        self.failures: list[ImportFailure] = []
        #: Videos and sidecars passed over (``scan`` with ``camera_files``), by kind.
        self.skipped: dict[NotPhoto, list[Path]] = {kind: [] for kind in NotPhoto}
        #: Files that imported although their data stops early (a JPEG cut short).
        self.incomplete: list[Path] = []
        #: Copies this run wrote where there was none: hash to library path (guarded by the lock).
        self.created: dict[str, PurePosixPath] = {}

    @property
    def disk_full(self) -> bool:
        return self._disk_full.is_set()

    def stop_for_full_disk(self) -> None:
        """The disk filled (met by the caller, e.g. in a commit): start no more copies."""
        self._disk_full.set()

    def emit(self, event: ImportProgress) -> None:
        if self._progress is not None:
            self._progress(event)

    def scan(self, paths: Sequence[Path], *, camera_files: bool = False) -> list[Scanned]:
        """Find the files under ``paths`` and read each one's header, reporting its day.

        With ``camera_files`` (a folder from a camera or phone), videos and sidecars are counted
        in ``skipped`` instead of read, and the two files of a RAW+JPEG shot become one photo.
        """
        found = discover(paths, self.cancel, skip=[self._root])
        self.failures += found.failures
        files = found.files
        if camera_files:
            files = [path for path in files if not self._skipped(path)]
        meter = RateMeter(len(files), time.monotonic())
        scanned: list[Scanned] = []
        clock, offsets = self._target.clock, self._target.offsets
        pairing = RawPairing()
        for path in files:
            if self.cancel.cancelled:
                break
            planned = failure = None
            try:
                metadata = read_metadata(path)
            except PhotoRejectedError as error:
                failure = ImportFailure(path, str(error))
                self.failures.append(failure)
            else:
                derived = derive_time(_recorded(metadata), clock, offsets.get(metadata.camera, 0))
                if not (camera_files and pairing.add(len(scanned), path, metadata)):
                    planned = PlannedPhoto(path, derived.local_time, derived.day)
                scanned.append(Scanned(len(scanned), path, metadata, derived))
            meter.done += 1
            rate, left = meter.estimate(time.monotonic())
            self.emit(
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
        return _paired(scanned, pairing.pairs) if camera_files else scanned

    def _skipped(self, path: Path) -> bool:
        kind = not_photo(path.name)
        if kind is not None:
            self.skipped[kind].append(path)
        return kind is not None

    def stage(self, scanned: Sequence[Scanned]) -> Iterator[Outcome]:
        """Examine files on the decoder pool and copy them on the writer pool, in completion order.

        Decoding wants exactly one thread per core; a copy mostly waits for its fsync. Giving the
        copies threads of their own keeps every core decoding while the disk syncs, without the
        cache thrashing of more decoders than cores. Files are submitted a few ahead of the
        results, which bounds memory and makes cancelling quick: files not yet submitted are
        never started, and those in flight finish (their copies are complete).
        Copies waiting for a writer count as in flight too: on a slow disk the decoders wait for
        it rather than pile up a backlog that a Cancel would still have to copy. Once the disk is
        full no copy starts, and every file not yet done comes out as ``NoSpace``.
        """
        in_flight = self._workers * 2 + WRITER_THREADS
        decoding: set[Future[_Examined | Outcome]] = set()
        copying: set[Future[Outcome]] = set()
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
                    if self.disk_full:
                        yield from (NoSpace(item.path) for item in queue)
                    return
                running: set[Future[Any]] = decoding | copying
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    result: _Examined | Outcome = future.result()
                    decoding.discard(future)
                    copying.discard(future)
                    if not isinstance(result, _Examined):
                        yield result
                    elif self.disk_full:  # no copy starts now
                        if result.duplicate_of is not None:
                            yield Duplicate(result.scanned.path, result.digest)
                        else:
                            self._release(result.digest)
                            yield NoSpace(result.scanned.path)
                    else:
                        copying.add(writers.submit(self._store, result))

    def _stopping(self) -> bool:
        return self.cancel.cancelled or self.disk_full

    def _examine(self, item: Scanned) -> _Examined | Outcome:
        """Decoder thread: hash, deduplicate, thumbnail. Touches no database."""
        try:
            with open_original(item.path) as handle:
                return self._examine_open(item, handle)
        except OSError as error:
            return ImportFailure(item.path, f"cannot read the file ({error_reason(error)})")

    def _examine_open(self, item: Scanned, handle: BufferedReader) -> _Examined | Outcome:
        """``_examine`` of the file open as ``handle``: hashed, then decoded from the same open
        file (one opening, so what is thumbnailed is what was hashed)."""
        path = item.path
        size = os.fstat(handle.fileno()).st_size
        digest = file_hash(handle)
        with self._lock:
            if digest in self._claimed:
                # The trip's copy is checked by the first duplicate of it, and only then.
                duplicate_of = self._unchecked.pop(digest, None)
                if duplicate_of is None:
                    return Duplicate(path, digest)
                return _Examined(item, digest, size, duplicate_of)
            self._claimed.add(digest)
        try:
            handle.seek(0)
            self._thumbnails.ensure(handle, digest, ThumbSize.THUMB, item.metadata.media_format)
        # Decoders meet arbitrary bytes here and fail in many ways besides OSError; one bad file
        # must cost only itself, never the import.
        except Exception as error:
            self._release(digest)
            if is_disk_full(error):
                self._disk_full.set()
                return NoSpace(path)
            return ImportFailure(path, f"the image data is damaged ({error_reason(error)})")
        if item.raw is None:
            return _Examined(item, digest, size)
        try:
            with open_original(item.raw.path) as raw:
                return _Examined(item, digest, size, raw_digest=file_hash(raw))
        except OSError as error:
            self._release(digest)
            return ImportFailure(item.raw.path, f"cannot read the file ({error_reason(error)})")

    def _store(self, examined: _Examined) -> Outcome:
        """Writer thread: copy the original into the library, synced, before its row exists.

        A duplicate's copy is only checked, and written again if it is missing or damaged.
        """
        item, digest, duplicate_of = examined.scanned, examined.digest, examined.duplicate_of
        relative = duplicate_of or copy_path_for(digest, item.metadata.media_format)
        try:
            stored = store_original(item.path, library_file(self._root, relative), digest)
        except OSError as error:
            if duplicate_of is None:
                self._release(digest)
            if is_disk_full(error):
                self._disk_full.set()
                return NoSpace(item.path)
            what = "restore the library's copy" if duplicate_of else "copy it into the library"
            return ImportFailure(item.path, f"cannot {what} ({error_reason(error)})")
        restored = self._record(stored, digest, relative)
        if duplicate_of is not None:
            return Duplicate(item.path, digest, restored)
        raw = None
        if item.raw is not None and examined.raw_digest is not None:
            raw_relative = copy_path_for(examined.raw_digest, item.raw.metadata.media_format)
            raw = StagedRaw(item.raw.path, examined.raw_digest, raw_relative)
            try:
                stored = store_original(
                    raw.path, library_file(self._root, raw_relative), raw.digest
                )
            except OSError as error:
                self._release(digest)
                if is_disk_full(error):
                    self._disk_full.set()
                    return NoSpace(item.path)
                return ImportFailure(
                    raw.path, f"cannot copy it into the library ({error_reason(error)})"
                )
            restored = self._record(stored, raw.digest, raw_relative) or restored
        if item.metadata.incomplete:
            with self._lock:
                self.incomplete.append(item.path)
        return Staged(item, digest, relative, examined.size, restored, raw)

    def _record(self, stored: Stored, digest: str, relative: PurePosixPath) -> bool:
        """Note a copy this run wrote; whether it restored bytes the library had lost."""
        if stored is Stored.COPIED:
            with self._lock:
                self.created[digest] = relative
        return stored is Stored.REPLACED or (
            stored is Stored.COPIED and digest in self._target.known
        )

    def _release(self, digest: str) -> None:
        with self._lock:
            self._claimed.discard(digest)


def copy_progress(
    meter: RateMeter, outcome: Outcome, now: float, committed: tuple[int, ...] = ()
) -> ImportProgress:
    """The COPY event for one file staged (and the rows the caller committed with it)."""
    rate, left = meter.estimate(now)
    return ImportProgress(
        ImportPhase.COPY,
        meter.done,
        meter.total,
        outcome.path,
        rate,
        left,
        committed_ids=committed,
        failure=outcome if isinstance(outcome, ImportFailure) else None,
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


def _paired(scanned: list[Scanned], pairs: dict[int, int]) -> list[Scanned]:
    """``scanned`` with each RAW+JPEG shot made one photo: the JPEG, holding its RAW."""
    raws = set(pairs.values())
    kept = [
        replace(item, raw=scanned[pairs[item.index]] if item.index in pairs else None)
        for item in scanned
        if item.index not in raws
    ]
    return [replace(item, index=index) for index, item in enumerate(kept)]
