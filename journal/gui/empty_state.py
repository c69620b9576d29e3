"""What a new user sees before there is a trip: what the app does and the two ways to start."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from journal.gui.plain_text import rich_label


class EmptyState(QWidget):
    new_trip_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("empty-state")
        heading = rich_label("<h2>Welcome to Trip Journal</h2>", self)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = rich_label(
            "<p>Create a trip with its dates, then drop your photos anywhere on this window:"
            " each lands on the day it was taken. Pick a day and write about it; everything is"
            " saved as you type, and the trip exports as a blog post.</p>",
            self,
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A wrapped label in a centring layout is squeezed to its narrowest; give it a column.
        text.setFixedWidth(text.fontMetrics().averageCharWidth() * 64)
        new_trip = QPushButton("New Trip…", self)
        new_trip.setDefault(True)
        new_trip.setAccessibleName("Create a new trip")
        demo = QPushButton("Try the Demo Trip", self)
        demo.setAccessibleName("Create the demo trip")
        new_trip.clicked.connect(self.new_trip_requested)
        demo.clicked.connect(self.demo_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(new_trip)
        buttons.addWidget(demo)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading)
        column = QHBoxLayout()
        column.addStretch(1)
        column.addWidget(text)
        column.addStretch(1)
        layout.addLayout(column)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(2)
