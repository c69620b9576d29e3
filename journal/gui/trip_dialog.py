"""The new-trip and trip-properties dialog.

The fields are checked with the core's own validators (pure functions, no database) before the
dialog closes, so a mistake is explained next to the fields and nothing is lost by retyping.
The time zone defaults to the system's, which is where most people start writing.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalError
from journal.gui.date_field import IsoDateEdit
from journal.gui.plain_text import plain_label
from journal.services import NewTrip, TripEdit, TripInfo
from journal.services.validation import check_date_range, check_timezone, check_title


def system_timezone() -> str:
    """The system's IANA zone name, or UTC when the system does not say or says something odd."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    try:
        return check_timezone(name)
    except JournalError:
        return "UTC"


def _labels(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


@dataclass(frozen=True)
class TripProperties:
    """What the properties dialog changed: fields (one edit) and possibly the dates."""

    edit: TripEdit
    start_date: dt.date
    end_date: dt.date


class TripDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, trip: TripInfo | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Trip" if trip is None else "Trip Properties")
        self.title = QLineEdit(self)
        self.title.setAccessibleName("Trip title")
        self.title.setPlaceholderText("e.g. Seattle 2023, 시애틀 출장")
        today = dt.date.today()
        self.start = IsoDateEdit(_qdate(today), self)
        self.start.setAccessibleName("First day")
        self.end = IsoDateEdit(_qdate(today + dt.timedelta(days=6)), self)
        self.end.setAccessibleName("Last day")
        self._shown_start = self.start.date()
        self.timezone = QComboBox(self)
        self.timezone.setEditable(True)
        self.timezone.setAccessibleName("Time zone")
        zones = sorted(available_timezones())
        self.timezone.addItems(zones)
        completer = QCompleter(zones, self.timezone)
        completer.setFilterMode(completer.filterMode().MatchContains)
        self.timezone.setCompleter(completer)
        self.timezone.setCurrentText(system_timezone())
        self.categories = QLineEdit(self)
        self.categories.setAccessibleName("Categories")
        self.categories.setPlaceholderText("comma separated, e.g. AWS, Summit")
        self.tags = QLineEdit(self)
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("comma separated")
        self.error = plain_label(parent=self)
        self.error.setWordWrap(True)
        self.error.setObjectName("dialog-error")
        self.error.hide()

        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&First day:", self.start)
        form.addRow("&Last day:", self.end)
        form.addRow("Time &zone:", self.timezone)
        zone_hint = plain_label(
            "Photos without a time zone of their own are placed on their days by their "
            "capture time in this one.",
            self,
        )
        zone_hint.setWordWrap(True)
        zone_hint.setObjectName("field-hint")
        form.addRow("", zone_hint)
        form.addRow("&Categories:", self.categories)
        form.addRow("Ta&gs:", self.tags)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._range_error: str | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if trip is not None:
            self.title.setText(trip.title)
            self.start.setDate(_qdate(trip.start_date))
            self.end.setDate(_qdate(trip.end_date))
            self.timezone.setCurrentText(trip.timezone)
            self.categories.setText(", ".join(trip.categories))
            self.tags.setText(", ".join(trip.tags))
        else:
            self.start.dateChanged.connect(self._keep_trip_length)
        self.start.dateChanged.connect(self._check_range)
        self.end.dateChanged.connect(self._check_range)
        # A message about the title or the zone goes once that field is edited again.
        self.title.textChanged.connect(self._clear_field_error)
        self.timezone.currentTextChanged.connect(self._clear_field_error)
        self.resize(440, self.sizeHint().height())

    def _keep_trip_length(self, start: QDate) -> None:
        """In a new trip, moving the first day moves the last one by as much: nothing is on the
        days yet, and a trip planned for a week stays a week. An existing trip never does this:
        there, "it started a day earlier" is the common fix, and silently moving the last day
        too would send that day's photos to Unassigned."""
        self.end.setDate(self.end.date().addDays(self._shown_start.daysTo(start)))
        self._shown_start = start

    def _check_range(self) -> None:
        """Explain a first day after the last one as soon as the dates say so, and keep OK off
        until they are fixed: a message on OK would come long after the field that caused it."""
        try:
            check_date_range(_pydate(self.start.date()), _pydate(self.end.date()))
        except JournalError as error:
            self._range_error = str(error)
            self._show_error(self._range_error)
            self._ok.setEnabled(False)
            return
        if self._range_error is not None and self.error.text() == self._range_error:
            self.error.hide()
        self._range_error = None
        self._ok.setEnabled(True)

    def _show_error(self, message: str) -> None:
        """Show ``message`` below the fields; the dialog grows to fit it rather than squeezing
        the fields."""
        self.error.setText(message)
        self.error.show()
        # Taller, never narrower (``adjustSize`` would shrink the width to the hint's).
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _clear_field_error(self) -> None:
        if self.error.isVisible() and self.error.text() != self._range_error:
            self.error.hide()

    def accept(self) -> None:
        try:
            check_title(self.title.text())
            check_date_range(_pydate(self.start.date()), _pydate(self.end.date()))
            check_timezone(self.timezone.currentText())
        except JournalError as error:
            self._show_error(str(error))
            return
        super().accept()

    def new_trip(self) -> NewTrip:
        return NewTrip(
            title=self.title.text(),
            start_date=_pydate(self.start.date()),
            end_date=_pydate(self.end.date()),
            timezone=self.timezone.currentText().strip(),
            categories=_labels(self.categories.text()),
            tags=_labels(self.tags.text()),
        )

    def properties(self) -> TripProperties:
        return TripProperties(
            TripEdit(
                title=self.title.text(),
                timezone=self.timezone.currentText().strip(),
                categories=_labels(self.categories.text()),
                tags=_labels(self.tags.text()),
            ),
            _pydate(self.start.date()),
            _pydate(self.end.date()),
        )
