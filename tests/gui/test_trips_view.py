"""The list of trips (defect 8 and the trips view): the start screen once there are trips, with
each trip's cover, dates and counts; open, rename and delete from it; long titles elided."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListWidgetItem
from pytestqt.qtbot import QtBot

from journal.gui import preferences as prefs
from journal.gui.main_window import MainWindow
from journal.gui.preferences import Preferences
from journal.services import JournalService, NewTrip, TripInfo
from tests.gui.message_boxes import MessageBoxAnswerer
from tests.gui.windows import MakeWindow
from tests.photos.photo_files import exif_for, write_photo


@pytest.fixture
def lisbon(service: JournalService) -> TripInfo:
    changes = service.create_trip(NewTrip("Lisbon", date(2024, 5, 10), date(2024, 5, 12), "UTC"))
    assert changes.trip is not None
    return changes.trip


def _texts(window: MainWindow) -> list[str]:
    view = window.trips_view.list
    return [view.item(row).text() for row in range(view.count())]


def test_the_last_session_s_list_of_trips_is_the_start_screen_with_covers_dates_and_counts(
    qtbot: QtBot,
    make_window: MakeWindow,
    service: JournalService,
    preferences: Preferences,
    seattle: TripInfo,
    lisbon: TripInfo,
    tmp_path: Path,
) -> None:
    photo = write_photo(tmp_path / "pike.jpg", exif_for(original="2023:09:17 10:00:00"))
    service.import_photos(seattle.id, [photo])
    preferences.set(prefs.LAST_TRIP, prefs.SHOWING_TRIPS)

    window = make_window()

    assert window.stack.currentWidget() is window.trips_view
    assert window.trip is None
    assert _texts(window) == [
        "Lisbon\n10 May – 12 May 2024 · 3 days · 0 photos",
        "Seattle 2023\n16 Sep – 21 Sep 2023 · 6 days · 1 photo",
    ]
    seattle_item, lisbon_item = window.trips_view.list.item(1), window.trips_view.list.item(0)

    def centre(item: QListWidgetItem) -> QColor:
        image = item.icon().pixmap(64).toImage()
        return image.pixelColor(image.width() // 2, image.height() // 2)

    # The photo's orange (JPEG shifts it a little) where the placeholder is transparent.
    qtbot.waitUntil(lambda: centre(seattle_item).alpha() == 255, timeout=3000)
    assert centre(seattle_item).red() > 150 > centre(seattle_item).blue()
    assert centre(lisbon_item).alpha() == 0, "no photos, no cover"


def test_all_trips_then_return_opens_the_selected_trip(
    qtbot: QtBot, make_window: MakeWindow, seattle: TripInfo, lisbon: TripInfo
) -> None:
    window = make_window()
    assert window.trip is not None
    assert window.trip.id == lisbon.id

    window.actions_.all_trips.trigger()
    assert window.stack.currentWidget() is window.trips_view
    assert window.trips_view.selected_trip() == lisbon.id
    view = window.trips_view.list
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Return)

    assert window.trip is not None
    assert window.trip.id == seattle.id
    assert window.stack.currentWidget() is window.panes


def test_f2_renames_and_delete_deletes_the_selected_trip(
    qtbot: QtBot,
    make_window: MakeWindow,
    service: JournalService,
    seattle: TripInfo,
    lisbon: TripInfo,
) -> None:
    window = make_window()
    window.actions_.all_trips.trigger()
    view = window.trips_view.list
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)

    QTest.keyClick(view, Qt.Key.Key_F2)
    dialog = window.trips_view.rename_dialog
    assert dialog is not None
    assert dialog.textValue() == "Lisbon"
    dialog.setTextValue("Lisbon & Porto")
    dialog.accept()

    assert service.trip(lisbon.id).title == "Lisbon & Porto"
    assert window.stack.currentWidget() is window.trips_view, "a rename opens nothing"
    assert _texts(window)[0].startswith("Lisbon & Porto\n")

    view.setCurrentRow(1)
    QTest.keyClick(view, Qt.Key.Key_Delete)

    assert [trip.id for trip in service.list_trips()] == [lisbon.id]
    assert window.stack.currentWidget() is window.trips_view
    assert len(_texts(window)) == 1


def test_deleting_the_open_trip_shows_the_list_rather_than_another_trip(
    make_window: MakeWindow,
    service: JournalService,
    seattle: TripInfo,
    lisbon: TripInfo,
    message_boxes: MessageBoxAnswerer,
) -> None:
    window = make_window()
    message_boxes.answer = message_boxes.answer.Yes
    window.actions_.delete_trip.trigger()

    assert [trip.id for trip in service.list_trips()] == [seattle.id]
    assert window.trip is None
    assert window.stack.currentWidget() is window.trips_view


def test_a_300_character_title_is_elided_in_the_trips_menu(
    make_window: MakeWindow, service: JournalService, seattle: TripInfo
) -> None:
    title = "A very long trip " * 18 + "the end"
    assert len(title) > 300
    service.rename_trip(seattle.id, title)

    window = make_window()
    menu = window.actions_.trips_menu
    [action] = menu.actions()

    assert "the end" not in action.text()
    assert action.toolTip() == title
    screen = QApplication.primaryScreen().availableGeometry().width()
    assert menu.sizeHint().width() < min(screen, 1280) * 0.6
