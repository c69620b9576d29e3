"""Tab in the editor moves the focus on unless the writer chose to indent with it (defect 6:
tabbing out of a paragraph made it a code block)."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from journal.gui import preferences as prefs
from journal.gui.main_window import MainWindow
from journal.gui.markdown_editor import MarkdownEditor
from journal.gui.preferences import Preferences
from journal.services import JournalService, TripInfo
from tests.gui.windows import MakeWindow

DAY0 = date(2023, 9, 16)


def _focused_editor(qtbot: QtBot, make_window: MakeWindow) -> tuple[MainWindow, MarkdownEditor]:
    window = make_window()
    editor = window.editor.editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    return window, editor


def test_tab_moves_the_focus_out_of_the_text_and_leaves_it_as_it_was(
    qtbot: QtBot, make_window: MakeWindow, service: JournalService, seattle: TripInfo
) -> None:
    window, editor = _focused_editor(qtbot, make_window)
    QTest.keyClicks(editor, "Arrived in Seattle.")
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    window.editor.flush()

    assert service.day(seattle.id, DAY0).body == "Arrived in Seattle."
    assert not editor.hasFocus()


def test_ctrl_tab_indents_when_tab_moves_the_focus(
    qtbot: QtBot, make_window: MakeWindow, service: JournalService, seattle: TripInfo
) -> None:
    window, editor = _focused_editor(qtbot, make_window)
    QTest.keyClick(editor, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "code")
    window.editor.flush()

    assert service.day(seattle.id, DAY0).body == "\tcode"
    assert editor.hasFocus()


def test_the_preference_makes_tab_indent_and_ctrl_tab_move_on(
    qtbot: QtBot,
    make_window: MakeWindow,
    service: JournalService,
    preferences: Preferences,
    seattle: TripInfo,
) -> None:
    preferences.set(prefs.TAB_MOVES_FOCUS, False)
    window, editor = _focused_editor(qtbot, make_window)
    QTest.keyClicks(editor, "x")
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.hasFocus()
    QTest.keyClick(editor, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    window.editor.flush()

    assert service.day(seattle.id, DAY0).body == "x\t"
    assert not editor.hasFocus()
