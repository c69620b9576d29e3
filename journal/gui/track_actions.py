"""File ▸ Import Track…: GPX files place the open trip's photos that have no GPS of their own.

Reading a large GPX file takes seconds, so the import runs on the import thread like a photo
import; the hub records it for Edit ▸ Undo ("Import 2 Tracks"), which takes the photos back off
the tracks. A file that cannot be used (not GPX, a DTD, no times) is explained and nothing of
any chosen file is imported (``JournalService.import_tracks``).
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from journal.gui.background import TaskRunner
from journal.gui.change_hub import ChangeHub
from journal.plurals import counted
from journal.services import JournalService, TripInfo
from journal.services.track_ops import TrackImportReport

TRACK_FILTER = "GPS tracks (*.gpx *.GPX);;All files (*)"


class TrackActions(QObject):
    #: A line for the status bar.
    message = Signal(str)

    def __init__(
        self,
        window: QWidget,
        service: JournalService,
        runner: TaskRunner,
        hub: ChangeHub,
        current_trip: Callable[[], TripInfo | None],
        save_text: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._service = service
        self._runner = runner
        self._hub = hub
        self._current_trip = current_trip
        self._save_text = save_text

    def choose_tracks(self) -> None:
        trip = self._current_trip()
        if trip is None:
            return
        names, _ = QFileDialog.getOpenFileNames(self._window, "Import Track", "", TRACK_FILTER)
        if names:
            self.import_tracks(trip, [Path(name) for name in names])

    def import_tracks(self, trip: TripInfo, paths: list[Path]) -> None:
        """Saves the text first: the track may move photos, and with them their days."""
        self._save_text()
        self.message.emit(f"Reading {counted(len(paths), 'track file')}…")
        self._hub.run_operation(
            lambda: self._service.import_tracks(trip.id, paths),
            self._on_imported,
            name=f"Import {counted(len(paths), 'Track')}",
            pool=self._runner.imports,
        )

    def _on_imported(self, report: TrackImportReport) -> None:
        line = (
            f"Imported {counted(len(report.tracks), 'track')}: "
            f"{counted(report.placed, 'photo')} without GPS placed by time"
        )
        if report.unplaced:
            line += f", {report.unplaced} too far in time from any fix"
        self.message.emit(f"{line}.")
