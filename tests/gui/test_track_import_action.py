"""File ▸ Import Track… places the open trip's photos without GPS on the chosen GPX file, and
Edit ▸ Undo takes them off it again; a file that is not a track is explained, nothing moved."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMenu

from journal.services import JournalService, TripInfo
from tests.gui.message_boxes import MessageBoxAnswerer
from tests.gui.windows import MakeWindow
from tests.photos.photo_files import exif_for, write_photo
from tests.tracks.gpx_files import write_gpx
from tests.tracks.test_track_import import SEATTLE_START, walk


def choosing(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *_args: ([str(path) for path in paths], "")
    )


def test_a_track_places_photos_and_undo_takes_them_off_it(
    make_window: MakeWindow,
    service: JournalService,
    seattle: TripInfo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    photo_file = write_photo(tmp_path / "a.jpg", exif_for(original="2023:09:16 08:25:00"))
    [photo_id] = service.import_photos(seattle.id, [photo_file]).imported
    gpx = write_gpx(tmp_path / "walk.gpx", segments=[walk(SEATTLE_START, 47.60, -122.34)])
    window = make_window()
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    assert "Import &Track…" in [action.text() for action in file_menu.actions()]
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    choosing(monkeypatch, gpx)

    window.actions_.import_track.trigger()

    assert service.photo(photo_id).position_source == "track"
    assert "Imported 1 track: 1 photo without GPS placed by time." in messages
    assert window.actions_.undo.text() == "&Undo Import 1 Track"
    window.actions_.undo.trigger()
    assert service.photo(photo_id).position_source is None
    window.actions_.redo.trigger()
    assert service.photo(photo_id).position_source == "track"


def test_a_file_that_is_not_a_track_is_explained(
    make_window: MakeWindow,
    service: JournalService,
    seattle: TripInfo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxAnswerer,
) -> None:
    notes = tmp_path / "notes.gpx"
    notes.write_text("shopping list", encoding="utf-8")
    window = make_window()
    choosing(monkeypatch, notes)

    window.actions_.import_track.trigger()

    [told] = message_boxes.shown
    assert "notes.gpx" in told.text
    assert window.actions_.undo.isEnabled() is False
