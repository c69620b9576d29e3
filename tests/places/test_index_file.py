"""A missing, cut-short or foreign index file is a clear error, never a crash."""

import sqlite3
from pathlib import Path

import pytest

from journal.places.finder import PlaceFinder
from journal.places.index_file import ENVIRONMENT_VARIABLE, PlaceIndexError, find_index, open_index

pytestmark = pytest.mark.usefixtures("small_index")


def test_a_missing_index_says_where_it_looked_and_how_to_build_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, str(tmp_path / "nowhere.sqlite"))
    with pytest.raises(PlaceIndexError, match=r"nowhere\.sqlite.*python -m journal\.places\.build"):
        find_index()


def test_a_cut_short_index_is_refused_before_any_lookup(small_index: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.sqlite"
    cut.write_bytes(small_index.read_bytes()[: small_index.stat().st_size // 2])
    with pytest.raises(PlaceIndexError, match="cut short"):
        open_index(cut)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"PK\x03\x04 not a database" * 10)
    with pytest.raises(PlaceIndexError, match="not a place-name index"):
        open_index(junk)


def test_another_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE trips (id INTEGER)")
    connection.close()
    with pytest.raises(PlaceIndexError, match="not a place-name index"):
        open_index(other)


def test_an_index_of_another_format_version_is_refused(small_index: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    old.write_bytes(small_index.read_bytes())
    with sqlite3.connect(old) as connection:
        connection.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    connection.close()
    with pytest.raises(PlaceIndexError, match="has format 0, this version reads 2"):
        open_index(old)


def test_a_damaged_table_is_an_error_at_lookup_not_a_crash(
    small_index: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(small_index.read_bytes())
    with sqlite3.connect(broken) as connection:
        connection.execute("UPDATE place_cell SET places = x'00ff00'")
    connection.close()
    finder = PlaceFinder(open_index(broken))
    with pytest.raises(PlaceIndexError, match="damaged"):
        finder.place_at(47.6, -122.3)
