"""Guards against a binding bug that kills the app: PySide6 6.12.0's ``Signal.emit()`` released a
reference to ``True`` on every call, so on Python 3.11 a few hundred emits (the background
runner emits one per task) aborted the process with "bool_dealloc"."""

import sys
import threading

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    value = Signal(int, object, object)


def test_emitting_signals_keeps_reference_counts(qtbot: QtBot) -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.value.connect(lambda number, _value, _error: received.append(number))
    true_refs, none_refs = sys.getrefcount(True), sys.getrefcount(None)

    for number in range(200):
        emitter.value.emit(number, None, None)

    def emit_from_a_worker() -> None:
        for number in range(200):
            emitter.value.emit(number, True, None)

    worker = threading.Thread(target=emit_from_a_worker)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(received) == 400)

    # Other code takes and drops references meanwhile; the bug lost one per emit (400 here).
    assert sys.getrefcount(True) > true_refs - 50
    assert sys.getrefcount(None) > none_refs - 50
