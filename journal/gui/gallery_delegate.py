"""How a gallery cell is painted: the thumbnail in a square box above its name, and the photo's
culling marks over it (a flag, stars, a veil when hidden from the post, the date on the tray)."""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from journal.gui.gallery_model import DATE_HEADER_ROLE, PHOTO_ROLE
from journal.gui.thumbnail_loader import THUMB_BOX
from journal.services import PhotoInfo

Index = QModelIndex | QPersistentModelIndex


class ThumbnailDelegate(QStyledItemDelegate):
    """Lays every cell out around the same square thumbnail box, whatever the photo's shape.

    The view uses uniform item sizes (a day of thousands of photos lays out at once), so every
    cell takes the size of the first. Left to the pixmap's own size, a portrait thumbnail is
    taller than a landscape first cell and its file name falls outside the cell; in a square box
    both shapes sit centred above their name.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The thumbnail box's side, set by the size slider.
        self.box = THUMB_BOX

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.decorationSize = QSize(self.box, self.box)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """The cell, then its marks over the thumbnail: a flag top left, stars along the
        bottom, a hidden photo veiled; on the tray, the date over the first photo of each."""
        photo: PhotoInfo = index.data(PHOTO_ROLE)
        super().paint(painter, option, index)
        cell: QRect = option.rect
        box = QRect(
            cell.left() + (cell.width() - self.box) // 2, cell.top() + 2, self.box, self.box
        )
        palette: QPalette = option.palette
        painter.save()
        if photo.hidden:
            veil = QColor(palette.color(QPalette.ColorRole.Base))
            veil.setAlpha(150)
            painter.fillRect(box, veil)
            _badge(painter, box.bottomLeft() + QPoint(4, -22), "hidden", palette)
        if photo.flagged:
            _badge(painter, box.topLeft() + QPoint(4, 4), "⚑", palette)
        if photo.rating:
            stars = "★" * photo.rating
            _badge(painter, box.bottomRight() + QPoint(-4 - 11 * len(stars), -22), stars, palette)
        header = index.data(DATE_HEADER_ROLE)
        if header:
            _badge(
                painter,
                box.topLeft() + QPoint(4, 4 + (22 if photo.flagged else 0)),
                header,
                palette,
            )
        painter.restore()


def _badge(painter: QPainter, top_left: QPoint, text: str, palette: QPalette) -> None:
    """A small label on a thumbnail, readable on any photo: the text on the selection colour."""
    metrics = painter.fontMetrics()
    rect = QRect(top_left, QSize(metrics.horizontalAdvance(text) + 8, metrics.height() + 2))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
    painter.drawRoundedRect(rect, 4, 4)
    painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
