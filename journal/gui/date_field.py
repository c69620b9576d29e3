"""A date field that takes an ISO date typed in full, as people copy it from a calendar or a post.

``QDateEdit`` moves to the next section by itself once a section is full (after the four digits
of the year), and a typed separator also moves on. Typing ``2023-09-16`` therefore skips the month:
the ``-`` that follows the year lands in the day, and the date comes out as 2023-11-09. This field
swallows a separator typed right after the one the cursor just passed, so both ways of moving on
(the automatic one and the typed one) count once. Typing over the whole date (after Ctrl+A, or a
double-click) starts again at the year instead of scattering the digits. The calendar popup and
arrow keys are unchanged.
"""

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

#: What people type between year, month and day; all of them mean "next section".
SEPARATORS = frozenset("-/.")

ISO_FORMAT = "yyyy-MM-dd"


class IsoDateEdit(QDateEdit):
    def __init__(self, date: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if date is not None:
            self.setDate(date)
        self.setDisplayFormat(ISO_FORMAT)
        self.setCalendarPopup(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        field = self.lineEdit()
        if event.text().isdigit() and any(mark in field.selectedText() for mark in SEPARATORS):
            self.setSelectedSection(self.sectionAt(0))
        elif event.text() in SEPARATORS:
            position = field.cursorPosition()
            if position > 0 and field.text()[position - 1] in SEPARATORS:
                event.accept()  # the section already advanced when the previous one filled up
                return
        super().keyPressEvent(event)
