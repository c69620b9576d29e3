"""Files in the library that no photo uses: copies left by an import stopped between a copy and
its row, and thumbnails of bytes no photo has any more.

An import copies a file into ``photos/`` before its row exists, so that a row never lacks its
file; a kill, a power cut or a crash in between leaves the copy with no row. Such a copy is
harmless (the next import of those bytes reuses it) but it takes space nobody can see, and it
grew on every retry of a failing import. Every copy is named by the SHA-256 of its bytes and every
thumbnail by that of its photo's, so a file is left over exactly when no row has the hash in its
name: decided from the names and one read of the rows' hashes, taken after the folders are
listed. Only files named that way are considered; anything else someone put in the library's
folders is left alone.

Thumbnails are a cache, and ``journal check --repair`` removes those of no photo. A copy is
removed only when asked for by name (``--remove-unused-copies``): a copy without a row may be the
only copy of a photo whose row was lost, e.g. after putting back an older ``journal.db``, which
knows nothing of the photos imported since. Removing is safe from races because ``journal check``
holds the library's writer lock: no import can be between a copy and its row meanwhile.
"""

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from journal.photos.library_files import content_named_entries, remove_entry
from journal.photos.thumbnails import ThumbnailCache
from journal.services import photo_ops
from journal.store.library import Library


@dataclass(frozen=True)
class Leftovers:
    """Files of one kind (copies or thumbnails) that no photo uses."""

    #: Relative to the library folder, in name order.
    paths: tuple[PurePosixPath, ...] = ()
    #: Their size in bytes (what removing them frees).
    size: int = 0
    #: How many of them a repair removed.
    removed: int = 0


@dataclass(frozen=True)
class LibraryLeftovers:
    copies: Leftovers
    thumbnails: Leftovers


def find_leftovers(
    library: Library, *, remove_copies: bool = False, remove_thumbnails: bool = False
) -> LibraryLeftovers:
    """The copies in ``photos/`` and the thumbnails in ``thumbs/`` that no row's hash names;
    those of each kind asked for are removed (entries only: a link goes, never its target)."""
    copies = list(content_named_entries(library.photos_dir))
    thumbnails = [
        entry
        for folder in ThumbnailCache(library.root).folders()
        for entry in content_named_entries(folder)
    ]
    with library.session() as session:
        used = photo_ops.used_hashes(session)
    return LibraryLeftovers(
        copies=_leftovers(library.root, copies, used, remove_copies),
        thumbnails=_leftovers(library.root, thumbnails, used, remove_thumbnails),
    )


def _leftovers(
    root: Path,
    entries: list[tuple[str, Path, os.stat_result]],
    used: set[str],
    remove: bool,
) -> Leftovers:
    unused = [(path, info) for digest, path, info in entries if digest not in used]
    removed = 0
    if remove:
        for path, _ in unused:
            try:
                remove_entry(path)
            except OSError:  # still there: the report's count says so
                continue
            removed += 1
    return Leftovers(
        paths=tuple(PurePosixPath(path.relative_to(root).as_posix()) for path, _ in unused),
        size=sum(info.st_size for _, info in unused if stat.S_ISREG(info.st_mode)),
        removed=removed,
    )
