"""Files dropped anywhere on the window import, whatever widget happens to be under the pointer.

Text widgets would otherwise take a dropped file as text to paste (or refuse it), so this filter
is installed on the window and its drop-accepting widgets and claims drags that carry local files
and no photos of ours; everything else goes on to the widget as usual. While such files hover,
``hovering`` says so (the window shows a veil saying they will be imported); a drag passing from
one watched widget to the next leaves one and enters the other, so the end of a hover is told a
moment after the last leave, unless an enter came meanwhile.
"""

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget

from journal.gui.photo_drag import dropped_paths, read_photo_drag
from journal.plurals import counted


class FileDropFilter(QObject):
    #: Local files and folders dropped on a watched widget.
    files_dropped = Signal(list)
    #: Files from outside are over a watched widget (True) or went away or were dropped.
    hovering = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._left = QTimer(self)
        self._left.setSingleShot(True)
        self._left.setInterval(80)
        self._left.timeout.connect(lambda: self.hovering.emit(False))

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.setAcceptDrops(True)
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.DragLeave:
            self._left.start()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            assert isinstance(event, QDropEvent)
            paths = self._files(event)
            if paths:
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
                if kind == QEvent.Type.Drop:
                    self._left.stop()
                    self.hovering.emit(False)
                    self.files_dropped.emit(paths)
                elif kind == QEvent.Type.DragEnter:
                    self._left.stop()
                    self.hovering.emit(True)
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _files(event: QDropEvent) -> list[Path]:
        data = event.mimeData()
        if read_photo_drag(data) is not None:
            return []
        return dropped_paths(data)


def dropped_items(paths: list[Path]) -> str:
    """ "2 photos and 1 folder": what a drop brought, by kind; a folder's photos are counted as
    the import finds them (a card holds thousands, too many to count before it starts)."""
    folders = sum(1 for path in paths if path.is_dir())
    files = len(paths) - folders
    parts = [counted(files, "file")] if files else []
    if folders:
        parts.append(counted(folders, "folder"))
    return " and ".join(parts) or "nothing"
