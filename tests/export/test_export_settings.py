"""Export settings: stored per trip as JSON, read back leniently, migrated into old libraries."""

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config

from journal.export import ExportFormat, ExportSettings, ImageOptions
from journal.services import JournalService
from journal.store import schema
from journal.store.engine import create_library_engine
from journal.store.library import Library


def test_settings_survive_a_json_round_trip() -> None:
    settings = ExportSettings(
        format=ExportFormat.MARKDOWN,
        folder=Path("/srv/blog"),
        slug="seoul",
        baseurl="/blog",
        per_day=True,
        append_unreferenced=False,
        day_heading="{date} · Day {number}",
        images=ImageOptions(max_long_edge=2048, quality=90, keep_gps=True),
    )
    assert ExportSettings.from_json(settings.to_json()) == settings


def test_stored_settings_from_another_version_fall_back_to_defaults() -> None:
    stored = {
        "format": "wordpress",
        "folder": 42,
        "per_day": "yes",
        "future_option": True,
        "images": {"max_long_edge": "big", "keep_gps": True},
    }
    settings = ExportSettings.from_json(stored)
    assert settings == ExportSettings(images=ImageOptions(keep_gps=True))


def test_a_library_from_before_export_gets_empty_settings(library_root: Path) -> None:
    library_root.mkdir()
    database = library_root / "journal.db"
    engine = create_library_engine(database)
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(schema.MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    engine.dispose()
    with sqlite3.connect(database) as raw:
        raw.execute(
            "INSERT INTO trips (id, slug, title, start_date, end_date, timezone, categories, tags,"
            " intro, closing, day_start_minutes, created_utc, updated_utc) VALUES (1, 'old',"
            " 'Old', '2023-09-16', '2023-09-18', 'Asia/Seoul', '[]', '[]', '', '', 0,"
            " '2023-01-01 00:00:00', '2023-01-01 00:00:00')"
        )
    raw.close()

    with Library.open(library_root) as library:
        service = JournalService(library)
        assert service.export_settings(1) == ExportSettings()
        assert service.front_matter_template(1) == {}
