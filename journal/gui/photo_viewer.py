"""A large view of one photo with its caption, stepping through the day with previous/next.

The image is the preview-size thumbnail, decoded off the UI thread by the ``ThumbnailLoader``;
a caption is saved when the field loses focus, Enter is pressed, or the viewer moves on.
"""

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from journal.gui.plain_text import plain_label
from journal.gui.thumbnail_loader import ThumbnailLoader
from journal.services import PhotoInfo


class PhotoViewer(QDialog):
    #: (photo id, caption): the user changed a caption.
    caption_edited = Signal(int, str)

    def __init__(
        self,
        photos: list[PhotoInfo],
        index: int,
        loader: ThumbnailLoader,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._photos = list(photos)
        self._index = index
        self._loader = loader
        self.image = plain_label(parent=self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image.setMinimumSize(320, 240)
        self.image.setAccessibleName("Photo")
        self.details = plain_label(parent=self)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption = QLineEdit(self)
        self.caption.setPlaceholderText("Caption")
        self.caption.setAccessibleName("Caption")
        self.previous_button = QPushButton("◀ Previous", self)
        self.previous_button.setAccessibleName("Previous photo")
        self.next_button = QPushButton("Next ▶", self)
        self.next_button.setAccessibleName("Next photo")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.caption.editingFinished.connect(self._save_caption)
        for button, keys, step in (
            (self.previous_button, ("PgUp", "Alt+Left"), -1),
            (self.next_button, ("PgDown", "Alt+Right"), 1),
        ):
            sequences = [QKeySequence(key) for key in keys]
            for sequence in sequences:
                QShortcut(sequence, self, lambda step=step: self.step(step))
            shown = " or ".join(
                sequence.toString(QKeySequence.SequenceFormat.NativeText) for sequence in sequences
            )
            button.setToolTip(f"{button.accessibleName()} ({shown})")
        navigation = QHBoxLayout()
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.caption, 1)
        navigation.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.details)
        layout.addLayout(navigation)
        loader.preview_ready.connect(self._on_image)
        self.resize(1000, 760)
        self._show()

    @property
    def photo(self) -> PhotoInfo:
        return self._photos[self._index]

    def step(self, delta: int) -> None:
        target = self._index + delta
        if 0 <= target < len(self._photos):
            self._save_caption()
            self._index = target
            self._show()

    def _show(self) -> None:
        photo = self.photo
        self.setWindowTitle(
            f"{photo.caption or photo.original_name} ({self._index + 1} of {len(self._photos)})"
        )
        when = f"{photo.local_time:%a %d %b %Y %H:%M}" if photo.local_time else "unknown time"
        self.details.setText(
            f"{photo.original_name} · {when} ({photo.time_description}) · {photo.camera.label}"
            f" · {photo.width}×{photo.height}"
        )
        self.caption.setText(photo.caption)
        self.previous_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(self._index < len(self._photos) - 1)
        self._render()

    def _render(self) -> None:
        image = self._loader.preview_image(self.photo.id)
        if image is None:
            self.image.setPixmap(QPixmap())
            self.image.setText("Loading…")
            return
        pixmap = QPixmap.fromImage(image)
        ratio = self.devicePixelRatioF()
        target = self.image.size() * ratio
        if pixmap.width() > target.width() or pixmap.height() > target.height():
            pixmap = pixmap.scaled(
                target,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        pixmap.setDevicePixelRatio(ratio)
        self.image.setPixmap(pixmap)

    def _on_image(self, photo_id: int) -> None:
        if photo_id == self.photo.id:
            self._render()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render()

    def _save_caption(self) -> None:
        caption = self.caption.text()
        photo = self.photo
        if caption != photo.caption:
            self._photos[self._index] = replace(photo, caption=caption)
            self.caption_edited.emit(photo.id, caption)

    def done(self, result: int) -> None:
        self._save_caption()
        super().done(result)
