"""A damaged index - one SQLite's quick check does not see - is refused like any damage, and a
recovery rebuilds the indexes of a copy, losing nothing and importing no photo again."""

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from journal.cli import main
from journal.errors import LibraryDamagedError
from journal.services import JournalService
from journal.services.recovery import recover_library
from journal.store import health
from journal.store.library import Library
from tests.store.damaged_libraries import damage_an_index, library_with_photos


def check(database: Path, pragma: str) -> list[str]:
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as raw:
        return [row for (row,) in raw.execute(f"PRAGMA {pragma}")]


@pytest.fixture
def damaged_index(library_root: Path, tmp_path: Path) -> Path:
    """A library of 12 photos, one of whose entries in the index of photos is damaged."""
    library_with_photos(library_root, tmp_path / "card", 12)
    with Library.open(library_root) as library:
        service = JournalService(library)
        service.set_day_text(
            service.find_trip("trip").id, service.find_trip("trip").start_date, "Hi"
        )
    database = library_root / "journal.db"
    photo_id = damage_an_index(database)
    assert check(database, "quick_check") == ["ok"]
    assert f"row {photo_id} missing from index sqlite_autoindex_photos_1" in check(
        database, "integrity_check"
    )
    return library_root


def test_a_write_on_a_damaged_index_is_refused(
    damaged_index: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reviewer's case: ``journal rename`` went ahead on it."""
    database = damaged_index / "journal.db"
    before = database.read_bytes()

    assert main(["rename", "trip", "Renamed", "--library", str(damaged_index)]) == 2

    error = capsys.readouterr().err
    assert "is damaged: its database journal.db fails SQLite's integrity check (row " in error
    assert "missing from index sqlite_autoindex_photos_1)" in error
    assert f"journal recover --library {damaged_index}" in error
    assert database.read_bytes() == before


def test_a_big_library_opens_after_the_quick_check_and_journal_check_runs_the_full_one(
    damaged_index: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the size up to which every opening runs the full check, an opening runs the quick
    one only; ``journal check`` runs the full one whatever the size."""
    monkeypatch.setattr(health, "FULL_CHECK_MAX_BYTES", 0)
    Library.open(damaged_index).close()

    assert main(["check", "--library", str(damaged_index)]) == 2

    error = capsys.readouterr().err
    assert "is damaged: its database journal.db fails SQLite's integrity check (row " in error


def test_recover_rebuilds_the_indexes_and_keeps_everything(
    damaged_index: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library.open(damaged_index, read_only=True) as library:
        service = JournalService(library)
        trip = service.find_trip("trip")
        photos_before = service.all_photos(trip.id)
        day_before = service.day(trip.id, trip.start_date)
    database = damaged_index / "journal.db"
    damaged = database.read_bytes()
    photo_files = sorted((damaged_index / "photos").rglob("*"))

    assert main(["recover", "--json", "--library", str(damaged_index)]) == 0

    record = json.loads(capsys.readouterr().out)
    assert (record["reindexed"], record["trips"], record["days"], record["photos"]) == (
        True,
        1,
        1,
        12,
    )
    assert record["recovered_trip"] is None
    assert Path(record["damaged_copy"]).read_bytes() == damaged
    assert check(database, "integrity_check") == ["ok"]
    assert sorted((damaged_index / "photos").rglob("*")) == photo_files
    with Library.open(damaged_index) as library:
        service = JournalService(library)
        assert service.list_trips() == [trip]
        assert service.all_photos(trip.id) == photos_before
        assert service.day(trip.id, trip.start_date) == day_before
        service.rename_trip(trip.id, "Renamed")
    assert recover_library(damaged_index) is None


def test_the_summary_says_only_the_indexes_were_rebuilt(damaged_index: Path) -> None:
    report = recover_library(damaged_index)

    assert report is not None
    assert report.summary()[2:] == [
        "Only its indexes were damaged, and they were rebuilt: its 1 trip, 1 day of text and "
        "12 photos are kept as they were."
    ]
    assert report.damaged_copy is not None
    with pytest.raises(LibraryDamagedError):  # the copy kept aside is still the damaged one
        health.examine(report.damaged_copy, damaged_index / "photos", check_pages=True)
