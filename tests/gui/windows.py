"""The type of the ``make_window`` fixture, for tests that annotate it."""

from typing import Protocol

from journal.gui.main_window import MainWindow


class MakeWindow(Protocol):
    def __call__(self, *, threads: bool = False) -> MainWindow:
        """A shown main window on the test's library; on real threads when ``threads``."""
        ...
