"""The Export dialog, offscreen, on a real library: preview, export off the UI thread, progress,
the overwrite question, remembered settings and "Open folder"."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from journal.export import ExportFormat, ExportSettings
from journal.gui.export_dialog import ExportDialog
from journal.services import JournalService, TripInfo
from tests.export.conftest import AddPhoto, create_summit, photo_adder
from tests.export.trip_content import write_summit
from tests.gui.message_boxes import MessageBoxAnswerer


@pytest.fixture
def summit(service: JournalService) -> TripInfo:
    return create_summit(service)


@pytest.fixture
def add_photo(service: JournalService, tmp_path: Path) -> AddPhoto:
    return photo_adder(service, tmp_path / "camera")


def open_dialog(qtbot: QtBot, service: JournalService, trip: TripInfo) -> ExportDialog:
    dialog = ExportDialog(service, trip.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled())
    return dialog


def export_and_wait(qtbot: QtBot, dialog: ExportDialog) -> None:
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=20_000)


def test_the_preview_shows_the_post_and_follows_the_options(
    qtbot: QtBot, service: JournalService, summit: TripInfo, add_photo: AddPhoto
) -> None:
    write_summit(service, summit, add_photo)
    dialog = open_dialog(qtbot, service, summit)

    qtbot.waitUntil(lambda: "## Day 0" in dialog.preview.toPlainText())
    assert dialog.preview.toPlainText().startswith("---\nlayout: post\n")
    assert "](/assets/images/aws-summit-2023/day-0-01.jpg)" in dialog.preview.toPlainText()

    dialog.format_box.setCurrentIndex(dialog.format_box.findData(ExportFormat.HUGO.value))
    dialog.front_matter_edit.setPlainText("author: 김민수\n")
    qtbot.waitUntil(lambda: "draft: false" in dialog.preview.toPlainText())
    assert "author: 김민수" in dialog.preview.toPlainText()
    assert "](day-0-01.jpg)" in dialog.preview.toPlainText()
    assert not dialog.baseurl_edit.isEnabled()

    dialog.front_matter_edit.setPlainText("- not a mapping\n")
    qtbot.waitUntil(lambda: "must be YAML keys and values" in dialog.preview.toPlainText())


def test_export_writes_the_post_reports_progress_and_remembers_the_settings(
    qtbot: QtBot,
    service: JournalService,
    summit: TripInfo,
    add_photo: AddPhoto,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_summit(service, summit, add_photo)
    dialog = open_dialog(qtbot, service, summit)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(ExportFormat.MARKDOWN.value))
    dialog.folder_edit.setText(str(tmp_path / "site"))
    dialog.size_spin.setValue(800)
    dialog.front_matter_edit.setPlainText("author: 김민수\n")

    export_and_wait(qtbot, dialog)

    post = tmp_path / "site" / "aws-summit-2023.md"
    assert post.is_file()
    assert "author: 김민수" in post.read_text(encoding="utf-8")
    assert (dialog.progress.value(), dialog.progress.maximum()) == (6, 6)
    assert "Wrote 1 post and 5 images" in dialog.status.text()
    remembered = service.export_settings(summit.id)
    assert remembered.format is ExportFormat.MARKDOWN
    assert remembered.folder == tmp_path / "site"
    assert remembered.images.max_long_edge == 800
    assert service.front_matter_template(summit.id) == {"author": "김민수"}

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    assert dialog.open_button.isVisible()
    dialog.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(tmp_path / "site"))]


def test_a_reopened_dialog_starts_from_the_remembered_settings(
    qtbot: QtBot, service: JournalService, summit: TripInfo, tmp_path: Path
) -> None:
    service.save_export_settings(
        summit.id,
        ExportSettings(format=ExportFormat.HUGO, folder=tmp_path, per_day=True, slug="summit"),
    )
    dialog = open_dialog(qtbot, service, summit)
    assert dialog.format_box.currentData() == "hugo"
    assert dialog.folder_edit.text() == str(tmp_path)
    assert dialog.per_day_box.isChecked()
    assert dialog.slug_edit.text() == "summit"
    assert dialog.slug_edit.placeholderText() == "aws-summit-2023"
    assert dialog.settings() == service.export_settings(summit.id)


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_exporting_over_a_changed_post_asks_first(
    qtbot: QtBot,
    service: JournalService,
    summit: TripInfo,
    tmp_path: Path,
    message_boxes: MessageBoxAnswerer,
    answer: QMessageBox.StandardButton,
) -> None:
    service.set_day_text(summit.id, date(2023, 9, 16), "첫 번째 글.")
    dialog = open_dialog(qtbot, service, summit)
    dialog.folder_edit.setText(str(tmp_path))
    export_and_wait(qtbot, dialog)
    post = tmp_path / "_posts" / "2023-09-16-aws-summit-2023.md"
    assert "첫 번째 글." in post.read_text(encoding="utf-8")
    service.set_day_text(summit.id, date(2023, 9, 16), "고쳐 쓴 글.")
    message_boxes.answer = answer
    export_and_wait(qtbot, dialog)
    if answer == QMessageBox.StandardButton.Yes:
        qtbot.waitUntil(lambda: "Wrote" in dialog.status.text(), timeout=20_000)

    [question] = message_boxes.shown
    assert question.icon is QMessageBox.Icon.Question
    assert question.default == QMessageBox.StandardButton.No
    assert str(post) in question.text
    written = post.read_text(encoding="utf-8")
    if answer == QMessageBox.StandardButton.Yes:
        assert "고쳐 쓴 글." in written
    else:
        assert "첫 번째 글." in written
        assert dialog.status.text() == "Nothing was replaced."


def test_bad_options_show_a_message_and_write_nothing(
    qtbot: QtBot, service: JournalService, summit: TripInfo, tmp_path: Path
) -> None:
    service.set_day_text(summit.id, date(2023, 9, 16), "글.")
    dialog = open_dialog(qtbot, service, summit)
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.slug_edit.setText("../../escape")

    export_and_wait(qtbot, dialog)
    qtbot.waitUntil(lambda: "Invalid slug" in dialog.status.text())
    assert not (tmp_path / "out").exists()

    dialog.slug_edit.clear()
    dialog.folder_edit.clear()
    dialog.export_button.click()
    assert "Choose the folder to export into." in dialog.status.text()


def test_each_format_keeps_its_own_folder_and_a_change_clears_the_last_outcome(
    qtbot: QtBot, service: JournalService, summit: TripInfo, tmp_path: Path
) -> None:
    service.save_export_settings(
        summit.id, ExportSettings(format=ExportFormat.JEKYLL, folder=tmp_path / "jekyll-site")
    )
    dialog = open_dialog(qtbot, service, summit)
    assert dialog.folder_edit.text() == str(tmp_path / "jekyll-site")

    dialog.format_box.setCurrentIndex(dialog.format_box.findData(ExportFormat.HUGO.value))
    assert dialog.folder_edit.text() == ""
    dialog.folder_edit.setText(str(tmp_path / "hugo-site"))
    export_and_wait(qtbot, dialog)
    assert "Wrote 1 post and " in dialog.status.text()
    assert dialog.progress.value() == dialog.progress.maximum() > 0

    dialog.format_box.setCurrentIndex(dialog.format_box.findData(ExportFormat.JEKYLL.value))
    assert dialog.folder_edit.text() == str(tmp_path / "jekyll-site")
    assert dialog.status.text() == ""
    assert dialog.progress.value() == -1
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(ExportFormat.HUGO.value))
    assert dialog.folder_edit.text() == str(tmp_path / "hugo-site")

    # Closed and opened again, the dialog still knows both sites.
    dialog.close()
    again = open_dialog(qtbot, service, summit)
    assert again.format_box.currentData() == ExportFormat.HUGO.value
    assert again.folder_edit.text() == str(tmp_path / "hugo-site")
    again.format_box.setCurrentIndex(again.format_box.findData(ExportFormat.JEKYLL.value))
    assert again.folder_edit.text() == str(tmp_path / "jekyll-site")
