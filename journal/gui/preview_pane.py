"""The live preview beside the editor: debounced, and showing the day's photos from the library.

Rendering waits for a pause in typing (``DEBOUNCE_MS``) so a fast typist never waits for it.
``photo:ID`` images are resolved in ``loadResource``: an image already decoded is returned at once;
otherwise ``image_for`` starts loading it off the UI thread, a placeholder is shown, and
``image_arrived`` re-renders when it is there. No file is read on the UI thread.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QColor, QImage, QPalette, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from journal.gui.preview_html import PreviewRenderer
from journal.photo_refs import photo_id_of

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
        self.setOpenLinks(False)
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
        text = url.toString() if isinstance(url, QUrl) else url
        photo_id = photo_id_of(text)
        if kind != QTextDocument.ResourceType.ImageResource.value or photo_id is None:
            return super().loadResource(kind, QUrl(text))
        self._shown_ids.add(photo_id)
        image = self._image_for(photo_id)
        return image if image is not None else self._placeholder()

    def _placeholder(self) -> QImage:
        image = QImage(4, 3, QImage.Format.Format_RGB32)
        image.fill(QColor(self.palette().color(QPalette.ColorRole.AlternateBase)))
        return image
