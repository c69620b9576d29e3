"""The writer's lock holds even when ``journal.lock`` is deleted or replaced under it."""

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from journal.cli import main
from journal.errors import LibraryError, LibraryLockedError
from journal.services import JournalService, NewTrip
from journal.store import lock as lock_module
from journal.store.library import Library
from journal.store.lock import LOCK_FILE_NAME, LibraryLock

HOLDER = """
import sys, time
from pathlib import Path
from journal.store.library import Library
Library.open(Path(sys.argv[1]))
print("open", flush=True)
time.sleep(60)
"""


@pytest.fixture
def held_library(library_root: Path) -> Iterator[subprocess.Popen[str]]:
    """A library with one trip, open for writing in another process."""
    with Library.open(library_root) as library:
        JournalService(library).create_trip(
            NewTrip("Walk", date(2023, 9, 16), date(2023, 9, 18), "UTC")
        )
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(library_root)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        yield holder
    finally:
        holder.kill()
        holder.wait()


def rename_as_a_second_writer(library_root: Path) -> subprocess.CompletedProcess[str]:
    """``journal rename`` in a process of its own, while ``held_library`` holds the library."""
    return subprocess.run(
        [sys.executable, "-m", "journal", "rename", "walk", "Second", "--library", library_root],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.skipif(
    sys.platform == "win32", reason="Windows refuses to delete a lock file a process has open"
)
@pytest.mark.parametrize("replaced", [False, True], ids=["deleted", "replaced"])
def test_a_second_writer_is_refused_when_the_lock_file_is_gone(
    held_library: subprocess.Popen[str], library_root: Path, replaced: bool
) -> None:
    lock_file = library_root / LOCK_FILE_NAME
    lock_file.unlink()
    if replaced:
        lock_file.write_bytes(b"")

    second = rename_as_a_second_writer(library_root)

    assert second.returncode == 2
    assert "Traceback" not in second.stderr
    assert second.stderr.startswith(
        f"journal: The library {library_root} is open in another Trip Journal process."
    )
    with pytest.raises(LibraryLockedError):
        Library.open(library_root)
    held_library.kill()
    held_library.wait()
    with Library.open(library_root) as library:
        assert JournalService(library).find_trip("walk").title == "Walk"


def test_a_lock_file_replaced_while_it_is_being_locked_is_locked_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a folder cannot be locked, the file lock is all there is. Another program may
    replace ``journal.lock`` between our opening it and locking it; a lock on the old file would
    guard nothing, so the file now there is locked instead."""
    lock_file = tmp_path / LOCK_FILE_NAME
    real_try_lock = lock_module._try_lock
    replaced: list[int] = []

    def replace_before_the_first_lock(fd: int) -> bool:
        if not replaced:
            lock_file.unlink()
            lock_file.write_bytes(b"")
            replaced.append(fd)
        return real_try_lock(fd)

    monkeypatch.setattr(lock_module, "_open_folder", lambda _folder: None)
    monkeypatch.setattr(lock_module, "_try_lock", replace_before_the_first_lock)

    with LibraryLock(tmp_path):
        assert replaced
        assert lock_file.read_bytes().count(b"\n") == 2  # the holder's pid is in the new file
        with pytest.raises(LibraryLockedError):
            LibraryLock(tmp_path).acquire()


def _not_a_file(lock_file: Path, kind: str) -> None:
    """Put ``kind`` where ``journal.lock`` belongs: what a user or a hostile program might."""
    lock_file.unlink(missing_ok=True)
    if kind == "link to a file":
        lock_file.symlink_to(lock_file.parent.parent / "precious.txt")
    elif kind == "link to /dev/zero":
        lock_file.symlink_to("/dev/zero")
    elif kind == "named pipe":
        os.mkfifo(lock_file)
    else:
        lock_file.mkdir()
        (lock_file / "inside.txt").write_text("someone's")


NOT_A_FILE = {
    "link to a file": f"is a symbolic link to {{folder}}{os.sep}precious.txt, not a file",
    "link to /dev/zero": "is a symbolic link to /dev/zero, not a file",
    "named pipe": "is a named pipe (FIFO), not a file",
    "folder": "is a folder, not a file",
}


@pytest.mark.skipif(sys.platform == "win32", reason="links, pipes and O_NOFOLLOW are POSIX things")
@pytest.mark.parametrize("kind", list(NOT_A_FILE))
def test_a_lock_file_that_is_not_a_file_is_refused_and_never_written_through(
    library_root: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """A link is never followed (the reviewer's link made the pid overwrite a file of the
    user's), a pipe never waited on nor written, a folder never emptied: each is named for what
    it is, with what to do, and nothing of the library changes."""
    with Library.open(library_root) as library:
        JournalService(library).create_trip(
            NewTrip("Walk", date(2023, 9, 16), date(2023, 9, 18), "UTC")
        )
    precious = library_root.parent / "precious.txt"
    precious.write_bytes(b"precious\n")
    lock_file = library_root / LOCK_FILE_NAME
    _not_a_file(lock_file, kind)
    expected = (
        f"journal: The library's lock file {lock_file} "
        f"{NOT_A_FILE[kind].format(folder=library_root.parent)}, so the library cannot be "
        "locked through it"
    )

    code = main(["rename", "walk", "Renamed", "--library", str(library_root)])

    error = capsys.readouterr().err
    assert code == 2
    assert error.startswith(expected)
    assert error.count("\n") == 1
    assert ("look at what it holds first" in error) == (kind == "folder")
    with pytest.raises(LibraryError, match="Remove it"):
        Library.open(library_root)
    assert precious.read_bytes() == b"precious\n"
    with Library.open(library_root, read_only=True) as library:
        assert JournalService(library).find_trip("walk").title == "Walk"
    if kind == "folder":
        assert (lock_file / "inside.txt").read_text() == "someone's"
        shutil.rmtree(lock_file)
    else:
        lock_file.unlink()
    main(["rename", "walk", "Renamed", "--library", str(library_root)])  # removed: it works
    assert capsys.readouterr().out == "Renamed to 'Renamed'.\n"


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes in a folder are a POSIX thing")
def test_a_pipe_in_place_of_a_held_lock_file_does_not_block_the_second_writer(
    held_library: subprocess.Popen[str], library_root: Path
) -> None:
    """The second writer reads the holder's pid from ``journal.lock`` to name it; a pipe there
    must not make it wait for a writer that never comes."""
    lock_file = library_root / LOCK_FILE_NAME
    lock_file.unlink()
    os.mkfifo(lock_file)

    second = rename_as_a_second_writer(library_root)

    assert second.returncode == 2
    assert second.stderr == (
        f"journal: The library {library_root} is open in another Trip Journal process. "
        "Close it there and try again.\n"
    )
