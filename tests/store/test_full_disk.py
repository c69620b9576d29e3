"""A library on a full disk: read commands still read it, and a command that would write says
the disk is full and how much is free, not "disk I/O error"."""

import errno
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from journal.cli import main
from journal.services import JournalService, NewTrip
from journal.store import health
from journal.store.library import Library


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MB tmpfs, where mounting one is allowed (root on Linux); else the test skips."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if sys.platform != "linux" or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs Linux")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "--lazy", str(mount_point)], check=True)


def fill(disk: Path) -> Path:
    """Write one file until ``disk`` has no byte left."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as file:
        for size in (1 << 16, 4096, 512, 1):
            try:
                while True:
                    file.write(b"\0" * size)
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise
    return filler


def test_a_full_disk_still_lets_read_commands_read_and_says_so_to_writers(
    small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = small_disk / "library"
    with Library.open(root) as opened:
        JournalService(opened).create_trip(
            NewTrip("Coast", date(2023, 9, 16), date(2023, 9, 18), "UTC")
        )
    filler = fill(small_disk)
    library = ("--library", str(root))

    assert main(["trips", *library]) == 0
    assert "Coast" in capsys.readouterr().out
    assert main(["days", "coast", *library]) == 0
    capsys.readouterr()

    for command in (["rename", "coast", "Renamed"], ["check"]):
        assert main([*command, *library]) == 2
        assert capsys.readouterr().err == (
            f"journal: The disk holding the library ({root}) is full: 0 bytes free. Free some "
            "space and try again; nothing was changed.\n"
        )

    # Without journal.lock, making it again is the first write to fail.
    (root / "journal.lock").unlink()
    fill(small_disk)
    assert main(["rename", "coast", "Renamed", *library]) == 2
    assert "is full: 0 bytes free. Free some space" in capsys.readouterr().err

    filler.unlink()
    assert main(["rename", "coast", "Renamed", *library]) == 0
    assert main(["trips", *library]) == 0
    assert "Renamed" in capsys.readouterr().out


def _io_error(code: int) -> OperationalError:
    original = sqlite3.OperationalError("disk I/O error")
    original.sqlite_errorcode = code
    return OperationalError("PRAGMA journal_mode=WAL", {}, original)


@pytest.mark.parametrize(
    ("code", "free", "full"),
    [
        (sqlite3.SQLITE_IOERR, 20_000, True),
        (sqlite3.SQLITE_IOERR_SHMSIZE, 20_000, True),
        (sqlite3.SQLITE_FULL, 50_000_000, True),  # SQLite knows: however much is free now
        (sqlite3.SQLITE_IOERR, 50_000_000, False),  # room enough: some other I/O failure
        (sqlite3.SQLITE_BUSY, 20_000, False),
    ],
)
def test_an_io_error_on_a_nearly_full_disk_is_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, free: int, full: bool
) -> None:
    monkeypatch.setattr(shutil, "disk_usage", lambda _folder: shutil._ntuple_diskusage(1, 1, free))

    message = str(health.explained(tmp_path / "journal.db", tmp_path / "photos", _io_error(code)))

    if full:
        free_text = "20.0 kB" if free == 20_000 else "50.0 MB"
        assert message == (
            f"The disk holding the library ({tmp_path}) is full: {free_text} free. Free some "
            "space and try again; nothing was changed."
        )
    else:
        database = tmp_path / "journal.db"
        assert message == f"Cannot use the library database {database}: disk I/O error."
