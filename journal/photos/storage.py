"""The library's copies of imported originals, named by the SHA-256 of their bytes.

Content addressing makes the same photo imported twice one file, and lets a crash be cleaned up
without bookkeeping: a copy is written to a temporary name, synced and renamed into place before
its database row exists, so a row never points at a missing or half-written file. A copy without
a row (a crash between the rename and the commit) is simply reused by the next import.
"""

import hashlib
from pathlib import Path

from journal.atomic_files import atomic_copy
from journal.photos.formats import EXTENSIONS
from journal.store.library import PHOTOS_DIR


def content_hash(path: Path) -> str:
    """SHA-256 of the file, hex. ``hashlib`` releases the GIL, so this runs in parallel."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def library_path(digest: str, media_format: str) -> str:
    """Where the copy lives, relative to the library folder; fanned out so no folder gets huge."""
    return f"{PHOTOS_DIR}/{digest[:2]}/{digest}{EXTENSIONS[media_format]}"


def store_original(source: Path, library_root: Path, relative: str) -> None:
    """Copy ``source`` into the library at ``relative``, unless an intact copy is already there."""
    destination = library_root / relative
    try:
        if destination.stat().st_size == source.stat().st_size:
            return
    except FileNotFoundError:
        pass
    atomic_copy(source, destination)
