"""The gallery of the selected day: thumbnails in order, dragged to days, the editor, or around.

The photos come from a ``GalleryModel`` (``gallery_model``) and are painted by a
``ThumbnailDelegate`` (``gallery_delegate``).

Dragging out carries the photos' ids (see ``photo_drag``); dropping them back inside the gallery
reorders the day; dropping files from a file manager asks the window to import them.
"""

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from journal.gui.drag_pixmap import drag_pixmap
from journal.gui.gallery_delegate import ThumbnailDelegate
from journal.gui.gallery_model import PHOTO_ID_ROLE, GalleryModel
from journal.gui.photo_drag import dropped_paths, read_photo_drag
from journal.gui.plain_text import plain_label
from journal.gui.preferences import THUMBNAIL_SIZES
from journal.gui.thumbnail_loader import THUMB_BOX
from journal.plurals import counted

#: The smallest thumbnails the size slider gives, and its step (the largest is ``THUMB_BOX``,
#: the size thumbnails are made at: larger would only blur them).
THUMBNAIL_STEP = 15


class GalleryView(QListView):
    """Icon view of a day's photos; drags move photos, drops reorder or import."""

    #: The day's new order of photo ids after a drag inside the gallery.
    reordered = Signal(list)
    #: Photos from another view dropped here, to move onto this day at an index.
    photos_dropped = Signal(list, int)
    #: Files or folders dropped from outside, to import.
    files_dropped = Signal(list)
    #: A photo was double-clicked or Enter was pressed on it: (photo id).
    open_photo = Signal(int)
    #: Ctrl+wheel: (steps up, negative down) to make the thumbnails bigger or smaller.
    zoom_requested = Signal(int)
    #: The context menu was asked for (right click, the Menu key, Shift+F10): (global position).
    menu_requested = Signal(QPoint)

    def __init__(self, model: GalleryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("gallery")
        self.setAccessibleName("Photos of the day")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWrapping(True)
        self.setUniformItemSizes(True)
        #: The row a photo dragged over the gallery would be put before, while one is.
        self._insert_at: int | None = None
        self._delegate = ThumbnailDelegate(self)
        self.setItemDelegate(self._delegate)
        self.set_thumbnail_size(THUMB_BOX)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.activated.connect(lambda index: self.open_photo.emit(index.data(PHOTO_ID_ROLE)))

    def gallery_model(self) -> GalleryModel:
        model = self.model()
        assert isinstance(model, GalleryModel)
        return model

    def set_thumbnail_size(self, size: int) -> None:
        """Thumbnails in a box of ``size`` pixels: the grid wraps as many to a row as fit."""
        self._delegate.box = size
        self.setIconSize(QSize(size, size))
        self.setGridSize(QSize(size + 16, size + 40))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() // 120
            if steps:
                self.zoom_requested.emit(steps)
            event.accept()
            return
        super().wheelEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Coming to the gallery (Ctrl+2, Tab) lands on a current, selected photo, so Delete,
        Return and the menu key act on something the user can see."""
        super().focusInEvent(event)
        model = self.gallery_model()
        if model.rowCount() == 0:
            return
        current = self.currentIndex()
        if not current.isValid():
            current = model.index(0)
            self.selectionModel().setCurrentIndex(
                current, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        elif not self.selectionModel().hasSelection():
            self.selectionModel().select(current, QItemSelectionModel.SelectionFlag.Select)
        self.scrollTo(current)

    def current_photo_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(PHOTO_ID_ROLE) if index.isValid() else None

    def menu_anchor(self) -> QPoint:
        """Where a menu opened from the keyboard appears: under the current photo."""
        index = self.currentIndex()
        rect = self.visualRect(index) if index.isValid() else self.viewport().rect()
        return self.viewport().mapToGlobal(rect.center())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Right-clicking a photo outside the selection makes it the selection (as file
        managers do); the menu acts on the selection."""
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            self.menu_requested.emit(self.menu_anchor())
            return
        index = self.indexAt(event.pos())
        if not index.isValid():
            return
        if not self.selectionModel().isSelected(index):
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        else:
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.menu_requested.emit(event.globalPos())

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.selectionModel().selectedIndexes())
        model = self.gallery_model()
        return [model.photo(row).id for row in rows]

    def select_ids(self, photo_ids: list[int]) -> None:
        model = self.gallery_model()
        selection = self.selectionModel()
        selection.clearSelection()
        for photo_id in photo_ids:
            row = model.row_of(photo_id)
            if row is not None:
                selection.select(model.index(row), QItemSelectionModel.SelectionFlag.Select)

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        indexes = sorted(self.selectionModel().selectedIndexes(), key=lambda index: index.row())
        if not indexes:
            return
        drag = QDrag(self)
        drag.setMimeData(self.gallery_model().mimeData(indexes))
        drag.setPixmap(self.drag_picture(indexes))
        drag.setHotSpot(QPoint(12, 24))
        drag.exec(Qt.DropAction.MoveAction | Qt.DropAction.CopyAction, Qt.DropAction.MoveAction)

    def drag_picture(self, indexes: list[QModelIndex]) -> QPixmap:
        """The dragged photos' thumbnails fanned out, with their count on a badge."""
        thumbnails = [
            icon
            for icon in (index.data(Qt.ItemDataRole.DecorationRole) for index in indexes[:3])
            if isinstance(icon, QPixmap) and not icon.isNull()
        ]
        return drag_pixmap(thumbnails, len(indexes), self.palette())

    # Where a drop would land, shown while dragging

    def insertion_row(self) -> int | None:
        """The row a photo dragged over the gallery would go before (None: no drag here)."""
        return self._insert_at

    def _show_insertion(self, row: int | None) -> None:
        if row != self._insert_at:
            self._insert_at = row
            self.viewport().update()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._show_insertion(None)
        super().dragLeaveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The thumbnails, then the insertion line of a drag in progress: a bar in the gap
        before the cell the photos would go before (after the last one at the end)."""
        super().paintEvent(event)
        row = self._insert_at
        model = self.gallery_model()
        if row is None or model.rowCount() == 0:
            return
        after_last = row >= model.rowCount()
        cell = self.visualRect(model.index(min(row, model.rowCount() - 1)))
        spacing = (self.gridSize().width() - cell.width()) // 2
        x = cell.right() + spacing if after_last else cell.left() - spacing
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Highlight))
        painter.drawRoundedRect(x - 2, cell.top(), 4, cell.height(), 2, 2)
        painter.end()

    def _drop_index(self, position: QPoint) -> int:
        """The row a drop at ``position`` inserts before (after the cell's middle: after it)."""
        index = self.indexAt(position)
        if not index.isValid():
            return self.gallery_model().rowCount()
        rect = self.visualRect(index)
        return index.row() + (1 if position.x() > rect.center().x() else 0)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.dragMoveEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._accept_drag(event)
        moving_photos = event.isAccepted() and read_photo_drag(event.mimeData()) is not None
        self._show_insertion(
            self._drop_index(event.position().toPoint()) if moving_photos else None
        )

    @staticmethod
    def _accept_drag(event: QDragMoveEvent) -> None:
        """Photos of the app move; files from outside are copied in; anything else is refused."""
        data = event.mimeData()
        if read_photo_drag(data) is not None:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        elif dropped_paths(data):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        self._show_insertion(None)
        data = event.mimeData()
        drag = read_photo_drag(data)
        position = event.position().toPoint()
        if drag is not None:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            self._drop_photos(drag.ids, self._drop_index(position))
            return
        paths = dropped_paths(data)
        if paths:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.files_dropped.emit(paths)
            return
        event.ignore()

    def _drop_photos(self, photo_ids: list[int], row: int) -> None:
        model = self.gallery_model()
        current = model.ids
        if set(photo_ids) <= set(current):
            moving = [pid for pid in current if pid in set(photo_ids)]
            before = len([pid for pid in current[:row] if pid in set(moving)])
            rest = [pid for pid in current if pid not in set(moving)]
            insert_at = row - before
            order = rest[:insert_at] + moving + rest[insert_at:]
            if order != current:
                self.reordered.emit(order)
        else:
            self.photos_dropped.emit(photo_ids, row)


class GalleryPane(QWidget):
    """The gallery with a line above it saying what it shows and what can be done, and a slider
    for the thumbnails' size (Ctrl+wheel over the gallery moves it too)."""

    #: The thumbnail size the user chose: (pixels).
    thumbnail_size_changed = Signal(int)

    def __init__(self, model: GalleryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = plain_label(parent=self)
        self.header.setObjectName("gallery-header")
        self.header.setWordWrap(True)
        self.size_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.size_slider.setObjectName("thumbnail-size")
        self.size_slider.setAccessibleName("Thumbnail size")
        self.size_slider.setToolTip("Thumbnail size (Ctrl+wheel over the photos)")
        self.size_slider.setRange(*THUMBNAIL_SIZES)
        self.size_slider.setSingleStep(THUMBNAIL_STEP)
        self.size_slider.setPageStep(THUMBNAIL_STEP)
        self.size_slider.setValue(THUMB_BOX)
        self.size_slider.setMaximumWidth(140)
        self.view = GalleryView(model, self)
        self._text_only = False
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.size_slider)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.size_slider.valueChanged.connect(self._on_size)
        self.view.zoom_requested.connect(
            lambda steps: self.size_slider.setValue(
                self.size_slider.value() + steps * THUMBNAIL_STEP
            )
        )
        model.modelReset.connect(self._update_header)
        model.rowsInserted.connect(self._update_header)
        model.rowsRemoved.connect(self._update_header)
        self._update_header()

    def set_thumbnail_size(self, size: int) -> None:
        self.size_slider.setValue(size)

    def _on_size(self, size: int) -> None:
        self.view.set_thumbnail_size(size)
        self.thumbnail_size_changed.emit(size)

    def set_text_only(self, text_only: bool) -> None:
        """The intro and the closing have no photos: only a line saying where photos go."""
        self._text_only = text_only
        self.view.setVisible(not text_only)
        self._update_header()

    def _update_header(self) -> None:
        model = self.view.gallery_model()
        count = model.rowCount()
        self.size_slider.setVisible(count > 0 and not self._text_only)
        if self._text_only:
            self.header.setText(
                "No photos here — photos belong to days. Drag a photo from a day's gallery "
                "into this text to show it here."
            )
        elif model.trip_id == 0:
            self.header.setText("")
        elif count == 0:
            self.header.setText(
                "No photos on this day. Drop photos or folders anywhere on the window to import "
                "them (Ctrl+I, or Ctrl+Shift+I for a folder); each lands on the day it was taken."
            )
        else:
            photos = counted(count, "photo")
            if model.day is None:
                # The tray has no text to drag into: its photos wait to be put on a day.
                self.header.setText(
                    f"{photos} in Unassigned · drag onto a day to place them there; "
                    "double-click to view"
                )
            else:
                self.header.setText(
                    f"{photos} on this day · drag to reorder, onto a day to move, into the text "
                    "to show them; double-click to view"
                )
