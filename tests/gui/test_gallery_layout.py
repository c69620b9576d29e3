"""A gallery that uses the window (issue 14, defect 4): a wrapping grid, a thumbnail size slider
and Ctrl+wheel, the gallery's share remembered per kind of section, and the intro and closing
saying that photos belong to days instead of showing an empty box."""

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journal.gui.main_window import MainWindow
from journal.gui.preferences import THUMBNAIL_SIZE, Preferences
from journal.gui.thumbnail_loader import THUMB_BOX
from journal.gui.timeline_entries import EntryKey, EntryKind
from journal.services import JournalService, TextTarget, TripInfo
from tests.gui.windows import MakeWindow
from tests.photos.photo_files import exif_for, write_photo


@pytest.fixture
def tray(service: JournalService, seattle: TripInfo, tmp_path: Path) -> int:
    """Forty photos taken before the trip: the Unassigned tray to sort."""
    for number in range(40):
        write_photo(
            tmp_path / "before" / f"IMG_{number:03d}.jpg",
            exif_for(original=f"2023:09:0{1 + number // 10} 0{number % 10}:00:00"),
            color=(number * 6, 90, 200 - number * 4),
        )
    service.import_photos(seattle.id, [tmp_path / "before"])
    return 40


def _show(window: MainWindow, key: EntryKey) -> None:
    row = window.timeline_model.row_of(key)
    assert row is not None
    window.timeline.setCurrentIndex(window.timeline_model.index(row))


def _gallery_share(window: MainWindow) -> float:
    gallery, editor = window.day_splitter.sizes()
    return gallery / (gallery + editor)


def test_the_tray_wraps_its_photos_in_rows_across_the_gallery(
    qtbot: QtBot, make_window: MakeWindow, seattle: TripInfo, tray: int
) -> None:
    window = make_window()
    _show(window, EntryKind.UNASSIGNED)
    view = window.gallery
    qtbot.waitUntil(lambda: view.visualRect(window.gallery_model.index(tray - 1)).isValid())

    tops = {view.visualRect(window.gallery_model.index(row)).top() for row in range(tray)}
    per_row = tray // len(tops)
    assert len(tops) > 1
    assert per_row >= view.viewport().width() // view.gridSize().width() - 1
    assert _gallery_share(window) > 0.7  # the tray is all photos: the gallery takes the room


def test_each_kind_of_section_keeps_its_own_gallery_share(
    qtbot: QtBot, make_window: MakeWindow, seattle: TripInfo, tray: int, preferences: Preferences
) -> None:
    window = make_window()
    day = TextTarget.of_day(seattle.start_date)
    _show(window, day)
    day_share = _gallery_share(window)
    _show(window, EntryKind.UNASSIGNED)
    total = sum(window.day_splitter.sizes())
    window.day_splitter.setSizes([total // 2, total - total // 2])
    window.day_splitter.splitterMoved.emit(total // 2, 1)  # as a drag of the handle does

    _show(window, day)
    assert _gallery_share(window) == pytest.approx(day_share, abs=0.02)
    _show(window, EntryKind.UNASSIGNED)
    assert _gallery_share(window) == pytest.approx(0.5, abs=0.02)
    window.close()

    reopened = make_window()  # the same preferences: a restart
    assert reopened.timeline.currentIndex().data() == "Unassigned"
    assert _gallery_share(reopened) == pytest.approx(0.5, abs=0.02)


def test_the_intro_says_photos_belong_to_days_and_leaves_the_room_to_the_text(
    qtbot: QtBot, make_window: MakeWindow, seattle: TripInfo
) -> None:
    window = make_window()

    _show(window, TextTarget.intro())

    assert not window.gallery.isVisible()
    assert "No photos here — photos belong to days" in window.gallery_pane.header.text()
    assert _gallery_share(window) < 0.15
    _show(window, TextTarget.of_day(seattle.start_date))
    assert window.gallery.isVisible()


def test_ctrl_wheel_and_the_slider_size_the_thumbnails_and_are_remembered(
    qtbot: QtBot,
    make_window: MakeWindow,
    seattle: TripInfo,
    tray: int,
    preferences: Preferences,
) -> None:
    window = make_window()
    _show(window, EntryKind.UNASSIGNED)
    view = window.gallery
    assert view.iconSize().width() == THUMB_BOX
    slider = window.gallery_pane.size_slider
    assert slider.isVisible()

    center = QPointF(view.viewport().rect().center())
    global_center = QPointF(view.viewport().mapToGlobal(center.toPoint()))
    for _ in range(2):
        wheel = QWheelEvent(
            center,
            global_center,
            QPoint(),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.ControlModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), wheel)

    assert view.iconSize().width() == THUMB_BOX - 2 * slider.singleStep()
    assert slider.value() == view.iconSize().width()
    assert preferences.get(THUMBNAIL_SIZE) == view.iconSize().width()
    slider.setValue(slider.minimum())
    assert view.gridSize().width() < THUMB_BOX
    window.close()
    assert make_window().gallery.iconSize().width() == slider.minimum()
