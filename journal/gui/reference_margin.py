"""A margin beside the editor's text showing, for each line that references a photo, the photo's
thumbnail and what the reference says of it, so a writer sees which photo sits where without
opening the preview (``![](photo:46)`` alone says nothing).

It is a strip to the right of the text, laid out from the editor's own document layout (the
visible blocks and their geometry), in the way a code editor draws its line numbers.
"""

import re
from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from journal.markdown.image_ref import PHOTO_SCHEME
from journal.markdown.images import find_images
from journal.markdown.photo_refs import photo_id_of

#: The margin's width and its thumbnails' height.
MARGIN_WIDTH = 150
THUMB_HEIGHT = 44

#: A Markdown backslash escape, taken off the alt text shown.
_ESCAPE = re.compile(r"\\(.)")

PhotoThumbnail = Callable[[int], QPixmap | None]


def line_references(text: str) -> list[tuple[int, str]]:
    """(photo id, alt text as read) of each photo reference on a line of the text."""
    if f"{PHOTO_SCHEME}:" not in text:  # most lines: no parse on every repaint while typing
        return []
    found = []
    for image in find_images(text):
        photo_id = photo_id_of(image.url)
        if photo_id is not None:
            found.append((photo_id, _ESCAPE.sub(r"\1", image.alt)))
    return found


class ReferenceMargin(QWidget):
    def __init__(self, editor: QPlainTextEdit, thumbnail: PhotoThumbnail | None = None) -> None:
        super().__init__(editor)
        self.setObjectName("reference-margin")
        self._editor = editor
        self.thumbnail = thumbnail
        editor.setViewportMargins(0, 0, MARGIN_WIDTH, 0)
        editor.updateRequest.connect(lambda _rect, _dy: self.update())

    def sizeHint(self) -> QSize:
        return QSize(MARGIN_WIDTH, 0)

    def place(self) -> None:
        """Keep the margin along the editor's right edge (called on every resize)."""
        contents = self._editor.contentsRect()
        self.setGeometry(
            QRect(
                contents.right() - MARGIN_WIDTH + 1, contents.top(), MARGIN_WIDTH, contents.height()
            )
        )

    def shown(self) -> list[tuple[int, int, str]]:
        """(top in the margin, photo id, alt text) of each reference on the visible lines."""
        editor = self._editor
        block = editor.firstVisibleBlock()
        offset = editor.contentOffset()
        shown: list[tuple[int, int, str]] = []
        while block.isValid():
            top = round(editor.blockBoundingGeometry(block).translated(offset).top())
            if top > self.height():
                break
            if block.isVisible():
                shown.extend(
                    (top, photo_id, alt) for photo_id, alt in line_references(block.text())
                )
            block = block.next()
        return shown

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.AlternateBase))
        metrics = painter.fontMetrics()
        next_free = 0
        for top, photo_id, alt in self.shown():
            top = max(top, next_free)  # two references on one line: one under the other
            pixmap = self.thumbnail(photo_id) if self.thumbnail is not None else None
            box = QRect(6, top + 2, THUMB_HEIGHT * 4 // 3, THUMB_HEIGHT)
            if pixmap is not None and not pixmap.isNull():
                ratio = pixmap.devicePixelRatio() or 1.0
                size = (pixmap.size().toSizeF() / ratio).scaled(
                    box.size().toSizeF(), Qt.AspectRatioMode.KeepAspectRatio
                )
                target = QRect(box.topLeft(), size.toSize())
                painter.drawPixmap(target, pixmap)
            else:
                painter.fillRect(box, palette.color(QPalette.ColorRole.Mid))
            text = alt or f"photo {photo_id}, no caption"
            text_rect = QRect(
                box.right() + 6, top + 2, MARGIN_WIDTH - box.right() - 10, THUMB_HEIGHT
            )
            painter.setPen(
                palette.color(
                    QPalette.ColorRole.Text if alt else QPalette.ColorRole.PlaceholderText
                )
            )
            painter.drawText(
                text_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                metrics.elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width() * 3),
            )
            next_free = top + THUMB_HEIGHT + 4
        painter.end()
