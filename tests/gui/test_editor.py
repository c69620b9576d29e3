"""Writing a day: the text reaches the library soon after typing, on switching and on close."""

import itertools
import time
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from journal.gui import preferences as prefs
from journal.gui.autosave import MAX_WAIT_MS, SAVE_DELAY_MS
from journal.gui.export_dialog import ExportDialog
from journal.gui.main_window import MainWindow
from journal.gui.markdown_editor import MarkdownEditor
from journal.gui.photo_drag import DraggedPhoto, photo_mime_data
from journal.gui.preferences import Preferences
from journal.gui.preview_pane import PreviewPane
from journal.services import JournalService, TripInfo
from tests.gui.typing import type_keys, type_with_input_method

DAY0 = date(2023, 9, 16)
DAY1 = date(2023, 9, 17)


@pytest.fixture
def window(qtbot: QtBot, make_window, seattle: TripInfo) -> MainWindow:
    window: MainWindow = make_window()
    assert window.editor.heading.text() == "Day 0 · Sat 16 Sep"
    assert not window.editor.editor.isReadOnly()
    return window


def test_typing_in_english_and_korean_is_saved_within_a_second(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo
) -> None:
    editor = window.editor.editor
    QTest.keyClicks(editor, "Arrived in Seattle. ")
    type_with_input_method(editor, "시애틀 도착")
    type_keys(editor, " 東京")
    typed_at = time.monotonic()

    expected = "Arrived in Seattle. 시애틀 도착 東京"
    assert editor.toPlainText() == expected
    qtbot.waitUntil(lambda: service.day(seattle.id, DAY0).body == expected, timeout=3000)
    assert SAVE_DELAY_MS < 1000
    assert time.monotonic() - typed_at < 2.0
    assert window.timeline_model.entry(1).word_count == 7
    assert window.editor.word_count.text() == "7 words"


def test_steady_typing_is_saved_at_least_every_two_seconds(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo
) -> None:
    """A key every 150 ms never leaves the half-second pause that saves; the maximum wait does."""
    editor = window.editor.editor
    started = time.monotonic()
    #: Since the start of typing: when the library's text grew, and then the end of typing.
    moments = [0.0]
    saved = ""
    while time.monotonic() - started < 5.0:
        type_keys(editor, "k")
        qtbot.wait(150)
        body = service.day(seattle.id, DAY0).body
        if body != saved:
            assert editor.toPlainText().startswith(body)
            saved = body
            moments.append(time.monotonic() - started)
    moments.append(time.monotonic() - started)

    assert MAX_WAIT_MS <= 2000
    assert len(moments) >= 4, f"saved at {moments[1:-1]}"
    longest_unsaved = max(later - earlier for earlier, later in itertools.pairwise(moments))
    assert longest_unsaved < MAX_WAIT_MS / 1000 + 0.5, f"saved at {moments[1:-1]}"


def test_the_day_title_is_saved_and_shown_in_the_timeline(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo
) -> None:
    window.editor.title.setFocus()
    type_with_input_method(window.editor.title, "스피어스")
    # textEdited only fires for user edits; an input method commit is one.
    qtbot.waitUntil(lambda: service.day(seattle.id, DAY0).title == "스피어스", timeout=3000)
    assert window.timeline_model.entry(1).title == "스피어스"


def test_switching_day_saves_at_once_and_loads_the_next_day(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo
) -> None:
    service.set_day_text(seattle.id, DAY1, "Day one, already written.")
    QTest.keyClicks(window.editor.editor, "Written just before switching")
    window.actions_.next_day.trigger()

    assert window.editor.editor.toPlainText() == "Day one, already written."
    assert service.day(seattle.id, DAY0).body == "Written just before switching"
    assert window.editor.heading.text() == "Day 1 · Sun 17 Sep"


def test_closing_the_window_saves_the_last_keystrokes(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo
) -> None:
    type_with_input_method(window.editor.editor, "마지막")
    window.close()
    assert service.day(seattle.id, DAY0).body == "마지막"


def test_undo_and_redo_follow_the_edit_menu(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.editor.editor
    QTest.keyClicks(editor, "one")
    assert window.actions_.undo.isEnabled()
    window.actions_.undo.trigger()
    assert editor.toPlainText() == ""
    window.actions_.redo.trigger()
    assert editor.toPlainText() == "one"


def test_find_selects_matches_and_wraps(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.editor.editor
    editor.setPlainText("비 오는 시애틀. 시애틀 커피.")
    window.actions_.find.trigger()
    assert window.editor.find_bar.isVisible()
    window.editor.find_bar.field.setText("시애틀")
    assert editor.textCursor().selectionStart() == 5
    QTest.keyClick(window.editor.find_bar.field, Qt.Key.Key_Return)
    assert editor.textCursor().selectionStart() == 10
    QTest.keyClick(window.editor.find_bar.field, Qt.Key.Key_Return)
    assert editor.textCursor().selectionStart() == 5
    assert window.editor.find_bar.status.text() == "Wrapped around"
    window.editor.find_bar.field.setText("Tokyo")
    assert window.editor.find_bar.status.text() == "Not found"


def test_closing_the_find_bar_leaves_the_found_word_in_place(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = window.editor.editor
    editor.setPlainText("Rain in Seattle, coffee after.")
    window.activateWindow()
    window.actions_.find.trigger()
    QTest.keyClicks(window.editor.find_bar.field, "Seattle")
    QTest.keyClick(window.editor.find_bar.field, Qt.Key.Key_Return)
    QTest.keyClick(window.editor.find_bar.field, Qt.Key.Key_Escape)
    assert not window.editor.find_bar.isVisible()
    assert not editor.textCursor().hasSelection()

    QTest.keyClick(editor, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # indents

    assert editor.toPlainText() == "Rain in Seattle\t, coffee after."


def test_preview_renders_markdown_and_its_toggle_is_remembered(
    qtbot: QtBot, window: MainWindow, preferences: Preferences
) -> None:
    window.editor.editor.insertPlainText("# Seattle\n\n**bold** move")
    qtbot.waitUntil(lambda: "bold move" in window.editor.preview.toPlainText())
    assert window.editor.preview.toPlainText().startswith("Seattle")

    window.actions_.preview.trigger()
    assert not window.editor.preview.isVisible()
    assert preferences.get(prefs.PREVIEW_VISIBLE) is False


def test_export_opens_after_the_last_keystrokes_are_saved(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo
) -> None:
    type_with_input_method(window.editor.editor, "내보내기 전에")
    window.actions_.export.trigger()

    assert bool(window.findChildren(ExportDialog))
    assert service.day(seattle.id, DAY0).body == "내보내기 전에"
    dialog = window.findChildren(ExportDialog)[0]
    assert dialog.trip_id == seattle.id
    dialog.close()


def test_highlighting_follows_the_palette_into_dark_mode(qtbot: QtBot) -> None:
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.setPlainText("# 제목\n\nplain")
    dark = QPalette(editor.palette())
    dark.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Link, QColor("#66aaff"))

    editor.setPalette(dark)

    heading = editor.document().firstBlock().layout().formats()[0]
    assert heading.format.foreground().color() == QColor("#66aaff")
    assert heading.length == len("# 제목")


def test_emphasis_is_italic_and_strong_is_bold_as_the_preview_shows_them(qtbot: QtBot) -> None:
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.setPlainText("a *soft* and **loud** and _quiet_ word")

    text = editor.toPlainText()
    ranges = editor.document().firstBlock().layout().formats()
    # (italic, bold) of each formatted span, read while the ranges are alive.
    spans = {
        text[span.start : span.start + span.length]: (
            span.format.fontItalic(),
            span.format.fontWeight() == QFont.Weight.Bold,
        )
        for span in ranges
    }
    assert spans["*soft*"] == (True, False)
    assert spans["_quiet_"] == (True, False)
    assert spans["**loud**"] == (False, True)


@pytest.mark.parametrize(
    ("text", "position", "expected"),
    [
        ("Harbour.", len("Harbour."), "Harbour.\n\n![](photo:7)\n"),
        ("Harbour.\n", len("Harbour.\n"), "Harbour.\n\n![](photo:7)\n"),
        ("Harbour.\n\n", len("Harbour.\n\n"), "Harbour.\n\n![](photo:7)\n"),
        ("Harbour.", 0, "![](photo:7)\n\nHarbour."),
        ("Har bour.", len("Har"), "Har\n\n![](photo:7)\n\n bour."),
    ],
)
def test_a_dropped_photo_becomes_a_paragraph_of_its_own(
    qtbot: QtBot, text: str, position: int, expected: str
) -> None:
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.setPlainText(text)
    cursor = editor.textCursor()
    cursor.setPosition(position)
    editor.setTextCursor(cursor)

    editor.insertFromMimeData(photo_mime_data(1, [DraggedPhoto(7, "")]))

    assert editor.toPlainText() == expected


def test_the_intro_and_closing_are_written_like_days(
    qtbot: QtBot, window: MainWindow, service: JournalService, seattle: TripInfo
) -> None:
    window.timeline.setCurrentIndex(window.timeline_model.index(0))
    assert window.editor.heading.text() == "Introduction"
    assert not window.editor.editor.isReadOnly()
    assert not window.editor.title.isVisible()
    type_with_input_method(window.editor.editor, "여행을 시작하며")
    closing = window.timeline_model.rowCount() - 2
    window.timeline.setCurrentIndex(window.timeline_model.index(closing))
    assert window.editor.heading.text() == "Closing"
    assert not window.editor.editor.isReadOnly()
    type_with_input_method(window.editor.editor, "끝")

    qtbot.waitUntil(lambda: service.trip(seattle.id).closing == "끝", timeout=3000)
    assert service.trip(seattle.id).intro == "여행을 시작하며"
    assert window.timeline_model.entry(0).word_count == 2


@pytest.mark.parametrize(
    "markdown",
    [
        "![wide](photo:7)",
        "- at the market\n\n  ![wide](photo:7)",
        "1. one\n   - nested\n\n     ![wide](photo:7)",
        "> quoted\n>\n> ![wide](photo:7)",
        "> - quoted list\n>\n>   ![wide](photo:7)",
    ],
)
def test_preview_photos_fit_the_pane_inside_lists_and_quotes(qtbot: QtBot, markdown: str) -> None:
    photo = QImage(1600, 1200, QImage.Format.Format_RGB32)
    photo.fill(QColor("#3366aa"))
    pane = PreviewPane(lambda photo_id: photo if photo_id == 7 else None)
    qtbot.addWidget(pane)
    pane.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    pane.resize(360, 900)
    pane.show()
    qtbot.waitExposed(pane)

    pane.set_markdown(markdown, immediately=True)

    assert pane.document().idealWidth() <= pane.viewport().width()
    assert pane.horizontalScrollBar().maximum() == 0
