"""The plain-text Markdown editor: highlighting, and photos dropped in as image references.

A photo dragged from the gallery lands as ``![alt](photo:ID)`` where it is dropped (Qt moves
the cursor to the drop point before ``insertFromMimeData``); the gallery's Insert into Text puts
it at the cursor the same way. Files dragged from a file manager are not text to paste: the
editor declines them so the window imports them instead. Right-clicking a photo reference offers
to show the photo or edit its caption.
"""

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from journal.gui.markdown_highlighter import MarkdownHighlighter
from journal.gui.photo_drag import DraggedPhoto, read_photo_drag
from journal.gui.reference_margin import ReferenceMargin
from journal.markdown.photo_refs import markdown_image, shown_photos


class MarkdownEditor(QPlainTextEdit):
    #: Show Photo on a reference in the text: (photo id).
    show_photo_requested = Signal(int)
    #: Edit Caption on a reference in the text: (photo id).
    edit_caption_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markdown-editor")
        self.setAccessibleName("Day text")
        self.setTabChangesFocus(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setPlaceholderText("Write about this day… Markdown works: # heading, **bold**, - list")
        self.highlighter = MarkdownHighlighter(self.document(), self.palette())
        #: Beside each line that shows a photo: its thumbnail and what the reference says.
        self.margin = ReferenceMargin(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.margin.place()

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
        self.insert_photos(drag.photos)

    def insert_photos(self, photos: Sequence[DraggedPhoto]) -> None:
        """Put references to ``photos`` at the cursor, as paragraphs of their own."""
        references = "\n\n".join(markdown_image(photo.id, photo.alt) for photo in photos)
        cursor = self.textCursor()
        before, after = _paragraph_breaks(cursor)
        cursor.insertText(f"{before}{references}{after}")
        self.setTextCursor(cursor)

    def photo_at(self, position: QPoint) -> int | None:
        """The photo a reference at ``position`` (viewport coordinates) shows: the one under the
        pointer, else the first on that line."""
        cursor = self.cursorForPosition(position)
        column = cursor.positionInBlock()
        shown = shown_photos(cursor.block().text())
        for reference in shown:
            if reference.start <= column <= reference.end:
                return reference.photo_id
        return shown[0].photo_id if shown else None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The usual editing menu, led by Show Photo and Edit Caption on a photo reference."""
        menu = self.createStandardContextMenu(event.pos())
        position = (
            self.cursorRect().center()
            if event.reason() == QContextMenuEvent.Reason.Keyboard
            else event.pos()
        )
        photo_id = self.photo_at(position)
        if photo_id is not None:
            first = menu.actions()[0] if menu.actions() else None
            show = menu.addAction("Show Photo")
            show.triggered.connect(lambda: self.show_photo_requested.emit(photo_id))
            caption = menu.addAction("Edit Caption…")
            caption.triggered.connect(lambda: self.edit_caption_requested.emit(photo_id))
            if first is not None:
                menu.insertActions(first, [show, caption])
                menu.insertSeparator(first)
        menu.setObjectName("editor-menu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

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
