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
from pathlib import Path
from typing import Any

import pytest

from journal.photos.import_progress import ImportPhase, ImportProgress
from journal.services import ImportReport, JournalService
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


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is a POSIX thing")
def test_ctrl_c_stops_a_real_import_exits_130_and_keeps_what_finished(
    seattle_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = _card(tmp_path / "card", 600)
    process = subprocess.Popen(
        [sys.executable, "-m", "journal", "import", "seattle-2023", str(card), "--json"],
        env={**os.environ, "TRIP_JOURNAL_LIBRARY": str(seattle_library)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Interrupt once copying has begun (the first copy is in the library).
    deadline = time.monotonic() + 60
    while not _library_files(seattle_library) and time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)

    assert process.returncode == 130, err
    report = json.loads(out)
    assert report["cancelled"] is True
    assert 0 < len(report["imported"]) < 600
    assert f"stopped by Ctrl-C; the {len(report['imported'])} photos imported before it" in err
    assert "Traceback" not in err
    _, out, _ = run(capsys, "photos", "seattle-2023", "--json", "--library", str(seattle_library))
    assert sorted(photo["id"] for photo in json.loads(out)) == sorted(report["imported"])


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
