"""The plain-text Markdown editor: highlighting, and photos dropped in as image references.

A photo dragged from the gallery lands as ``![caption](photo:ID)`` where it is dropped (Qt moves
the cursor to the drop point before ``insertFromMimeData``). Files dragged from a file manager are
not text to paste: the editor declines them so the window imports them instead.
"""

from PySide6.QtCore import QEvent, QMimeData
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from journal.gui.markdown_highlighter import MarkdownHighlighter
from journal.gui.photo_drag import read_photo_drag
from journal.markdown.photo_refs import markdown_image


class MarkdownEditor(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markdown-editor")
        self.setAccessibleName("Day text")
        self.setTabChangesFocus(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setPlaceholderText("Write about this day… Markdown works: # heading, **bold**, - list")
        self.highlighter = MarkdownHighlighter(self.document(), self.palette())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.highlighter.refresh_palette(self.palette())
        super().changeEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        if read_photo_drag(source) is not None:
            return True
        if source.hasUrls() and not source.hasFormat("text/plain"):
            return False
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        drag = read_photo_drag(source)
        if drag is None:
            super().insertFromMimeData(source)
            return
        references = "\n\n".join(markdown_image(photo.id, photo.caption) for photo in drag.photos)
        cursor = self.textCursor()
        before, after = _paragraph_breaks(cursor)
        cursor.insertText(f"{before}{references}{after}")
        self.setTextCursor(cursor)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.canInsertFromMimeData(event.mimeData()):
            super().dragEnterEvent(event)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.canInsertFromMimeData(event.mimeData()):
            super().dragMoveEvent(event)
        else:
            event.ignore()


def _paragraph_breaks(cursor: QTextCursor) -> tuple[str, str]:
    """What goes before and after a dropped image so that it is a paragraph of its own.

    A line right after text, or text right after it, would otherwise join the image to that
    paragraph; an empty line that is already there is not doubled.
    """
    block = cursor.block()
    if not cursor.atBlockStart():
        before = "\n\n"
    else:
        previous = block.previous()
        before = "\n" if previous.isValid() and previous.text().strip() else ""
    if not cursor.atBlockEnd():
        after = "\n\n"
    else:
        following = block.next()
        after = "\n\n" if following.isValid() and following.text().strip() else "\n"
    return before, after
