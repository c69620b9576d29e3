"""The trash: removed photos and deleted trips wait there so that Undo can bring them back.

A removal only stamps ``removed_utc`` (``store.trash_filter`` hides such rows from every query);
the rows, and the library copies and thumbnails no other photo uses, go for good when the trash
is emptied: when the app quits, when it starts (after a crash that skipped the quit), and on
``journal check --repair``. Nothing removed survives a restart of the app.
"""

from contextlib import suppress
from pathlib import PurePosixPath

from sqlalchemy import delete, or_, select

from journal.errors import LibraryDamagedError
from journal.photos.library_files import remove_entry
from journal.photos.thumbnails import ThumbnailCache
from journal.services import photo_ops
from journal.store.library import Library
from journal.store.models import Photo, Trip
from journal.store.trash_filter import INCLUDE_TRASHED


def empty_trash(library: Library) -> int:
    """Delete the trashed photos and trips for good, then the files only they used; return how
    many photos went (those of deleted trips included)."""
    with library.session() as session:
        session.info[INCLUDE_TRASHED] = True
        trashed_trips = select(Trip.id).where(Trip.removed_utc.is_not(None))
        trashed = or_(Photo.removed_utc.is_not(None), Photo.trip_id.in_(trashed_trips))
        files = photo_ops.files_of(session, trashed)
        photos = len(set(session.scalars(select(Photo.id).where(trashed))))
        session.execute(delete(Photo).where(trashed))
        session.execute(delete(Trip).where(Trip.removed_utc.is_not(None)))
        unused = photo_ops.unused_files(session, files)
    remove_files(library, unused)
    return photos


def remove_files(library: Library, files: dict[str, PurePosixPath]) -> None:
    """Remove library copies and thumbnails after the rows are gone (committed): a crash in
    between leaves an unused file, which the next import of those bytes reuses, never a row
    without its file. A damaged row's path that leads out of the library removes nothing;
    whatever stands in a copy's place goes itself (a link, never what it points to). What
    cannot be removed (a folder with files in it) is left for ``journal check`` to report:
    the rows are gone already, so the operation has succeeded."""
    thumbnails = ThumbnailCache(library.root)
    for digest, relative in files.items():
        with suppress(LibraryDamagedError, OSError):
            remove_entry(library.file_path(relative))
        with suppress(OSError):
            thumbnails.remove(digest)
