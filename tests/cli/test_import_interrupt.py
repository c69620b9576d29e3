"""Ctrl-C during ``journal import``: it stops after the photos in flight, keeps what it
committed, says so, and exits 130 (also when nothing was imported yet), so that a script never
takes a stopped import for a finished one."""

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from journal.photos.import_progress import ImportPhase, ImportProgress
from journal.services import ImportReport, JournalService
from journal.services.library_leftovers import find_leftovers
from journal.store.library import Library
from tests.cli.test_trip_commands import run, seattle_library
from tests.photos.photo_files import exif_for, write_photo

__all__ = ["seattle_library"]


def _card(folder: Path, count: int) -> Path:
    for index in range(count):
        write_photo(
            folder / f"p{index:04d}.jpg",
            exif_for(original=f"2023:09:18 {10 + index // 3600:02d}:{index // 60 % 60:02d}:00"),
            size=(64, 48),
            color=(index % 256, index // 256, 90),
        )
    return folder


def _library_files(root: Path) -> list[Path]:
    return [path for path in (root / "photos").rglob("*") if path.is_file()]


def _interrupted_once_copying(
    library: Path, *argv: str, signals: int = 1
) -> subprocess.CompletedProcess[str]:
    """``journal ARGV`` on ``library``, sent ``signals`` SIGINTs 10 ms apart a moment after its
    first copy is in the library (a second one lands while the photos in flight are finished)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "journal", *argv],
        env={**os.environ, "TRIP_JOURNAL_LIBRARY": str(library)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not _library_files(library) and time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        time.sleep(0.005)
    time.sleep(0.3)  # copying is under way: files in flight, a batch waiting for its commit
    for _ in range(signals):
        process.send_signal(signal.SIGINT)
        time.sleep(0.01)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def _unused_copies(root: Path) -> tuple[PurePosixPath, ...]:
    with Library.open(root, read_only=True) as library:
        return find_leftovers(library).copies.paths


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is a POSIX thing")
def test_ctrl_c_stops_a_real_import_exits_130_and_keeps_what_finished(
    seattle_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = _card(tmp_path / "card", 600)

    result = _interrupted_once_copying(
        seattle_library, "import", "seattle-2023", str(card), "--json"
    )

    assert result.returncode == 130, result.stderr
    report = json.loads(result.stdout)
    assert report["cancelled"] is True
    assert 0 < len(report["imported"]) < 600
    assert f"stopped by Ctrl-C; the {len(report['imported'])} photos imported before it" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    _, out, _ = run(capsys, "photos", "seattle-2023", "--json", "--library", str(seattle_library))
    assert sorted(photo["id"] for photo in json.loads(out)) == sorted(report["imported"])
    assert _unused_copies(seattle_library) == ()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is a POSIX thing")
def test_a_second_ctrl_c_waits_for_the_photos_in_flight_and_leaves_no_copy_without_its_row(
    seattle_library: Path, tmp_path: Path
) -> None:
    card = _card(tmp_path / "card", 600)

    result = _interrupted_once_copying(
        seattle_library, "import", "seattle-2023", str(card), "--json", signals=2
    )

    assert _unused_copies(seattle_library) == ()
    if "Still finishing the photos in progress…" not in result.stderr:
        # On a loaded machine the second Ctrl-C can come only once the command has finished
        # stopping: it then ends the process by the signal, as a shell's Ctrl-C would.
        assert result.returncode in (130, -signal.SIGINT), result.stderr
        return
    assert result.returncode == 130, result.stderr
    assert json.loads(result.stdout)["cancelled"] is True


def _post_with_images(site: Path, count: int) -> Path:
    """A Jekyll post showing ``count`` images of its site."""
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: Blog\n", encoding="utf-8")
    _card(site / "assets", count)
    links = "\n\n".join(f"![p{index}](/assets/p{index:04d}.jpg)" for index in range(count))
    post = site / "_posts" / "2023-09-18-many.md"
    post.write_text(
        f"---\ntitle: Many\ndate: 2023-09-18\n---\n\n## Day 0\n\n{links}\n", encoding="utf-8"
    )
    return post


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is a POSIX thing")
@pytest.mark.parametrize("signals", [1, 2])
def test_ctrl_c_during_import_post_exits_130_and_leaves_no_trip_and_no_copy(
    tmp_path: Path, signals: int
) -> None:
    post = _post_with_images(tmp_path / "site", 400)
    root = tmp_path / "library"
    Library.open(root).close()

    result = _interrupted_once_copying(root, "import-post", str(post), signals=signals)

    if result.returncode == 0:
        # The whole import was committed before the signal came (a fast disk copies these
        # images in the test's pause): every copy then belongs to a photo of the new trip.
        assert _unused_copies(root) == ()
        return
    assert _library_files(root) == []
    with Library.open(root, read_only=True) as library:
        assert JournalService(library).list_trips() == []
    # A second Ctrl-C that comes once the command has finished ends the process by the signal.
    assert result.returncode in (130, -signal.SIGINT), result.stderr
    assert result.stderr.endswith("journal: stopped by Ctrl-C; nothing of the post was imported.\n")


def test_ctrl_c_before_anything_was_imported_still_exits_130_and_says_so(
    seattle_library: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    card = _card(tmp_path / "card", 5)
    real_import = JournalService.import_photos

    def interrupted_while_reading(
        service: JournalService,
        trip_id: int,
        paths: Any,
        *,
        progress: Callable[[ImportProgress], None],
        cancel: Any,
    ) -> ImportReport:
        def signal_on_the_first_file(event: ImportProgress) -> None:
            if event.phase is ImportPhase.SCAN and event.done == 1:
                signal.raise_signal(signal.SIGINT)  # the real signal, to the real handler
            progress(event)

        return real_import(
            service, trip_id, paths, progress=signal_on_the_first_file, cancel=cancel
        )

    monkeypatch.setattr(JournalService, "import_photos", interrupted_while_reading)

    code, out, err = run(
        capsys, "import", "seattle-2023", str(card), "--library", str(seattle_library)
    )

    assert code == 130
    assert "Imported 0 photos" in out
    assert "journal: stopped by Ctrl-C before any photo was imported; nothing was added." in err
    assert _library_files(seattle_library) == []
