"""The SQLAlchemy engine for a library database, with the pragmas that make SQLite safe here.

WAL lets the GUI read while a worker writes; ``synchronous=FULL`` makes every commit survive a
power cut, not just a crash (commits are few and small, so the cost is not felt); foreign keys are
off by default in SQLite and our cascades depend on them; the busy timeout lets a short write by
another connection of ours finish instead of failing at once.

Text is decoded forgivingly: SQLite stores whatever bytes it is given or a disk leaves in a TEXT
cell, and Python's default decoding fails the whole row - every read of it, for every command -
on a single byte that is not UTF-8, while SQLite's checks call the database sound. Decoded with
``errors="replace"``, the damaged characters read as U+FFFD and the rest of the row as it was
(``journal check`` lists such cells: ``services.damaged_text``). Values stored as BLOBs - paths
that are not UTF-8 (``path_column``) - are bytes, which the decoding never sees.

A read-only connection writes nothing to the database, but a WAL database's readers share an
index of the log with its writer through ``journal.db-shm``, a 32 KB file the first of them
makes - so on a full disk even ``journal trips`` failed. That file is how a reader sees a
writer's changes (the app may be writing), so it is used whenever it can be; only when it
cannot be made and nothing waits in the log (no ``-wal``, or an empty one: every change is in
``journal.db`` itself, and a writer could not start on that full disk either) is the database
file read alone, as SQLite's ``immutable`` opening does.
"""

import sqlite3
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event

from journal.store.disk_full import SPACE_CODES

BUSY_TIMEOUT_MS = 10_000

#: Every TEXT value's bytes to ``str``, with U+FFFD for bytes that are not UTF-8. It costs about
#: 2 µs more per photo row than Python's own strict decoding (all 5,000 photos of a trip: 30-40
#: ms more), which is what a library that can be read at all is worth.
decode_text = partial(str, encoding="utf-8", errors="replace")


def _set_pragmas(dbapi_connection: Any, _record: Any, *, read_only: bool) -> None:
    dbapi_connection.text_factory = decode_text
    cursor = dbapi_connection.cursor()
    try:
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _connect(uri: str) -> sqlite3.Connection:
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)


def _read_only_connection(database: Path) -> sqlite3.Connection:
    """A connection that cannot write ``database``: a reader of its WAL like any other, or one
    reading the file alone when the WAL's shared memory cannot be made (see the module)."""
    uri = database.absolute().as_uri()
    connection = _connect(f"{uri}?mode=ro")
    try:
        connection.execute("PRAGMA schema_version").fetchone()  # the first read opens the WAL
    except sqlite3.OperationalError as error:
        connection.close()
        if error.sqlite_errorcode & 0xFF not in SPACE_CODES or _changes_wait_in_the_log(database):
            raise
        return _connect(f"{uri}?immutable=1")
    return connection


def _changes_wait_in_the_log(database: Path) -> bool:
    try:
        return database.with_name(database.name + "-wal").stat().st_size > 0
    except FileNotFoundError:
        return False


def create_library_engine(database: Path, *, read_only: bool = False) -> Engine:
    """An engine on ``database``; ``read_only`` opens it so that nothing can be written.

    The URL is built, not written out: a folder named ``Trips ?1`` would otherwise end the path
    at its ``?`` (the database made beside the library, as ``Trips ``), and in SQLite's URI for
    a read-only opening ``#`` and ``%`` must be escaped too (``Path.as_uri`` does).
    """
    url = URL.create("sqlite", database=str(database))
    if read_only:
        engine = create_engine(url, creator=partial(_read_only_connection, database))
    else:
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, record: Any) -> None:
        _set_pragmas(dbapi_connection, record, read_only=read_only)

    return engine
