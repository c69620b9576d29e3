"""File ▸ Import Post…: the dialog plans the post off the UI thread and says what will happen.

The runner is inline (the plan is shown when ``choose`` returns, a post is imported when the
action's trigger returns), except where Cancel must reach an import running on its thread."""

import dataclasses
import threading
import time
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from journal.gui.background import TaskRunner
from journal.gui.main_window import MainWindow
from journal.gui.post_import_dialog import PostImportDialog, report_text
from journal.photos.import_progress import CancelToken, ImportPhase, ImportProgress
from journal.services import (
    JournalService,
    PostImportCancelledError,
    PostImportReport,
    TextTarget,
    TripInfo,
)
from tests.gui.message_boxes import MessageBoxAnswerer
from tests.gui.typing import type_with_input_method
from tests.post_import.test_hostile_links import HOSTILE_LINKS, hostile_link_site
from tests.post_import.test_round_trip import stand_in_site


def import_button(dialog: PostImportDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def accept_post_import(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    post: Path,
    *,
    options: Callable[[PostImportDialog], None] = lambda _dialog: None,
    when_ready: Callable[[], None] = lambda: None,
) -> None:
    """Make File ▸ Import Post's dialog choose ``post``, set ``options``, wait until it can
    import, run ``when_ready`` and accept."""

    def exec_(dialog: PostImportDialog) -> int:
        dialog.choose(post)
        options(dialog)
        qtbot.waitUntil(import_button(dialog).isEnabled)  # at once, unless on real threads
        when_ready()
        return PostImportDialog.DialogCode.Accepted.value

    monkeypatch.setattr(PostImportDialog, "exec", exec_)


def test_choosing_a_post_shows_the_trip_it_will_make(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, service: JournalService
) -> None:
    post = stand_in_site(tmp_path)
    dialog = PostImportDialog(service, runner, None)
    qtbot.addWidget(dialog)
    assert not import_button(dialog).isEnabled()

    dialog.choose(post)

    assert "Experience about AWS" in dialog.summary.text()
    assert "2023-09-30 to 2023-10-02 · 3 day sections · UTC+09:00" in dialog.summary.text()
    assert "All 9 images found" in dialog.summary.text()
    assert import_button(dialog).isEnabled()
    assert not dialog.fill_open_trip.isVisibleTo(dialog)

    dialog.move_day_zero.setChecked(True)
    dialog.day_zero.setDate(dialog.day_zero.date().addDays(-13))
    dialog.timezone.setCurrentText("America/Los_Angeles")
    assert "2023-09-17 to 2023-09-19" in dialog.summary.text()
    request = dialog.request()
    assert (request.first_day, request.timezone, request.into_trip) == (
        date(2023, 9, 17),
        "America/Los_Angeles",
        None,
    )
    assert request.site_root == (tmp_path / "old-site").resolve()


def test_a_post_that_cannot_be_read_is_explained_and_cannot_be_imported(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, service: JournalService
) -> None:
    broken = tmp_path / "broken.md"
    broken.write_text("no front matter\n## Day 0\n", encoding="utf-8")
    dialog = PostImportDialog(service, runner, None)
    qtbot.addWidget(dialog)

    dialog.choose(broken)

    assert "has no front matter" in dialog.summary.text()
    assert not import_button(dialog).isEnabled()


def test_an_ampersand_in_the_open_trips_title_is_shown_not_made_a_shortcut(
    qtbot: QtBot, runner: TaskRunner, seattle: TripInfo, service: JournalService
) -> None:
    dialog = PostImportDialog(service, runner, dataclasses.replace(seattle, title="Lisbon & Porto"))
    qtbot.addWidget(dialog)

    assert QKeySequence.mnemonic(dialog.fill_open_trip.text()).isEmpty()
    assert dialog.fill_open_trip.text().replace("&&", "&") == (
        "Add it to “Lisbon & Porto” instead of a new trip"
    )


def test_missing_images_are_listed_and_the_open_trip_can_be_filled(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, service: JournalService, seattle: TripInfo
) -> None:
    post = stand_in_site(tmp_path, with_images=False)
    dialog = PostImportDialog(service, runner, seattle)
    qtbot.addWidget(dialog)

    dialog.choose(post)
    assert "0 of 9 images found" in dialog.summary.text()
    assert (
        "Line 40: /assets%2Fimages%2F23q4%2Fimg_24.png — file not found; the link is kept"
        in dialog.summary.text()
    )
    assert "… and 4 more not imported" in dialog.summary.text()
    dialog.fill_open_trip.setChecked(True)
    request = dialog.request()
    assert request.into_trip == seattle.id

    plan = service.plan_post(request.post, site_root=request.site_root)
    report = service.import_post(plan, into_trip=request.into_trip)
    text = report_text(report)
    assert text.startswith("Filled “Seattle 2023”: 3 day sections, 0 photos.")
    assert (
        "Line 40: /assets%2Fimages%2F23q4%2Fimg_24.png — file not found; the link is kept." in text
    )


def test_a_post_with_one_day_and_one_image_is_counted_in_words(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, service: JournalService
) -> None:
    post = tmp_path / "one.md"
    post.write_text("---\ntitle: One\ndate: 2023-09-16\n---\n## Day 0\n![a](a.png)\n", "utf-8")
    Image.new("RGB", (16, 16), "red").save(tmp_path / "a.png")
    dialog = PostImportDialog(service, runner, None)
    qtbot.addWidget(dialog)

    dialog.choose(post)

    assert "2023-09-16 to 2023-09-16 · 1 day section · UTC<br>1 image found<br>" in (
        dialog.summary.text()
    )
    plan = service.plan_post(post)
    assert report_text(service.import_post(plan)).startswith(
        "Created “One”: 1 day section, 1 photo."
    )


def test_hostile_links_are_explained_each_with_its_reason_and_the_post_imports(
    qtbot: QtBot,
    runner: TaskRunner,
    make_window,
    seattle: TripInfo,
    service: JournalService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxAnswerer,
) -> None:
    """A symlink loop, a NUL, an over-long name, a folder, a pipe, Windows paths and a broken
    URL: the plan names each one's problem (it used to show the raw ``Symlink loop from …`` and
    disable Import), Import stays possible, and the good image is imported."""
    post = hostile_link_site(tmp_path)
    dialog = PostImportDialog(service, runner, None)
    qtbot.addWidget(dialog)

    dialog.choose(post)

    shown = dialog.summary.text()
    assert "1 of 10 images found" in shown
    listed = list(HOSTILE_LINKS.items())
    for line, (link, reason) in enumerate(listed[:5], start=7):
        assert f"Line {line}: {escape(link)} — {reason}; the link is kept" in shown
    assert f"… and {len(listed) - 5} more not imported" in shown
    assert import_button(dialog).isEnabled()

    accept_post_import(qtbot, monkeypatch, post)
    window: MainWindow = make_window()
    window.actions_.import_post.trigger()

    [told] = message_boxes.shown
    assert told.text.startswith("Created “Hostile”: 1 day section, 1 photo.")
    for line, (link, reason) in enumerate(listed, start=7):
        assert f"Line {line}: {link} — {reason}; the link is kept." in told.text
    imported = next(trip for trip in service.list_trips() if trip.id != seattle.id)
    assert [photo.original_name for photo in service.all_photos(imported.id)] == ["good.png"]


def test_file_import_post_makes_the_trip_and_shows_it_in_the_window(
    qtbot: QtBot,
    make_window,
    seattle: TripInfo,
    service: JournalService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxAnswerer,
) -> None:
    post = stand_in_site(tmp_path)

    accept_post_import(qtbot, monkeypatch, post)
    window: MainWindow = make_window()
    assert window.windowTitle() == "Seattle 2023 — Trip Journal"
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    texts = [action.text() for action in file_menu.actions()]
    imports = texts.index("&Import Photos…")
    assert texts[imports : imports + 3] == ["&Import Photos…", "Import &Folder…", "Import P&ost…"]

    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    window.actions_.import_post.trigger()

    assert window.trip_actions.post_import_progress is None  # the progress dialog is gone
    assert messages[-1].startswith("Imported “Experience about AWS")
    [told] = message_boxes.shown
    assert told.icon is QMessageBox.Icon.Information
    assert told.text.startswith("Created “Experience about AWS")
    assert "3 day sections, 9 photos." in told.text
    imported = next(trip for trip in service.list_trips() if trip.id != seattle.id)
    assert window.trip is not None
    assert window.trip.id == imported.id
    assert window.windowTitle() == f"{imported.title} — Trip Journal"
    assert len(window.actions_.trips_menu.actions()) == 2


def test_a_post_filling_the_open_day_shows_in_its_editor_and_typing_keeps_it(
    qtbot: QtBot,
    make_window,
    seattle: TripInfo,
    service: JournalService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxAnswerer,
) -> None:
    day0 = seattle.start_date
    service.set_day_text(seattle.id, day0, "Seattle notes.", None)
    post = stand_in_site(tmp_path)

    def fill_the_open_trip(dialog: PostImportDialog) -> None:
        dialog.fill_open_trip.setChecked(True)
        dialog.move_day_zero.setChecked(True)
        dialog.day_zero.setDate(QDate(day0.year, day0.month, day0.day))

    accept_post_import(qtbot, monkeypatch, post, options=fill_the_open_trip)
    window: MainWindow = make_window()
    editor = window.editor.editor
    row = window.timeline_model.row_of(TextTarget.of_day(day0))
    assert row is not None
    window.timeline.setCurrentIndex(window.timeline_model.index(row))
    assert editor.toPlainText() == "Seattle notes."
    assert not editor.isReadOnly()

    window.actions_.import_post.trigger()
    filled = service.day(seattle.id, day0).body
    assert filled.startswith("Seattle notes.")
    assert filled != "Seattle notes."
    assert editor.toPlainText() == filled
    assert not editor.isReadOnly()

    # Typing now adds to the imported text; it does not save the old text over it.
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_with_input_method(editor, " 끝")
    qtbot.waitUntil(lambda: service.day(seattle.id, day0).body == filled + " 끝", timeout=3000)


def window_importing_with(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_window,
    service: JournalService,
    post: Path,
    stand_in: Callable[..., PostImportReport],
) -> MainWindow:
    """A window on real threads whose Import Post of ``post`` runs ``stand_in`` instead of the
    service's import, so a test can hold the import where it wants it."""
    accept_post_import(qtbot, monkeypatch, post)
    monkeypatch.setattr(service, "import_post", stand_in)
    window: MainWindow = make_window(threads=True)
    qtbot.waitUntil(lambda: window.trip is not None)
    return window


def test_cancel_in_the_progress_dialog_stops_the_import_and_says_so(
    qtbot: QtBot,
    make_window,
    seattle: TripInfo,
    service: JournalService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    post = stand_in_site(tmp_path)
    heard: list[bool] = []

    def slow_import(*_args: object, **kwargs: Any) -> PostImportReport:
        """Copies one image, then waits for Cancel as a long import would."""
        kwargs["progress"](ImportProgress(ImportPhase.COPY, 1, 9))
        cancel: CancelToken = kwargs["cancel"]
        deadline = time.monotonic() + 10
        while not cancel.cancelled and time.monotonic() < deadline:
            time.sleep(0.01)
        heard.append(cancel.cancelled)
        raise PostImportCancelledError("The post import was cancelled.")

    window = window_importing_with(qtbot, monkeypatch, make_window, service, post, slow_import)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)

    window.actions_.import_post.trigger()
    qtbot.waitUntil(lambda: window.trip_actions.post_import_progress is not None)
    progress = window.trip_actions.post_import_progress
    assert progress is not None
    qtbot.waitUntil(lambda: progress.value() == 1 and progress.maximum() == 9)
    assert progress.isVisible()
    cancel_button = progress.findChild(QPushButton)
    assert isinstance(cancel_button, QPushButton)
    cancel_button.click()  # QProgressDialog.cancel() does not emit canceled: the import never hears

    qtbot.waitUntil(lambda: f"Import of {post.name} cancelled." in messages, timeout=10_000)
    assert window.trip_actions.post_import_progress is None
    assert heard == [True]  # the import stopped for Cancel, not at its deadline
    assert [trip.title for trip in service.list_trips()] == ["Seattle 2023"]


def test_the_progress_dialog_blocks_the_window_before_any_image_is_copied(
    qtbot: QtBot,
    make_window,
    seattle: TripInfo,
    service: JournalService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While the post is read and its images scanned no progress is reported yet; the dialog
    must show (and so block the window, whose trip the import may be filling) all the same."""
    post = stand_in_site(tmp_path)
    released = threading.Event()

    def still_scanning(*_args: object, **_kwargs: Any) -> PostImportReport:
        released.wait(10)
        raise PostImportCancelledError("The post import was cancelled.")

    window = window_importing_with(qtbot, monkeypatch, make_window, service, post, still_scanning)
    try:
        window.actions_.import_post.trigger()
        progress = window.trip_actions.post_import_progress
        assert progress is not None
        assert progress.isVisible()
        assert progress.windowModality() == Qt.WindowModality.WindowModal
    finally:
        released.set()
    qtbot.waitUntil(lambda: window.trip_actions.post_import_progress is None)


def test_a_post_that_fails_to_import_is_explained_and_leaves_no_trip(
    qtbot: QtBot,
    make_window,
    seattle: TripInfo,
    service: JournalService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxAnswerer,
) -> None:
    post = stand_in_site(tmp_path)

    accept_post_import(qtbot, monkeypatch, post, when_ready=post.unlink)
    window: MainWindow = make_window()

    window.actions_.import_post.trigger()

    [warned] = message_boxes.shown
    assert warned.icon is QMessageBox.Icon.Warning
    assert warned.text.startswith(f"Cannot read {post}")
    assert [trip.id for trip in service.list_trips()] == [seattle.id]


def test_a_real_blog_post_shows_its_images_found_and_its_web_image_kept(
    qtbot: QtBot, runner: TaskRunner, service: JournalService
) -> None:
    post = Path(__file__).parents[1] / "post_import" / "data" / "jekyll-blog" / "_posts"
    dialog = PostImportDialog(service, runner, None)
    qtbot.addWidget(dialog)

    dialog.choose(post / "2025-07-22-seoul-trip.markdown")

    summary = dialog.summary.text()
    assert "2025-07-22 to 2025-07-24 · 3 day sections · Asia/Seoul<br>" in summary  # its site's
    assert "<br>All 11 images found<br>" in summary
    assert "1 remote image, kept as a link" in summary
    assert "not found" not in summary
    report = service.import_post(service.plan_post(post / "2025-07-22-seoul-trip.markdown"))
    assert report_text(report).count("remote, kept as a link.") == 1
