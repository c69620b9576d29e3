"""Tab in the editor: moves the focus on (the default) or indents, and Ctrl+Tab does the other.

A keyboard user tabbing out of the text must not turn the paragraph into a code block with a
literal tab, so Tab moves on as everywhere else in the window; writers who indent with Tab turn
that around in the preferences. Either way Ctrl+Tab does what Tab does not, as Qt's own text
widgets let Ctrl+Tab leave an editor that keeps Tab.
"""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class TabKeys(QObject):
    def __init__(self, editor: QPlainTextEdit, tab_moves_focus: bool) -> None:
        super().__init__(editor)
        self._editor = editor
        editor.setTabChangesFocus(tab_moves_focus)
        editor.installEventFilter(self)

    def set_tab_moves_focus(self, moves: bool) -> None:
        self._editor.setTabChangesFocus(moves)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        ):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # the editor's key, not a window shortcut's
                return True
            if self._editor.tabChangesFocus():
                self._editor.insertPlainText("\t")
            else:
                QWidget.focusNextPrevChild(
                    self._editor, True
                )  # the editor refuses while it keeps Tab
            return True
        return super().eventFilter(watched, event)
