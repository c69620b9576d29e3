"""Import progress that means something (issue 14, defect 7): no estimate of the time left until
enough of the import has run for one, and a dropped folder told as a folder, its photos counted
as they are found."""

from pathlib import Path

from pytestqt.qtbot import QtBot

from journal.gui.import_status import time_left
from journal.gui.main_window import MainWindow
from journal.photos.import_progress import ImportPhase, ImportProgress
from journal.services import TripInfo
from tests.gui.windows import MakeWindow
from tests.photos.photo_files import exif_for, write_photo


def _copying(done: int, total: int, rate: float) -> ImportProgress:
    return ImportProgress(
        ImportPhase.COPY, done, total, rate=rate, seconds_left=(total - done) / rate
    )


def test_no_estimate_at_two_percent_of_a_three_second_import() -> None:
    # 2 of 100 files after 0.1 s: the first files' rate says "about 30 s left"; it takes 3 s.
    assert time_left(_copying(2, 100, rate=3.3)) == ""
    # A tenth done, but after half a second: still too early to say.
    assert time_left(_copying(10, 100, rate=20)) == ""
    # Nearly done: not worth saying.
    assert time_left(_copying(990, 1000, rate=20)) == ""


def test_an_estimate_once_enough_has_run() -> None:
    assert time_left(_copying(300, 1000, rate=20)) == "about 35 s left"
    assert time_left(_copying(2000, 10_000, rate=20)) == "about 6 min 40 s left"


def test_a_dropped_folder_is_told_as_a_folder_and_its_photos_counted(
    qtbot: QtBot, make_window: MakeWindow, seattle: TripInfo, tmp_path: Path
) -> None:
    folder = tmp_path / "DCIM"
    for hour in range(5):
        write_photo(folder / f"{hour}.jpg", exif_for(original=f"2023:09:17 1{hour}:00:00"))
    window: MainWindow = make_window(threads=True)
    qtbot.waitUntil(lambda: window.timeline_model.rowCount() > 0)
    labels: list[str] = []
    window.importer.progressed.connect(
        lambda _event: labels.append(window.import_status.label.text())
    )

    with qtbot.waitSignal(window.importer.finished, timeout=20_000):
        window.photo_actions.import_paths([folder])
        assert window.statusBar().currentMessage() == "Importing photos from 1 folder…"

    assert any(label.endswith("of 5 photos") for label in labels), labels
