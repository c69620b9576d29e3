"""Find in the day's text (Ctrl+F): a bar under the editor, Enter for next, Shift+Enter back.

The search wraps around and is case-insensitive, as writers expect from a text editor; the bar
says so when there is no match instead of beeping.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPlainTextEdit, QToolButton, QWidget

from journal.gui.plain_text import plain_label


class FindBar(QWidget):
    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in text")
        self.field.setAccessibleName("Find in text")
        self.field.setClearButtonEnabled(True)
        self.status = plain_label(parent=self)
        previous = QToolButton(self)
        previous.setText("▲")
        previous.setAccessibleName("Find previous")
        previous.setToolTip("Find previous (Shift+Enter)")
        following = QToolButton(self)
        following.setText("▼")
        following.setAccessibleName("Find next")
        following.setToolTip("Find next (Enter)")
        close = QToolButton(self)
        close.setText("✕")
        close.setAccessibleName("Close find bar")
        close.setToolTip("Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.status)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        previous.clicked.connect(lambda: self.search(backward=True))
        following.clicked.connect(lambda: self.search())
        close.clicked.connect(self.dismiss)
        self.field.returnPressed.connect(self.search)
        self.field.textChanged.connect(lambda: self.search(from_start=True))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.dismiss)
        self.hide()

    def open(self) -> None:
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def dismiss(self) -> None:
        """Hide the bar and give the editor back its caret, at the end of the last match.

        The match stays selected while the bar is open (that is how it shows), but left selected
        afterwards the next keystroke would replace the found word: Tab or a letter typed on
        return to the text would silently delete it.
        """
        self.hide()
        cursor = self._editor.textCursor()
        cursor.clearSelection()
        self._editor.setTextCursor(cursor)
        self._editor.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.search(backward=True)
            return
        super().keyPressEvent(event)

    def search(self, *, backward: bool = False, from_start: bool = False) -> bool:
        """Select the next match after the cursor (wrapping round); False when there is none."""
        needle = self.field.text()
        if not needle:
            self.status.clear()
            return False
        flags = QTextDocument.FindFlag(0)
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        if from_start:
            cursor = self._editor.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self._editor.setTextCursor(cursor)
        if self._editor.find(needle, flags):
            self.status.clear()
            return True
        cursor = self._editor.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
        )
        self._editor.setTextCursor(cursor)
        if self._editor.find(needle, flags):
            self.status.setText("Wrapped around")
            return True
        self.status.setText("Not found")
        return False
