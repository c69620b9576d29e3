"""What a launch asks of the window: to come forward, and to import the files it named.

Files named on the command line (of this launch, or of a later one handed over by
``single_instance``) go into the open trip. While none is open (the window is still opening
one, or shows the list of trips), they wait for the next trip that opens, and the status bar
says so: a trip is never guessed for them.
"""

from pathlib import Path

from PySide6.QtCore import QObject, Qt

from journal.gui.main_window import MainWindow
from journal.plurals import counted


class LaunchRequests(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._waiting: list[Path] = []
        # Files wait only while no trip is shown; showing one switches to the trip's panes.
        window.stack.currentChanged.connect(self._import_waiting)

    def bring_forward(self, paths: list[Path]) -> None:
        """Raise the window (restored if minimised) above the launch's terminal or file
        manager, then import what the launch named."""
        window = self._window
        window.setWindowState(
            (window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
        )
        window.show()
        window.raise_()
        window.activateWindow()
        self.import_later(paths)

    def import_later(self, paths: list[Path]) -> None:
        """Import ``paths`` into the open trip, or into the next one to open."""
        if not paths:
            return
        self._waiting.extend(paths)
        if self._window.trip is not None:
            self._import_waiting()
        else:
            count = counted(len(self._waiting), "item")
            self._window.show_message(f"Open a trip to import the {count} named at launch.")

    def _import_waiting(self) -> None:
        if self._waiting and self._window.trip is not None:
            paths, self._waiting = self._waiting, []
            self._window.photo_actions.import_paths(paths)
