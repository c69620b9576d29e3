"""The SQLAlchemy engine for a library database, with the pragmas that make SQLite safe here.

WAL lets the GUI read while a worker writes; ``synchronous=FULL`` makes every commit survive a
power cut, not just a crash (commits are few and small, so the cost is not felt); foreign keys are
off by default in SQLite and our cascades depend on them; the busy timeout lets a short write by
another connection of ours finish instead of failing at once.
"""

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_MS = 10_000


def _set_pragmas(dbapi_connection: Any, _record: Any, *, read_only: bool) -> None:
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
    """An engine on ``database``; ``read_only`` opens it so that nothing can be written."""
    if read_only:
        url = f"sqlite:///file:{database.as_posix()}?mode=ro&uri=true"
    else:
        url = f"sqlite:///{database}"
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, record: Any) -> None:
        _set_pragmas(dbapi_connection, record, read_only=read_only)

    return engine
