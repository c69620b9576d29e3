"""A library: one folder holding everything Trip Journal keeps.

    journal.db    SQLite database (trips, days, photos, camera offsets)
    journal.lock  held by the one process that may write the library
    photos/       imported originals, named by the SHA-256 of their bytes
    thumbs/       thumbnail cache, safe to delete

Opening a library for writing takes the lock, checks the database through a read-only
connection (``health.examine``: a newer schema, a file that is not Trip Journal's or a damaged
database is refused with every byte as it was), sweeps up temporary files a crashed writer left
and migrates the database. Opening it read-only (for CLI queries while the app is open) takes no
lock and refuses a database that needs migrating.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from journal.atomic_files import remove_partial_files
from journal.errors import LibraryError, LibraryMissingError
from journal.store import health, schema
from journal.store.engine import create_library_engine
from journal.store.library_paths import library_file
from journal.store.lock import LibraryLock
from journal.store.trash_filter import hide_trash

DATABASE_NAME = "journal.db"
PHOTOS_DIR = "photos"
THUMBS_DIR = "thumbs"


class Library:
    """An open library folder: its engine, its lock and where its files go."""

    def __init__(
        self, root: Path, engine: Engine, lock: LibraryLock | None, database: Path | None = None
    ) -> None:
        self.root = root
        self.engine = engine
        self.database_path = database or root / DATABASE_NAME
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        hide_trash(self._sessions)

    @property
    def read_only(self) -> bool:
        return self._lock is None

    @property
    def photos_dir(self) -> Path:
        return self.root / PHOTOS_DIR

    @property
    def thumbs_dir(self) -> Path:
        return self.root / THUMBS_DIR

    def file_path(self, relative: PurePosixPath) -> Path:
        """The file a photo's ``library_path`` names (see ``library_paths.library_file``)."""
        return library_file(self.root, relative)

    @classmethod
    def open(cls, root: Path, *, create: bool = True, read_only: bool = False) -> "Library":
        """Open (and with ``create``, make) the library at ``root``.

        Raises ``LibraryError`` subclasses with a message for the user: the library is missing,
        damaged, locked by another process, unreadable, or written by a newer version.
        """
        root = root.expanduser().absolute()
        database = root / DATABASE_NAME
        if read_only or not create:
            # Before the lock, whose file would otherwise appear in a folder that is no library.
            revision = health.examine(database, root / PHOTOS_DIR, check_pages=False)
            if revision is None:
                raise LibraryMissingError(f"There is no Trip Journal library at {root}.")
            if read_only:
                return cls._open_read_only(root, database, revision)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(
                f"Cannot create the library folder {root}: {error.strerror}."
            ) from error
        lock = LibraryLock(root)
        lock.acquire()
        try:
            health.examine(database, root / PHOTOS_DIR, check_pages=True)
            return cls.build(root, database, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def build(cls, root: Path, database: Path, lock: LibraryLock) -> "Library":
        """The library at ``root`` writing to ``database`` (migrated to the current schema),
        under ``lock``, which the caller holds and the library releases when it closes.

        ``open`` builds on ``journal.db`` once it is known to be sound; a recovery builds a new
        database beside the damaged one.
        """
        engine = create_library_engine(database)
        try:
            with _explained_database_errors(database):
                schema.upgrade(engine, database)
            for folder in (root / PHOTOS_DIR, root / THUMBS_DIR):
                folder.mkdir(exist_ok=True)
                remove_partial_files(folder)
        except BaseException:
            engine.dispose()
            raise
        return cls(root, engine, lock, database)

    @classmethod
    def _open_read_only(cls, root: Path, database: Path, revision: str) -> "Library":
        if revision != schema.SCHEMA_HEAD:
            raise LibraryError(
                f"The library {root} needs upgrading (schema {revision}, this version uses "
                f"{schema.SCHEMA_HEAD}); open it once with the app or a command that writes."
            )
        return cls(root, create_library_engine(database, read_only=True), None)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for one unit of work: committed if the block finishes, rolled back if not."""
        with _explained_database_errors(self.database_path), self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> "Library":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


@contextmanager
def _explained_database_errors(database: Path) -> Iterator[None]:
    """Turn SQLite's failures into messages for the user (a full disk, a damaged file: the
    transaction it broke was rolled back, and the message points to recovery)."""
    try:
        yield
    except DBAPIError as error:
        original = error.orig
        # An integrity error is a bug of ours, not a circumstance to explain; let it show.
        if isinstance(original, sqlite3.DatabaseError) and not isinstance(
            original, sqlite3.IntegrityError
        ):
            raise health.explained(database, database.parent / PHOTOS_DIR, error) from error
        raise
