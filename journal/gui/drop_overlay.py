"""What the window shows while files from another application hover over it: a veil over the
panes saying that letting go imports them, so a user sees the drop will be taken before letting
go (and where: the trip, each photo on its day)."""

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget


class DropOverlay(QWidget):
    """Covers ``covered`` (kept to its size) while shown; the pointer's events go through it to
    the widgets beneath, which take the drop."""

    def __init__(self, covered: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("drop-overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self._covered = covered
        self._parent = parent
        self.message = ""
        covered.installEventFilter(self)
        self.hide()

    def show_message(self, message: str) -> None:
        self.message = message
        top_left = self._covered.mapTo(self._parent, self._covered.rect().topLeft())
        self.setGeometry(QRect(top_left, self._covered.size()))
        self.raise_()
        self.show()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        resized = event.type() in (QEvent.Type.Resize, QEvent.Type.Move)
        if watched is self._covered and resized and self.isVisible():
            self.show_message(self.message)
        return super().eventFilter(watched, event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        veil = QColor(self.palette().color(QPalette.ColorRole.Window))
        veil.setAlpha(215)
        painter.fillRect(self.rect(), veil)
        painter.setPen(QPen(accent, 3, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self.rect().adjusted(12, 12, -12, -12), 12, 12)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(
            self.rect().adjusted(40, 40, -40, -40),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            self.message,
        )
        painter.end()
