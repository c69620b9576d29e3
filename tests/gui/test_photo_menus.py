"""Right-click and keyboard paths on photos, days and photo references (issue 14, defect 3), and
references that say what they show (defect 5). Library state is read through the service."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QDesktopServices,
    QGuiApplication,
    QPalette,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QWidget
from pytestqt.qtbot import QtBot

from journal.gui.gallery_model import DATE_HEADER_ROLE
from journal.gui.main_window import MainWindow
from journal.gui.photo_viewer import PhotoViewer
from journal.gui.timeline_entries import EntryKind
from journal.services import JournalService, TextTarget, TripInfo
from tests.gui.drag_events import drag_and_drop
from tests.gui.windows import MakeWindow
from tests.photos.photo_files import exif_for, write_photo

DAY1, DAY2, DAY3 = date(2023, 9, 17), date(2023, 9, 18), date(2023, 9, 19)
DESCRIPTION = 0x010E


@pytest.fixture
def photo_ids(service: JournalService, seattle: TripInfo, tmp_path: Path) -> dict[str, int]:
    folder = tmp_path / "roll"
    described = exif_for(original="2023:09:17 08:00:00")
    described[DESCRIPTION] = "Pike Place at dawn"
    write_photo(folder / "DSC001.jpg", described)
    write_photo(folder / "DSC002.jpg", exif_for(original="2023:09:17 09:00:00"), color=(9, 9, 99))
    write_photo(folder / "DSC003.jpg", exif_for(original="2023:09:18 10:00:00"), color=(99, 9, 9))
    service.import_photos(seattle.id, [folder])
    return {photo.original_name: photo.id for photo in service.all_photos(seattle.id)}


@pytest.fixture
def window(make_window: MakeWindow, seattle: TripInfo, photo_ids: dict[str, int]) -> MainWindow:
    window = make_window()
    row = window.timeline_model.row_of(TextTarget.of_day(DAY1))
    assert row is not None
    window.timeline.setCurrentIndex(window.timeline_model.index(row))
    assert window.gallery_model.rowCount() == 2
    return window


def _open_menu(widget: QWidget, position: QPoint) -> QMenu:
    """Right-click ``widget`` (a view's viewport) at ``position``; the menu that pops up."""
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, position, widget.mapToGlobal(position)
    )
    QApplication.sendEvent(widget, event)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def _texts(menu: QMenu) -> list[str]:
    return [action.text().replace("&", "") for action in menu.actions() if action.text()]


def _action(menu: QMenu, text: str) -> QAction:
    for action in menu.actions():
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(f"{text!r} not in {_texts(menu)}")


def _trigger(menu: QMenu, text: str) -> None:
    action = _action(menu, text)
    assert action.isEnabled(), text
    menu.close()
    action.trigger()


def _right_click_photo(window: MainWindow, row: int) -> QMenu:
    rect = window.gallery.visualRect(window.gallery_model.index(row))
    return _open_menu(window.gallery.viewport(), rect.center())


def test_ctrl_2_lands_on_a_current_selected_photo_so_delete_and_the_menu_act(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.activateWindow()
    window.timeline.setFocus()
    assert window.gallery.selected_ids() == []

    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(window.gallery.hasFocus)
    first = window.gallery_model.photo(0).id
    assert window.gallery.current_photo_id() == first
    assert window.gallery.selected_ids() == [first]
    assert window.actions_.delete_photos.isEnabled()


def test_the_photo_menu_offers_every_command_and_acts_on_the_clicked_photo(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo
) -> None:
    menu = _right_click_photo(window, 1)

    assert _texts(menu) == [
        "Open",
        "Move to Day",
        "Insert into Text",
        "Set as Day Cover",
        "Set as Trip Cover",
        "Flag",
        "Rating",
        "Hide from Post",
        "Copy Path",
        "Show Original in File Manager",
        "Remove Selected Photos",
    ]
    second = window.gallery_model.photo(1)
    assert window.gallery.selected_ids() == [second.id]
    _trigger(menu, "Set as Day Cover")
    assert service.day(seattle.id, DAY1).cover_photo_id == second.id
    row = window.timeline_model.row_of(TextTarget.of_day(DAY1))
    assert row is not None
    assert window.timeline_model.entry(row).cover_photo_id == second.id

    _trigger(_right_click_photo(window, 1), "Hide from Post")
    assert service.photo(second.id).hidden
    menu = _right_click_photo(window, 1)
    assert _action(menu, "Hide from Post").isChecked()
    assert not _action(menu, "Flag").isChecked()
    menu.close()

    _trigger(_right_click_photo(window, 1), "Copy Path")
    assert QGuiApplication.clipboard().text() == str(service.photo_path(second))


def test_show_original_opens_the_folder_it_was_imported_from(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)

    _trigger(_right_click_photo(window, 0), "Show Original in File Manager")

    assert opened == [QUrl.fromLocalFile(str(tmp_path / "roll"))]


def test_ctrl_m_then_a_day_moves_the_selected_photo_by_keyboard(
    qtbot: QtBot, window: MainWindow, service: JournalService, photo_ids: dict[str, int]
) -> None:
    window.activateWindow()
    window.gallery.setFocus()
    QTest.keyClick(window.gallery, Qt.Key.Key_End)  # the second photo, DSC002
    assert window.gallery.selected_ids() == [photo_ids["DSC002.jpg"]]

    QTest.keyClick(window.gallery, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)

    chooser = window.sorting.photo_commands.day_chooser
    assert chooser is not None
    assert chooser.isVisible()
    labels = _texts(chooser)
    assert labels[:2] == ["Day 0 · Sat 16 Sep", "Day 2 · Mon 18 Sep"]  # not Day 1, shown
    assert labels[-1] == "Unassigned"
    QTest.keyClick(chooser, Qt.Key.Key_Down)  # from Day 0 to Day 2
    QTest.keyClick(chooser, Qt.Key.Key_Return)

    moved = service.photo(photo_ids["DSC002.jpg"])
    assert (moved.day_date, moved.pinned) == (DAY2, True)
    assert window.gallery_model.ids == [photo_ids["DSC001.jpg"]]


def test_insert_into_text_by_keyboard_writes_references_that_say_what_they_show(
    qtbot: QtBot, window: MainWindow, service: JournalService, photo_ids: dict[str, int]
) -> None:
    editor = window.editor.editor
    editor.setPlainText("Morning.")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    window.activateWindow()
    window.gallery.setFocus()
    window.gallery.selectAll()

    QTest.keyClick(window.gallery, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    dawn, other = photo_ids["DSC001.jpg"], photo_ids["DSC002.jpg"]
    # The description is the alt text; a photo with neither caption nor one says nothing,
    # never its file name.
    assert editor.toPlainText() == (
        f"Morning.\n\n![Pike Place at dawn](photo:{dawn})\n\n![](photo:{other})\n"
    )
    assert "DSC" not in editor.toPlainText()


def test_a_photo_dropped_in_the_text_is_described_by_its_own_metadata(
    qtbot: QtBot, window: MainWindow, photo_ids: dict[str, int]
) -> None:
    editor = window.editor.editor
    data = window.gallery_model.mimeData([window.gallery_model.index(0)])

    drag_and_drop(editor.viewport(), QPoint(5, 5), data, Qt.DropAction.CopyAction)

    assert f"![Pike Place at dawn](photo:{photo_ids['DSC001.jpg']})" in editor.toPlainText()


def test_the_text_menu_on_a_reference_shows_the_photo_and_edits_its_caption(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    photo_ids: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other_day = photo_ids["DSC003.jpg"]  # on Day 2: not in the gallery of Day 1
    editor = window.editor.editor
    editor.setPlainText(f"Intro.\n\n![](photo:{other_day})\n")
    cursor = editor.textCursor()
    cursor.setPosition(len("Intro.\n\n") + 3)
    position = editor.cursorRect(cursor).center()
    assert editor.photo_at(position) == other_day

    menu = _open_menu(editor.viewport(), position)
    assert _texts(menu)[:2] == ["Show Photo", "Edit Caption…"]
    _trigger(menu, "Show Photo")
    viewers = window.findChildren(PhotoViewer)
    assert [viewer.isVisible() for viewer in viewers] == [True]

    _trigger(_open_menu(editor.viewport(), position), "Edit Caption…")
    viewer = window.findChildren(PhotoViewer)[-1]
    assert viewer.photo.id == other_day
    qtbot.waitUntil(viewer.caption.hasFocus)
    QTest.keyClicks(viewer.caption, "Ferry to Bainbridge")
    QTest.keyClick(viewer.caption, Qt.Key.Key_Return)
    assert service.photo(other_day).caption == "Ferry to Bainbridge"


def test_the_day_menu_renames_imports_into_the_day_and_sets_its_cover(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    photo_ids: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    row = window.timeline_model.row_of(TextTarget.of_day(DAY3))
    assert row is not None
    day3 = window.timeline.visualRect(window.timeline_model.index(row)).center()
    # Taken on Day 1 by its clock, but the user says it belongs to Day 3.
    late = write_photo(tmp_path / "later" / "late.jpg", exif_for(original="2023:09:17 11:00:00"))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(late)], ""))

    menu = _open_menu(window.timeline.viewport(), day3)
    assert _texts(menu) == ["Rename…", "Import Photos into This Day…", "Set Cover"]
    assert window.gallery_model.day == DAY3
    _trigger(menu, "Import Photos into This Day…")

    imported = service.photos(seattle.id, DAY3)
    assert [(photo.original_name, photo.pinned) for photo in imported] == [("late.jpg", True)]

    window.activateWindow()
    _trigger(_open_menu(window.timeline.viewport(), day3), "Rename…")
    assert window.editor.title.hasFocus()

    unassigned_row = window.timeline_model.row_of(EntryKind.UNASSIGNED)
    assert unassigned_row is not None
    tray = window.timeline.visualRect(window.timeline_model.index(unassigned_row)).center()
    tray_menu = _open_menu(window.timeline.viewport(), tray)
    assert [action.isEnabled() for action in tray_menu.actions()] == [False, False, False]
    tray_menu.close()


def test_culling_by_key_flags_rates_and_hides_and_the_cell_says_so(
    qtbot: QtBot, window: MainWindow, service: JournalService, photo_ids: dict[str, int]
) -> None:
    window.activateWindow()
    window.gallery.setFocus()
    dawn = photo_ids["DSC001.jpg"]
    assert window.gallery.selected_ids() == [dawn]

    QTest.keyClick(window.gallery, Qt.Key.Key_P)
    QTest.keyClick(window.gallery, Qt.Key.Key_3)
    QTest.keyClick(window.gallery, Qt.Key.Key_H)

    photo = service.photo(dawn)
    assert (photo.flagged, photo.rating, photo.hidden) == (True, 3, True)
    spoken = window.gallery_model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.endswith("flagged, 3 stars, hidden from the post")
    QTest.keyClick(window.gallery, Qt.Key.Key_P)
    assert not service.photo(dawn).flagged


def test_the_tray_is_grouped_by_date(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo, tmp_path: Path
) -> None:
    for name, taken in [
        ("a", "2023:09:01 08:00"),
        ("b", "2023:09:01 09:00"),
        ("c", "2023:09:03 10:00"),
    ]:
        write_photo(tmp_path / "early" / f"{name}.jpg", exif_for(original=f"{taken}:00"))
    service.import_photos(seattle.id, [tmp_path / "early"])
    row = window.timeline_model.row_of(EntryKind.UNASSIGNED)
    assert row is not None
    window.timeline.setCurrentIndex(window.timeline_model.index(row))

    headers = [
        window.gallery_model.index(row).data(DATE_HEADER_ROLE)
        for row in range(window.gallery_model.rowCount())
    ]
    assert headers == ["Fri 1 Sep 2023", None, "Sun 3 Sep 2023"]


def test_the_editor_shows_each_referenced_photo_and_its_caption_beside_its_line(
    qtbot: QtBot, window: MainWindow, photo_ids: dict[str, int]
) -> None:
    dawn, other = photo_ids["DSC001.jpg"], photo_ids["DSC002.jpg"]
    editor = window.editor.editor
    editor.setPlainText(
        f"Morning.\n\n![Pike Place \\[dawn\\]](photo:{dawn})\n\nThen.\n\n![](photo:{other})\n"
    )
    margin = editor.margin
    qtbot.waitUntil(lambda: window.thumbnails.pixmap_by_id(dawn) is not None)
    qtbot.waitUntil(lambda: window.thumbnails.pixmap_by_id(other) is not None)

    shown = margin.shown()

    assert [(photo_id, alt) for _top, photo_id, alt in shown] == [
        (dawn, "Pike Place [dawn]"),
        (other, ""),
    ]
    cursor = editor.textCursor()
    cursor.setPosition(len("Morning.\n\n"))
    assert abs(shown[0][0] - editor.cursorRect(cursor).top()) <= 4  # beside its own line
    assert margin.isVisible()
    assert margin.geometry().left() >= editor.viewport().geometry().right()
    image = margin.grab().toImage()
    thumb = QPoint(20, shown[0][0] + 20)
    assert QColor(image.pixel(thumb)) != margin.palette().color(QPalette.ColorRole.AlternateBase)
