"""Edit ▸ Undo and Redo in the window (issue 14): every change, named, one history per trip that
survives switching trips, typing included. The library is checked through ``JournalService``."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from journal.gui.main_window import MainWindow
from journal.services import JournalService, NewTrip, TextTarget, TripInfo
from tests.gui.message_boxes import Button, MessageBoxAnswerer
from tests.gui.windows import MakeWindow
from tests.photos.photo_files import exif_for, write_photo

DAY0, DAY1, DAY2 = date(2023, 9, 16), date(2023, 9, 17), date(2023, 9, 18)


@pytest.fixture
def photos(service: JournalService, seattle: TripInfo, tmp_path: Path) -> dict[str, int]:
    roll = tmp_path / "roll"
    write_photo(roll / "morning.jpg", exif_for(original="2023:09:17 08:00:00"))
    write_photo(roll / "noon.jpg", exif_for(original="2023:09:17 12:30:00"))
    write_photo(roll / "evening.jpg", exif_for(original="2023:09:18 19:00:00"))
    service.import_photos(seattle.id, [roll])
    return {photo.original_name: photo.id for photo in service.all_photos(seattle.id)}


@pytest.fixture
def window(make_window: MakeWindow, seattle: TripInfo, photos: dict[str, int]) -> MainWindow:
    window = make_window()
    assert window.trip is not None
    return window


def names(service: JournalService, trip: TripInfo, day: date | None) -> list[str]:
    return [photo.original_name for photo in service.photos(trip.id, day)]


def select_day(window: MainWindow, day: date) -> None:
    row = window.timeline_model.row_of(TextTarget.of_day(day))
    assert row is not None
    window.timeline.setCurrentIndex(window.timeline_model.index(row))


def press(window: MainWindow, keys: str) -> None:
    """A shortcut typed where the focus is, as a user would."""
    widget = window.focusWidget() or window
    QTest.keySequence(widget, keys)


def test_a_move_is_undone_and_redone_by_name(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo
) -> None:
    morning = service.photos(seattle.id, DAY1)[0].id
    window.photo_actions.move_photos([morning], DAY2)
    assert names(service, seattle, DAY2) == ["evening.jpg", "morning.jpg"]
    assert window.actions_.undo.text() == "&Undo Move 1 Photo to Day 2"

    window.actions_.undo.trigger()
    assert names(service, seattle, DAY1) == ["morning.jpg", "noon.jpg"]
    assert not service.photo(morning).pinned
    assert window.actions_.redo.text() == "&Redo Move 1 Photo to Day 2"

    window.actions_.redo.trigger()
    assert names(service, seattle, DAY2) == ["evening.jpg", "morning.jpg"]


def test_delete_return_ctrl_z_brings_every_photo_back_with_its_place_in_the_text(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    photos: dict[str, int],
    message_boxes: MessageBoxAnswerer,
) -> None:
    noon = photos["noon.jpg"]
    select_day(window, DAY1)
    text = f"Market.\n\n![noon](photo:{noon})\n"
    window.editor.editor.setPlainText(text)
    window.gallery.select_ids([noon])
    window.gallery.setFocus()

    QTest.keyClick(window.gallery, Qt.Key.Key_Delete)
    QTest.keyClick(window.gallery, Qt.Key.Key_Return)  # defect 1: Return was Yes, now harmless
    assert message_boxes.texts == []
    assert names(service, seattle, DAY1) == ["morning.jpg"]
    assert "photo:" not in window.editor.editor.toPlainText()

    press(window, "Ctrl+Z")
    assert names(service, seattle, DAY1) == ["morning.jpg", "noon.jpg"]
    assert service.day(seattle.id, DAY1).body == text
    assert window.editor.editor.toPlainText() == text
    assert service.photo_path(service.photo(noon)).exists()


def test_each_trip_keeps_its_history_when_another_is_opened(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo
) -> None:
    morning = service.photos(seattle.id, DAY1)[0].id
    window.photo_actions.move_photos([morning], None)
    other = service.create_trip(NewTrip("Jeju", date(2024, 5, 1), date(2024, 5, 3), "Asia/Seoul"))
    assert other.trip is not None
    window.open_trip(other.trip.id)
    assert window.trip is not None
    assert window.trip.id == other.trip.id
    assert not window.actions_.undo.isEnabled()  # Jeju has no history yet

    window.open_trip(seattle.id)
    assert window.actions_.undo.text() == "&Undo Move 1 Photo to Unassigned"
    press(window, "Ctrl+Z")
    assert names(service, seattle, DAY1) == ["morning.jpg", "noon.jpg"]


def test_removed_photos_come_back_after_switching_trips(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo
) -> None:
    select_day(window, DAY1)
    window.gallery.select_ids([photo.id for photo in service.photos(seattle.id, DAY1)])
    window.actions_.delete_photos.trigger()
    assert names(service, seattle, DAY1) == []
    other = service.create_trip(NewTrip("Jeju", date(2024, 5, 1), date(2024, 5, 3), "Asia/Seoul"))
    assert other.trip is not None
    window.open_trip(other.trip.id)
    window.open_trip(seattle.id)

    assert window.actions_.undo.text() == "&Undo Remove 2 Photos"
    window.actions_.undo.trigger()
    assert names(service, seattle, DAY1) == ["morning.jpg", "noon.jpg"]


def test_a_run_of_typing_is_one_command_and_undo_puts_the_text_and_cursor_back(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo
) -> None:
    select_day(window, DAY1)
    editor = window.editor.editor
    editor.setFocus()
    QTest.keyClicks(editor, "Rain.")
    window.editor.flush()
    window.photo_actions.move_photos([service.photos(seattle.id, DAY1)[0].id], DAY2)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(editor, " Coffee")
    window.editor.flush()  # a save in the middle of the run: still one command
    QTest.keyClicks(editor, " later.")
    assert window.actions_.undo.text() == "&Undo Typing"

    QTest.keySequence(editor, "Ctrl+Z")  # in the editor: the window's Undo, not the box's own
    assert service.day(seattle.id, DAY1).body == "Rain."
    assert editor.toPlainText() == "Rain."
    assert editor.textCursor().position() == len("Rain.")
    assert window.actions_.undo.text() == "&Undo Move 1 Photo to Day 2"

    QTest.keySequence(editor, "Ctrl+Y")
    assert service.day(seattle.id, DAY1).body == "Rain. Coffee later."
    assert editor.toPlainText() == "Rain. Coffee later."

    QTest.keySequence(editor, "Ctrl+Z")
    QTest.keySequence(editor, "Ctrl+Z")
    assert names(service, seattle, DAY1) == ["morning.jpg", "noon.jpg"]
    QTest.keySequence(editor, "Ctrl+Shift+Z")
    assert names(service, seattle, DAY1) == ["noon.jpg"]


def test_deleting_a_trip_is_undone_from_the_list_of_trips_shown_after_it(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    message_boxes: MessageBoxAnswerer,
) -> None:
    other = service.create_trip(NewTrip("Jeju", date(2024, 5, 1), date(2024, 5, 3), "Asia/Seoul"))
    assert other.trip is not None
    message_boxes.answer = Button.Yes
    window.actions_.delete_trip.trigger()
    assert [trip.title for trip in service.list_trips()] == ["Jeju"]
    assert window.stack.currentWidget() is window.trips_view  # no trip open
    assert window.actions_.undo.text() == "&Undo Delete Trip"

    window.actions_.undo.trigger()
    assert [trip.title for trip in service.list_trips()] == ["Jeju", "Seattle 2023"]
    assert window.trip is not None
    assert window.trip.id == seattle.id
    assert len(service.all_photos(seattle.id)) == 3
    window.actions_.redo.trigger()
    assert [trip.title for trip in service.list_trips()] == ["Jeju"]


def test_undo_of_an_import_removes_what_it_added(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo, tmp_path: Path
) -> None:
    more = write_photo(tmp_path / "more" / "night.jpg", exif_for(original="2023:09:17 22:00:00"))
    window.photo_actions.import_paths([more])
    assert names(service, seattle, DAY1) == ["morning.jpg", "noon.jpg", "night.jpg"]
    assert window.actions_.undo.text() == "&Undo Import Photos"
    window.actions_.undo.trigger()
    assert names(service, seattle, DAY1) == ["morning.jpg", "noon.jpg"]
    window.actions_.redo.trigger()
    assert names(service, seattle, DAY1) == ["morning.jpg", "noon.jpg", "night.jpg"]


def test_the_trash_is_emptied_when_the_window_closes(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo
) -> None:
    noon = service.photos(seattle.id, DAY1)[1]
    file = service.photo_path(noon)
    window.photo_actions.move_photos([noon.id], DAY2)
    select_day(window, DAY2)
    window.gallery.select_ids([noon.id])
    window.actions_.delete_photos.trigger()
    assert file.exists()
    window.close()
    assert not file.exists()
    assert service.empty_trash() == 0
