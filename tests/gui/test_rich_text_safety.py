"""Text from posts, photos, file names and errors is shown as written, never read as HTML.

Where a Qt widget guesses the format (labels, message boxes, tooltips), text that looks like HTML
is read as HTML, and ``<img src="…">`` makes Qt open that path on the UI thread: a FIFO hung the
app for good, ``/dev/zero`` aborted it. Each test puts ``<img src="FIFO">`` where a trip title, a
camera model, a file name, a caption or an error message goes, and checks that the widget shows
the text as written and that nothing opened the FIFO (``fifo_tripwire``: on the old code such a
test fails rather than hangs).
"""

import os
import subprocess
import textwrap
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolTip,
)
from pytestqt.qtbot import QtBot

from journal.errors import InvalidInputError
from journal.gui import app
from journal.gui.background import TaskRunner
from journal.gui.camera_dialog import CameraDialog
from journal.gui.change_hub import ChangeHub
from journal.gui.export_dialog import ExportDialog
from journal.gui.import_summary import ImportSummaryDialog
from journal.gui.main_window import MainWindow
from journal.gui.post_import_dialog import PostImportDialog
from journal.gui.preferences import Preferences
from journal.gui.trip_dialog import TripDialog
from journal.photos.import_progress import CancelToken
from journal.services import (
    JournalService,
    NewTrip,
    PhotoInfo,
    PostImportCancelledError,
    PostImportReport,
    TripInfo,
)
from journal.store.library import Library
from tests.gui.app_process import run_app
from tests.gui.fifo_tripwire import FifoTripwire
from tests.gui.message_boxes import MessageBoxAnswerer
from tests.gui.windows import MakeWindow
from tests.photos.photo_files import exif_for, write_photo

DAY0 = date(2023, 9, 16)


def as_shown(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """The characters a widget shows for ``text`` in ``text_format`` (auto: as Qt guesses)."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def painted(label: QLabel) -> str:
    """The characters ``label`` shows, once painted as the user sees it (a label reading its
    text as HTML loads the images then)."""
    label.grab()
    return as_shown(label.text(), label.textFormat())


def hover(view: QAbstractItemView, index: QModelIndex | QPersistentModelIndex) -> str:
    """Rest the pointer on ``index`` as a user would: the view shows the item's tooltip; its
    text is returned (as given to the tooltip)."""
    view.scrollTo(index)
    position = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, position, view.viewport().mapToGlobal(position))
    QApplication.sendEvent(view.viewport(), event)
    shown = QToolTip.text()
    QToolTip.hideText()
    return shown


def entity_encoded(markup: str) -> str:
    """``markup`` with its slashes written ``&#47;``: HTML still reads the path, and the result
    can be a file name."""
    return markup.replace("/", "&#47;")


@pytest.fixture
def window(make_window: MakeWindow, seattle: TripInfo) -> MainWindow:
    window = make_window()
    assert window.timeline_model.rowCount() > 0
    return window


@pytest.fixture
def hostile_photo(
    service: JournalService, seattle: TripInfo, tmp_path: Path, tripwire: FifoTripwire
) -> PhotoInfo:
    """A photo of Day 0 whose camera model and caption are markup naming the FIFO."""
    photo = write_photo(
        tmp_path / "card" / "harbour.jpg",
        exif_for(original="2023:09:16 12:00:00", make="Hostile", model=tripwire.html),
    )
    assert service.import_photos(seattle.id, [photo]).failures == ()
    [imported] = service.photos(seattle.id, DAY0)
    service.set_caption(imported.id, tripwire.html)
    [captioned] = service.photos(seattle.id, DAY0)
    assert captioned.camera.label == f"Hostile {tripwire.html}"
    return captioned


#: Opens Day 0's first photo with Enter, as a user does, and prints the viewer's details line
#: once it is painted.
OPEN_PHOTO = """
from journal.gui.photo_viewer import PhotoViewer


def drive() -> None:
    if window.gallery_model.rowCount() == 0:
        QTimer.singleShot(50, drive)
        return
    window.gallery.setFocus()
    window.gallery.setCurrentIndex(window.gallery_model.index(0))
    QTest.keyClick(window.gallery, Qt.Key.Key_Return)
    QTimer.singleShot(0, report)


def report() -> None:
    viewer = window.findChild(PhotoViewer)
    viewer.grab()
    print(viewer.details.textFormat().name, flush=True)
    print(viewer.details.text(), flush=True)
    window.close()
    app.quit()
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_the_viewer_shows_a_camera_model_naming_a_fifo_as_written(
    library_root: Path, tmp_path: Path
) -> None:
    """End to end, as the defect was found: the app hung for good when the photo was opened."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    model = f'<img src="{fifo}">'
    photo = write_photo(
        tmp_path / "card" / "harbour.jpg",
        exif_for(original="2023:09:16 12:00:00", make="Hostile", model=model),
    )
    with Library.open(library_root) as library:
        service = JournalService(library)
        trip = service.create_trip(
            NewTrip("Seattle 2023", DAY0, date(2023, 9, 18), "America/Los_Angeles")
        ).trip
        assert trip is not None
        assert service.import_photos(trip.id, [photo]).failures == ()

    try:
        viewer = run_app(OPEN_PHOTO, library_root, tmp_path / "s.ini", timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the app hung opening the photo")

    assert viewer.returncode == 0, viewer.stderr
    text_format, details = viewer.stdout.splitlines()
    assert text_format == "PlainText"
    assert details.startswith("harbour.jpg · Sat 16 Sep 2023 12:00")
    assert details.endswith(f"Hostile {model} · 48×32")


def test_the_camera_clocks_dialog_shows_a_hostile_camera_as_written(
    qtbot: QtBot, window: MainWindow, hostile_photo: PhotoInfo, tripwire: FifoTripwire
) -> None:
    window.photo_actions.show_camera_clocks()
    dialog = window.findChild(CameraDialog)
    assert isinstance(dialog, CameraDialog)

    label = hostile_photo.camera.label
    qtbot.waitUntil(lambda: dialog.moves_label.text() == f"{label}: no change.")

    shown = painted(dialog.moves_label)
    assert not tripwire.was_opened()
    assert shown == f"{label}: no change."
    assert dialog.moves_label.textFormat() == Qt.TextFormat.PlainText
    dialog.close()


def test_the_gallery_tooltip_shows_a_hostile_caption_and_camera_as_written(
    qtbot: QtBot,
    make_window: MakeWindow,
    hostile_photo: PhotoInfo,
    tripwire: FifoTripwire,
) -> None:
    window = make_window()
    assert window.gallery_model.rowCount() == 1

    shown = as_shown(hover(window.gallery, window.gallery_model.index(0)))

    assert not tripwire.was_opened()
    assert shown.startswith(f"{tripwire.html}\nharbour.jpg\n")
    assert shown.endswith(f"\nHostile {tripwire.html}")


def test_deleting_a_trip_says_so_with_its_hostile_title_as_written(
    qtbot: QtBot,
    make_window: MakeWindow,
    service: JournalService,
    tripwire: FifoTripwire,
    message_boxes: MessageBoxAnswerer,
) -> None:
    service.create_trip(NewTrip(tripwire.html, DAY0, DAY0, "UTC"))
    window = make_window()
    assert window.trip is not None
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)

    window.actions_.delete_trip.trigger()

    assert not tripwire.was_opened()
    assert message_boxes.shown == []  # one Edit ▸ Undo away: no question
    assert f"Deleted “{tripwire.html}”. Edit ▸ Undo brings it back until you quit." in messages
    assert service.list_trips() == []
    window.actions_.undo.trigger()
    assert [trip.title for trip in service.list_trips()] == [tripwire.html]


@pytest.mark.parametrize("error", [InvalidInputError, RuntimeError])
def test_an_error_quoting_hostile_text_is_shown_as_written(
    window: MainWindow,
    tripwire: FifoTripwire,
    message_boxes: MessageBoxAnswerer,
    error: type[Exception],
) -> None:
    failure = error(f"Cannot read {tripwire.html}: it is not a post.")

    if error is RuntimeError:
        with pytest.raises(RuntimeError):  # a bug is shown, then raised for the log
            window.show_error(failure)
    else:
        window.show_error(failure)

    assert not tripwire.was_opened()
    [shown] = message_boxes.shown
    assert shown.text_format == Qt.TextFormat.PlainText
    assert f"Cannot read {tripwire.html}: it is not a post." in shown.text


def test_the_start_up_error_names_a_hostile_library_path_as_written(
    tmp_path: Path, tripwire: FifoTripwire, message_boxes: MessageBoxAnswerer
) -> None:
    hostile = tmp_path / tripwire.html
    with Library.open(hostile):
        assert app.main(["trip-journal", "--library", str(hostile)]) == 1

    assert not tripwire.was_opened()
    [shown] = message_boxes.shown
    assert shown.text_format == Qt.TextFormat.PlainText
    assert f"The library {hostile} is open in another" in shown.text


def test_the_about_box_escapes_a_hostile_library_path(
    qtbot: QtBot,
    tmp_path: Path,
    preferences: Preferences,
    tripwire: FifoTripwire,
    message_boxes: MessageBoxAnswerer,
) -> None:
    hostile = tmp_path / tripwire.html
    with Library.open(hostile) as library:
        window = MainWindow(JournalService(library), preferences, TaskRunner(inline=True))
        qtbot.addWidget(window)
        window.actions_.about.trigger()
        window.close()

    assert not tripwire.was_opened()
    [about] = message_boxes.shown
    assert about.text_format == Qt.TextFormat.RichText
    assert f"Library: {hostile}\n" in as_shown(about.text, about.text_format)


def test_a_refused_file_with_a_hostile_name_is_reported_as_written(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    tripwire: FifoTripwire,
    message_boxes: MessageBoxAnswerer,
) -> None:
    """The warning that nothing was imported, and the summary's tooltips, name the file."""
    name = f"{entity_encoded(tripwire.html)}.jpg"
    empty = tmp_path / "card" / name
    empty.parent.mkdir()
    empty.touch()

    window.photo_actions.import_paths([empty])

    report = window.importer.last_report
    assert report is not None
    dialog = ImportSummaryDialog(report, window)
    qtbot.addWidget(dialog)
    dialog.show()
    item = dialog.files.topLevelItem(0)
    assert item is not None
    tooltip = as_shown(hover(dialog.files, dialog.files.indexFromItem(item, 0)))

    assert not tripwire.was_opened()
    [warning] = message_boxes.shown
    assert warning.text_format == Qt.TextFormat.PlainText
    assert f"\n\n{name}: " in warning.text
    assert tooltip == str(empty)


def hostile_post(folder: Path, title: str, name: str = "2023-09-30-trip.md") -> Path:
    post = folder / "_posts" / name
    post.parent.mkdir(parents=True)
    post.write_text(
        textwrap.dedent(
            f"""\
            ---
            title: '{title}'
            date: 2023-09-30 10:00:00 +0900
            ---

            ## Day 0

            Arrived.
            """
        ),
        encoding="utf-8",
    )
    return post


def accept_post(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, post: Path) -> None:
    def exec_(dialog: PostImportDialog) -> int:
        dialog.choose(post)
        qtbot.waitUntil(dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled)
        return PostImportDialog.DialogCode.Accepted.value

    monkeypatch.setattr(PostImportDialog, "exec", exec_)


def test_the_post_import_report_shows_a_hostile_title_as_written(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    tripwire: FifoTripwire,
    message_boxes: MessageBoxAnswerer,
) -> None:
    accept_post(monkeypatch, qtbot, hostile_post(tmp_path / "site", tripwire.html))

    window.actions_.import_post.trigger()

    assert not tripwire.was_opened()
    [report] = message_boxes.shown
    assert report.text_format == Qt.TextFormat.PlainText
    assert report.text.startswith(f"Created “{tripwire.html}”: 1 day section,")


def test_the_post_import_progress_names_a_hostile_post_as_written(
    qtbot: QtBot,
    make_window: MakeWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    tripwire: FifoTripwire,
) -> None:
    window = make_window(threads=True)  # the import runs until Cancel reaches its thread
    name = f"{entity_encoded(tripwire.html)}.md"
    accept_post(monkeypatch, qtbot, hostile_post(tmp_path / "site", "Trip", name))

    def import_until_cancelled(*_args: object, **kwargs: Any) -> PostImportReport:
        cancel: CancelToken = kwargs["cancel"]
        deadline = time.monotonic() + 10
        while not cancel.cancelled and time.monotonic() < deadline:
            time.sleep(0.01)
        raise PostImportCancelledError("The post import was cancelled.")

    monkeypatch.setattr(window.service, "import_post", import_until_cancelled)

    window.actions_.import_post.trigger()
    progress = window.trip_actions.post_import_progress
    assert progress is not None
    qtbot.waitUntil(progress.isVisible)
    label = progress.findChild(QLabel)
    assert isinstance(label, QLabel)

    shown = painted(label)
    assert not tripwire.was_opened()
    assert shown == f"Importing {name}…"
    assert label.textFormat() == Qt.TextFormat.PlainText
    cancel_button = progress.findChild(QPushButton)
    assert isinstance(cancel_button, QPushButton)
    cancel_button.click()
    qtbot.waitUntil(lambda: window.trip_actions.post_import_progress is None)


def test_the_post_import_summary_shows_a_hostile_time_zone_as_written(
    qtbot: QtBot,
    runner: TaskRunner,
    tmp_path: Path,
    tripwire: FifoTripwire,
    service: JournalService,
) -> None:
    dialog = PostImportDialog(service, runner, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose(hostile_post(tmp_path / "site", "Trip"))

    dialog.timezone.setEditText(tripwire.html)

    shown = painted(dialog.summary)
    assert not tripwire.was_opened()
    assert f"2023-09-30 to 2023-09-30 · 1 day section · {tripwire.html}\n" in shown
    assert dialog.summary.textFormat() == Qt.TextFormat.RichText


def test_the_trip_dialog_explains_a_hostile_time_zone_as_written(
    qtbot: QtBot, tripwire: FifoTripwire
) -> None:
    dialog = TripDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("Seattle")
    dialog.timezone.setCurrentText(tripwire.html)

    dialog.accept()

    shown = painted(dialog.error)
    assert not tripwire.was_opened()
    assert shown.startswith(f"Unknown time zone '{tripwire.html}': use an IANA name")
    assert dialog.error.textFormat() == Qt.TextFormat.PlainText


def test_replacing_an_export_names_files_in_a_hostile_folder_as_written(
    qtbot: QtBot,
    runner: TaskRunner,
    hub: ChangeHub,
    service: JournalService,
    seattle: TripInfo,
    tmp_path: Path,
    tripwire: FifoTripwire,
    message_boxes: MessageBoxAnswerer,
) -> None:
    site = tmp_path / tripwire.html
    service.set_day_text(seattle.id, DAY0, "First.")
    dialog = ExportDialog(service, runner, hub, seattle.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.folder_edit.setText(str(site))
    dialog.export_button.click()
    assert "Wrote" in dialog.status.text()
    service.set_day_text(seattle.id, DAY0, "Rewritten.")
    message_boxes.answer = QMessageBox.StandardButton.No

    dialog.export_button.click()
    assert dialog.status.text() == "Nothing was replaced."

    assert not tripwire.was_opened()
    [question] = message_boxes.shown
    assert question.text_format == Qt.TextFormat.PlainText
    assert f"{site}/_posts/2023-09-16-seattle-2023.md" in question.text
