"""Migrations: an old library upgraded, a newer one refused, models and scripts in agreement."""

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from journal.errors import LibraryError, LibraryTooNewError
from journal.services import JournalService
from journal.store import schema
from journal.store.engine import create_library_engine
from journal.store.library import Library
from journal.store.models import Base


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS_DIR))
    return config


def test_schema_head_constant_matches_the_migration_scripts() -> None:
    assert ScriptDirectory(str(schema.MIGRATIONS_DIR)).get_heads() == [schema.SCHEMA_HEAD]


def test_migrated_schema_matches_the_models(library: Library) -> None:
    with library.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_a_library_created_at_the_first_revision_is_upgraded_with_its_data(
    library_root: Path,
) -> None:
    library_root.mkdir()
    database = library_root / "journal.db"
    engine = create_library_engine(database)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    with sqlite3.connect(database) as raw:
        raw.execute(
            "INSERT INTO trips (id, slug, title, start_date, end_date, timezone, categories, tags,"
            " intro, closing, created_utc, updated_utc) VALUES (1, 'old', 'Old trip',"
            " '2023-09-16', '2023-09-18', 'Asia/Seoul', '[]', '[]', 'intro', '', "
            " '2023-01-01 00:00:00', '2023-01-01 00:00:00')"
        )
        raw.execute(
            "INSERT INTO days (trip_id, date, title, body, updated_utc) VALUES"
            " (1, '2023-09-17', '', '첫째 날', '2023-01-01 00:00:00')"
        )
    raw.close()

    with Library.open(library_root) as library:
        service = JournalService(library)
        trip = service.find_trip("old")
        assert trip.intro == "intro"
        assert trip.day_start_minutes == 0
        assert service.days(trip.id).days[1].body == "첫째 날"
        with library.engine.connect() as connection:
            assert schema.current_revision(connection) == schema.SCHEMA_HEAD
    assert (library_root / "journal.db.bak-0001").exists()


def test_a_library_from_a_newer_version_is_refused_untouched(library_root: Path) -> None:
    Library.open(library_root).close()
    database = library_root / "journal.db"
    with sqlite3.connect(database) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    # Not in WAL mode, as a newer version might leave it: a refusal that switched the file to
    # WAL first would change its header.
    raw.execute("PRAGMA journal_mode=DELETE")
    raw.close()
    before = database.read_bytes()

    with pytest.raises(LibraryTooNewError, match="newer version of Trip Journal"):
        Library.open(library_root)
    assert database.read_bytes() == before
    # The failed open released the lock: the library can be opened once the app is updated.
    with sqlite3.connect(database) as raw:
        raw.execute(f"UPDATE alembic_version SET version_num = '{schema.SCHEMA_HEAD}'")
    raw.close()
    Library.open(library_root).close()


def test_a_file_that_is_not_a_database_is_refused(library_root: Path) -> None:
    library_root.mkdir()
    (library_root / "journal.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LibraryError, match="Cannot use the library database"):
        Library.open(library_root)
