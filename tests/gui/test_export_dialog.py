"""The Export dialog, offscreen, on a real library: preview, export, progress, the overwrite
question, remembered settings and "Open folder". The runner is inline: an export is done, and
its settings remembered, when the click returns."""

import html
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from journal.export import ExportFormat, ExportSettings
from journal.gui.background import TaskRunner
from journal.gui.change_hub import ChangeHub
from journal.gui.export_dialog import ExportDialog
from journal.services import Changes, JournalService, TripInfo
from tests.export.conftest import AddPhoto, create_summit, photo_adder
from tests.export.trip_content import write_summit
from tests.gui.message_boxes import MessageBoxAnswerer


@pytest.fixture
def summit(service: JournalService) -> TripInfo:
    return create_summit(service)


@pytest.fixture
def add_photo(service: JournalService, tmp_path: Path) -> AddPhoto:
    return photo_adder(service, tmp_path / "camera")


OpenDialog = Callable[[TripInfo], ExportDialog]


@pytest.fixture
def open_dialog(
    qtbot: QtBot, service: JournalService, runner: TaskRunner, hub: ChangeHub
) -> OpenDialog:
    """Open the Export dialog on a trip, its remembered settings loaded."""

    def open_on(trip: TripInfo) -> ExportDialog:
        dialog = ExportDialog(service, runner, hub, trip.id)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.export_button.isEnabled()
        return dialog

    return open_on


def export(dialog: ExportDialog) -> None:
    dialog.export_button.click()
    assert dialog.export_button.isEnabled()


def test_the_preview_shows_the_post_and_follows_the_options(
    open_dialog: OpenDialog,
    qtbot: QtBot,
    service: JournalService,
    summit: TripInfo,
    add_photo: AddPhoto,
) -> None:
    write_summit(service, summit, add_photo)
    dialog = open_dialog(summit)

    assert "## Day 0" in dialog.preview.toPlainText()
    assert dialog.preview.toPlainText().startswith("---\nlayout: post\n")
    assert "](/assets/images/aws-summit-2023/day-0-01.jpg)" in dialog.preview.toPlainText()

    dialog.form.format_box.setCurrentIndex(dialog.form.format_box.findData(ExportFormat.HUGO.value))
    dialog.form.front_matter_edit.setPlainText("author: 김민수\n")
    qtbot.waitUntil(lambda: "draft: false" in dialog.preview.toPlainText())
    assert "author: 김민수" in dialog.preview.toPlainText()
    assert "](day-0-01.jpg)" in dialog.preview.toPlainText()
    assert not dialog.form.baseurl_edit.isEnabled()

    dialog.form.front_matter_edit.setPlainText("- not a mapping\n")
    qtbot.waitUntil(lambda: "must be YAML keys and values" in dialog.preview.toPlainText())


def test_export_writes_the_post_reports_progress_and_remembers_the_settings(
    open_dialog: OpenDialog,
    qtbot: QtBot,
    service: JournalService,
    summit: TripInfo,
    add_photo: AddPhoto,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_summit(service, summit, add_photo)
    dialog = open_dialog(summit)
    dialog.form.format_box.setCurrentIndex(
        dialog.form.format_box.findData(ExportFormat.MARKDOWN.value)
    )
    dialog.form.folder_edit.setText(str(tmp_path / "site"))
    dialog.form.size_spin.setValue(800)
    dialog.form.front_matter_edit.setPlainText("author: 김민수\n")

    export(dialog)

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
    open_dialog: OpenDialog, qtbot: QtBot, service: JournalService, summit: TripInfo, tmp_path: Path
) -> None:
    service.save_export_settings(
        summit.id,
        ExportSettings(
            format=ExportFormat.HUGO,
            folder=tmp_path,
            per_day=True,
            slug="summit",
            places_in_headings=True,
        ),
    )
    dialog = open_dialog(summit)
    assert dialog.form.format_box.currentData() == "hugo"
    assert dialog.form.folder_edit.text() == str(tmp_path)
    assert dialog.form.per_day_box.isChecked()
    assert dialog.form.places_box.isChecked()
    assert dialog.form.slug_edit.text() == "summit"
    assert dialog.form.slug_edit.placeholderText() == "aws-summit-2023"
    assert dialog.form.settings() == service.export_settings(summit.id)


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_exporting_over_a_changed_post_asks_first(
    open_dialog: OpenDialog,
    qtbot: QtBot,
    service: JournalService,
    summit: TripInfo,
    tmp_path: Path,
    message_boxes: MessageBoxAnswerer,
    answer: QMessageBox.StandardButton,
) -> None:
    service.set_day_text(summit.id, date(2023, 9, 16), "첫 번째 글.")
    dialog = open_dialog(summit)
    dialog.form.folder_edit.setText(str(tmp_path))
    export(dialog)
    post = tmp_path / "_posts" / "2023-09-16-aws-summit-2023.md"
    assert "첫 번째 글." in post.read_text(encoding="utf-8")
    service.set_day_text(summit.id, date(2023, 9, 16), "고쳐 쓴 글.")
    message_boxes.answer = answer
    export(dialog)
    if answer == QMessageBox.StandardButton.Yes:
        assert "Wrote" in dialog.status.text()

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
    open_dialog: OpenDialog, qtbot: QtBot, service: JournalService, summit: TripInfo, tmp_path: Path
) -> None:
    service.set_day_text(summit.id, date(2023, 9, 16), "글.")
    dialog = open_dialog(summit)
    dialog.form.folder_edit.setText(str(tmp_path / "out"))
    dialog.form.slug_edit.setText("../../escape")

    export(dialog)
    assert "Invalid slug" in dialog.status.text()
    assert not (tmp_path / "out").exists()

    dialog.form.slug_edit.clear()
    dialog.form.folder_edit.clear()
    dialog.export_button.click()
    assert "Choose the folder to export into." in dialog.status.text()


def test_each_format_keeps_its_own_folder_and_a_change_clears_the_last_outcome(
    open_dialog: OpenDialog, qtbot: QtBot, service: JournalService, summit: TripInfo, tmp_path: Path
) -> None:
    service.save_export_settings(
        summit.id, ExportSettings(format=ExportFormat.JEKYLL, folder=tmp_path / "jekyll-site")
    )
    dialog = open_dialog(summit)
    assert dialog.form.folder_edit.text() == str(tmp_path / "jekyll-site")

    dialog.form.format_box.setCurrentIndex(dialog.form.format_box.findData(ExportFormat.HUGO.value))
    assert dialog.form.folder_edit.text() == ""
    dialog.form.folder_edit.setText(str(tmp_path / "hugo-site"))
    export(dialog)
    assert "Wrote 1 post and " in dialog.status.text()
    assert dialog.progress.value() == dialog.progress.maximum() > 0

    dialog.form.format_box.setCurrentIndex(
        dialog.form.format_box.findData(ExportFormat.JEKYLL.value)
    )
    assert dialog.form.folder_edit.text() == str(tmp_path / "jekyll-site")
    assert dialog.status.text() == ""
    assert dialog.progress.value() == -1
    dialog.form.format_box.setCurrentIndex(dialog.form.format_box.findData(ExportFormat.HUGO.value))
    assert dialog.form.folder_edit.text() == str(tmp_path / "hugo-site")

    # Closed and opened again, the dialog still knows both sites.
    dialog.close()
    again = open_dialog(summit)
    assert again.form.format_box.currentData() == ExportFormat.HUGO.value
    assert again.form.folder_edit.text() == str(tmp_path / "hugo-site")
    again.form.format_box.setCurrentIndex(again.form.format_box.findData(ExportFormat.JEKYLL.value))
    assert again.form.folder_edit.text() == str(tmp_path / "jekyll-site")


def test_the_export_runs_off_the_ui_thread_and_closing_waits_for_it(
    qtbot: QtBot,
    service: JournalService,
    summit: TripInfo,
    add_photo: AddPhoto,
    tmp_path: Path,
) -> None:
    """On the window's runner with real threads: the export is written on the export thread
    while the dialog stays responsive, its progress reaches the dialog on the UI thread, and a
    dialog closed mid-export waits for it, then remembers its settings through the hub."""
    write_summit(service, summit, add_photo)
    runner = TaskRunner()
    hub = ChangeHub(runner)
    reported: list[tuple[Changes, str]] = []
    hub.changed.connect(lambda changes, name: reported.append((changes, name)))
    dialog = ExportDialog(service, runner, hub, summit.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.export_button.isEnabled)  # the remembered settings arrived
    progress_on: set[str] = set()
    dialog.progress.valueChanged.connect(
        lambda _value: progress_on.add(threading.current_thread().name)
    )
    dialog.form.format_box.setCurrentIndex(
        dialog.form.format_box.findData(ExportFormat.MARKDOWN.value)
    )
    dialog.form.folder_edit.setText(str(tmp_path / "site"))

    dialog.export_button.click()
    assert not dialog.export_button.isEnabled()  # the click returned with the export under way
    dialog.close()

    assert (tmp_path / "site" / "aws-summit-2023.md").is_file()
    qtbot.waitUntil(lambda: len(reported) == 2)
    assert [changes.trip.id for changes, _name in reported if changes.trip] == [summit.id] * 2
    assert service.export_settings(summit.id).folder == tmp_path / "site"
    assert progress_on == {threading.main_thread().name}
    runner.shut_down()


def test_tagged_extra_front_matter_is_refused_by_key_and_nothing_is_written(
    open_dialog: OpenDialog,
    qtbot: QtBot,
    service: JournalService,
    summit: TripInfo,
    add_photo: AddPhoto,
    tmp_path: Path,
) -> None:
    """``!!binary`` would export ``author: b'hello'`` (issue 11.4): the preview and the export
    both say which key is tagged, and nothing is written or remembered."""
    write_summit(service, summit, add_photo)
    dialog = open_dialog(summit)
    dialog.form.folder_edit.setText(str(tmp_path / "site"))
    dialog.form.front_matter_edit.setPlainText("author: Jane\nsubtitle: !!binary aGVsbG8=\n")
    refusal = "'subtitle' is tagged !!binary, which is not plain data"
    qtbot.waitUntil(lambda: refusal in dialog.preview.toPlainText())

    export(dialog)

    assert html.escape(refusal) in dialog.status.text()
    assert not (tmp_path / "site").exists()
    assert service.front_matter_template(summit.id) == {}
