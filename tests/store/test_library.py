"""The library folder: its layout, its lock, its pragmas and its atomic writes."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from journal.atomic_files import TEMP_PREFIX, atomic_write_bytes, atomic_writer
from journal.cli import main
from journal.errors import LibraryLockedError, LibraryMissingError
from journal.store.library import Library


def test_a_new_library_has_its_folders_and_safe_pragmas(library: Library) -> None:
    assert (library.root / "journal.db").is_file()
    assert library.photos_dir.is_dir()
    assert library.thumbs_dir.is_dir()
    with library.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 10_000


def test_a_second_writer_is_refused_with_the_holders_pid(library: Library) -> None:
    with pytest.raises(LibraryLockedError, match=r"open in another Trip Journal process \(pid"):
        Library.open(library.root)


def test_a_second_process_is_refused_and_a_crashed_holder_does_not_leave_it_stuck(
    library_root: Path,
) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from pathlib import Path
                from journal.store.library import Library
                Library.open(Path({str(library_root)!r}))
                print("open", flush=True)
                time.sleep(60)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(LibraryLockedError, match=f"pid {holder.pid}"):
            Library.open(library_root)
    finally:
        holder.kill()
        holder.wait()
    Library.open(library_root).close()


def test_read_only_opening_needs_no_lock_and_an_existing_library(library: Library) -> None:
    with Library.open(library.root, read_only=True) as reader:
        assert reader.read_only
    with pytest.raises(LibraryMissingError, match="no Trip Journal library"):
        Library.open(library.root / "elsewhere", read_only=True)


def test_leftover_partial_files_are_swept_when_the_library_opens(library_root: Path) -> None:
    Library.open(library_root).close()
    leftovers = [
        library_root / "photos" / "ab" / f"{TEMP_PREFIX}123",
        library_root / "thumbs" / f"{TEMP_PREFIX}456",
    ]
    for leftover in leftovers:
        leftover.parent.mkdir(parents=True, exist_ok=True)
        leftover.write_bytes(b"half a file")
    Library.open(library_root).close()
    assert not any(leftover.exists() for leftover in leftovers)


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "post.md"
    atomic_write_bytes(target, b"old")

    class Boom(Exception):
        pass

    def write_half_then_fail() -> None:
        with atomic_writer(target) as handle:
            handle.write(b"new, half")
            raise Boom

    with pytest.raises(Boom):
        write_half_then_fail()
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("name", ["Trips ?1", "Trips #1", "Trips %41", "Trips 100%"])
def test_a_library_folder_whose_name_means_something_in_a_url_keeps_its_database_inside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """``?`` once ended the database's path (``Trips ?1/journal.db`` was made as ``Trips `` beside
    the library), and ``#`` or ``%`` sent read-only openings to another file or none."""
    root = tmp_path / name
    library = ("--library", str(root))

    assert (
        main(["new", "A", "--start", "2023-09-16", "--end", "2023-09-18", "--tz", "UTC", *library])
        == 0
    )
    assert main(["rename", "a", "B", *library]) == 0
    capsys.readouterr()
    assert main(["trips", "--json", *library]) == 0

    trips = json.loads(capsys.readouterr().out)
    assert [trip["title"] for trip in trips] == ["B"]
    assert (root / "journal.db").is_file()
    assert sorted(path.name for path in tmp_path.iterdir()) == [name]
