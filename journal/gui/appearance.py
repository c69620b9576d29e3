"""The choices of Edit ▸ Preferences applied to the running app: colours, the editor's font and
what Tab does in it. Applied when the window is built and again whenever the dialog changes one,
so a choice shows at once, without a restart.

The colour scheme is asked of the platform (``QStyleHints.setColorScheme``, which native themes
follow) and set as the application's palette too, since many platforms (and the offscreen one)
have no dark theme to switch to; "system" gives the platform's own palette back.
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from journal.gui import preferences as prefs
from journal.gui.preferences import Preferences
from journal.gui.preferences_dialog import PreferencesDialog
from journal.gui.tab_keys import TabKeys

if TYPE_CHECKING:
    from journal.gui.main_window import MainWindow

Role = QPalette.ColorRole


def dark_palette() -> QPalette:
    """Light text on dark grey, with the usual blue for selections and links."""
    palette = QPalette()
    for role, color in (
        (Role.Window, QColor(45, 45, 48)),
        (Role.WindowText, QColor(230, 230, 230)),
        (Role.Base, QColor(30, 30, 32)),
        (Role.AlternateBase, QColor(50, 50, 54)),
        (Role.ToolTipBase, QColor(60, 60, 64)),
        (Role.ToolTipText, QColor(230, 230, 230)),
        (Role.PlaceholderText, QColor(140, 140, 140)),
        (Role.Text, QColor(230, 230, 230)),
        (Role.Button, QColor(55, 55, 58)),
        (Role.ButtonText, QColor(230, 230, 230)),
        (Role.BrightText, QColor(255, 90, 90)),
        (Role.Highlight, QColor(42, 130, 218)),
        (Role.HighlightedText, QColor(255, 255, 255)),
        (Role.Link, QColor(90, 160, 240)),
    ):
        palette.setColor(role, color)
    for role in (Role.Text, Role.ButtonText, Role.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 120, 120))
    return palette


def light_palette() -> QPalette:
    """The style's own light palette (Fusion's grey and white where the platform has none)."""
    palette = QApplication.style().standardPalette()
    if palette.color(Role.Window).lightness() < 128:
        palette = QPalette(QColor(239, 239, 239))
    return palette


def apply_theme(theme: str) -> None:
    schemes = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
    QGuiApplication.styleHints().setColorScheme(schemes.get(theme, Qt.ColorScheme.Unknown))
    if theme == "dark":
        QApplication.setPalette(dark_palette())
    elif theme == "light":
        QApplication.setPalette(light_palette())
    else:
        QApplication.setPalette(QPalette())  # unresolved: the platform's palette


class Appearance(QObject):
    """Applies the preferences to the app and opens their dialog from ``action``."""

    #: The thumbnail size changed (pixels): for the gallery, which lays itself out for it.
    thumbnail_size_changed = Signal(int)

    def __init__(self, window: "MainWindow", preferences: Preferences) -> None:
        """Built once the window has its editor and actions."""
        super().__init__(window)
        self._window = window
        self._editor = window.editor.editor
        self._preferences = preferences
        self._theme = "system"
        self.tab_keys = TabKeys(self._editor, preferences.get(prefs.TAB_MOVES_FOCUS))
        window.actions_.preferences.triggered.connect(self.open_dialog)
        self.apply()

    def open_dialog(self) -> PreferencesDialog:
        dialog = PreferencesDialog(self._preferences, self._window)
        dialog.changed.connect(self.apply)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def apply(self) -> None:
        get = self._preferences.get
        theme = get(prefs.THEME)
        if theme != self._theme:  # the app's palette is left alone until a theme is chosen
            apply_theme(theme)
            self._theme = theme
        font = QFont(self._window.font())
        if get(prefs.EDITOR_FONT):
            font.setFamily(get(prefs.EDITOR_FONT))
        if get(prefs.EDITOR_FONT_SIZE) > 0:
            font.setPointSize(get(prefs.EDITOR_FONT_SIZE))
        self._editor.setFont(font)
        self.tab_keys.set_tab_moves_focus(get(prefs.TAB_MOVES_FOCUS))
        self.thumbnail_size_changed.emit(get(prefs.THUMBNAIL_SIZE))
