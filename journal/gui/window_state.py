"""What the main window remembers of itself between runs: its geometry and where its splitters
were, so it opens as the user left it."""

from collections.abc import Sequence

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow, QSplitter

from journal.gui import preferences as prefs
from journal.gui.preferences import Preference, Preferences


class WindowState:
    def __init__(
        self,
        preferences: Preferences,
        window: QMainWindow,
        splitters: Sequence[tuple[Preference[QByteArray], QSplitter]],
    ) -> None:
        """``splitters``: each with the preference its state is kept in."""
        self._preferences = preferences
        self._window = window
        self._splitters = splitters

    def restore(self) -> None:
        """Put the window and its splitters back as they were (as built when never saved)."""
        geometry = self._preferences.get(prefs.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self._window.restoreGeometry(geometry)
        for preference, splitter in self._splitters:
            state = self._preferences.get(preference)
            if not state.isEmpty():
                splitter.restoreState(state)

    def save(self) -> None:
        self._preferences.set(prefs.WINDOW_GEOMETRY, self._window.saveGeometry())
        for preference, splitter in self._splitters:
            self._preferences.set(preference, splitter.saveState())
        self._preferences.sync()
