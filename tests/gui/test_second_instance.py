"""One app per library: a second launch hands its files to the window open on the library and
raises it; a library held by an app that does not answer is explained and the launch exits."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from journal.gui import app
from journal.gui import preferences as prefs
from journal.gui.launch_requests import LaunchRequests
from journal.gui.preferences import Preferences
from journal.gui.single_instance import InstanceServer, server_name
from journal.services import JournalService, NewTrip, TripInfo
from journal.store.library import Library
from tests.gui.message_boxes import MessageBoxAnswerer
from tests.gui.windows import MakeWindow
from tests.photos.photo_files import exif_for, write_photo

#: A launch's start-up (Python, Qt, the library) on a loaded two-core machine.
LAUNCH_SECONDS = 60


def test_a_locked_library_is_explained_and_the_app_exits(
    library: Library, library_root: Path, message_boxes: MessageBoxAnswerer
) -> None:
    """The test holds the library and serves no socket, as an older version would."""
    assert app.main(["trip-journal", "--library", str(library_root)]) == 1

    [shown] = message_boxes.shown
    assert shown.icon is QMessageBox.Icon.Critical
    assert "is open in another Trip Journal process" in shown.text
    assert "Close it there and try again." in shown.text


def _launch(library_root: Path, *arguments: str, cwd: Path) -> subprocess.Popen[str]:
    """``trip-journal --library library_root arguments`` in a process of its own, offscreen,
    with its settings in ``cwd``."""
    return subprocess.Popen(
        [sys.executable, "-m", "journal.gui.app", "--library", str(library_root), *arguments],
        cwd=cwd,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(cwd)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    """The launches a test started, killed at its end if still running."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate()


def _wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + LAUNCH_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def _listening(name: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    connected = socket.waitForConnected(1000)
    socket.abort()
    return connected


def _photo_count(library_root: Path, trip_id: int) -> int:
    with Library.open(library_root, read_only=True) as library:
        return len(JournalService(library).all_photos(trip_id))


def test_a_second_launch_hands_its_photos_to_the_window_and_raises_it(
    make_window: MakeWindow,
    service: JournalService,
    seattle: TripInfo,
    library_root: Path,
    tmp_path: Path,
    qtbot: QtBot,
    processes: list[subprocess.Popen[str]],
) -> None:
    window = make_window()
    server = InstanceServer(server_name(library_root), window)
    assert server.listen()
    server.arrived.connect(LaunchRequests(window).bring_forward)
    window.showMinimized()
    write_photo(tmp_path / "card" / "pike.jpg", exif_for(original="2023:09:17 10:00:00"))

    # A path relative to the launch's own folder: the window's is another.
    second = _launch(library_root, "card/pike.jpg", cwd=tmp_path)
    processes.append(second)
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=LAUNCH_SECONDS * 1000)

    assert second.returncode == 0, second.communicate()
    qtbot.waitUntil(lambda: len(service.all_photos(seattle.id)) == 1)
    [photo] = service.all_photos(seattle.id)
    assert photo.original_name == "pike.jpg"
    assert not window.isMinimized()
    server.close()


def test_a_launch_after_a_crash_serves_later_launches_despite_the_stale_socket(
    library_root: Path, tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    with Library.open(library_root) as library:
        changes = JournalService(library).create_trip(
            NewTrip(
                title="Lisbon",
                start_date=date(2024, 5, 10),
                end_date=date(2024, 5, 12),
                timezone="Europe/Lisbon",
            )
        )
    assert changes.trip is not None
    trip_id = changes.trip.id
    name = server_name(library_root)
    crashed = _launch(library_root, cwd=tmp_path)
    processes.append(crashed)
    _wait_for(lambda: _listening(name), "the first app to listen")
    crashed.send_signal(signal.SIGKILL)
    crashed.wait()
    if sys.platform != "win32":
        assert Path(QDir.tempPath(), name).exists(), "a crash leaves its socket behind"

    running = _launch(library_root, cwd=tmp_path)
    processes.append(running)
    _wait_for(lambda: _listening(name), "the app after the crash to listen")
    write_photo(tmp_path / "tram.jpg", exif_for(original="2024:05:11 09:30:00"))
    third = _launch(library_root, str(tmp_path / "tram.jpg"), cwd=tmp_path)
    processes.append(third)
    _, errors = third.communicate(timeout=LAUNCH_SECONDS)

    assert third.returncode == 0, errors
    _wait_for(lambda: _photo_count(library_root, trip_id) == 1, "the photo to land")
    assert running.poll() is None


def test_photos_handed_over_while_no_trip_is_open_wait_for_the_trip_the_user_opens(
    make_window: MakeWindow,
    service: JournalService,
    preferences: Preferences,
    seattle: TripInfo,
    tmp_path: Path,
) -> None:
    preferences.set(prefs.LAST_TRIP, prefs.SHOWING_TRIPS)
    window = make_window()
    launches = LaunchRequests(window)
    photo = write_photo(tmp_path / "pike.jpg", exif_for(original="2023:09:17 10:00:00"))

    launches.bring_forward([photo])

    assert service.all_photos(seattle.id) == []
    assert (
        window.statusBar().currentMessage() == "Open a trip to import the 1 item named at launch."
    )
    window.open_trip(seattle.id)
    assert [photo.original_name for photo in service.all_photos(seattle.id)] == ["pike.jpg"]
