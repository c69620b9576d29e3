"""The gallery's model: the shown day's photo ids in order and their snapshots, never an image.

Thumbnails come from the ``ThumbnailLoader`` when a cell is painted, so a day of thousands of
photos opens at once with placeholders that fill in as the images arrive. On the Unassigned
tray, the first photo of each date carries the date, so the tray reads in groups.
"""

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QWidget

from journal.gui.photo_drag import PHOTOS_MIME, DraggedPhoto, photo_mime_data
from journal.gui.plain_text import plain_tooltip
from journal.gui.thumbnail_loader import THUMB_BOX, ThumbnailLoader
from journal.plurals import counted
from journal.services import PhotoInfo

Index = QModelIndex | QPersistentModelIndex

PHOTO_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The cell's ``PhotoInfo``, for the delegate's marks.
PHOTO_ROLE = Qt.ItemDataRole.UserRole + 3
#: On the tray, the date of a photo that is the first of its date (None for the others).
DATE_HEADER_ROLE = Qt.ItemDataRole.UserRole + 2


def _marks(photo: PhotoInfo) -> list[str]:
    """The culling marks in words: "flagged", "3 stars", "hidden from the post"."""
    marks = ["flagged"] if photo.flagged else []
    if photo.rating:
        marks.append(counted(photo.rating, "star"))
    if photo.hidden:
        marks.append("hidden from the post")
    return marks


def _tooltip(photo: PhotoInfo) -> str:
    when = f"{photo.local_time:%a %d %b %Y %H:%M}" if photo.local_time else "unknown time"
    lines = [photo.original_name, f"{when} ({photo.time_description})", photo.camera.label]
    marks = _marks(photo)
    if marks:
        lines.append(", ".join(marks).capitalize())
    if photo.caption:
        lines.insert(0, photo.caption)
    return plain_tooltip("\n".join(lines))


class GalleryModel(QAbstractListModel):
    def __init__(self, loader: ThumbnailLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._ids: list[int] = []
        self._photos: dict[int, PhotoInfo] = {}
        self.trip_id = 0
        #: The day shown; None is the Unassigned tray.
        self.day: dt.date | None = None
        self._placeholder: QPixmap | None = None
        loader.ready.connect(self._on_thumbnail)

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    def photo(self, row: int) -> PhotoInfo:
        return self._photos[self._ids[row]]

    def row_of(self, photo_id: int) -> int | None:
        try:
            return self._ids.index(photo_id)
        except ValueError:
            return None

    def set_photos(self, trip_id: int, day: dt.date | None, photos: list[PhotoInfo]) -> None:
        """Show a day's photos. Refreshing the same day keeps the view where it was: photos
        appended by an import are inserted, changed captions updated in place."""
        ids = [photo.id for photo in photos]
        same_day = (trip_id, day) == (self.trip_id, self.day)
        if same_day and ids[: len(self._ids)] == self._ids:
            old = len(self._ids)
            self._photos = {photo.id: photo for photo in photos}
            if old:
                self.dataChanged.emit(self.index(0), self.index(old - 1))
            if len(ids) > old:
                self.beginInsertRows(QModelIndex(), old, len(ids) - 1)
                self._ids = ids
                self.endInsertRows()
            return
        self.beginResetModel()
        self.trip_id, self.day = trip_id, day
        self._ids = ids
        self._photos = {photo.id: photo for photo in photos}
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.trip_id, self.day = 0, None
        self._ids, self._photos = [], {}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        photo = self._photos[self._ids[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return photo.caption or photo.original_name
        if role == Qt.ItemDataRole.DecorationRole:
            return self._loader.pixmap(photo) or self._placeholder_pixmap()
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(photo)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            marks = ", ".join(_marks(photo))
            return f"Photo {photo.caption or photo.original_name}, {photo.time_description}" + (
                f", {marks}" if marks else ""
            )
        if role == PHOTO_ID_ROLE:
            return photo.id
        if role == PHOTO_ROLE:
            return photo
        if role == DATE_HEADER_ROLE:
            return self._date_header(index.row())
        return None

    def _date_header(self, row: int) -> str | None:
        """On the tray, where photos of many dates wait, the first photo of each date carries
        the date ("Fri 1 Sep"), so the tray reads in groups; None elsewhere."""
        if self.day is not None:
            return None
        taken = self.photo(row).local_time
        before = self.photo(row - 1).local_time if row > 0 else None
        day = taken.date() if taken else None
        if row > 0 and day == (before.date() if before else None):
            return None
        return f"{day:%a} {day.day} {day:%b %Y}" if day else "No date"

    def mimeTypes(self) -> list[str]:
        return [PHOTOS_MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        rows = sorted({index.row() for index in indexes})
        photos = [self.photo(row) for row in rows]
        return photo_mime_data(
            self.trip_id, [DraggedPhoto(photo.id, photo.alt_text) for photo in photos]
        )

    def _placeholder_pixmap(self) -> QPixmap:
        if self._placeholder is None:
            self._placeholder = QPixmap(THUMB_BOX, THUMB_BOX * 3 // 4)
            self._placeholder.fill(QColor(128, 128, 128, 60))
        return self._placeholder

    def _on_thumbnail(self, photo_id: int) -> None:
        row = self.row_of(photo_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
