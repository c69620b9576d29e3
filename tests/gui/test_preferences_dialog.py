"""Edit ▸ Preferences: each choice is stored and shows at once, and a new window starts with it."""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from journal.gui import preferences as prefs
from journal.gui.appearance import apply_theme
from journal.gui.main_window import MainWindow
from journal.gui.preferences import Preferences
from journal.gui.preferences_dialog import PreferencesDialog
from journal.services import TripInfo
from tests.gui.windows import MakeWindow


@pytest.fixture
def system_colours_after(qapp: QApplication) -> Iterator[None]:
    """Other tests see the platform's palette again."""
    yield
    apply_theme("system")


def _open(window: MainWindow) -> PreferencesDialog:
    window.actions_.preferences.trigger()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def _editor_base(window: MainWindow) -> int:
    return window.editor.editor.palette().color(QPalette.ColorRole.Base).lightness()


def test_ctrl_comma_is_the_shortcut(make_window: MakeWindow) -> None:
    window = make_window()
    assert window.actions_.preferences.shortcut().toString() == "Ctrl+,"
    edit_menu = window.menuBar().actions()[1].menu()
    assert isinstance(edit_menu, QMenu)
    assert window.actions_.preferences in edit_menu.actions()


def test_dark_and_light_colours_apply_at_once_and_system_gives_the_platform_s_back(
    qtbot: QtBot,
    make_window: MakeWindow,
    preferences: Preferences,
    qapp: QApplication,
    system_colours_after: None,
) -> None:
    window = make_window()
    dialog = _open(window)
    system = QApplication.palette().color(QPalette.ColorRole.Window)

    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    assert preferences.get(prefs.THEME) == "dark"
    qtbot.waitUntil(lambda: _editor_base(window) < 64)
    assert QApplication.palette().color(QPalette.ColorRole.WindowText).lightness() > 192

    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    qtbot.waitUntil(lambda: _editor_base(window) > 192)

    dialog.theme.setCurrentIndex(dialog.theme.findData("system"))
    assert QApplication.palette().color(QPalette.ColorRole.Window) == system


def test_the_editor_font_and_size_apply_at_once_and_in_the_next_window(
    make_window: MakeWindow, preferences: Preferences, seattle: TripInfo
) -> None:
    window = make_window()
    dialog = _open(window)
    family = dialog.font_family.itemText(dialog.font_family.count() - 1)

    dialog.font_family.setCurrentText(family)
    dialog.font_size.setValue(21)

    assert window.editor.editor.font().pointSize() == 21
    assert window.editor.editor.font().family() == dialog.font_family.currentFont().family()
    assert preferences.get(prefs.EDITOR_FONT_SIZE) == 21
    window.close()
    assert make_window().editor.editor.font().pointSize() == 21


def test_tab_indents_once_the_box_is_ticked(
    qtbot: QtBot, make_window: MakeWindow, preferences: Preferences, seattle: TripInfo
) -> None:
    window = make_window()
    _open(window).tab_indents.setChecked(True)
    assert preferences.get(prefs.TAB_MOVES_FOCUS) is False
    editor = window.editor.editor
    window.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)

    QTest.keyClick(editor, Qt.Key.Key_Tab)

    assert editor.toPlainText() == "\t"


def test_the_thumbnail_size_is_kept_under_the_gallery_s_key(
    qtbot: QtBot, make_window: MakeWindow, preferences: Preferences
) -> None:
    window = make_window()
    dialog = _open(window)
    with qtbot.waitSignal(window.appearance.thumbnail_size_changed) as size:
        dialog.thumbnail_size.setValue(96)

    assert size.args == [96]
    assert prefs.THUMBNAIL_SIZE.key == "gallery/thumbnail_size"
    assert preferences.get(prefs.THUMBNAIL_SIZE) == 96
