"""Checking every photo file of the library against its hash, and repairing from the originals.

The database can be sound while the files it names are not: a disk loses a file or damages a few
bytes and SQLite never notices. Each copy in ``photos/`` is named by the SHA-256 of its bytes, so
reading it back and hashing it proves it whole. A copy found missing or damaged is repaired from
the file it was imported from (``original_path``), but only if that file still has exactly those
bytes; otherwise the report says so and how to bring it back (import the original again, which
restores the copy: see ``photo_staging``).

The rows are read in one short read transaction and the files hashed with none open, since
hashing a big library takes minutes; a repair writes files (atomically), never the database.
Files are hashed on one thread per core (``hashlib`` releases the GIL), a few at a time, so a
Ctrl-C or a cancel stops within a few files. A copy is opened as a library file
(``library_files``): a FIFO, a link or a folder in its place is reported as "not a regular file",
never read or followed, and a repair replaces the entry itself. Copies and thumbnails that no row
uses are reported; a repair removes the thumbnails, and the copies go only when asked for by name
(``library_leftovers``).

The check starts with SQLite's full integrity check of the database, whatever its size (an
opening for writing runs it only up to a size: ``health.PageCheck``), and refuses a damaged one
as an opening does. It also lists text the disk damaged inside the database (``damaged_text``):
SQLite's own checks cannot see it, and the user can only retype it once told where it is.
"""

import os
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from pathlib import Path, PurePosixPath

from sqlalchemy import select

from journal.errors import LibraryDamagedError
from journal.photos.formats import format_of_copy
from journal.photos.import_progress import CancelToken
from journal.photos.library_files import NotRegularFileError, open_original
from journal.photos.storage import CopyInTheWayError, content_hash, file_hash, store_original
from journal.photos.thumbnails import ThumbnailCache, ThumbSize
from journal.readable_paths import readable_path
from journal.services.damaged_text import DamagedText, find_damaged_text
from journal.services.library_leftovers import LibraryLeftovers, find_leftovers
from journal.services.snapshots import TripInfo
from journal.services.trash import empty_trash
from journal.store.health import PageCheck, refuse_damage
from journal.store.library import Library
from journal.store.models import Photo, Trip

#: Called with (files checked, files to check) after each file.
CheckProgressCallback = Callable[[int, int], None]


class FileProblem(StrEnum):
    MISSING = "missing"
    #: Its bytes do not match the hash that names them.
    DAMAGED = "damaged"
    #: The file is there but reading it failed (a permission, an I/O error).
    UNREADABLE = "unreadable"
    #: A FIFO, a link, a folder... stands where the file should be: never opened or followed.
    NOT_REGULAR = "not a regular file"


@dataclass(frozen=True)
class PhotoUse:
    """A photo whose row names a library file: where it shows in the journal."""

    photo_id: int
    trip: TripInfo
    day: date | None
    original_name: str
    original_path: str

    @property
    def place(self) -> str:
        """ "Seattle 2023, Day 2", "Seattle 2023, Unassigned"."""
        index = self.trip.day_index(self.day) if self.day is not None else None
        return f"{self.trip.title}, {'Unassigned' if index is None else f'Day {index}'}"


@dataclass(frozen=True)
class BadFile:
    """A library file that is missing, damaged or unreadable, with the photos that show it."""

    library_path: PurePosixPath
    content_hash: str
    problem: FileProblem
    #: The system's words for an unreadable file, what stands there for one not regular; "".
    detail: str
    photos: tuple[PhotoUse, ...]
    #: The original it was restored from by a repair; None while it is still bad.
    repaired_from: str | None = None
    #: Why a repair could not restore it: what became of each original (paths readable).
    unrepaired_reason: str = ""


@dataclass(frozen=True)
class LibraryCheckReport:
    #: Library files checked (photos with the same bytes share one), and the photos using them.
    files: int
    photos: int
    bad: tuple[BadFile, ...]
    #: Gallery thumbnails missing from the cache (remade when shown; a repair makes them now).
    thumbnails_missing: int
    thumbnails_made: int
    #: Whether files were read to the end: False when cancelled.
    complete: bool
    #: Text cells of the database whose bytes are not UTF-8 (they read with U+FFFD).
    damaged_text: tuple[DamagedText, ...]
    #: Copies and thumbnails no photo uses (None when cancelled before they were looked for).
    leftovers: LibraryLeftovers | None = None

    @property
    def still_bad(self) -> tuple[BadFile, ...]:
        return tuple(file for file in self.bad if file.repaired_from is None)

    @property
    def repaired(self) -> tuple[BadFile, ...]:
        return tuple(file for file in self.bad if file.repaired_from is not None)


@dataclass(frozen=True)
class _LibraryFile:
    library_path: PurePosixPath
    content_hash: str
    photos: tuple[PhotoUse, ...]
    #: False for the RAW file kept with a RAW+JPEG photo: checked, never thumbnailed.
    shown: bool = True


@dataclass(frozen=True)
class _Checked:
    file: _LibraryFile
    problem: FileProblem | None
    detail: str
    has_thumbnail: bool


def check_library(
    library: Library,
    *,
    repair: bool = False,
    remove_unused_copies: bool = False,
    progress: CheckProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> LibraryCheckReport:
    """Hash every library file against its rows and find the files no row uses; with
    ``repair``, restore what can be restored from the originals, make missing thumbnails and
    remove thumbnails of no photo; with ``remove_unused_copies``, remove the copies no row uses
    (see ``library_leftovers`` for why that is asked for apart). A repair first empties the
    trash (``trash``): the app does so when it quits, and a library used from the CLI alone
    would otherwise keep removed photos' files for ever."""
    if repair:
        empty_trash(library)
    with library.session() as session:
        refuse_damage(library.database_path, session.connection(), PageCheck.FULL)
        damaged_text = tuple(find_damaged_text(session))
    files = _library_files(library)
    thumbnails = ThumbnailCache(library.root)
    bad: list[BadFile] = []
    missing_thumbnails: list[_LibraryFile] = []
    done = 0
    for checked in _check_all(library, thumbnails, files, cancel):
        done += 1
        if checked.problem is not None:
            file = checked.file
            bad.append(
                BadFile(
                    file.library_path,
                    file.content_hash,
                    checked.problem,
                    checked.detail,
                    file.photos,
                )
            )
        elif not checked.has_thumbnail:
            missing_thumbnails.append(checked.file)
        if progress is not None:
            progress(done, len(files))
    made = 0
    if repair:
        bad = [_repaired(library, file) for file in bad]
        restored = {file.content_hash for file in bad if file.repaired_from is not None}
        missing_thumbnails += [
            file
            for file in files
            if file.shown
            and file.content_hash in restored
            and not thumbnails.is_cached(file.content_hash, ThumbSize.THUMB)
        ]
        made = _make_thumbnails(library, thumbnails, missing_thumbnails)
    complete = done == len(files)
    return LibraryCheckReport(
        files=len(files),
        photos=sum(len(file.photos) for file in files if file.shown),
        bad=tuple(bad),
        thumbnails_missing=len(missing_thumbnails),
        thumbnails_made=made,
        complete=complete,
        damaged_text=damaged_text,
        leftovers=(
            find_leftovers(library, remove_copies=remove_unused_copies, remove_thumbnails=repair)
            if complete
            else None
        ),
    )


def _library_files(library: Library) -> list[_LibraryFile]:
    """Every file the rows name (RAW files kept with their photos too), with the photos naming
    it, in library-path order."""
    with library.session() as session:
        trips = {trip.id: TripInfo.of(trip) for trip in session.scalars(select(Trip))}
        rows = session.execute(
            select(
                Photo.id,
                Photo.trip_id,
                Photo.day_date,
                Photo.original_name,
                Photo.original_path,
                Photo.library_path,
                Photo.content_hash,
                Photo.raw_original_path,
                Photo.raw_library_path,
                Photo.raw_content_hash,
            ).order_by(Photo.library_path, Photo.id)
        ).all()
    uses: dict[tuple[PurePosixPath, str, bool], list[PhotoUse]] = defaultdict(list)
    for photo_id, trip_id, day, name, original, relative, digest, *raw in rows:
        uses[relative, digest, True].append(PhotoUse(photo_id, trips[trip_id], day, name, original))
        raw_original, raw_relative, raw_digest = raw
        if raw_original is not None and raw_relative is not None and raw_digest is not None:
            raw_name = readable_path(PurePosixPath(raw_original).name)
            use = PhotoUse(photo_id, trips[trip_id], day, raw_name, raw_original)
            uses[raw_relative, raw_digest, False].append(use)
    return [
        _LibraryFile(relative, digest, tuple(photos), shown)
        for (relative, digest, shown), photos in sorted(uses.items(), key=lambda item: item[0][0])
    ]


def _check_all(
    library: Library,
    thumbnails: ThumbnailCache,
    files: list[_LibraryFile],
    cancel: CancelToken | None,
) -> Iterator[_Checked]:
    """Each file checked, in order, a few in flight on a thread per core."""
    workers = os.cpu_count() or 2
    queue = iter(files)
    pending: deque[Future[_Checked]] = deque()
    with ThreadPoolExecutor(workers, thread_name_prefix="library-check") as pool:
        while True:
            while len(pending) < workers * 2 and not (cancel is not None and cancel.cancelled):
                file = next(queue, None)
                if file is None:
                    break
                pending.append(pool.submit(_check_one, library, thumbnails, file))
            if not pending:
                return
            yield pending.popleft().result()


def _check_one(library: Library, thumbnails: ThumbnailCache, file: _LibraryFile) -> _Checked:
    has_thumbnail = not file.shown or thumbnails.is_cached(file.content_hash, ThumbSize.THUMB)
    try:
        digest = content_hash(library.file_path(file.library_path))
    except LibraryDamagedError as error:
        return _Checked(file, FileProblem.UNREADABLE, error.problem, has_thumbnail)
    except NotRegularFileError as error:
        return _Checked(file, FileProblem.NOT_REGULAR, error.kind, has_thumbnail)
    except FileNotFoundError:
        return _Checked(file, FileProblem.MISSING, "", has_thumbnail)
    except OSError as error:
        return _Checked(file, FileProblem.UNREADABLE, error.strerror or str(error), has_thumbnail)
    problem = None if digest == file.content_hash else FileProblem.DAMAGED
    return _Checked(file, problem, "", has_thumbnail)


def _repaired(library: Library, file: BadFile) -> BadFile:
    """``file`` restored from the first of its originals that still has its bytes, if any."""
    try:
        destination = library.file_path(file.library_path)
    except LibraryDamagedError as error:
        return replace(file, unrepaired_reason=error.problem)
    reasons = []
    for original in dict.fromkeys(photo.original_path for photo in file.photos):
        source = Path(original)
        try:
            with open_original(source) as handle:
                if file_hash(handle) != file.content_hash:
                    reasons.append(f"{readable_path(original)} has changed since it was imported")
                    continue
            store_original(source, destination, file.content_hash)
        except FileNotFoundError:
            reasons.append(f"{readable_path(original)} is gone")
            continue
        except NotRegularFileError as error:
            reasons.append(f"{readable_path(original)} is {error}")
            continue
        except CopyInTheWayError:  # no original can help: the library's side is the problem
            return replace(
                file,
                unrepaired_reason=f"the library's copy {file.library_path} is a folder with "
                "files in it; move it out of the library and repair again",
            )
        except OSError as error:
            reasons.append(f"{readable_path(original)} cannot be copied ({error.strerror})")
            continue
        return replace(file, repaired_from=original)
    return replace(file, unrepaired_reason="; ".join(reasons))


def _make_thumbnails(
    library: Library, thumbnails: ThumbnailCache, files: list[_LibraryFile]
) -> int:
    made = 0
    for file in files:
        try:
            source = library.file_path(file.library_path)
            thumbnails.ensure(
                source, file.content_hash, ThumbSize.THUMB, format_of_copy(file.library_path)
            )
        # An intact copy decoded when it was imported; anything it raises now is reported by
        # the count, not allowed to end the repair of the rest.
        except Exception:
            continue
        made += 1
    return made
