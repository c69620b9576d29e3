"""GUI tests run offscreen (``make test`` sets QT_QPA_PLATFORM; this covers a bare pytest).

Work runs inline: the ``TaskRunner`` the window and dialogs get runs each task at once on the
test's thread and delivers its outcome before ``submit`` returns (as Picard's test suite swaps in
a thread pool that runs each runnable at once), so a test reads the effect of an action as soon
as the action returns, without polling for threads. A test about threads (ordering, progress,
cancel) asks for a window on real threads: ``make_window(threads=True)``.

Each test gets its own settings file and a window on a real library in ``tmp_path``; the window
is closed at the end, which waits for its queued database work, so no thread outlives the test.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journal.gui.background import TaskRunner
from journal.gui.change_hub import ChangeHub
from journal.gui.main_window import MainWindow
from journal.gui.preferences import Preferences
from journal.services import JournalService
from tests.gui.fifo_tripwire import FifoTripwire
from tests.gui.message_boxes import MessageBoxAnswerer
from tests.gui.windows import MakeWindow


@pytest.fixture
def preferences(tmp_path: Path) -> Preferences:
    return Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    """An inline runner for a dialog tested on its own; an error nobody handled fails the test."""
    errors: list[Exception] = []
    inline = TaskRunner(inline=True)
    inline.unhandled_error.connect(errors.append)
    yield inline
    inline.shut_down()
    assert errors == []


@pytest.fixture
def hub(runner: TaskRunner) -> ChangeHub:
    return ChangeHub(runner)


@pytest.fixture
def make_window(
    qtbot: QtBot, service: JournalService, preferences: Preferences
) -> Iterator[MakeWindow]:
    windows: list[MainWindow] = []

    def make(*, threads: bool = False) -> MainWindow:
        window = MainWindow(service, preferences, TaskRunner(inline=not threads))
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def message_boxes(qapp: QApplication) -> Iterator[MessageBoxAnswerer]:
    """Every message box shown during the test, answered (``Ok``, or ``answer`` when set)."""
    answerer = MessageBoxAnswerer()
    qapp.installEventFilter(answerer)
    yield answerer
    qapp.removeEventFilter(answerer)


@pytest.fixture
def tripwire(tmp_path: Path) -> Iterator[FifoTripwire]:
    """A FIFO that notes whether anything opened it (see ``fifo_tripwire``)."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs FIFOs")
    wire = FifoTripwire(tmp_path / "tripwire")
    yield wire
    wire.remove()
