"""The status bar's import progress: what is happening, a bar, the time left, and Cancel."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from journal.gui.photo_import_runner import PhotoImportRunner
from journal.gui.plain_text import plain_label
from journal.photos.import_progress import ImportPhase, ImportProgress
from journal.plurals import counted

#: How often the status bar's progress is redrawn during an import.
STATUS_INTERVAL_MS = 100


class ImportStatus(QWidget):
    """The status bar's import progress: what is happening, a bar, the time left, Cancel."""

    def __init__(self, importer: PhotoImportRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = plain_label(parent=self)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName("Import progress")
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel import")
        self.cancel_button.clicked.connect(importer.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._pending: ImportProgress | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(STATUS_INTERVAL_MS)
        self._timer.timeout.connect(self._show_pending)
        importer.progressed.connect(self._on_progress)
        importer.running_changed.connect(self._on_running)
        self.hide()

    def _on_running(self, running: bool) -> None:
        self.setVisible(running)
        if running:
            self.label.setText("Looking for photos…")
            self.bar.setRange(0, 0)
            self.cancel_button.setEnabled(True)

    def _on_progress(self, event: ImportProgress) -> None:
        """Show progress at most every ``STATUS_INTERVAL_MS``: ``QProgressBar.setValue``
        repaints at once, and an import reports hundreds of files a second."""
        if event.phase is ImportPhase.DONE:
            self._pending = None
            self._timer.stop()
            self.cancel_button.setEnabled(False)
            return
        self._pending = event
        if not self._timer.isActive():
            self._show_pending()

    def _show_pending(self) -> None:
        event, self._pending = self._pending, None
        if event is None:
            return
        self._timer.start()
        what = "Reading dates" if event.phase is ImportPhase.SCAN else "Copying photos"
        left = time_left(event)
        photos = counted(event.total, "photo")
        self.label.setText(f"{what}: {event.done} of {photos}{f', {left}' if left else ''}")
        # QProgressBar repaints synchronously on a new value; with updates off for the change,
        # re-enabling them schedules an ordinary repaint with the rest of the window instead.
        self.bar.setUpdatesEnabled(False)
        self.bar.setRange(0, max(event.total, 1))
        self.bar.setValue(event.done)
        self.bar.setUpdatesEnabled(True)


#: An estimate is shown once this share of the phase is done and it has run this long: before,
#: the rate still swings with the first files (a cache warming, one large file), and "about
#: 30 s left" at 2% of an import that takes 3 s misleads more than no estimate.
ESTIMATE_AFTER_SHARE = 0.1
ESTIMATE_AFTER_SECONDS = 2.0
#: Less than this left is not worth saying.
ESTIMATE_AT_LEAST_SECONDS = 3.0


def time_left(event: ImportProgress) -> str:
    """ "about 40 s left", or "" while an estimate would not mean anything yet."""
    if event.rate is None or event.rate <= 0 or event.seconds_left is None or event.total <= 0:
        return ""
    elapsed = event.done / event.rate
    if event.done < event.total * ESTIMATE_AFTER_SHARE or elapsed < ESTIMATE_AFTER_SECONDS:
        return ""
    if event.seconds_left < ESTIMATE_AT_LEAST_SECONDS:
        return ""
    return f"about {_duration(event.seconds_left)} left"


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{int(seconds)} s"
    return f"{int(seconds // 60)} min {int(seconds % 60)} s"
