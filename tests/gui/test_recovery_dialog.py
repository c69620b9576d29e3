"""The app on a damaged library: it says so and offers recovery before any window opens."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from journal.gui import app, main_window
from journal.services import JournalService, NewTrip
from journal.store.library import Library
from tests.photos.photo_files import exif_for, write_photo


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
    """A library whose journal.db was emptied, beside the 30 photos it had imported."""
    files = [
        write_photo(
            tmp_path / f"IMG_{n:02d}.jpg",
            exif_for(original=f"2023:09:{16 + n % 3} 1{n % 10}:00:00"),
            color=(n * 8, 60, 60),
        )
        for n in range(30)
    ]
    with Library.open(library_root) as library:
        service = JournalService(library)
        trip = service.create_trip(NewTrip("Trip", date(2023, 9, 16), date(2023, 9, 18), "UTC"))
        assert trip.trip is not None
        service.import_photos(trip.trip.id, files)
    (library_root / "journal.db").write_bytes(b"")
    return library_root


@pytest.fixture
def no_window(monkeypatch: pytest.MonkeyPatch) -> list[JournalService]:
    """``app.main`` up to its window: the window only notes its service, the event loop ends at
    once and nothing is frozen out of the garbage collector."""
    opened: list[JournalService] = []

    class NotedWindow(QWidget):
        def __init__(self, service: JournalService, _preferences: object) -> None:
            super().__init__()
            opened.append(service)

    monkeypatch.setattr(main_window, "MainWindow", NotedWindow)
    monkeypatch.setattr(QApplication, "exec", lambda *_args: 0)
    monkeypatch.setattr(app, "keep_startup_objects_out_of_collections", lambda: None)
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
