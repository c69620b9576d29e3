"""Opening a library checks its database first, through a connection that cannot write: a damaged,
orphaned, newer or foreign database is refused with every byte as it was."""

import random
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from journal.cli import main
from journal.errors import LibraryDamagedError, LibraryError, LibraryTooNewError
from journal.services import JournalService, NewTrip
from journal.store.library import Library
from tests.photos.photo_files import exif_for, write_photo
from tests.store.damaged_libraries import emptied_library


def written_library(root: Path, days: int = 200) -> Path:
    """A library of one trip with ``days`` written days: a database of a few dozen pages."""
    with Library.open(root) as library:
        service = JournalService(library)
        trip = service.create_trip(
            NewTrip("Long walk", date(2023, 1, 1), date(2023, 12, 31), "UTC")
        ).trip
        assert trip is not None
        for offset in range(days):
            service.set_day_text(trip.id, date(2023, 1, 1) + timedelta(days=offset), "step " * 300)
    return root / "journal.db"


def damage_a_middle_page(database: Path, *, whole: bool = True, seed: int = 7) -> None:
    """Overwrite the page in the middle of the file with random bytes, as a failing disk might:
    all of it (SQLite then calls the file malformed), or only the start of its cell pointers
    (the quick check then lists the cells that point outside the page)."""
    data = bytearray(database.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    start = len(data) // page_size // 2 * page_size
    start, end = (start, start + page_size) if whole else (start + 8, start + 24)
    data[start:end] = random.Random(seed).randbytes(end - start)
    database.write_bytes(bytes(data))


def quick_check_passes(database: Path) -> bool:
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as raw:
        try:
            return raw.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        except sqlite3.DatabaseError:
            return False


@pytest.mark.parametrize(
    ("whole", "problem"),
    [
        (True, "cannot be read (database disk image is malformed)"),
        (False, "fails SQLite's integrity check (On tree page "),
    ],
)
def test_writes_on_a_damaged_database_are_refused_and_write_nothing(
    library_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    whole: bool,
    problem: str,
) -> None:
    database = written_library(library_root)
    damage_a_middle_page(database, whole=whole)
    assert not quick_check_passes(database)
    before = database.read_bytes()
    photo = write_photo(tmp_path / "IMG_0001.jpg", exif_for(original="2023:01:05 10:00:00"))

    for command in (["rename", "long-walk", "Renamed"], ["import", "long-walk", str(photo)]):
        assert main([*command, "--library", str(library_root)]) == 2
        error = capsys.readouterr().err
        assert error.count("\n") == 1
        assert f"is damaged: its database journal.db {problem}" in error
        assert "Nothing was written to it" in error
        assert f"journal recover --library {library_root}" in error
        assert database.read_bytes() == before
    assert not any(library_root.joinpath("photos").iterdir())


def test_a_damaged_database_is_refused_before_it_is_migrated(library_root: Path) -> None:
    database = written_library(library_root)
    with sqlite3.connect(database) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0002'")
    raw.close()
    damage_a_middle_page(database)
    before = database.read_bytes()

    with pytest.raises(LibraryDamagedError):
        Library.open(library_root)
    assert database.read_bytes() == before
    assert not (library_root / "journal.db.bak-0002").exists()


def test_a_damaged_database_can_still_be_read_up_to_the_damage(
    library_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Read-only commands skip the check: what can be read helps the user save their text, and
    what cannot is explained as damage, pointing to recovery."""
    database = written_library(library_root)
    damage_a_middle_page(database)

    with Library.open(library_root, read_only=True) as library:
        JournalService(library).find_trip("long-walk")
    assert main(["days", "long-walk", "--library", str(library_root)]) == 2
    error = capsys.readouterr().err
    assert "is damaged: its database journal.db cannot be read (database disk image" in error
    assert f"journal recover --library {library_root}" in error


def test_a_sound_library_opens_after_its_page_check(library_root: Path) -> None:
    written_library(library_root, days=3)
    Library.open(library_root).close()


def test_an_empty_database_beside_photos_is_a_damaged_library_left_as_it_was(
    library_root: Path, tmp_path: Path
) -> None:
    database = emptied_library(library_root, tmp_path, 3) / "journal.db"

    for options in ({}, {"create": False}, {"read_only": True}):
        with pytest.raises(LibraryDamagedError, match="is empty \\(0 bytes\\) but photos/ holds 3"):
            Library.open(library_root, **options)
    assert database.read_bytes() == b""

    database.unlink()
    with pytest.raises(LibraryDamagedError, match=r"journal\.db is missing but photos/ holds 3"):
        Library.open(library_root)
    assert not database.exists()


def test_a_folder_without_photos_still_becomes_a_new_library(library_root: Path) -> None:
    (library_root / "photos").mkdir(parents=True)
    (library_root / "journal.db").write_bytes(b"")
    Library.open(library_root).close()
    with Library.open(library_root, read_only=True) as library:
        assert JournalService(library).list_trips() == []


def test_a_file_that_is_not_a_database_in_a_library_folder_is_damage(library_root: Path) -> None:
    written_library(library_root, days=1)
    database = library_root / "journal.db"
    database.write_bytes(b"\0" * 8192)
    with pytest.raises(LibraryDamagedError, match="cannot be read \\(file is not a database\\)"):
        Library.open(library_root)
    assert database.read_bytes() == b"\0" * 8192


def test_an_unrelated_sqlite_file_is_refused_with_its_bytes_unchanged(library_root: Path) -> None:
    library_root.mkdir()
    database = library_root / "journal.db"
    with sqlite3.connect(database) as raw:
        raw.execute("CREATE TABLE notes (body TEXT)")
        raw.execute("INSERT INTO notes VALUES ('mine')")
    raw.close()
    before = database.read_bytes()

    with pytest.raises(LibraryError, match="it is not a Trip Journal library"):
        Library.open(library_root)
    assert database.read_bytes() == before


def test_read_commands_on_a_newer_library_say_a_newer_version_wrote_it(
    library_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Library.open(library_root).close()
    with sqlite3.connect(library_root / "journal.db") as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.close()

    with pytest.raises(LibraryTooNewError, match="written by a newer version of Trip Journal"):
        Library.open(library_root, read_only=True)
    assert main(["trips", "--library", str(library_root)]) == 2
    error = capsys.readouterr().err
    assert "written by a newer version of Trip Journal" in error
    assert "needs upgrading" not in error


def test_the_recovery_command_in_the_message_can_be_pasted_into_a_shell() -> None:
    message = str(LibraryDamagedError(Path("/home/me/My Trips"), "its database is empty"))
    assert "`journal recover --library '/home/me/My Trips'`" in message


@pytest.mark.parametrize("command", [["trips"], ["rename", "trip", "New"], ["recover"]])
def test_a_folder_named_journal_db_is_called_a_folder(
    library_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """SQLite calls it a "disk I/O error"; the user is told what it is and what to do, and the
    folder keeps what it holds."""
    database = emptied_library(library_root, tmp_path, 2) / "journal.db"
    database.unlink()
    database.mkdir()
    (database / "notes.txt").write_text("mine")
    before = sorted(library_root.iterdir())

    assert main([*command, "--library", str(library_root)]) == 2

    assert capsys.readouterr().err == (
        f"journal: Cannot use the library {library_root}: its journal.db is a folder, not a "
        "database. Move it out of the library folder (look at what it holds first) and try "
        "again.\n"
    )
    assert (database / "notes.txt").read_text() == "mine"
    assert sorted(library_root.iterdir()) == before
