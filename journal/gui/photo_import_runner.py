"""Photo imports in the background: one at a time, progress forwarded to the UI thread.

The import is an operation of the ``ChangeHub`` on the runner's import pool (one thread of its
own, so autosave keeps writing between its batches); its ``Changes`` reach every view through the
hub when it finishes. The core calls ``progress`` on the import thread; the callback only emits a
signal, which Qt queues to the UI thread. There the scan phase's planned days fill the timeline
first, and committed batches tell the views, at most once a second, that photos have landed, so
the gallery shows them as they come. The status bar shows the progress (``import_status``); the
outcome is told by ``import_summary``.
"""

from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from journal.gui.background import TaskRunner
from journal.gui.change_hub import ChangeHub
from journal.photos.import_progress import CancelToken, ImportPhase, ImportProgress
from journal.services import JournalService
from journal.services.photo_import import ImportReport

#: How often the timeline's counts of photos on their way are updated during the scan.
PLANNED_INTERVAL_MS = 150
#: While an import commits batches, the views re-read the trip at most this often.
LANDED_INTERVAL_MS = 1000


class PhotoImportRunner(QObject):
    """Runs one import at a time; a second request while one runs is queued behind it."""

    #: Every progress event, on the UI thread.
    progressed = Signal(object)
    #: Planned photos per day so far (None: Unassigned), during the scan.
    planned = Signal(object)
    #: Batches committed photos since the last time: throttled to ``LANDED_INTERVAL_MS``.
    landed = Signal()
    #: The ``ImportReport`` of a finished (or cancelled) import.
    finished = Signal(object)
    #: An import could not run at all (e.g. the trip was deleted); the message is for the user.
    failed = Signal(str)
    #: Whether an import is under way.
    running_changed = Signal(bool)

    def __init__(
        self,
        service: JournalService,
        runner: TaskRunner,
        hub: ChangeHub,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._hub = hub
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
        # Batches come every few photos; re-reading the trip for each would swamp the views.
        self._landed_timer = QTimer(self)
        self._landed_timer.setSingleShot(True)
        self._landed_timer.setInterval(LANDED_INTERVAL_MS)
        self._landed_timer.timeout.connect(self.landed)

    #: Carries progress from the import thread to this object's (the UI) thread.
    _forward = Signal(object)

    def start(self, trip_id: int, paths: Sequence[Path]) -> None:
        cancel = CancelToken()
        self._cancel = cancel
        self._queued += 1
        if self._queued == 1:
            self.running_changed.emit(True)
        files = list(paths)
        self._hub.run_operation(
            lambda: self._service.import_photos(
                trip_id, files, progress=self._forward.emit, cancel=cancel
            ),
            self._on_finished,
            self._on_failed,
            name="Import Photos",
            pool=self._runner.imports,
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
        if event.committed_ids and not self._landed_timer.isActive():
            self._landed_timer.start()
        self.progressed.emit(event)

    def _emit_planned_if_changed(self) -> None:
        if self._planned_changed:
            self._planned_changed = False
            self.planned.emit(dict(self._planned))
            self._planned_timer.start()

    def _done(self) -> None:
        self._queued -= 1
        self._landed_timer.stop()
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
