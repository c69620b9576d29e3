"""How the main window's panes sit: the day timeline on the left; on the right the day's gallery
above its editor. The splitters have object names, under which their positions are saved."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget


def split_panes(
    timeline: QWidget, gallery: QWidget, editor: QWidget
) -> tuple[QSplitter, QSplitter]:
    """(the panes, the day's splitter inside them), sized for a first start."""
    day = QSplitter(Qt.Orientation.Vertical)
    day.setObjectName("day-splitter")
    day.addWidget(gallery)
    day.addWidget(editor)
    day.setStretchFactor(0, 2)
    day.setStretchFactor(1, 3)
    day.setSizes([240, 560])
    panes = QSplitter(Qt.Orientation.Horizontal)
    panes.setObjectName("panes")
    panes.addWidget(timeline)
    panes.addWidget(day)
    panes.setStretchFactor(0, 0)
    panes.setStretchFactor(1, 1)
    panes.setSizes([280, 1000])
    return panes, day
