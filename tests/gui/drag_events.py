"""Drag and drop as the window sees it: enter, move and drop events sent to a widget."""

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget


def file_mime(*paths: Path) -> QMimeData:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return data


def drag_and_drop(
    widget: QWidget, position: QPoint, data: QMimeData, action: Qt.DropAction
) -> QDropEvent:
    """Send the events of a drag that ends over ``widget`` at ``position``; return the drop."""
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(widget, QDragEnterEvent(position, action, data, buttons, modifiers))
    QApplication.sendEvent(widget, QDragMoveEvent(position, action, data, buttons, modifiers))
    drop = QDropEvent(QPointF(position), action, data, buttons, modifiers)
    QApplication.sendEvent(widget, drop)
    return drop
