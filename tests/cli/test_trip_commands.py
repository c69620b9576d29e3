"""The ``journal`` CLI end to end, in-process, on real libraries."""

import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from journal.cli import main
from journal.store.library import Library


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def library_fingerprint(root: Path) -> str:
    """A digest of the library's database content (not its bytes: WAL checkpoints move those)."""
    if not (root / "journal.db").exists():
        return "missing"
    with Library.open(root, read_only=True) as library, library.engine.connect() as connection:
        dump = "\n".join(connection.connection.driver_connection.iterdump())  # type: ignore[union-attr]
    return hashlib.sha256(dump.encode()).hexdigest()


@pytest.fixture
def seattle_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    root = tmp_path / "lib"
    code, _, err = run(
        capsys,
        "new",
        "Seattle 2023",
        "--start",
        "2023-09-16",
        "--end",
        "2023-09-21",
        "--tz",
        "America/Los_Angeles",
        "--library",
        str(root),
    )
    assert (code, err) == (0, "")
    return root


def test_new_then_days_lists_day_0_to_day_5(
    seattle_library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "days", "seattle-2023", "--json", "--library", str(seattle_library))

    assert code == 0
    days = json.loads(out)["days"]
    assert [(day["index"], day["date"]) for day in days] == [
        (0, "2023-09-16"),
        (1, "2023-09-17"),
        (2, "2023-09-18"),
        (3, "2023-09-19"),
        (4, "2023-09-20"),
        (5, "2023-09-21"),
    ]


def test_trips_and_show_by_id_or_slug(
    seattle_library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "trips", "--json", "--library", str(seattle_library))
    assert code == 0
    [trip] = json.loads(out)
    assert trip["slug"] == "seattle-2023"

    code, out, _ = run(capsys, "show", str(trip["id"]), "--library", str(seattle_library))
    assert code == 0
    assert "Seattle 2023" in out
    assert "America/Los_Angeles" in out


def test_set_text_from_a_file_and_from_stdin(
    seattle_library: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    notes = tmp_path / "day1.md"
    notes.write_text("드디어 워크숍 첫째 날입니다.\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "set-text", "seattle-2023", "1", str(notes), "--library", str(seattle_library)
    )
    assert code == 0
    assert "Saved Day 1 (2023-09-17)" in out

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("인트로".encode())))
    code, _, _ = run(
        capsys, "set-text", "seattle-2023", "intro", "-", "--library", str(seattle_library)
    )
    assert code == 0

    _, out, _ = run(capsys, "days", "seattle-2023", "--json", "--library", str(seattle_library))
    result = json.loads(out)
    assert result["days"][1]["body"] == "드디어 워크숍 첫째 날입니다.\n"
    assert result["days"][1]["word_count"] == 4
    assert result["trip"]["intro"] == "인트로"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "nowhere"], "There is no trip 'nowhere'"),
        (
            ["new", "X", "--start", "2023-09-16", "--end", "2023-09-10", "--tz", "UTC"],
            r"The trip ends \(2023-09-10\) before it starts \(2023-09-16\)",
        ),
        (
            ["new", "X", "--start", "2023-02-30", "--end", "2023-03-10", "--tz", "UTC"],
            "Invalid date '2023-02-30'",
        ),
        (
            ["new", "X", "--start", "2023-09-16", "--end", "2023-09-20", "--tz", "Mars/Base"],
            "Unknown time zone 'Mars/Base'",
        ),
        (["set-text", "seattle-2023", "9", "-"], "there is no Day 9"),
        (["set-text", "seattle-2023", "someday", "-"], "Invalid day 'someday'"),
        (["set-text", "seattle-2023", "intro", "-", "--title", "T"], "the intro has none"),
        (["set-text", "seattle-2023", "1", "/nonexistent/notes.md"], "Cannot read"),
        (["set-dates", "seattle-2023", "--start", "2023-09-20", "--end", "2023-09-01"], "ends"),
        (["delete", "seattle-2023"], "add --yes to confirm"),
        (["bogus-command"], "invalid choice"),
    ],
)
def test_bad_input_prints_one_line_exits_2_and_changes_nothing(
    seattle_library: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"some text")))
    before = library_fingerprint(seattle_library)

    code, _, err = run(capsys, *argv, "--library", str(seattle_library))

    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert re.search(message, err), err
    assert library_fingerprint(seattle_library) == before


def test_text_that_is_not_utf8_is_refused(
    seattle_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin = tmp_path / "latin1.md"
    latin.write_bytes("café".encode("latin-1"))
    before = library_fingerprint(seattle_library)
    code, _, err = run(
        capsys, "set-text", "seattle-2023", "0", str(latin), "--library", str(seattle_library)
    )
    assert code == 2
    assert "is not UTF-8 text" in err
    assert library_fingerprint(seattle_library) == before


def test_a_locked_library_is_refused_for_writing_but_readable(
    seattle_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("hello", encoding="utf-8")
    before = library_fingerprint(seattle_library)
    with Library.open(seattle_library):
        code, _, err = run(
            capsys, "set-text", "seattle-2023", "0", str(notes), "--library", str(seattle_library)
        )
        assert code == 2
        assert "open in another Trip Journal process" in err
        assert len(err.strip().splitlines()) == 1
        code, out, _ = run(capsys, "days", "seattle-2023", "--library", str(seattle_library))
        assert code == 0
        assert "Day 5 · Thu 21 Sep" in out
    assert library_fingerprint(seattle_library) == before


def test_an_unreadable_library_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "garbage"
    root.mkdir()
    (root / "journal.db").write_bytes(b"\x00garbage" * 512)
    code, _, err = run(capsys, "trips", "--library", str(root))
    assert code == 2
    assert "Cannot use the library database" in err
    code, _, err = run(capsys, "trips", "--library", str(tmp_path / "none"))
    assert code == 2
    assert "There is no Trip Journal library" in err
    assert not (tmp_path / "none").exists()


def test_the_installed_script_and_python_dash_m_work(seattle_library: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "journal", "trips", "--library", str(seattle_library)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "seattle-2023" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "journal", "show", "nope", "--library", str(seattle_library)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert (
        result.stderr
        == "journal: There is no trip 'nope'; `journal trips` lists them by id and slug.\n"
    )


def test_library_and_json_may_come_before_the_command(
    seattle_library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--library", str(seattle_library), "--json", "trips")
    assert code == 0
    assert json.loads(out)[0]["slug"] == "seattle-2023"
    # Given after the command, it wins over the one before.
    code, _, err = run(
        capsys, "--library", "/nonexistent", "trips", "--library", str(seattle_library)
    )
    assert (code, err) == (0, "")
