"""Answering message boxes in tests as a user would: look at the box, then click a button.

The boxes are real and run their own event loop, so what the app does while one is open (a
queued save, a refresh) happens as it would for a user. An application-wide event filter sees
every box shown, made by ``journal.gui.plain_text`` or by Qt's own static functions alike.
"""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

Button = QMessageBox.StandardButton


@dataclass(frozen=True)
class ShownBox:
    icon: QMessageBox.Icon
    title: str
    text: str
    text_format: Qt.TextFormat
    buttons: Button
    default: Button


class MessageBoxAnswerer(QObject):
    """Answers each box with ``answer`` when the box has that button, else with its only one."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[ShownBox] = []
        self.answer = Button.Ok
        #: Runs while the box is open, before it is answered (a user typing meanwhile).
        self.while_open: Callable[[ShownBox], None] = lambda _box: None

    @property
    def texts(self) -> list[str]:
        return [box.text for box in self.shown]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QMessageBox):
            QTimer.singleShot(0, lambda box=watched: self._answer(box))
        return False

    def _answer(self, box: QMessageBox) -> None:
        box.grab()  # painted as the user would see it: a label read as HTML loads its images
        default = box.defaultButton()
        shown = ShownBox(
            box.icon(),
            box.windowTitle(),
            box.text(),
            box.textFormat(),
            box.standardButtons(),
            Button.NoButton if default is None else box.standardButton(default),
        )
        self.shown.append(shown)
        self.while_open(shown)
        if self.answer & box.standardButtons():
            box.button(self.answer).click()
        else:
            [only] = box.buttons()
            only.click()
