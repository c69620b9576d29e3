"""The camera clock dialog previews before it writes; the viewer edits captions; trip dialogs."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from journal.gui.camera_dialog import PREVIEW_DELAY_MS, CameraDialog, format_offset_seconds
from journal.gui.import_summary import ImportSummaryDialog
from journal.gui.main_window import MainWindow
from journal.gui.photo_viewer import PhotoViewer
from journal.gui.trip_dialog import TripDialog
from journal.photos.import_progress import ImportFailure
from journal.services import JournalService, NewTrip, TextTarget, TripInfo
from journal.services.changes import Changes
from journal.services.photo_import import ImportReport
from tests.gui.message_boxes import Button, MessageBoxAnswerer
from tests.gui.typing import type_with_input_method
from tests.photos.photo_files import exif_for, write_photo

DAY1, DAY2 = date(2023, 9, 17), date(2023, 9, 18)
#: Long enough that, sized to its text, the name column would push the day columns out of view.
CANON = "canon-IMG_20230918_030000-the-harbour-at-dawn-from-the-deck-of-the-bainbridge-ferry.jpg"


@pytest.fixture
def window(qtbot: QtBot, make_window, seattle: TripInfo) -> MainWindow:
    window: MainWindow = make_window()
    assert window.timeline_model.rowCount() > 0
    return window


@pytest.fixture
def photo_ids(service: JournalService, seattle: TripInfo, tmp_path: Path) -> dict[str, int]:
    roll = tmp_path / "roll"
    # A Canon left on Seoul time: 03:00 on the 18th there is 11:00 on the 17th in Seattle.
    for name, when in ((CANON, "03:00"), ("canon-late.jpg", "22:00")):
        exif = exif_for(
            original=f"2023:09:18 {when}:00", make="Canon", model="Canon EOS R6", serial="0123"
        )
        write_photo(roll / name, exif)
    write_photo(roll / "phone.jpg", exif_for(original="2023:09:18 10:00:00", make="Apple"))
    report = service.import_photos(seattle.id, [roll])
    assert report.failures == ()
    return {photo.original_name: photo.id for photo in service.all_photos(seattle.id)}


def _day_count(window: MainWindow, day: date) -> int:
    row = window.timeline_model.row_of(TextTarget.of_day(day))
    assert row is not None
    return window.timeline_model.entry(row).photo_count


def _cell(dialog: CameraDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    return item.text() if item is not None else ""


def test_camera_offset_previews_day_changes_before_applying(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    photo_ids: dict[str, int],
) -> None:
    dialog = CameraDialog(service, window.runner, window.hub, seattle, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    labels = [_cell(dialog, row, 0) for row in range(2)]
    assert labels == ["Canon EOS R6 (#0123)", "Apple"]
    assert _cell(dialog, 0, 2) == "none"
    dialog.show()
    dialog.table.selectRow(0)

    dialog.sign.setCurrentIndex(1)
    dialog.hours.setValue(16)
    qtbot.waitUntil(lambda: len(dialog.moves) == 1)

    assert [(m.original_name, m.old_day, m.new_day) for m in dialog.moves] == [(CANON, DAY2, DAY1)]
    item = dialog.moves_view.topLevelItem(0)
    assert item is not None
    assert (item.text(1), item.text(2)) == ("Day 2 · Mon 18 Sep", "Day 1 · Sun 17 Sep")
    assert item.text(0) == CANON
    for column in (1, 2):  # the day columns read whole, side by side
        needed = dialog.moves_view.sizeHintForColumn(column)
        assert dialog.moves_view.columnWidth(column) >= needed
    widths = [dialog.moves_view.columnWidth(column) for column in range(3)]
    assert sum(widths) <= dialog.moves_view.viewport().width()
    assert service.photo(photo_ids[CANON]).day_date == DAY2  # nothing written yet

    reported: list[tuple[Changes, str]] = []
    window.hub.changed.connect(lambda changes, name: reported.append((changes, name)))
    dialog.apply_button.click()
    assert service.photo(photo_ids[CANON]).day_date == DAY1
    assert service.photo(photo_ids["canon-late.jpg"]).day_date == DAY2
    [(changes, name)] = reported
    assert (changes.days, name) == (
        frozenset({DAY1, DAY2}),
        "Correct the clock of Canon EOS R6 (#0123)",
    )
    # The window heard it through the hub: the photo moved in its timeline too.
    assert [_day_count(window, day) for day in (DAY1, DAY2)] == [1, 2]
    assert _cell(dialog, 0, 2) == "−16 h"
    # The list now says what moved, and stays so: the photo is on Day 1 already.
    assert dialog.moves_label.text() == "Applied: 1 photo moved to another day:"
    assert dialog.moves_view.headerItem().text(2) == "Now on"
    qtbot.wait(PREVIEW_DELAY_MS * 2)
    assert dialog.moves_label.text() == "Applied: 1 photo moved to another day:"
    assert not dialog.apply_button.isEnabled()

    # A new offset previews afresh, and Apply waits for that preview.
    dialog.hours.setValue(15)
    assert not dialog.apply_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.moves_label.text() != "Applied: 1 photo moved to another day:")
    assert dialog.moves_view.headerItem().text(2) == "Would move to"
    assert dialog.apply_button.isEnabled()


def test_offsets_read_as_people_write_them() -> None:
    assert format_offset_seconds(9 * 3600) == "+9 h"
    assert format_offset_seconds(-(3600 + 1800)) == "−1 h 30 min"
    assert format_offset_seconds(0) == "none"


def test_the_viewer_steps_through_the_day_and_saves_captions(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    photo_ids: dict[str, int],
) -> None:
    photos = service.photos(seattle.id, DAY2)
    viewer = PhotoViewer(photos, 0, window.thumbnails, window)
    qtbot.addWidget(viewer)
    viewer.caption_edited.connect(window.photo_actions.set_caption)
    viewer.show()
    assert viewer.photo.id == photos[0].id
    assert not viewer.previous_button.isEnabled()
    assert viewer.previous_button.toolTip() == "Previous photo (PgUp or Alt+Left)"
    assert viewer.next_button.toolTip() == "Next photo (PgDown or Alt+Right)"

    viewer.caption.setFocus()
    type_with_input_method(viewer.caption, "해질녘")
    viewer.next_button.click()

    assert viewer.photo.id == photos[1].id
    assert service.photo(photos[0].id).caption == "해질녘"
    qtbot.waitUntil(lambda: not viewer.image.pixmap().isNull())
    viewer.step(-1)
    assert viewer.caption.text() == "해질녘"


def test_new_trip_dialog_explains_bad_input_and_keeps_it(qtbot: QtBot) -> None:
    dialog = TripDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.error.text() == "A trip needs a title."
    assert dialog.isVisible()

    type_with_input_method(dialog.title, "제주 여행")
    dialog.start.setDate(QDate(2024, 5, 1))
    dialog.end.setDate(QDate(2024, 5, 4))
    dialog.timezone.setCurrentText("Asia/Nowhere")
    dialog.accept()
    assert "Unknown time zone" in dialog.error.text()

    dialog.timezone.setCurrentText("Asia/Seoul")
    QTest.keyClicks(dialog.categories, "Travel, Food,  ")
    dialog.accept()
    new = dialog.new_trip()
    assert (new.title, new.start_date, new.timezone, new.categories) == (
        "제주 여행",
        date(2024, 5, 1),
        "Asia/Seoul",
        ("Travel", "Food"),
    )


def test_typed_iso_dates_are_read_as_written_and_the_trip_keeps_its_length(
    qtbot: QtBot,
) -> None:
    dialog = TripDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start.setDate(QDate(2026, 11, 26))
    dialog.end.setDate(QDate(2026, 11, 30))

    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.title.setFocus()
    QTest.keyClick(dialog.title, Qt.Key.Key_Tab)  # lands on the year, selected
    QTest.keyClicks(dialog.start, "2023-09-16")
    assert dialog.start.date() == QDate(2023, 9, 16)
    assert dialog.end.date() == QDate(2023, 9, 20)

    dialog.end.setFocus()
    QTest.keyClick(dialog.end, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dialog.end, "2023/9/21")
    assert dialog.end.date() == QDate(2023, 9, 21)
    dialog.accept()
    new = dialog.new_trip()
    assert (new.start_date, new.end_date) == (date(2023, 9, 16), date(2023, 9, 21))


def _ok_button(dialog: TripDialog) -> QPushButton:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    return buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_trip_properties_keep_the_last_day_when_the_first_moves(
    qtbot: QtBot, seattle: TripInfo
) -> None:
    dialog = TripDialog(trip=seattle)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = _ok_button(dialog)

    dialog.start.setDate(QDate(2023, 9, 15))
    assert dialog.end.date() == QDate(2023, 9, 21)
    assert dialog.error.isHidden()
    assert ok.isEnabled()

    dialog.start.setDate(QDate(2023, 9, 22))
    assert dialog.end.date() == QDate(2023, 9, 21)
    assert dialog.error.isVisible()
    assert dialog.error.text() == "The trip ends (2023-09-21) before it starts (2023-09-22)."
    assert not ok.isEnabled()
    dialog.accept()
    assert dialog.isVisible()

    dialog.end.setDate(QDate(2023, 9, 23))
    assert dialog.error.isHidden()
    assert ok.isEnabled()
    properties = dialog.properties()
    assert (properties.start_date, properties.end_date) == (date(2023, 9, 22), date(2023, 9, 23))


def test_new_trip_dialog_keeps_the_length_and_refuses_a_last_day_before_the_first(
    qtbot: QtBot,
) -> None:
    dialog = TripDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    ok = _ok_button(dialog)
    dialog.start.setDate(QDate(2024, 5, 10))
    dialog.end.setDate(QDate(2024, 5, 12))

    dialog.start.setDate(QDate(2024, 5, 13))
    assert dialog.end.date() == QDate(2024, 5, 15)

    dialog.end.setDate(QDate(2024, 5, 12))
    assert dialog.error.text() == "The trip ends (2024-05-12) before it starts (2024-05-13)."
    assert not ok.isEnabled()


def test_a_new_trip_from_the_dialog_opens_in_the_window(
    qtbot: QtBot, window: MainWindow, service: JournalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill_and_accept(dialog: TripDialog) -> int:
        dialog.title.setText("Jeju & Udo 2024")
        dialog.start.setDate(QDate(2024, 5, 1))
        dialog.end.setDate(QDate(2024, 5, 3))
        dialog.timezone.setCurrentText("Asia/Seoul")
        return TripDialog.DialogCode.Accepted.value

    monkeypatch.setattr(TripDialog, "exec", fill_and_accept)
    window.actions_.new_trip.trigger()

    assert window.windowTitle() == "Jeju & Udo 2024 — Trip Journal"
    assert window.timeline_model.rowCount() == 1 + 3 + 2
    assert [trip.title for trip in service.list_trips()] == ["Jeju & Udo 2024", "Seattle 2023"]
    assert len(window.actions_.trips_menu.actions()) == 2
    # The "&" reads as written in the menu, not as an Alt+U shortcut.
    jeju = window.actions_.trips_menu.actions()[0]
    assert jeju.iconText() == "Jeju & Udo 2024  (2024-05-01)"
    assert QKeySequence.mnemonic(jeju.text()).isEmpty()


def _questions(message_boxes: MessageBoxAnswerer) -> list[tuple[str, str, Button]]:
    """(title, text, default button) of every box shown: an information box after the question
    would be one too many, since the question already said it all."""
    return [(box.title, box.text, box.default) for box in message_boxes.shown]


def test_trip_properties_rename_and_move_dates_keeping_text(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxAnswerer,
) -> None:
    service.set_day_text(seattle.id, date(2023, 9, 21), "마지막 날")
    message_boxes.answer = Button.Yes

    def edit_and_accept(dialog: TripDialog) -> int:
        assert dialog.title.text() == "Seattle 2023"
        dialog.title.setText("AWS Summit 2023")
        dialog.end.setDate(QDate(2023, 9, 20))
        return TripDialog.DialogCode.Accepted.value

    monkeypatch.setattr(TripDialog, "exec", edit_and_accept)
    window.actions_.trip_properties.trigger()

    assert window.windowTitle() == "AWS Summit 2023 — Trip Journal"
    assert _questions(message_boxes) == [
        (
            "Change Trip Dates",
            "The text of 21 Sep will be kept outside the trip (nothing is deleted; setting the "
            "dates back restores them). Change the dates?",
            Button.Cancel,
        )
    ]
    trip = service.trip(seattle.id)
    assert (trip.title, trip.end_date) == ("AWS Summit 2023", date(2023, 9, 20))
    last = window.timeline_model.entry(window.timeline_model.rowCount() - 1)
    assert last.day == date(2023, 9, 21)


MAY = {day: date(2024, 5, day) for day in range(9, 16)}


@pytest.fixture
def jeju(service: JournalService, tmp_path: Path) -> TripInfo:
    """The review's trip, 10-12 May: four photos on its days and text on 10 May; photos of
    9, 13 and 14 May wait in Unassigned. No other trip, so the window opens this one."""
    changes = service.create_trip(NewTrip("Jeju 2024", MAY[10], MAY[12], "Asia/Seoul"))
    assert changes.trip is not None
    roll = tmp_path / "jeju"
    for second, day in enumerate((9, 10, 11, 12, 12, 13, 14)):
        taken = f"2024:05:{day:02d} 09:00:{second:02d}"
        write_photo(roll / f"{day}-{second}.jpg", exif_for(original=taken))
    assert service.import_photos(changes.trip.id, [roll]).failures == ()
    service.set_day_text(changes.trip.id, MAY[10], "도착. The ferry was late.")
    return changes.trip


def _edit_properties(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    edit: Callable[[TripDialog], None],
) -> MainWindow:
    """Open the window, then Trip Properties with ``edit`` done in the dialog before OK."""
    window = make_window()
    assert window.windowTitle() == "Jeju 2024 — Trip Journal"

    def edit_and_accept(dialog: TripDialog) -> int:
        edit(dialog)
        return TripDialog.DialogCode.Accepted.value

    monkeypatch.setattr(TripDialog, "exec", edit_and_accept)
    window.actions_.trip_properties.trigger()
    return window


def test_moving_a_trip_asks_first_and_cancel_goes_back_to_the_dialog_with_its_edits(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    service: JournalService,
    jeju: TripInfo,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxAnswerer,
) -> None:
    message_boxes.answer = Button.Cancel
    photos = service.all_photos(jeju.id)
    window = make_window()
    shown_again: list[tuple[str, QDate, QDate]] = []

    def edit_then_leave(dialog: TripDialog) -> int:
        if not message_boxes.shown:
            dialog.title.setText("Jeju, later")
            dialog.start.setDate(QDate(2024, 5, 13))
            dialog.end.setDate(QDate(2024, 5, 15))
            return TripDialog.DialogCode.Accepted.value
        # Back after Cancel on the question (defect 9): every edit is still there.
        shown_again.append((dialog.title.text(), dialog.start.date(), dialog.end.date()))
        return TripDialog.DialogCode.Rejected.value

    monkeypatch.setattr(TripDialog, "exec", edit_then_leave)
    window.actions_.trip_properties.trigger()

    assert shown_again == [("Jeju, later", QDate(2024, 5, 13), QDate(2024, 5, 15))]
    assert _questions(message_boxes) == [
        (
            "Change Trip Dates",
            "4 photos will move to Unassigned and the text of 10 May will be kept outside the "
            "trip (nothing is deleted; setting the dates back restores them). 2 photos from "
            "Unassigned will go onto their days. Change the dates?",
            Button.Cancel,
        )
    ]
    assert service.trip(jeju.id) == jeju
    assert service.all_photos(jeju.id) == photos
    assert service.day(jeju.id, MAY[10]).body == "도착. The ferry was late."


def test_an_earlier_first_day_asks_with_the_change_as_default_and_keeps_the_last_day(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    service: JournalService,
    jeju: TripInfo,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxAnswerer,
) -> None:
    message_boxes.answer = Button.Yes

    def start_a_day_earlier(dialog: TripDialog) -> None:
        dialog.start.setDate(QDate(2024, 5, 9))

    window = _edit_properties(qtbot, make_window, monkeypatch, start_a_day_earlier)

    assert service.trip(jeju.id).start_date == MAY[9]
    assert service.trip(jeju.id).end_date == MAY[12]
    assert _questions(message_boxes) == [
        (
            "Change Trip Dates",
            "1 photo from Unassigned will go onto its day. Change the dates?",
            Button.Yes,
        )
    ]
    assert service.days(jeju.id).unassigned_photo_count == 2
    assert _day_count(window, MAY[9]) == 1  # the window shows the new first day with its photo


def test_trip_properties_refused_dates_save_nothing(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxAnswerer,
) -> None:
    def rename_with_dates_the_core_refuses(dialog: TripDialog) -> int:
        dialog.title.setText("AWS Summit 2023")
        dialog.end.setDate(QDate(2023, 9, 10))  # the dialog's own check is skipped here
        return TripDialog.DialogCode.Accepted.value

    monkeypatch.setattr(TripDialog, "exec", rename_with_dates_the_core_refuses)
    window.actions_.trip_properties.trigger()

    assert len(message_boxes.shown) == 1
    assert "ends (2023-09-10) before it starts" in message_boxes.texts[0]
    assert service.trip(seattle.id).title == "Seattle 2023"
    assert window.windowTitle() == "Seattle 2023 — Trip Journal"


def test_the_import_summary_shows_each_reason_whole_beside_its_file_name(qtbot: QtBot) -> None:
    deep = Path("/media/card/DCIM/100CANON/exported/for the family album/very long folder name")
    reason = "not an image this app can read (it accepts JPEG, HEIC/HEIF, PNG, WebP or TIFF)"
    report = ImportReport(
        imported=(),
        duplicates=(deep / "IMG_0002.JPG",),
        unassigned=0,
        failures=(ImportFailure(deep / "notes.txt", reason),),
        cancelled=False,
        changes=Changes(),
    )
    dialog = ImportSummaryDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()

    rows = [dialog.files.topLevelItem(row) for row in range(2)]
    assert [(item.text(0), item.text(1)) for item in rows if item is not None] == [
        ("notes.txt", reason),
        ("IMG_0002.JPG", "the trip already has this photo"),
    ]
    view = dialog.files
    assert view.columnWidth(1) >= view.sizeHintForColumn(1)
    assert view.columnWidth(0) + view.columnWidth(1) <= view.viewport().width()


def test_a_refused_zone_is_explained_until_it_is_edited_and_the_dialog_grows_for_it(
    qtbot: QtBot,
) -> None:
    dialog = TripDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("Lisbon 2024")
    dialog.timezone.setCurrentText("Europe/Lis")
    height = dialog.height()

    dialog.accept()

    assert dialog.error.isVisible()
    assert "Europe/Lis" in dialog.error.text()
    assert dialog.result() != TripDialog.DialogCode.Accepted
    assert dialog.height() > height  # the fields keep their size
    dialog.timezone.setCurrentText("Europe/Lisbon")
    assert not dialog.error.isVisible()
    # A first day after the last stays explained while the title changes.
    dialog.start.setDate(dialog.end.date().addDays(3))
    dialog.end.setDate(dialog.start.date().addDays(-1))
    assert dialog.error.isVisible()
    dialog.title.setText("Lisbon 2025")
    assert dialog.error.isVisible()
