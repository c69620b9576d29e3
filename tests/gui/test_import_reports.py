"""What the window says after an import: names that are not UTF-8 shown readably (Qt would drop
their bytes), a full disk said once, restored copies listed."""

import errno
import os
from pathlib import Path
from urllib.parse import quote_from_bytes

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt, QUrl
from pytestqt.qtbot import QtBot

from journal.gui.import_summary import INCOMPLETE, RESTORED, ImportSummaryDialog
from journal.gui.main_window import MainWindow
from journal.photos.storage import Stored, store_original
from journal.services import JournalService, TripInfo, photo_staging
from tests.gui.drag_events import drag_and_drop
from tests.gui.message_boxes import MessageBoxAnswerer
from tests.gui.test_photos import window
from tests.photos.camera_files_test_data import camera_card
from tests.photos.photo_files import exif_for, write_photo
from tests.photos.test_camera_files import cut_jpeg

__all__ = ["window"]  # the fixture, shared with the photo tests


def _import(qtbot: QtBot, window: MainWindow, paths: list[Path]) -> ImportSummaryDialog:
    window.photo_actions.import_paths(paths)
    report = window.importer.last_report
    assert report is not None
    dialog = ImportSummaryDialog(report, window)
    qtbot.addWidget(dialog)
    return dialog


def _rows(dialog: ImportSummaryDialog) -> list[tuple[str, str, str]]:
    items = [dialog.files.topLevelItem(row) for row in range(dialog.files.topLevelItemCount())]
    return [(item.text(0), item.text(1), item.text(2)) for item in items if item is not None]


def test_a_name_that_is_not_utf8_is_shown_with_its_byte_escaped(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, message_boxes: MessageBoxAnswerer
) -> None:
    card = tmp_path / "card"
    card.mkdir()
    try:
        notes = card / os.fsdecode(b"notes\xe9.txt")
        notes.write_text("not a photo")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")

    dialog = _import(qtbot, window, [notes])

    assert "notes\\xe9.txt: not an image" in window.statusBar().currentMessage()
    [warning] = message_boxes.shown
    assert "notes\\xe9.txt: not an image" in warning.text
    [(name, reason, folder)] = _rows(dialog)
    assert (name, folder) == ("notes\\xe9.txt", str(card))
    assert reason.startswith("not an image")


def test_a_full_disk_is_said_once_in_a_warning_the_status_bar_and_the_summary(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxAnswerer,
) -> None:
    card = tmp_path / "card"
    for index in range(10):
        write_photo(card / f"p{index}.jpg", exif_for(original=f"2023:09:18 10:0{index}:00"))
    copies = 0

    def disk_fills_after_three(source: Path, destination: Path, digest: str) -> Stored:
        nonlocal copies
        copies += 1
        if copies > 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return store_original(source, destination, digest)

    monkeypatch.setattr(f"{photo_staging.__name__}.store_original", disk_fills_after_three)

    dialog = _import(qtbot, window, [card])

    imported = len(service.all_photos(seattle.id))
    assert 0 < imported <= 3
    [warning] = message_boxes.shown
    assert warning.title == "The Disk Is Full"
    assert warning.text.startswith("The disk is full (")
    assert f"{imported} photo" in warning.text
    assert window.statusBar().currentMessage().startswith("The disk is full: imported")
    assert _rows(dialog) == []  # no line per file left behind
    assert "The disk is full (" in dialog.counts.text()


def test_the_summary_lists_restored_copies(
    qtbot: QtBot,
    window: MainWindow,
    service: JournalService,
    seattle: TripInfo,
    tmp_path: Path,
) -> None:
    source = write_photo(tmp_path / "a.jpg", exif_for(original="2023:09:18 10:00:00"))
    _import(qtbot, window, [source])
    [photo] = service.all_photos(seattle.id)
    service.photo_path(photo).unlink()

    dialog = _import(qtbot, window, [source])

    assert ("a.jpg", RESTORED, str(tmp_path)) in _rows(dialog)
    assert "1 restored" in window.statusBar().currentMessage()


def test_a_dropped_file_whose_name_is_not_utf8_is_imported(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo, tmp_path: Path
) -> None:
    card = tmp_path / "card"
    plain = write_photo(card / "café 1.jpg", exif_for(original="2023:09:18 10:00:00"))
    try:
        odd = card / os.fsdecode(b"IMG_\xff2.jpg")
        write_photo(odd, exif_for(original="2023:09:18 11:00:00"), color=(1, 2, 3))
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    # What a file manager puts on the clipboard: each name's bytes, percent-encoded.
    data = QMimeData()
    data.setUrls(
        [
            QUrl.fromEncoded(QByteArray(b"file://" + quote_from_bytes(os.fsencode(path)).encode()))
            for path in (plain, odd)
        ]
    )

    drag_and_drop(window.timeline.viewport(), QPoint(10, 10), data, Qt.DropAction.CopyAction)

    names = sorted(photo.original_name for photo in service.all_photos(seattle.id))
    assert names == ["IMG_\\xff2.jpg", "café 1.jpg"]


def test_a_camera_folder_says_its_videos_and_sidecars_once_and_lists_no_failure(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, message_boxes: MessageBoxAnswerer
) -> None:
    card = tmp_path / "card"
    camera_card(card)
    cut = cut_jpeg(card / "pulled-out.jpg")

    dialog = _import(qtbot, window, [card])

    status = window.statusBar().currentMessage()
    assert status == "Imported 3 photos · 1 incomplete · 6 not photos, skipped"
    assert message_boxes.shown == []
    assert "Not photos, skipped (2 videos, 4 sidecars)." in dialog.counts.text()
    assert "<b>0</b> refused" in dialog.counts.text()
    assert _rows(dialog) == [(cut.name, INCOMPLETE, str(card))]
