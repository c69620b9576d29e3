"""Drag and drop you can see (issue 14, defect 2): the day under dragged photos is highlighted,
a line shows where photos dragged in the gallery would go, files from another application
hovering over the window raise a veil saying they will be imported, and a drag of several
photos carries their count."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from journal.gui.drag_pixmap import drag_pixmap
from journal.gui.main_window import MainWindow
from journal.services import JournalService, TextTarget, TripInfo
from tests.gui.drag_events import drag_and_drop, file_mime
from tests.gui.windows import MakeWindow
from tests.photos.photo_files import exif_for, write_photo

DAY1 = date(2023, 9, 17)
BUTTONS, NO_KEYS = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


@pytest.fixture
def window(
    make_window: MakeWindow, service: JournalService, seattle: TripInfo, tmp_path: Path
) -> MainWindow:
    for hour in range(3):
        write_photo(
            tmp_path / "roll" / f"{hour}.jpg",
            exif_for(original=f"2023:09:17 1{hour}:00:00"),
            color=(60 * hour, 100, 200),
        )
    service.import_photos(seattle.id, [tmp_path / "roll"])
    window = make_window()
    row = window.timeline_model.row_of(TextTarget.of_day(DAY1))
    assert row is not None
    window.timeline.setCurrentIndex(window.timeline_model.index(row))
    assert window.gallery_model.rowCount() == 3
    return window


def _hover(widget: QWidget, position: QPoint, window: MainWindow, rows: list[int]) -> None:
    data = window.gallery_model.mimeData([window.gallery_model.index(row) for row in rows])
    move = Qt.DropAction.MoveAction
    QApplication.sendEvent(widget, QDragEnterEvent(position, move, data, BUTTONS, NO_KEYS))
    QApplication.sendEvent(widget, QDragMoveEvent(position, move, data, BUTTONS, NO_KEYS))


def test_the_day_under_dragged_photos_is_highlighted_and_the_intro_is_not(
    qtbot: QtBot, window: MainWindow
) -> None:
    timeline = window.timeline
    day2 = window.timeline_model.row_of(TextTarget.of_day(date(2023, 9, 18)))
    assert day2 is not None
    before = timeline.viewport().grab().toImage()

    _hover(
        timeline.viewport(),
        timeline.visualRect(window.timeline_model.index(day2)).center(),
        window,
        [0],
    )

    assert timeline.drop_target_row() == day2
    highlighted = timeline.viewport().grab().toImage()
    edge = timeline.visualRect(window.timeline_model.index(day2)).topLeft() + QPoint(30, 1)
    accent = timeline.palette().color(QPalette.ColorRole.Highlight)
    assert QColor(highlighted.pixel(edge)) != QColor(before.pixel(edge))
    assert _close(QColor(highlighted.pixel(edge)), accent)

    intro = timeline.visualRect(window.timeline_model.index(0)).center()
    _hover(timeline.viewport(), intro, window, [0])
    assert timeline.drop_target_row() is None
    QApplication.sendEvent(timeline.viewport(), QDragLeaveEvent())
    assert timeline.drop_target_row() is None


def _close(color: QColor, expected: QColor) -> bool:
    channels = zip(
        (color.red(), color.green(), color.blue()),
        (expected.red(), expected.green(), expected.blue()),
        strict=True,
    )
    return all(abs(a - b) <= 60 for a, b in channels)


def test_a_line_shows_where_photos_dragged_in_the_gallery_would_go(
    qtbot: QtBot, window: MainWindow
) -> None:
    gallery = window.gallery
    second = gallery.visualRect(window.gallery_model.index(1))

    _hover(gallery.viewport(), QPoint(second.left() + 3, second.center().y()), window, [2])

    assert gallery.insertion_row() == 1
    image = gallery.viewport().grab().toImage()
    gap = (gallery.gridSize().width() - second.width()) // 2
    line = QPoint(second.left() - gap, second.center().y())
    assert _close(QColor(image.pixel(line)), gallery.palette().color(QPalette.ColorRole.Highlight))

    QApplication.sendEvent(gallery.viewport(), QDragLeaveEvent())
    assert gallery.insertion_row() is None


def test_files_from_outside_raise_a_veil_that_says_they_will_be_imported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    data = file_mime(tmp_path / "roll")
    editor = window.editor.editor.viewport()
    copy = Qt.DropAction.CopyAction

    QApplication.sendEvent(editor, QDragEnterEvent(QPoint(5, 5), copy, data, BUTTONS, NO_KEYS))

    overlay = window.sorting.drop_overlay
    assert overlay.isVisible()
    assert "Drop to import into Seattle 2023" in overlay.message
    assert overlay.geometry().contains(window.gallery.mapTo(window, QPoint(5, 5)))
    QApplication.sendEvent(editor, QDragLeaveEvent())
    qtbot.waitUntil(lambda: not overlay.isVisible())

    drag_and_drop(editor, QPoint(5, 5), data, copy)
    assert not overlay.isVisible()


def test_a_drag_of_several_photos_carries_their_count(qtbot: QtBot, window: MainWindow) -> None:
    gallery = window.gallery
    palette = gallery.palette()
    indexes = [window.gallery_model.index(row) for row in range(3)]
    qtbot.waitUntil(
        lambda: all(window.thumbnails.pixmap(window.gallery_model.photo(r)) for r in range(3))
    )

    several = gallery.drag_picture(indexes).toImage()
    one = gallery.drag_picture(indexes[:1]).toImage()

    ratio = several.devicePixelRatio()
    badge = QPoint(
        int((several.width() / ratio - 13) * ratio), int(22 * ratio)
    )  # in the badge, under its number
    assert _close(QColor(several.pixel(badge)), palette.color(QPalette.ColorRole.Highlight))
    assert one.width() < several.width()
    assert drag_pixmap([], 120, palette).width() > 0  # no thumbnail yet: still a badge
