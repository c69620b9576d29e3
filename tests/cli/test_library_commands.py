"""``journal recover``: the way out a damaged library's message points to."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journal.cli import main
from journal.store.lock import LibraryLock
from tests.store import damaged_libraries


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def emptied_library(library_root: Path, tmp_path: Path) -> Path:
    return damaged_libraries.emptied_library(library_root, tmp_path, 3)


def test_recover_rebuilds_a_library_that_commands_refuse(
    emptied_library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = str(emptied_library)
    code, _, err = run(capsys, "trips", "--library", library)
    assert code == 2
    assert f"Recover it with `journal recover --library {library}`" in err

    code, out, err = run(capsys, "recover", "--library", library)

    assert (code, err) == (0, "")
    [damaged] = emptied_library.glob("journal.db.damaged-*")
    assert out.splitlines() == [
        "Recovered the library: its database journal.db is empty (0 bytes) but photos/ holds "
        "3 photos.",
        f"The damaged database is kept as {damaged}.",
        "Imported 3 photos from the library's photos folder.",
        "The new trip 'Recovered' (recovered), 2023-09-16 to 2023-09-18, UTC, holds what lost "
        "its trip (3 photos): check its dates and time zone.",
    ]
    code, out, _ = run(capsys, "days", "recovered", "--json", "--library", library)
    assert code == 0
    assert [day["photo_count"] for day in json.loads(out)["days"]] == [1, 1, 1]

    code, out, _ = run(capsys, "recover", "--library", library)
    assert (code, out) == (0, f"The library {library} is sound; there is nothing to recover.\n")


def test_recover_reports_in_json(emptied_library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "recover", "--json", "--library", str(emptied_library))

    assert code == 0
    record = json.loads(out)
    assert (record["recovered"], record["photos"], record["recovered_trip"]) == (
        True,
        3,
        "recovered",
    )
    assert Path(record["damaged_copy"]).read_bytes() == b""
    code, out, _ = run(capsys, "recover", "--json", "--library", str(emptied_library))
    assert json.loads(out) == {"recovered": False}


def test_recover_refuses_a_library_open_elsewhere_and_a_folder_without_one(
    emptied_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with LibraryLock(emptied_library):
        code, _, err = run(capsys, "recover", "--library", str(emptied_library))
    assert code == 2
    assert "is open in another Trip Journal process" in err
    assert (emptied_library / "journal.db").read_bytes() == b""

    code, _, err = run(capsys, "recover", "--library", str(tmp_path / "nowhere"))
    assert code == 2
    assert f"There is no Trip Journal library at {tmp_path / 'nowhere'}" in err


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is a POSIX thing")
def test_ctrl_c_during_recover_exits_130_and_leaves_the_library_as_it_was(
    library_root: Path, tmp_path: Path
) -> None:
    library = damaged_libraries.emptied_library(library_root, tmp_path, 150)
    process = subprocess.Popen(
        [sys.executable, "-m", "journal", "recover", "--library", str(library)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Interrupt once the new database is being built (its photos imported one by one).
    deadline = time.monotonic() + 60
    while not (library / "journal.db.recovering").exists() and time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)

    assert process.returncode == 130, (out, err)
    assert err.endswith(
        "journal: The recovery was cancelled; the library was left as it was. Run it again to "
        "recover the library.\n"
    )
    assert "Traceback" not in err
    assert out == ""
    assert (library / "journal.db").read_bytes() == b""
    assert not list(library.glob("journal.db.*"))
