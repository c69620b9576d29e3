"""Never lose a word: text typed more than a second before a SIGKILL is in the library."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from journal.services import JournalService, NewTrip
from journal.store.library import Library

WRITER = """
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from journal.gui.app import create_application
from journal.gui.main_window import MainWindow
from journal.gui.preferences import Preferences
from journal.services import JournalService
from journal.store.library import Library

library_root, settings = Path(sys.argv[1]), sys.argv[2]
app = create_application(["trip-journal"])
window = MainWindow(
    JournalService(Library.open(library_root)),
    Preferences(QSettings(settings, QSettings.Format.IniFormat)),
)
window.show()
words = iter("비행기 안에서 쓴 첫 문장 그리고 두 번째 문장".split())


def type_next() -> None:
    editor = window.editor.editor
    if editor.isReadOnly():
        QTimer.singleShot(20, type_next)
        return
    word = next(words, None)
    if word is None:
        print("typed", flush=True)
        return
    commit = QInputMethodEvent()
    commit.setCommitString(word + " ")
    QApplication.sendEvent(editor, commit)
    QTimer.singleShot(50, type_next)


QTimer.singleShot(0, type_next)
app.exec()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_text_typed_a_second_before_sigkill_survives(library_root: Path, tmp_path: Path) -> None:
    with Library.open(library_root) as library:
        JournalService(library).create_trip(
            NewTrip("Kill", date(2023, 9, 16), date(2023, 9, 18), "Asia/Seoul")
        )
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(WRITER), str(library_root), str(tmp_path / "s.ini")],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=environment,
    )
    assert app.stdout is not None
    try:
        assert app.stdout.readline().strip() == "typed"
        time.sleep(1.1)
    finally:
        os.kill(app.pid, signal.SIGKILL)
        app.wait()

    with Library.open(library_root) as library:
        service = JournalService(library)
        day = service.day(service.find_trip("1").id, date(2023, 9, 16))
    assert day.body == "비행기 안에서 쓴 첫 문장 그리고 두 번째 문장 "
