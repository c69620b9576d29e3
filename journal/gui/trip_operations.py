"""What the user does to trips: create one, edit its properties, export or delete it, import a
blog post as a trip, or create the demo.

Each operation asks through a dialog on the UI thread, then makes its service calls on the
database thread (the demo and a post import, which copy photos, on the import thread) and hands
the resulting ``Changes`` to ``changed``; the window refreshes from those.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from journal.demo import create_demo_trip
from journal.gui.background import TaskRunner
from journal.gui.export_dialog import ExportDialog
from journal.gui.post_import_dialog import PostImportDialog, PostImportRequest, report_text
from journal.gui.trip_dialog import TripDialog, TripProperties
from journal.photos.import_progress import ImportPhase, ImportProgress
from journal.post_import.post_importer import PostImportReport, import_post
from journal.services import Changes, JournalService, TripInfo


class TripOperations(QObject):
    #: The ``Changes`` of an operation that went through.
    changed = Signal(object)
    #: The open trip is about to be deleted: stop editing it.
    leaving_trip = Signal()
    #: Something to tell the user in the status bar.
    message = Signal(str)

    def __init__(
        self,
        window: QWidget,
        service: JournalService,
        runner: TaskRunner,
        current_trip: Callable[[], TripInfo | None],
        save_text: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._service = service
        self._runner = runner
        self._current_trip = current_trip
        self._save_text = save_text

    def new_trip(self) -> None:
        dialog = TripDialog(self._window)
        if dialog.exec() != TripDialog.DialogCode.Accepted:
            return
        new = dialog.new_trip()
        self._save_text()
        self._runner.database_call(lambda: self._service.create_trip(new), self.changed.emit)

    def edit_properties(self) -> None:
        trip = self._current_trip()
        if trip is None:
            return
        dialog = TripDialog(self._window, trip)
        if dialog.exec() != TripDialog.DialogCode.Accepted:
            return
        properties = dialog.properties()
        self._save_text()
        self._runner.database_call(
            lambda: self._save_properties(trip.id, properties), self._on_properties_saved
        )

    def _save_properties(self, trip_id: int, properties: TripProperties) -> Changes:
        """Fields and dates in one transaction, so a refused date leaves the title unsaved too
        (runs on the database thread)."""
        return self._service.edit_trip_and_dates(
            trip_id, properties.edit, properties.start_date, properties.end_date
        )

    def _on_properties_saved(self, changes: Changes) -> None:
        self.changed.emit(changes)
        if changes.notes_outside_range:
            kept = ", ".join(str(day) for day in changes.notes_outside_range)
            QMessageBox.information(
                self._window,
                "Text Kept",
                f"The text of {kept} is outside the new dates. It was kept and is listed at "
                "the end of the timeline.",
            )

    def import_post(self) -> None:
        """A published post becomes a trip (or fills the open one). The text being written is
        saved first, since the post may fill the very trip it belongs to; the import copies
        photos, so it runs on the import thread like any photo import."""
        dialog = PostImportDialog(self._runner, self._current_trip(), self._window)
        if dialog.exec() != PostImportDialog.DialogCode.Accepted:
            return
        request = dialog.request()
        self._save_text()
        self.message.emit(f"Importing {request.post.name}…")
        self._runner.submit(
            self._runner.imports, lambda: self._import_post(request), self._on_post_imported
        )

    def _import_post(self, request: PostImportRequest) -> PostImportReport:
        """Runs on the import thread; progress reaches the status bar through ``message``
        (a signal, so it is delivered on the UI thread)."""

        def progress(event: ImportProgress) -> None:
            if event.phase is ImportPhase.COPY:
                self.message.emit(
                    f"Importing {request.post.name}: {event.done} of {event.total} images"
                )

        return import_post(
            self._service,
            request.post,
            site_root=request.site_root,
            trip_reference=request.trip_reference,
            timezone=request.timezone,
            first_day=request.first_day,
            progress=progress,
        )

    def _on_post_imported(self, report: PostImportReport) -> None:
        self.message.emit(f"Imported “{report.trip.title}”.")
        self.changed.emit(
            Changes(trip=report.trip, trip_list=True, trip_details=True, day_range=True)
        )
        QMessageBox.information(self._window, "Post Imported", report_text(report))

    def export(self) -> None:
        """Open the export dialog once the text being written is in the library: the save is
        queued first on the database thread, and the dialog opens when the queue reaches a
        no-op behind it, so the post never misses the last sentence."""
        trip = self._current_trip()
        if trip is None:
            return
        self._save_text()
        self._runner.database_call(lambda: None, lambda _: self._open_export(trip.id))

    def _open_export(self, trip_id: int) -> None:
        dialog = ExportDialog(self._service, trip_id, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def delete_trip(self) -> None:
        trip = self._current_trip()
        if trip is None:
            return
        answer = QMessageBox.warning(
            self._window,
            "Delete Trip",
            f"Delete “{trip.title}” with all its text and photos? This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.leaving_trip.emit()
        self._runner.database_call(lambda: self._service.delete_trip(trip.id), self.changed.emit)

    def create_demo(self) -> None:
        """The sample trip: generated photos go through a real import, on the import thread."""
        self._save_text()
        self.message.emit("Creating the demo trip…")
        self._runner.submit(
            self._runner.imports,
            lambda: create_demo_trip(self._service).trip,
            self._on_demo_created,
        )

    def _on_demo_created(self, trip: TripInfo) -> None:
        self.message.emit("The demo trip is ready: pick a day and look around.")
        self.changed.emit(Changes(trip=trip, trip_list=True, trip_details=True, day_range=True))
