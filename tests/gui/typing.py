"""Typing into widgets as a user does, CJK included (``QTest.keyClicks`` types ASCII only)."""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_with_input_method(widget: QWidget, text: str) -> None:
    """Compose ``text`` the way a Korean IME does: a pre-edit string, then the commit."""
    for end in range(1, len(text) + 1):
        preedit = QInputMethodEvent(text[end - 1], [])
        QApplication.sendEvent(widget, preedit)
        commit = QInputMethodEvent()
        commit.setCommitString(text[end - 1])
        QApplication.sendEvent(widget, commit)


def type_keys(widget: QWidget, text: str) -> None:
    """Key events carrying their text, as a keyboard layout for the script would send."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )
