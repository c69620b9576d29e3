"""A new trip's time zone offered from its photos: once the first photos are in, if their GPS
positions or recorded offsets say the trip was somewhere else than its zone (UTC, or the
system's, when it was created before anyone knew), the user is asked whether to use that zone.
Never changed silently: photos would change day under the writer's eyes."""

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from journal.gui import plain_text
from journal.gui.background import TaskRunner
from journal.gui.change_hub import ChangeHub
from journal.gui.photo_import_runner import PhotoImportRunner
from journal.services import ImportReport, JournalService, TripEdit, TripInfo
from journal.services.zone_suggestion import suggested_zone


class ZoneOffer(QObject):
    def __init__(
        self,
        window: QWidget,
        service: JournalService,
        runner: TaskRunner,
        hub: ChangeHub,
        importer: PhotoImportRunner,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._service = service
        self._runner = runner
        self._hub = hub
        importer.finished.connect(self._on_import_finished)

    def _on_import_finished(self, report: ImportReport) -> None:
        trip = report.changes.trip
        if trip is None or not report.imported:
            return
        trip_id, imported = trip.id, len(report.imported)
        self._runner.database_call(lambda: self._suggestion(trip_id, imported), self._offer)

    def _suggestion(self, trip_id: int, imported: int) -> tuple[TripInfo, str] | None:
        """On the database thread: the zone to offer, when these are the trip's first photos
        (every photo it has came with this import) and they say another zone than its own."""
        photos = self._service.all_photos(trip_id)
        if len(photos) != imported:
            return None
        trip = self._service.trip(trip_id)
        zone = suggested_zone(trip, photos)
        return (trip, zone) if zone is not None else None

    def _offer(self, suggestion: tuple[TripInfo, str] | None) -> None:
        if suggestion is None:
            return
        trip, zone = suggestion
        buttons = QMessageBox.StandardButton
        answer = plain_text.question(
            self._window,
            "Time Zone of the Photos",
            f"The photos of “{trip.title}” were taken in {zone}, but the trip's time zone is "
            f"{trip.timezone}. Use {zone} for the trip? Photos without a time zone of their "
            "own then go onto their days by its clock.",
            buttons.Yes | buttons.No,
            buttons.Yes,
        )
        if answer == buttons.Yes:
            self._hub.run_operation(
                lambda: self._service.edit_trip(trip.id, TripEdit(timezone=zone)),
                name=f"Set Time Zone to {zone}",
            )
