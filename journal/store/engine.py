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
"""

from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event

BUSY_TIMEOUT_MS = 10_000

#: Every TEXT value's bytes to ``str``, with U+FFFD for bytes that are not UTF-8 (in C: no cost
#: over the default decoding).
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


def create_library_engine(database: Path, *, read_only: bool = False) -> Engine:
    """An engine on ``database``; ``read_only`` opens it so that nothing can be written.

    The URL is built, not written out: a folder named ``Trips ?1`` would otherwise end the path
    at its ``?`` (the database made beside the library, as ``Trips ``), and in SQLite's URI for
    a read-only opening ``#`` and ``%`` must be escaped too (``Path.as_uri`` does).
    """
    if read_only:
        url = URL.create(
            "sqlite", database=database.absolute().as_uri(), query={"mode": "ro", "uri": "true"}
        )
    else:
        url = URL.create("sqlite", database=str(database))
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, record: Any) -> None:
        _set_pragmas(dbapi_connection, record, read_only=read_only)

    return engine
