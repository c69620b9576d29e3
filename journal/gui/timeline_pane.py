"""The day timeline: every section of the trip, with counts and a cover, and a drop target.

The model holds ``TimelineEntry`` values only; the delegate paints a two-line row with the day's
cover thumbnail, which it asks for through ``cover_for`` (the thumbnail loader), so a row paints at
once with a placeholder and again when the cover arrives.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from journal.gui.photo_drag import read_photo_drag
from journal.gui.plain_text import plain_tooltip
from journal.gui.timeline_entries import EntryKey, TimelineEntry
from journal.plurals import counted

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
#: Photos on their way to the entry during an import.
INCOMING_ROLE = Qt.ItemDataRole.UserRole + 2
COVER_SIZE = 44

Index = QModelIndex | QPersistentModelIndex


def _counts(entry: TimelineEntry, incoming: int = 0) -> str:
    parts = []
    if entry.is_day or not entry.has_text:
        count = entry.photo_count
        coming = f" +{incoming}" if incoming else ""
        parts.append(f"{count}{coming} photo{'' if count + incoming == 1 else 's'}")
    if entry.has_text:
        parts.append(counted(entry.word_count, "word"))
    return " · ".join(parts)


class TimelineModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[TimelineEntry] = []
        #: Photos an import has planned for each day (None: Unassigned) during its scan, and
        #: each day's count when the import began: what is still on its way is the difference.
        self._incoming: dict[dt.date | None, int] = {}
        self._counts_before: dict[dt.date | None, int] = {}

    def set_entries(self, entries: list[TimelineEntry]) -> None:
        """Replace the rows; when only counts or titles changed, update them in place so the
        selection and scroll position stay where the user left them."""
        if [e.key for e in entries] == [e.key for e in self._entries]:
            self._entries = entries
            if entries:
                self.dataChanged.emit(self.index(0), self.index(len(entries) - 1))
            return
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def set_incoming(self, incoming: dict[dt.date | None, int]) -> None:
        """Show the photos an import is about to bring to each day, so days fill at once."""
        if incoming and not self._incoming:
            self._counts_before = {
                e.day: e.photo_count for e in self._entries if e.accepts_photos and e.in_trip
            }
        self._incoming = incoming
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def incoming(self, entry: TimelineEntry) -> int:
        """Photos planned for the entry that have not been committed yet."""
        if not entry.accepts_photos or entry.day not in self._incoming:
            return 0
        arrived = entry.photo_count - self._counts_before.get(entry.day, entry.photo_count)
        return max(0, self._incoming[entry.day] - arrived)

    def entries(self) -> list[TimelineEntry]:
        return list(self._entries)

    def entry(self, row: int) -> TimelineEntry:
        return self._entries[row]

    def row_of(self, key: EntryKey) -> int | None:
        for row, entry in enumerate(self._entries):
            if entry.key == key:
                return row
        return None

    def cover_arrived(self, photo_id: int) -> None:
        """A thumbnail arrived: the sections it is the cover of are painted again."""
        for row, entry in enumerate(self._entries):
            if entry.cover_photo_id == photo_id:
                index = self.index(row)
                self.dataChanged.emit(index, index)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.label
        if role == ENTRY_ROLE:
            return entry
        if role == INCOMING_ROLE:
            return self.incoming(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            details = [entry.label, entry.title, _counts(entry)]
            if not entry.in_trip:
                details.append("This date is outside the trip; its text was kept.")
            return plain_tooltip("\n".join(part for part in details if part))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entry.label}, {entry.title}, {_counts(entry)}".replace(", ,", ",")
        return None


class TimelineDelegate(QStyledItemDelegate):
    """The cover on the left; the label in bold; below it the title and the counts."""

    def __init__(self, cover_for: Callable[[int], QPixmap | None], parent: QWidget) -> None:
        super().__init__(parent)
        self._cover_for = cover_for

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()
        return QSize(220, max(COVER_SIZE, 2 * line + 2) + 12)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        entry: TimelineEntry = index.data(ENTRY_ROLE)
        style_option = QStyleOptionViewItem(option)
        self.initStyleOption(style_option, index)
        style_option.text = ""
        widget = style_option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, style_option, painter, widget)
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted_color = text_color if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        painter.save()
        self._paint_cover(
            painter,
            entry,
            QRect(rect.left() + 6, rect.top() + 6, COVER_SIZE, rect.height() - 12),
            palette,
        )
        text_left = rect.left() + COVER_SIZE + 14
        line = option.fontMetrics.height()
        width = rect.right() - text_left - 6
        top = QRect(text_left, rect.top() + 6, width, line)
        bottom = QRect(text_left, top.bottom() + 2, width, line)
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(text_color)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        elide = Qt.TextElideMode.ElideRight
        painter.drawText(top, align, painter.fontMetrics().elidedText(entry.label, elide, width))
        font.setBold(False)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        counts = _counts(entry, index.data(INCOMING_ROLE) or 0)
        counts_width = metrics.horizontalAdvance(counts)
        painter.setPen(muted_color)
        painter.drawText(
            bottom, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, counts
        )
        title_rect = bottom.adjusted(0, 0, -(counts_width + 8), 0)
        title = entry.title
        if not title and entry.is_day:
            title = "Untitled"
        else:
            painter.setPen(text_color)
        painter.drawText(title_rect, align, metrics.elidedText(title, elide, title_rect.width()))
        painter.restore()

    def _paint_cover(
        self, painter: QPainter, entry: TimelineEntry, cover: QRect, palette: QPalette
    ) -> None:
        pixmap = self._cover_for(entry.cover_photo_id) if entry.cover_photo_id else None
        if pixmap is None or pixmap.isNull():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(cover, 4, 4)
            return
        ratio = pixmap.devicePixelRatio() or 1.0
        size = (pixmap.size().toSizeF() / ratio).scaled(
            cover.size().toSizeF(), Qt.AspectRatioMode.KeepAspectRatioByExpanding
        )
        target = QRect(0, 0, int(size.width()), int(size.height()))
        target.moveCenter(cover.center())
        painter.setClipRect(cover)
        painter.drawPixmap(target, pixmap)
        painter.setClipping(False)


class TimelineView(QListView):
    """The list of sections; photos dropped on a day (or on Unassigned) are moved there."""

    #: (photo ids, target day or None for Unassigned)
    photos_dropped = Signal(list, object)
    #: The context menu was asked for on an entry: (the entry, global position).
    menu_requested = Signal(object, QPoint)

    def __init__(self, model: TimelineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("timeline")
        self.setAccessibleName("Days of the trip")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setMinimumWidth(200)
        #: The row highlighted under photos being dragged, while they are.
        self._drop_row: int | None = None

    def step(self, rows: int) -> None:
        """Show the section ``rows`` after the current one (before it when negative), if any."""
        row = self.currentIndex().row() + rows
        if 0 <= row < self.model().rowCount():
            self.setCurrentIndex(self.model().index(row, 0))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The menu of the entry under the pointer (of the current one from the keyboard)."""
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            index = self.currentIndex()
            position = self.viewport().mapToGlobal(self.visualRect(index).center())
        else:
            index = self.indexAt(event.pos())
            position = event.globalPos()
        if index.isValid():
            self.setCurrentIndex(index)
            self.menu_requested.emit(index.data(ENTRY_ROLE), position)

    def _target(self, event: QDropEvent | QDragMoveEvent) -> TimelineEntry | None:
        index = self.indexAt(event.position().toPoint())
        if not index.isValid():
            return None
        entry: TimelineEntry = index.data(ENTRY_ROLE)
        return entry if entry.accepts_photos else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if read_photo_drag(event.mimeData()) is not None:
            event.acceptProposedAction()
            self.dragMoveEvent(event)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Accept over a section photos can go to, and highlight it (the target the drop
        would move them to); refuse, with no highlight, anywhere else."""
        if read_photo_drag(event.mimeData()) is not None and self._target(event) is not None:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            self._highlight(self.indexAt(event.position().toPoint()).row())
        else:
            event.ignore()
            self._highlight(None)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._highlight(None)
        super().dragLeaveEvent(event)

    def drop_target_row(self) -> int | None:
        """The row highlighted as the target of photos dragged over the timeline."""
        return self._drop_row

    def _highlight(self, row: int | None) -> None:
        if row != self._drop_row:
            self._drop_row = row
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._drop_row is None:
            return
        rect = self.visualRect(self.model().index(self._drop_row, 0)).adjusted(1, 1, -2, -2)
        color = self.palette().color(QPalette.ColorRole.Highlight)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(color)
        fill.setAlpha(60)
        painter.setBrush(fill)
        painter.setPen(QPen(color, 2))
        painter.drawRoundedRect(rect, 5, 5)
        painter.end()

    def dropEvent(self, event: QDropEvent) -> None:
        self._highlight(None)
        drag = read_photo_drag(event.mimeData())
        target = self._target(event)
        if drag is None or target is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.photos_dropped.emit(drag.ids, target.day)
