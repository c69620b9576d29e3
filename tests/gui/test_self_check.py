"""``trip-journal --self-check``: the window and Qt's plugins on top of the core's steps."""

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QWidget

from journal.gui import self_check
from journal.gui.app_icon import app_icon
from journal.gui.background import TaskRunner
from journal.gui.main_window import MainWindow
from journal.gui.preferences import Preferences
from journal.services import JournalService


def main_window(service: JournalService) -> QWidget:
    """The window as ``trip-journal --self-check`` builds it (see journal/gui/app.py)."""
    return MainWindow(service, Preferences(QSettings()), TaskRunner())


@pytest.fixture
def with_icon(qapp: QApplication):
    """What ``create_application`` does for the real app (pytest-qt made this QApplication)."""
    previous = qapp.windowIcon()
    qapp.setWindowIcon(app_icon())
    yield qapp
    qapp.setWindowIcon(previous)


def test_self_check_opens_the_main_window_and_passes(with_icon: QApplication, capsys) -> None:
    assert self_check.run_self_check(with_icon, main_window) == 0

    out = capsys.readouterr().out
    assert "ok    main window: 'Trip Journal' shown, painted at" in out
    assert "ok    Qt image decoding: Qt decoded 2 thumbnails" in out
    assert out.rstrip().endswith("Self-check passed.")


class _StubbornWindow(QWidget):
    """A window that refuses to close, as one with a modal question pending would."""

    def __init__(self, service: JournalService) -> None:
        super().__init__()
        self.service = service

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()


def test_a_window_that_will_not_close_fails_the_check(
    with_icon: QApplication, capsys, monkeypatch
) -> None:
    monkeypatch.setattr(self_check, "WINDOW_TIMEOUT_MS", 500)
    windows: list[QWidget] = []

    def make_window(service: JournalService) -> QWidget:
        windows.append(_StubbornWindow(service))
        return windows[-1]

    assert self_check.run_self_check(with_icon, make_window) == 1

    err = capsys.readouterr().err
    assert "FAIL  main window: the window painted" in err
    assert "skip  Qt image decoding" in err
    windows[0].hide()


def test_the_window_remembers_nothing_in_the_users_settings(with_icon: QApplication) -> None:
    written: list[Path] = []

    def make_window(service: JournalService) -> QWidget:
        settings = QSettings()
        settings.setValue("session/last_trip", 1)
        settings.sync()
        written.append(Path(settings.fileName()))
        return main_window(service)

    assert self_check.run_self_check(with_icon, make_window) == 0

    [settings_file] = written
    assert settings_file.name.endswith(".ini")
    assert any(part.startswith("trip-journal-self-check-") for part in settings_file.parts)
    # It went with the self-check's temporary folder.
    assert not settings_file.exists()


def test_the_app_has_a_self_check_flag() -> None:
    """The flag as the bundle runs it: a fresh process, offscreen, exit code 0."""
    result = subprocess.run(
        [sys.executable, "-m", "journal.gui.app", "--self-check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok    app icon: 8 sizes, 16 to 512 px, from " in result.stdout
    assert result.stdout.rstrip().endswith("Self-check passed.")
