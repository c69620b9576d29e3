"""Bring a library's database to the schema this version of Trip Journal expects.

Opening a library that is already current costs one query: Alembic (and the parsing of the
migration scripts) is loaded only when there is something to migrate or a revision to look up.
A database stamped with a revision this version does not know was written by a newer Trip
Journal, and is refused untouched. Before migrating, the database is backed up beside itself.
"""

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from journal.errors import LibraryError, LibraryTooNewError

if TYPE_CHECKING:
    from alembic.config import Config

#: The newest migration; ``tests/store/test_schema.py`` checks it against the scripts.
SCHEMA_HEAD = "0007"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def current_revision(connection: Connection) -> str | None:
    """The revision the database is stamped with, or None for an empty database."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        if tables:
            raise LibraryError(
                "The library's journal.db holds tables but no Trip Journal schema version; "
                "it is not a Trip Journal library."
            )
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config(connection: Connection) -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    """Every revision id this version's migration scripts define."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return {revision.revision for revision in script.walk_revisions()}


def refuse_unknown(revision: str | None, database_path: Path) -> None:
    """Raise ``LibraryTooNewError`` for a revision this version's scripts do not define."""
    if revision in (None, SCHEMA_HEAD) or revision in known_revisions():
        return
    raise LibraryTooNewError(
        f"The library {database_path.parent} was written by a newer version of Trip Journal "
        f"(schema {revision}). Install the newer version to open it; it was left untouched."
    )


def upgrade(engine: Engine, database_path: Path, *, target: str = "head") -> None:
    """Migrate the database to ``target`` (normally the head), refusing newer databases."""
    with engine.connect() as connection:
        revision = current_revision(connection)
    if revision == SCHEMA_HEAD and target == "head":
        return
    refuse_unknown(revision, database_path)
    if revision is not None:
        backup_database(engine, database_path.with_name(f"{database_path.name}.bak-{revision}"))

    from alembic import command

    with engine.connect() as connection:
        # SQLite migrations rebuild tables; with foreign keys on, dropping the old copy of a
        # table would cascade-delete the rows that point at it. Off for the migration (it cannot
        # change inside a transaction), checked before committing, and on again after.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        try:
            with connection.begin():
                command.upgrade(_alembic_config(connection), target)
                if connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise LibraryError(
                        f"Upgrading the library {database_path.parent} would break links "
                        "between its records; it was left as it was."
                    )
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def backup_database(engine: Engine, destination: Path) -> None:
    """Copy the live database consistently (SQLite's online backup) before a migration."""
    with engine.connect() as connection:
        source = connection.connection.driver_connection
        assert isinstance(source, sqlite3.Connection)
        with sqlite3.connect(destination) as target:
            source.backup(target)
        target.close()
