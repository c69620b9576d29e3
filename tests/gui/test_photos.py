"""Photos in the window: dropped in, streamed into the gallery, moved between days by drag,
reordered, dropped into the text, captioned in the viewer.

The window's runner is inline, so an action's effect is there when it returns; an import whose
progress or Cancel a test watches runs on real threads."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QPixmap, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QFileDialog,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)
from pytestqt.qtbot import QtBot

from journal.gui.gallery_model import GalleryModel
from journal.gui.main_window import MainWindow
from journal.gui.timeline_entries import EntryKey, EntryKind
from journal.services import JournalService, TextTarget, TripInfo
from tests.gui.drag_events import drag_and_drop, file_mime
from tests.gui.message_boxes import MessageBoxAnswerer
from tests.gui.windows import MakeWindow
from tests.photos.photo_files import exif_for, write_photo

DAY0, DAY1, DAY2 = date(2023, 9, 16), date(2023, 9, 17), date(2023, 9, 18)


@pytest.fixture
def camera_roll(tmp_path: Path) -> Path:
    folder = tmp_path / "camera roll"
    write_photo(folder / "morning.jpg", exif_for(original="2023:09:17 08:00:00"))
    write_photo(folder / "noon.jpg", exif_for(original="2023:09:17 12:30:00"), color=(20, 90, 200))
    write_photo(folder / "evening.jpg", exif_for(original="2023:09:18 19:00:00"))
    write_photo(folder / "before.jpg", exif_for(original="2023:09:01 09:00:00"))
    return folder


@pytest.fixture
def window(make_window: MakeWindow, seattle: TripInfo) -> MainWindow:
    window = make_window()
    assert window.timeline_model.rowCount() > 0
    return window


@pytest.fixture
def threaded_window(qtbot: QtBot, make_window: MakeWindow, seattle: TripInfo) -> MainWindow:
    """The window on real threads, its trip shown."""
    window = make_window(threads=True)
    qtbot.waitUntil(lambda: window.timeline_model.rowCount() > 0)
    return window


def _key(day: date | None) -> EntryKey:
    return EntryKind.UNASSIGNED if day is None else TextTarget.of_day(day)


def _select_day(window: MainWindow, day: date | None) -> None:
    row = window.timeline_model.row_of(_key(day))
    assert row is not None
    window.timeline.setCurrentIndex(window.timeline_model.index(row))
    assert window.gallery_model.day == day


def _names(model: GalleryModel) -> list[str]:
    return [model.photo(row).original_name for row in range(model.rowCount())]


def _day_count(window: MainWindow, day: date | None) -> int:
    row = window.timeline_model.row_of(_key(day))
    assert row is not None
    return window.timeline_model.entry(row).photo_count


def test_dropped_files_import_onto_their_days(
    qtbot: QtBot,
    threaded_window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    camera_roll: Path,
) -> None:
    window = threaded_window
    row = window.timeline_model.row_of(TextTarget.of_day(DAY1))
    assert row is not None
    window.timeline.setCurrentIndex(window.timeline_model.index(row))
    qtbot.waitUntil(lambda: window.gallery_model.day == DAY1)
    data = file_mime(camera_roll)
    planned: list[dict[date | None, int]] = []
    window.importer.planned.connect(planned.append)
    with qtbot.waitSignal(window.importer.finished, timeout=20_000) as finished:
        drop = drag_and_drop(
            window.gallery.viewport(), QPoint(20, 20), data, Qt.DropAction.CopyAction
        )
        assert drop.isAccepted()
        assert window.import_status.isVisible()
        assert window.import_status.cancel_button.isEnabled()

    assert not window.import_status.isVisible()
    # The days filled as soon as the first file's date was read, before any copy.
    assert sum(planned[0].values()) == 1
    assert planned[-1] == {}
    report = finished.args[0]
    assert (len(report.imported), report.unassigned, report.failures) == (4, 1, ())
    qtbot.waitUntil(lambda: _names(window.gallery_model) == ["morning.jpg", "noon.jpg"])
    qtbot.waitUntil(lambda: _day_count(window, DAY2) == 1 and _day_count(window, None) == 1)
    assert [p.original_name for p in service.photos(seattle.id, DAY1)] == [
        "morning.jpg",
        "noon.jpg",
    ]
    assert "Imported 4 photos" in window.statusBar().currentMessage()
    assert window.actions_.import_summary.isEnabled()
    # Thumbnails stream in: the placeholder is replaced by the real image.
    index = window.gallery_model.index(0)
    qtbot.waitUntil(
        lambda: window.thumbnails.pixmap(window.gallery_model.photo(0)) is not None, timeout=10_000
    )
    pixmap = index.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(pixmap, QPixmap)
    assert (pixmap.width(), pixmap.height()) == (48, 32)  # the photo's, not the placeholder's
    assert index.data(Qt.ItemDataRole.ToolTipRole).splitlines()[1].endswith("(EXIF)")


def test_file_import_folder_takes_subfolders_and_the_next_dialog_starts_beside_it(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    camera_roll: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    card = camera_roll.parent / "DCIM"
    write_photo(card / "100CANON" / "a.jpg", exif_for(original="2023:09:17 09:00:00"))
    write_photo(card / "100CANON" / "deeper" / "b.jpg", exif_for(original="2023:09:18 09:00:00"))
    started_in: list[str] = []

    def choose(_parent: object, _caption: str, start: str) -> str:
        started_in.append(start)
        return str(card / "100CANON")

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    assert "Ctrl+Shift+I" in window.actions_.import_folder.shortcut().toString()
    window.actions_.import_folder.trigger()

    assert window.importer.last_report is not None
    assert len(window.importer.last_report.imported) == 2
    assert sorted(p.original_name for p in service.all_photos(seattle.id)) == ["a.jpg", "b.jpg"]
    window.actions_.import_folder.trigger()
    assert window.importer.last_report.duplicate_count == 2
    assert started_in == [str(Path.home()), str(card)]


def test_files_dropped_on_the_editor_import_instead_of_pasting(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    assert not window.editor.editor.isReadOnly()
    data = file_mime(camera_roll / "evening.jpg")
    drag_and_drop(window.editor.editor.viewport(), QPoint(10, 10), data, Qt.DropAction.CopyAction)
    assert window.editor.editor.toPlainText() == ""
    assert [p.original_name for p in service.photos(seattle.id, DAY2)] == ["evening.jpg"]


def test_a_dropped_non_image_is_refused_with_its_reason(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    tmp_path: Path,
    message_boxes: MessageBoxAnswerer,
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a photo", encoding="utf-8")

    drag_and_drop(
        window.timeline.viewport(), QPoint(10, 10), file_mime(notes), Qt.DropAction.CopyAction
    )

    assert service.all_photos(seattle.id) == []
    assert len(message_boxes.texts) == 1
    assert "notes.txt: " in message_boxes.texts[0]
    assert "notes.txt" in window.statusBar().currentMessage()


@pytest.fixture
def imported(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo, camera_roll: Path
) -> dict[str, int]:
    service.import_photos(seattle.id, [camera_roll])
    window.refresh_timeline()
    assert _day_count(window, DAY1) == 2
    return {photo.original_name: photo.id for photo in service.all_photos(seattle.id)}


def test_a_photo_dragged_onto_a_day_moves_there(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    imported: dict[str, int],
) -> None:
    _select_day(window, DAY1)
    assert window.gallery_model.rowCount() == 2
    data = window.gallery_model.mimeData([window.gallery_model.index(1)])
    target = window.timeline.visualRect(
        window.timeline_model.index(window.timeline_model.row_of(TextTarget.of_day(DAY2)) or 0)
    ).center()

    drop = drag_and_drop(window.timeline.viewport(), target, data, Qt.DropAction.MoveAction)

    assert drop.isAccepted()
    assert _names(window.gallery_model) == ["morning.jpg"]
    moved = service.photo(imported["noon.jpg"])
    assert (moved.day_date, moved.pinned) == (DAY2, True)
    assert _day_count(window, DAY2) == 2

    unassigned = window.timeline.visualRect(
        window.timeline_model.index(window.timeline_model.row_of(EntryKind.UNASSIGNED) or 0)
    ).center()
    data = window.gallery_model.mimeData([window.gallery_model.index(0)])
    drag_and_drop(window.timeline.viewport(), unassigned, data, Qt.DropAction.MoveAction)
    assert _day_count(window, None) == 2
    assert service.photo(imported["morning.jpg"]).day_date is None


def test_photos_cannot_be_dropped_on_the_intro(
    qtbot: QtBot, window: MainWindow, service: JournalService, imported: dict[str, int]
) -> None:
    _select_day(window, DAY1)
    assert window.gallery_model.rowCount() == 2
    data = window.gallery_model.mimeData([window.gallery_model.index(0)])
    intro = window.timeline.visualRect(window.timeline_model.index(0)).center()

    drop = drag_and_drop(window.timeline.viewport(), intro, data, Qt.DropAction.MoveAction)

    assert not drop.isAccepted()
    assert service.photo(imported["morning.jpg"]).day_date == DAY1


def test_dragging_inside_the_gallery_reorders_the_day(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    imported: dict[str, int],
) -> None:
    _select_day(window, DAY1)
    assert window.gallery_model.rowCount() == 2
    data = window.gallery_model.mimeData([window.gallery_model.index(1)])
    first = window.gallery.visualRect(window.gallery_model.index(0))

    drag_and_drop(
        window.gallery.viewport(),
        QPoint(first.left() + 4, first.center().y()),
        data,
        Qt.DropAction.MoveAction,
    )

    assert _names(window.gallery_model) == ["noon.jpg", "morning.jpg"]
    assert [p.original_name for p in service.photos(seattle.id, DAY1)] == [
        "noon.jpg",
        "morning.jpg",
    ]


def test_a_photo_dropped_in_the_text_becomes_an_image_reference_shown_in_the_preview(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    imported: dict[str, int],
) -> None:
    service.set_caption(imported["noon.jpg"], "점심 [lunch]")
    _select_day(window, DAY1)
    assert window.gallery_model.rowCount() == 2
    editor = window.editor.editor
    assert not editor.isReadOnly()
    editor.setPlainText("Before.\nAfter.")
    data = window.gallery_model.mimeData([window.gallery_model.index(1)])
    cursor = editor.textCursor()
    cursor.setPosition(len("Before.\n"))
    second_line = editor.cursorRect(cursor).center()

    drag_and_drop(editor.viewport(), second_line, data, Qt.DropAction.CopyAction)

    noon = imported["noon.jpg"]
    # A paragraph of its own: right under "Before." it would join that paragraph.
    assert editor.toPlainText() == f"Before.\n\n![점심 \\[lunch\\]](photo:{noon})\n\nAfter."
    qtbot.waitUntil(lambda: service.day(seattle.id, DAY1).body == editor.toPlainText())
    qtbot.waitUntil(lambda: window.thumbnails.preview_image(noon) is not None, timeout=10_000)
    preview = window.editor.preview
    qtbot.waitUntil(lambda: f'src="photo:{noon}"' in preview.toHtml())
    image = preview.loadResource(2, f"photo:{noon}")  # 2: QTextDocument.ImageResource
    assert image.width() > 4


def test_delete_removes_selected_photos_only_from_the_gallery(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    imported: dict[str, int],
    message_boxes: MessageBoxAnswerer,
) -> None:
    _select_day(window, DAY1)
    assert window.gallery_model.rowCount() == 2
    editor = window.editor.editor
    assert not editor.isReadOnly()
    editor.setPlainText("ab")
    window.gallery.select_ids([imported["noon.jpg"]])

    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_Home)
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.toPlainText() == "b"
    assert message_boxes.texts == []

    window.gallery.setFocus()
    QTest.keyClick(window.gallery, Qt.Key.Key_Delete)
    assert message_boxes.texts == []  # Undo brings the photo back: nothing to ask
    assert _names(window.gallery_model) == ["morning.jpg"]
    assert [p.original_name for p in service.photos(seattle.id, DAY1)] == ["morning.jpg"]
    assert window.statusBar().currentMessage() == "Removed 1 photo. Edit ▸ Undo brings it back."


def test_deleting_a_photo_the_text_shows_says_so_and_takes_it_out_of_the_editor(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    imported: dict[str, int],
    message_boxes: MessageBoxAnswerer,
) -> None:
    noon, morning = imported["noon.jpg"], imported["morning.jpg"]
    _select_day(window, DAY1)
    assert window.gallery_model.rowCount() == 2
    editor, preview = window.editor.editor, window.editor.preview
    assert not editor.isReadOnly()

    window.gallery.select_ids([noon])
    # Typed a moment ago, not saved yet: the removal must see it all the same.
    editor.setPlainText(
        f"Market.\n\n![noon](photo:{noon})\n\nLunch ![m](photo:{morning}) here. More."
    )
    editor.moveCursor(QTextCursor.MoveOperation.End)

    window.gallery.setFocus()
    QTest.keyClick(window.gallery, Qt.Key.Key_Delete)

    assert message_boxes.texts == []
    without = f"Market.\n\nLunch ![m](photo:{morning}) here. More."
    assert editor.toPlainText() == without
    assert f'src="photo:{morning}"' in preview.toHtml()
    assert f'src="photo:{noon}"' not in preview.toHtml()
    assert not editor.isReadOnly()
    assert editor.textCursor().atEnd()  # where the typing was, not back at the start
    window.editor.flush()
    assert service.day(seattle.id, DAY1).body == without
    assert window.statusBar().currentMessage() == (
        "Removed 1 photo and its image from the text. Edit ▸ Undo brings it back."
    )


def test_cancel_stops_an_import_and_keeps_what_finished(
    qtbot: QtBot,
    threaded_window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    tmp_path: Path,
) -> None:
    window = threaded_window
    roll = tmp_path / "many"
    for number in range(60):
        write_photo(
            roll / f"IMG_{number:03d}.jpg",
            exif_for(original=f"2023:09:17 {8 + number // 10:02d}:{number % 60:02d}:00"),
            size=(16, 12),
        )
    clicked: list[bool] = []

    def cancel_once(_event: object) -> None:
        if not clicked:
            clicked.append(True)
            window.import_status.cancel_button.click()

    window.importer.progressed.connect(cancel_once)
    with qtbot.waitSignal(window.importer.finished, timeout=20_000) as finished:
        window.photo_actions.import_paths([roll])

    report = finished.args[0]
    assert report.cancelled
    assert len(report.imported) < 60
    assert len(service.all_photos(seattle.id)) == len(report.imported)
    assert "cancelled" in window.statusBar().currentMessage()


def test_the_unassigned_tray_explains_itself_instead_of_an_editor_and_has_a_cover(
    qtbot: QtBot, window: MainWindow, imported: dict[str, int]
) -> None:
    editor = window.editor
    row = window.timeline_model.row_of(EntryKind.UNASSIGNED)
    assert row is not None
    assert window.timeline_model.entry(row).cover_photo_id == imported["before.jpg"]

    _select_day(window, None)
    assert editor.heading.text() == "Unassigned"
    assert editor.explanation.isVisibleTo(window)
    assert "Drag them onto a day" in editor.explanation.text()
    hidden = (editor.title, editor.editor, editor.preview, editor.word_count)
    assert not any(widget.isVisibleTo(window) for widget in hidden)
    assert _names(window.gallery_model) == ["before.jpg"]
    header = window.gallery_pane.header.text()
    assert header.startswith("1 photo in Unassigned · drag onto a day")
    assert "text" not in header  # the tray has none to drag into

    _select_day(window, DAY1)
    assert "into the text to show them" in window.gallery_pane.header.text()
    assert not editor.explanation.isVisibleTo(window)
    assert all(widget.isVisibleTo(window) for widget in (editor.title, editor.editor))
    assert editor.word_count.isVisibleTo(window)


def test_portrait_and_landscape_thumbnails_both_show_their_names(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo, tmp_path: Path
) -> None:
    roll = tmp_path / "shapes"
    write_photo(roll / "wide.jpg", exif_for(original="2023:09:17 08:00:00"), size=(400, 300))
    write_photo(roll / "tall.jpg", exif_for(original="2023:09:17 09:00:00"), size=(300, 400))
    service.import_photos(seattle.id, [roll])
    window.refresh_timeline()
    assert _day_count(window, DAY1) == 2
    _select_day(window, DAY1)
    model, view = window.gallery_model, window.gallery
    qtbot.waitUntil(lambda: all(window.thumbnails.pixmap(model.photo(row)) for row in range(2)))

    delegate = view.itemDelegate()
    assert isinstance(delegate, QStyledItemDelegate)
    cells = {}
    for row in range(2):
        index = model.index(row)
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = view.visualRect(index)
        delegate.initStyleOption(option, index)
        label = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        cells[model.photo(row).original_name] = (QRect(option.rect), QRect(label))

    for cell, label in cells.values():
        assert label.height() >= view.fontMetrics().height()
        assert cell.contains(label)
    assert cells["tall.jpg"][1].height() == cells["wide.jpg"][1].height()
