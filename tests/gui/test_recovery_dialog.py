"""The app on a damaged library: it says so and offers recovery before any window opens."""

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from journal.gui import app, main_window
from journal.gui.background import TaskRunner
from journal.gui.single_instance import InstanceServer
from journal.services import JournalService
from tests.store import damaged_libraries


class DialogAnswers:
    """Clicks the buttons named, in order, in the message boxes that come up; notes what each
    said and whether a progress dialog was shown meanwhile."""

    def __init__(self, *buttons: str) -> None:
        self.buttons = list(buttons)
        self.texts: list[str] = []
        self.saw_progress = False
        self._timer = QTimer(interval=20)
        self._timer.timeout.connect(self._answer)
        self._timer.start()

    def _answer(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QProgressDialog):
            self.saw_progress = True
        if not isinstance(dialog, QMessageBox) or not self.buttons:
            return
        self.texts.append(f"{dialog.text()}\n{dialog.informativeText()}")
        offered = {button.text().replace("&", ""): button for button in dialog.buttons()}
        # A box without the button wanted is still answered, so that the test fails, not hangs.
        (offered.get(self.buttons.pop(0)) or dialog.buttons()[0]).click()

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def emptied_library(library_root: Path, tmp_path: Path) -> Path:
    return damaged_libraries.emptied_library(library_root, tmp_path, 30)


@pytest.fixture
def no_window(monkeypatch: pytest.MonkeyPatch) -> list[JournalService]:
    """``app.main`` up to its window: the window only notes its service (and that ``main`` built
    the runner it is handed), the event loop ends at once and nothing is frozen out of the
    garbage collector."""
    opened: list[JournalService] = []

    class NotedWindow(QWidget):
        def __init__(self, service: JournalService, _preferences: object, runner: object) -> None:
            super().__init__()
            assert isinstance(runner, TaskRunner)
            opened.append(service)

    monkeypatch.setattr(main_window, "MainWindow", NotedWindow)
    monkeypatch.setattr(QApplication, "exec", lambda *_args: 0)
    monkeypatch.setattr(app, "keep_startup_objects_out_of_collections", lambda: None)
    monkeypatch.setattr(app, "serve_launches", lambda *_args: InstanceServer("not-listening"))
    return opened


def test_a_damaged_library_is_explained_and_left_alone_when_declined(
    qapp: QApplication, emptied_library: Path, no_window: list[JournalService]
) -> None:
    answers = DialogAnswers("Quit")
    try:
        assert app.main(["trip-journal", "--library", str(emptied_library)]) == 1
    finally:
        answers.stop()

    assert no_window == []
    [question] = answers.texts
    assert f"The library {emptied_library} is damaged." in question
    assert "Its database journal.db is empty (0 bytes) but photos/ holds 30 photos." in question
    assert (emptied_library / "journal.db").read_bytes() == b""
    assert not list(emptied_library.glob("journal.db.damaged-*"))


def test_a_recovered_library_opens_with_its_photos(
    qapp: QApplication, emptied_library: Path, no_window: list[JournalService]
) -> None:
    answers = DialogAnswers("Recover", "OK")
    try:
        assert app.main(["trip-journal", "--library", str(emptied_library)]) == 0
    finally:
        answers.stop()

    assert answers.saw_progress
    assert answers.texts[1].startswith("Recovered the library: its database journal.db is empty")
    [service] = no_window
    [trip] = service.list_trips()
    assert trip.title == "Recovered"
    assert len(service.all_photos(trip.id)) == 30
    [damaged] = emptied_library.glob("journal.db.damaged-*")
    assert damaged.read_bytes() == b""
