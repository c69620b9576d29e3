"""The live preview beside the editor: debounced, and showing the day's photos from the library.

Rendering waits for a pause in typing (``DEBOUNCE_MS``) so a fast typist never waits for it.
``photo:ID`` images are resolved in ``loadResource``: an image already decoded is returned at once;
otherwise ``image_for`` starts loading it off the UI thread, a placeholder is shown, and
``image_arrived`` re-renders when it is there. No file is read on the UI thread.

Nothing else is ever loaded. ``QTextBrowser`` would read any path or ``file:`` URL a text names
(an image, a ``<link>`` stylesheet, a ``setSource`` document), on the UI thread: ``/dev/zero``
aborts the app and a FIFO hangs it, and the day is reopened at start. So ``loadResource`` never
asks the base class, and answers every other resource with a placeholder image naming the link:
an answer that is null or not an image makes ``QTextDocument`` open the file itself.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRect, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QImage,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from journal.gui.preview_html import BLOCKED_IMAGE_CLASS, PreviewRenderer, blocked_image_text
from journal.markdown.photo_refs import photo_id_of

DEBOUNCE_MS = 300
#: Photos in the preview are shown at most this wide (logical pixels), like a blog's column.
PHOTO_WIDTH = 560


class PreviewPane(QTextBrowser):
    def __init__(
        self, image_for: Callable[[int], QImage | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setAccessibleName("Preview")
        # A click on a link only emits ``anchorClicked`` (which nothing follows): no navigation,
        # no browser started.
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._image_for = image_for
        self._renderer = PreviewRenderer(PHOTO_WIDTH)
        self._markdown = ""
        self._rendered: str | None = None
        self._shown_ids: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.render_now)

    def set_markdown(self, markdown: str, *, immediately: bool = False) -> None:
        self._markdown = markdown
        if immediately:
            self.render_now()
        else:
            self._timer.start()

    def render_now(self) -> None:
        """Render the latest text (skipped when hidden: showing the pane renders it)."""
        self._timer.stop()
        if not self.isVisible():
            self._rendered = None
            return
        # The document's own margin (4 each side) and a scroll bar that may appear.
        self._renderer.column_width = self.viewport().width() - 24
        html = self._renderer.render(self._markdown)
        if html == self._rendered:
            return
        scroll = self.verticalScrollBar().value()
        self._shown_ids.clear()
        self.document().setDefaultStyleSheet(self._placeholder_style())
        self.setHtml(html)
        self.verticalScrollBar().setValue(scroll)
        self._rendered = html

    def image_arrived(self, photo_id: int) -> None:
        """A photo finished loading: show it if this page uses it."""
        if photo_id in self._shown_ids:
            self._rendered = None
            self.render_now()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._rendered is None:
            self.render_now()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._rendered = None
            self._timer.start()

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        """A library photo, or an inert stand-in: never a file, never the network."""
        text = url.toString() if isinstance(url, QUrl) else url
        photo_id = photo_id_of(text)
        if kind != QTextDocument.ResourceType.ImageResource.value or photo_id is None:
            # An image even for a style sheet: the document caches answers by URL whatever
            # their kind, and an image whose answer is not an image is loaded by file name.
            return self._blocked_image(text)
        self._shown_ids.add(photo_id)
        image = self._image_for(photo_id)
        return image if image is not None else self._loading_image()

    def _loading_image(self) -> QImage:
        image = QImage(4, 3, QImage.Format.Format_RGB32)
        image.fill(self._color(QPalette.ColorRole.AlternateBase))
        return image

    def _blocked_image(self, link: str) -> QImage:
        """A framed label naming ``link``, for an image in raw HTML (``<img src=…>``, a table's
        ``background``): Markdown images are already placeholders in the text."""
        metrics = QFontMetrics(self.font())
        padding = metrics.height() // 3
        room = max(metrics.height(), self._renderer.column_width - 2 * padding)
        label = metrics.elidedText(blocked_image_text(link), Qt.TextElideMode.ElideMiddle, room)
        ratio = self.devicePixelRatioF()
        width = metrics.horizontalAdvance(label) + 2 * padding
        height = metrics.height() + 2 * padding
        image = QImage(round(width * ratio), round(height * ratio), QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(ratio)
        image.fill(self._color(QPalette.ColorRole.AlternateBase))
        painter = QPainter(image)
        painter.setFont(self.font())
        painter.setPen(self._color(QPalette.ColorRole.Mid))
        painter.drawRect(0, 0, width - 1, height - 1)
        painter.setPen(self._color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(QRect(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, label)
        painter.end()
        return image

    def _placeholder_style(self) -> str:
        background = self._color(QPalette.ColorRole.AlternateBase).name()
        # The placeholder colour is often translucent: keep its alpha.
        text = self._color(QPalette.ColorRole.PlaceholderText).name(QColor.NameFormat.HexArgb)
        return f"span.{BLOCKED_IMAGE_CLASS} {{ background-color: {background}; color: {text} }}"

    def _color(self, role: QPalette.ColorRole) -> QColor:
        return self.palette().color(role)
