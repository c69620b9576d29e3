"""GUI tests run offscreen (``make test`` sets QT_QPA_PLATFORM; this covers a bare pytest).

Each test gets its own settings file and a window on a real library in ``tmp_path``; the window
is closed at the end, which waits for its queued database work, so no thread outlives the test.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from journal.gui.main_window import MainWindow
from journal.gui.preferences import Preferences
from journal.services import JournalService


@pytest.fixture
def preferences(tmp_path: Path) -> Preferences:
    return Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_window(
    qtbot: QtBot, service: JournalService, preferences: Preferences
) -> Iterator[type[MainWindow]]:
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(service, preferences)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make  # type: ignore[misc]
    for window in windows:
        window.close()
