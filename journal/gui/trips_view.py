"""Every trip of the library, each with its cover, dates and counts: the start screen once there
are trips (the welcome screen comes before), and File ▸ All Trips from any trip.

Return or a double-click opens a trip, F2 renames it and Delete deletes it (Edit ▸ Undo brings
it back); the context menu offers the same. Titles are elided to the list's width, so a title of
hundreds of characters neither widens the window nor hides the dates.
"""

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from journal.gui.change_hub import ChangeHub
from journal.gui.plain_text import plain_label, plain_tooltip
from journal.gui.thumbnail_loader import THUMB_BOX, ThumbnailLoader
from journal.plurals import counted
from journal.services import JournalService, TripInfo
from journal.services.trip_summaries import TripSummary

#: Where a list item keeps its trip's id.
TRIP_ID_ROLE = Qt.ItemDataRole.UserRole
#: The cover's side in the list: big enough to recognise a trip, small enough for ten of them.
COVER_SIZE = THUMB_BOX * 2 // 3


def dates_text(trip: TripInfo) -> str:
    """ "16 Sep – 21 Sep 2023", or with both years when the trip spans New Year."""
    start, end = trip.start_date, trip.end_date
    first = f"{start.day} {start:%b}" if start.year == end.year else f"{start.day} {start:%b %Y}"
    return f"{first} – {end.day} {end:%b %Y}"


def summary_text(summary: TripSummary) -> str:
    """The line under a trip's title: its dates, days and photos."""
    days = counted(summary.trip.day_count, "day")
    return f"{dates_text(summary.trip)} · {days} · {counted(summary.photo_count, 'photo')}"


class TripsView(QWidget):
    def __init__(
        self,
        service: JournalService,
        hub: ChangeHub,
        thumbnails: ThumbnailLoader,
        open_trip: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        """``open_trip`` opens the trip the user chose (by its id)."""
        super().__init__(parent)
        self.setObjectName("trips-view")
        self._open_trip = open_trip
        self._service = service
        self._hub = hub
        self._thumbnails = thumbnails
        self._summaries: dict[int, TripSummary] = {}
        #: The rename dialog open, if any (modeless to the loop, so tests can answer it).
        self.rename_dialog: QInputDialog | None = None
        heading = plain_label("Trips", self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Trips")
        self.list.setIconSize(QSize(COVER_SIZE, COVER_SIZE))
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setWordWrap(False)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.itemActivated.connect(lambda item: open_trip(_trip_id(item)))
        self.list.customContextMenuRequested.connect(self._show_menu)
        self._placeholder = _placeholder_cover(self.palette().color(QPalette.ColorRole.Mid))
        thumbnails.ready.connect(self._cover_arrived)
        self._on_key(QKeySequence(Qt.Key.Key_F2), self.rename)
        self._on_key(QKeySequence(QKeySequence.StandardKey.Delete), self.delete)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list)

    def set_trips(self, summaries: list[TripSummary]) -> None:
        """Show ``summaries`` (newest first), keeping the selected trip selected."""
        selected = self.selected_trip()
        self._summaries = {summary.trip.id: summary for summary in summaries}
        self.list.clear()
        for summary in summaries:
            item = QListWidgetItem(f"{summary.trip.title}\n{summary_text(summary)}")
            item.setData(TRIP_ID_ROLE, summary.trip.id)
            item.setToolTip(plain_tooltip(summary.trip.title))
            item.setSizeHint(QSize(0, COVER_SIZE + 12))
            item.setIcon(QIcon(self._placeholder))
            self.list.addItem(item)
            # Asked once listed: a cover decoded at once arrives through ``_cover_arrived``.
            cover = self._cover(summary)
            if cover is not None:
                item.setIcon(QIcon(cover))
        if self.list.count():
            ids = [summary.trip.id for summary in summaries]
            self.list.setCurrentRow(ids.index(selected) if selected in ids else 0)

    def _on_key(self, keys: QKeySequence, act: Callable[[int], None]) -> None:
        """``act`` on the selected trip when ``keys`` are pressed in the list."""
        action = QAction(self.list)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda: self._on_selected(act))
        self.list.addAction(action)

    def _on_selected(self, act: Callable[[int], None]) -> None:
        trip_id = self.selected_trip()
        if trip_id is not None:
            act(trip_id)

    @property
    def listed(self) -> bool:
        """Whether the library has any trip (as last listed)."""
        return bool(self._summaries)

    def lists(self, trip_id: int) -> bool:
        """Whether the trip was in the latest list: a trip a change names that is not is new."""
        return trip_id in self._summaries

    def selected_trip(self) -> int | None:
        item = self.list.currentItem()
        return _trip_id(item) if item is not None else None

    def focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _cover(self, summary: TripSummary) -> QPixmap | None:
        """The trip's cover thumbnail, or None while it loads (or when it has none)."""
        if summary.cover_photo_id is None:
            return None
        return self._thumbnails.pixmap_by_id(summary.cover_photo_id)

    def _cover_arrived(self, photo_id: int) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            summary = self._summaries.get(_trip_id(item))
            cover = self._thumbnails.pixmap_by_id(photo_id)
            if summary is not None and summary.cover_photo_id == photo_id and cover is not None:
                item.setIcon(QIcon(cover))

    # What the user does to a trip

    def _show_menu(self, position: QPoint) -> None:
        item = self.list.itemAt(position)
        if item is None:
            return
        trip_id = _trip_id(item)
        menu = QMenu(self)
        menu.addAction("&Open", lambda: self._open_trip(trip_id))
        menu.addAction("&Rename…", lambda: self.rename(trip_id))
        menu.addSeparator()
        menu.addAction("&Delete", lambda: self.delete(trip_id))
        menu.popup(self.list.viewport().mapToGlobal(position))

    def rename(self, trip_id: int) -> None:
        summary = self._summaries.get(trip_id)
        if summary is None:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Rename Trip")
        dialog.setLabelText("Title:")
        dialog.setTextValue(summary.trip.title)
        dialog.textValueSelected.connect(lambda title: self._rename(summary.trip, title))
        dialog.finished.connect(dialog.deleteLater)
        self.rename_dialog = dialog
        dialog.open()

    def _rename(self, trip: TripInfo, title: str) -> None:
        self.rename_dialog = None
        if title != trip.title:
            self._hub.run_operation(
                lambda: self._service.rename_trip(trip.id, title),
                name=f"Rename Trip “{trip.title}”",
            )

    def delete(self, trip_id: int) -> None:
        """Delete at once: Edit ▸ Undo brings the trip back, so no question stands in the way."""
        summary = self._summaries.get(trip_id)
        if summary is not None:
            title = summary.trip.title
            self._hub.run_operation(
                lambda: self._service.delete_trip(trip_id), name=f"Delete Trip “{title}”"
            )


def _trip_id(item: QListWidgetItem) -> int:
    return int(item.data(TRIP_ID_ROLE))


def _placeholder_cover(colour: QColor) -> QPixmap:
    """A trip with no photos yet: a frame with a hill and a sun drawn in ``colour``, so the row
    still reads as a trip (a blank square looked like a cover that failed to load)."""
    pixmap = QPixmap(COVER_SIZE, COVER_SIZE)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = COVER_SIZE
    top = side // 6
    painter.setPen(QPen(colour, 2))
    painter.setBrush(QColor(0, 0, 0, 0))
    painter.drawRoundedRect(QRectF(2, top, side - 4, side - 2 * top), 6, 6)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(QPointF(side * 0.7, top + side * 0.22), side * 0.08, side * 0.08)
    hill = QPolygonF(
        [
            QPointF(4, side - top - 2),
            QPointF(side * 0.38, top + side * 0.3),
            QPointF(side * 0.62, side - top - side * 0.2),
            QPointF(side * 0.78, top + side * 0.42),
            QPointF(side - 4, side - top - 2),
        ]
    )
    painter.drawPolygon(hill)
    painter.end()
    return pixmap
