"""The picture under the pointer while photos are dragged: their thumbnails fanned out, and a
badge with the count when there are several, so the user sees what, and how much, is moving."""

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QPen, QPixmap

#: The side of the drag picture's thumbnails, and how far each one behind is offset.
DRAG_BOX = 96
FAN_OFFSET = 6
#: At most this many thumbnails are fanned out; the badge tells the rest.
FANNED = 3


def drag_pixmap(thumbnails: Sequence[QPixmap], count: int, palette: QPalette) -> QPixmap:
    """Up to three of ``thumbnails`` fanned out, with a round badge saying ``count`` when it is
    more than one. Thumbnails keep their device pixel ratio (the picture is drawn at the
    first one's)."""
    ratio = thumbnails[0].devicePixelRatio() if thumbnails else 1.0
    shown = list(thumbnails[:FANNED])
    spread = FAN_OFFSET * max(0, len(shown) - 1)
    badge = 26 if count > 1 else 0
    size = QSize(DRAG_BOX + spread + badge // 2, DRAG_BOX + spread + badge // 2)
    picture = QPixmap(size * ratio)
    picture.setDevicePixelRatio(ratio)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    top = badge // 2
    for depth, thumbnail in reversed(list(enumerate(shown))):
        box = QRect(QPoint(depth * FAN_OFFSET, top + depth * FAN_OFFSET), QSize(DRAG_BOX, DRAG_BOX))
        scaled = thumbnail.size().toSizeF() / (thumbnail.devicePixelRatio() or 1.0)
        fitted = scaled.scaled(box.size().toSizeF(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(QPoint(), fitted.toSize())
        target.moveCenter(box.center())
        painter.setOpacity(1.0 if depth == 0 else 0.8)
        painter.drawPixmap(target, thumbnail)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), 2))
        painter.drawRect(target)
    painter.setOpacity(1.0)
    if count > 1:
        circle = QRect(size.width() - badge, 0, badge, badge)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        painter.drawEllipse(circle)
        font = QFont(painter.font())
        font.setBold(True)
        font.setPixelSize(12 if count < 100 else 9)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, str(count))
    painter.end()
    return picture
