"""Never lose a word: typing is in the library soon after it happens, whatever its rhythm.

The app runs in a real process that types into Day 0 and is killed with SIGKILL, which no code
can catch; whatever the library holds then is what a crash would leave.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from journal.gui.autosave import MAX_WAIT_MS
from journal.services import JournalService, NewTrip
from journal.store.library import Library

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

#: Types each of argv[4:] into the day's text, argv[3] milliseconds apart, as an input method
#: commits text; prints "typed N" after the Nth.
TYPIST = """
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from journal.gui.app import create_application
from journal.gui.background import TaskRunner
from journal.gui.main_window import MainWindow
from journal.gui.preferences import Preferences
from journal.services import JournalService
from journal.store.library import Library

library_root, settings, interval, pieces = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
app = create_application(["trip-journal"])
window = MainWindow(
    JournalService(Library.open(library_root)),
    Preferences(QSettings(settings, QSettings.Format.IniFormat)),
    TaskRunner(),
)
window.show()
typed = 0


def type_next() -> None:
    global typed
    editor = window.editor.editor
    if editor.isReadOnly():
        QTimer.singleShot(20, type_next)
        return
    if typed == len(pieces):
        return
    commit = QInputMethodEvent()
    commit.setCommitString(pieces[typed])
    QApplication.sendEvent(editor, commit)
    typed += 1
    print("typed", typed, flush=True)
    QTimer.singleShot(int(interval), type_next)


QTimer.singleShot(0, type_next)
app.exec()
"""

DAY0 = date(2023, 9, 16)


@contextmanager
def typist(
    library_root: Path, settings: Path, interval_ms: int, pieces: list[str]
) -> Iterator[subprocess.Popen[str]]:
    """The app typing ``pieces`` into Day 0 of a new trip; killed with SIGKILL on leaving."""
    with Library.open(library_root) as library:
        JournalService(library).create_trip(NewTrip("Kill", DAY0, date(2023, 9, 18), "Asia/Seoul"))
    app = subprocess.Popen(
        [sys.executable, "-c", TYPIST, str(library_root), str(settings), str(interval_ms), *pieces],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        yield app
    finally:
        os.kill(app.pid, signal.SIGKILL)
        app.wait()


def day0_text(library_root: Path) -> str:
    with Library.open(library_root) as library:
        service = JournalService(library)
        return service.day(service.find_trip("1").id, DAY0).body


def test_text_typed_a_second_before_sigkill_survives(library_root: Path, tmp_path: Path) -> None:
    words = ["비행기 ", "안에서 ", "쓴 ", "첫 ", "문장 ", "그리고 ", "두 ", "번째 ", "문장 "]
    with typist(library_root, tmp_path / "s.ini", 50, words) as app:
        assert app.stdout is not None
        for _ in words:
            app.stdout.readline()
        time.sleep(1.1)

    assert day0_text(library_root) == "".join(words)


#: One character every this many milliseconds: never the half-second pause that saves.
STEADY_KEY_MS = 170
#: How long the steady typing goes on before the kill.
TYPING_SECONDS = 6.0
#: Typing older than this at the kill must be saved: the longest wait plus the write's time.
SAVED_WITHIN_SECONDS = 2.5


def test_steady_typing_without_a_pause_survives_sigkill(library_root: Path, tmp_path: Path) -> None:
    assert MAX_WAIT_MS <= 2000
    text = "Typing on and on without a pause, 비 오는 시애틀에서 커피 한 잔, then more words, 東京."
    assert len(text) * STEADY_KEY_MS / 1000 > TYPING_SECONDS + 2  # still typing at the kill
    typed_at: list[float] = []
    with typist(library_root, tmp_path / "s.ini", STEADY_KEY_MS, list(text)) as app:
        assert app.stdout is not None
        while not typed_at or time.monotonic() - typed_at[0] < TYPING_SECONDS:
            assert app.stdout.readline().startswith("typed")
            typed_at.append(time.monotonic())
        killed_at = time.monotonic()

    saved = day0_text(library_root)
    must_be_saved = sum(1 for moment in typed_at if moment <= killed_at - SAVED_WITHIN_SECONDS)
    assert text.startswith(saved)
    assert len(saved) >= must_be_saved, f"only {saved!r} of {text[: len(typed_at)]!r}"
