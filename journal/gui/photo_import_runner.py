"""Photo imports in the background, with their progress in the status bar and a Cancel button.

The import runs on the runner's import pool (one thread of its own, so autosave keeps writing
between its batches). The core calls ``progress`` on that thread; the callback only emits a
signal, which Qt queues to the UI thread. There the scan phase's planned days fill the timeline
first, and each committed batch's ids let the gallery show the new photos as they land.
"""

from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from journal.gui.background import TaskRunner
from journal.gui.plain_text import plain_label
from journal.photos.import_progress import CancelToken, ImportFailure, ImportPhase, ImportProgress
from journal.plurals import counted
from journal.readable_paths import readable_path
from journal.services import JournalService
from journal.services.photo_import import ImportReport

#: How often the status bar's progress is redrawn during an import.
STATUS_INTERVAL_MS = 100
#: How often the timeline's counts of photos on their way are updated during the scan.
PLANNED_INTERVAL_MS = 150


class PhotoImportRunner(QObject):
    """Runs one import at a time; a second request while one runs is queued behind it."""

    #: Every progress event, on the UI thread.
    progressed = Signal(object)
    #: Planned photos per day so far (None: Unassigned), during the scan.
    planned = Signal(object)
    #: Ids of photos whose rows a batch committed.
    committed = Signal(tuple)
    #: The ``ImportReport`` of a finished (or cancelled) import.
    finished = Signal(object)
    #: An import could not run at all (e.g. the trip was deleted); the message is for the user.
    failed = Signal(str)
    #: Whether an import is under way.
    running_changed = Signal(bool)

    def __init__(
        self, service: JournalService, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._cancel: CancelToken | None = None
        self._planned: Counter[date | None] = Counter()
        self._queued = 0
        self.last_report: ImportReport | None = None
        self._forward.connect(self._on_progress)
        # The scan reports a day per file, hundreds a second; the timeline needs a few a second.
        self._planned_timer = QTimer(self)
        self._planned_timer.setSingleShot(True)
        self._planned_timer.setInterval(PLANNED_INTERVAL_MS)
        self._planned_timer.timeout.connect(self._emit_planned_if_changed)
        self._planned_changed = False

    #: Carries progress from the import thread to this object's (the UI) thread.
    _forward = Signal(object)

    def start(self, trip_id: int, paths: Sequence[Path]) -> None:
        cancel = CancelToken()
        self._cancel = cancel
        self._queued += 1
        if self._queued == 1:
            self.running_changed.emit(True)
        files = list(paths)
        self._runner.submit(
            self._runner.imports,
            lambda: self._service.import_photos(
                trip_id, files, progress=self._forward.emit, cancel=cancel
            ),
            self._on_finished,
            self._on_failed,
        )

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()

    def _on_progress(self, event: ImportProgress) -> None:
        if event.phase is ImportPhase.SCAN:
            if event.done == 1:
                self._planned.clear()
            if event.planned is not None:
                self._planned[event.planned.day] += 1
                if self._planned_timer.isActive():
                    self._planned_changed = True
                else:
                    self.planned.emit(dict(self._planned))
                    self._planned_timer.start()
        if event.committed_ids:
            self.committed.emit(event.committed_ids)
        self.progressed.emit(event)

    def _emit_planned_if_changed(self) -> None:
        if self._planned_changed:
            self._planned_changed = False
            self.planned.emit(dict(self._planned))
            self._planned_timer.start()

    def _done(self) -> None:
        self._queued -= 1
        self._planned_timer.stop()
        self._planned_changed = False
        self._planned.clear()
        self.planned.emit({})
        if self._queued == 0:
            self.running_changed.emit(False)

    def _on_finished(self, report: ImportReport) -> None:
        self.last_report = report
        self._done()
        self.finished.emit(report)

    def _on_failed(self, error: Exception) -> None:
        self._done()
        self.failed.emit(str(error))


def summary_line(report: ImportReport) -> str:
    """ "Imported 12 photos · 3 already in the trip · 2 unassigned · 1 refused" for the status
    bar; a cancelled import or a full disk says so first."""
    parts = [f"Imported {counted(len(report.imported), 'photo')}"]
    if report.cancelled:
        parts[0] = f"Import cancelled: kept {counted(len(report.imported), 'photo')}"
    if report.disk_full is not None:
        parts[0] = f"The disk is full: imported {counted(len(report.imported), 'photo')}"
        parts.append(f"{len(report.disk_full.not_imported)} not imported")
    if report.duplicates:
        parts.append(f"{report.duplicate_count} already in the trip")
    if report.restored:
        parts.append(f"{len(report.restored)} restored")
    if report.unassigned:
        parts.append(f"{report.unassigned} unassigned")
    if report.refused:
        parts.append(f"{len(report.refused)} refused")
    return " · ".join(parts)


def failure_text(failure: ImportFailure) -> str:
    """ "IMG_0001.JPG: the file is empty", with a name that is not UTF-8 shown readably."""
    return f"{readable_path(failure.path.name)}: {failure.reason}"


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
        left = ""
        if event.seconds_left is not None and event.seconds_left >= 1:
            left = f", about {_duration(event.seconds_left)} left"
        self.label.setText(f"{what}: {event.done} of {event.total}{left}")
        # QProgressBar repaints synchronously on a new value; with updates off for the change,
        # re-enabling them schedules an ordinary repaint with the rest of the window instead.
        self.bar.setUpdatesEnabled(False)
        self.bar.setRange(0, max(event.total, 1))
        self.bar.setValue(event.done)
        self.bar.setUpdatesEnabled(True)


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{int(seconds)} s"
    return f"{int(seconds // 60)} min {int(seconds % 60)} s"
