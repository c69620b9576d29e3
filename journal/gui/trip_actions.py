"""What the user does to trips: create one, edit its properties, export or delete it, import a
blog post as a trip, or create the demo.

Each action asks through a dialog on the UI thread, then runs as an operation of the
``ChangeHub``: its service calls on the database thread (the demo and a post import, which copy
photos, on the import thread), its ``Changes`` to every view through the hub.
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from journal.demo import DemoTrip, create_demo_trip
from journal.gui import plain_text
from journal.gui.background import TaskRunner
from journal.gui.change_hub import ChangeHub
from journal.gui.export_dialog import ExportDialog
from journal.gui.post_import_dialog import PostImportDialog, PostImportRequest, report_text
from journal.gui.trip_dialog import TripDialog, TripProperties
from journal.photos.import_progress import CancelToken, ImportPhase, ImportProgress
from journal.plurals import counted
from journal.services import (
    DatesPreview,
    JournalService,
    PostImportCancelledError,
    PostImportReport,
    TripInfo,
)


def _days(days: tuple[date, ...]) -> str:
    """ "10 May", "10 May and 12 May", "9 May, 10 May and 12 May"."""
    names = [f"{day.day} {day:%b}" for day in days]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def dates_change_text(preview: DatesPreview, change: str) -> str:
    """The confirmation for new dates (or zone): what leaves the trip's days, what comes onto
    them, and that leaving loses nothing, since a tray filling up looks like a loss."""
    leaving = []
    if preview.photos_out:
        leaving.append(f"{counted(preview.photos_out, 'photo')} will move to Unassigned")
    if preview.texts_out:
        leaving.append(f"the text of {_days(preview.texts_out)} will be kept outside the trip")
    sentences = []
    if leaving:
        both = " and ".join(leaving)
        sentences.append(
            f"{both[0].upper()}{both[1:]} (nothing is deleted; setting {change} back restores "
            "them)."
        )
    if preview.photos_in:
        onto = "its day" if preview.photos_in == 1 else "their days"
        photos = counted(preview.photos_in, "photo")
        sentences.append(f"{photos} from Unassigned will go onto {onto}.")
    if preview.texts_in:
        sentences.append(f"The text of {_days(preview.texts_in)} will be back in the trip.")
    sentences.append(f"Change {change}?")
    return " ".join(sentences)


class TripActions(QObject):
    #: (images in the post, images done), from the import thread to the progress dialog.
    _post_progressed = Signal(int, int)

    #: The open trip is about to be deleted: stop editing it.
    leaving_trip = Signal()
    #: Something to tell the user in the status bar.
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
        #: The progress dialog of the post import under way, if any.
        self.post_import_progress: QProgressDialog | None = None
        self._post_progressed.connect(self._show_post_progress)

    def new_trip(self) -> None:
        dialog = TripDialog(self._window)
        if dialog.exec() != TripDialog.DialogCode.Accepted:
            return
        new = dialog.new_trip()
        self._save_text()
        self._hub.run_operation(lambda: self._service.create_trip(new), name="New Trip")

    def edit_properties(self) -> None:
        """Save the dialog's fields and dates; if the new dates (or zone) would move photos or
        written days onto or off the trip's days, say so first and let the user back out."""
        trip = self._current_trip()
        if trip is not None:
            self._ask_properties(trip, TripDialog(self._window, trip))

    def _ask_properties(self, trip: TripInfo, dialog: TripDialog) -> None:
        """Show ``dialog`` (again, with the user's edits, after Cancel on the question)."""
        if dialog.exec() != TripDialog.DialogCode.Accepted:
            return
        properties = dialog.properties()
        self._save_text()
        start, end, zone = properties.start_date, properties.end_date, properties.edit.timezone
        if (start, end, zone) == (trip.start_date, trip.end_date, trip.timezone):
            self._save(trip, properties)
            return
        self._runner.database_call(
            lambda: self._service.preview_trip_dates(trip.id, start, end, zone),
            lambda preview: self._confirm_and_save(trip, dialog, properties, preview),
        )

    def _confirm_and_save(
        self,
        trip: TripInfo,
        dialog: TripDialog,
        properties: TripProperties,
        preview: DatesPreview,
    ) -> None:
        """Ask before days change what they hold. Keeping the change is the default only when
        nothing leaves the trip's days; Cancel goes back to the dialog with its edits, to
        change the dates or leave (defect 9: it used to drop every edit of the dialog)."""
        if preview.moves_anything:
            dates_changed = (properties.start_date, properties.end_date) != (
                trip.start_date,
                trip.end_date,
            )
            change = "the dates" if dates_changed else "the time zone"
            buttons = QMessageBox.StandardButton
            answer = plain_text.question(
                self._window,
                "Change Trip Dates" if dates_changed else "Change Time Zone",
                dates_change_text(preview, change),
                buttons.Yes | buttons.Cancel,
                buttons.Cancel if preview.moves_out else buttons.Yes,
            )
            if answer != buttons.Yes:
                self._ask_properties(trip, dialog)
                return
        self._save(trip, properties)

    def _save(self, trip: TripInfo, properties: TripProperties) -> None:
        """Fields and dates in one transaction, so a refused date leaves the title unsaved too."""
        self._hub.run_operation(
            lambda: self._service.edit_trip_and_dates(
                trip.id, properties.edit, properties.start_date, properties.end_date
            ),
            name="Edit Trip Properties",
        )

    def import_post(self) -> None:
        """A published post becomes a trip (or fills the open one). The text being written is
        saved first, since the post may fill the very trip it belongs to; the import copies
        photos, so it runs on the import thread like any photo import, behind a progress
        dialog with Cancel that keeps the window from changing the trip meanwhile."""
        dialog = PostImportDialog(self._service, self._runner, self._current_trip(), self._window)
        if dialog.exec() != PostImportDialog.DialogCode.Accepted:
            return
        request = dialog.request()
        self._save_text()
        cancel = CancelToken()
        progress = QProgressDialog("", "Cancel", 0, 0, self._window)
        progress.setLabel(plain_text.plain_label(f"Importing {request.post.name}…"))
        progress.setWindowTitle("Import Post")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(cancel.cancel)
        # Shown now, not when the first image is copied (Qt's rule for a dialog with no value
        # yet is four seconds later): until it shows, the window is not blocked, and the trip
        # being filled could be changed under the import.
        progress.show()
        self.post_import_progress = progress

        def finished() -> None:
            self.post_import_progress = None
            progress.hide()
            progress.deleteLater()

        def done(report: PostImportReport) -> None:
            finished()
            self._on_post_imported(report)

        def failed(error: Exception) -> None:
            finished()
            if isinstance(error, PostImportCancelledError):
                # Nothing was saved, so there is nothing to refresh.
                self.message.emit(f"Import of {request.post.name} cancelled.")
                return
            self._runner.report_unhandled(error)

        self._runner.submit(
            self._runner.imports, lambda: self._import_post(request, cancel), done, failed
        )

    def _show_post_progress(self, total: int, done: int) -> None:
        if self.post_import_progress is not None:
            self.post_import_progress.setMaximum(total)
            self.post_import_progress.setValue(done)

    def _import_post(self, request: PostImportRequest, cancel: CancelToken) -> PostImportReport:
        """Runs on the import thread. The post is planned again, so that what is imported is
        the file as it is now, not as the dialog read it. The image count reaches the dialog
        through a signal of this long-lived object: a QObject made for one import and released
        on this thread would be destroyed here, and PySide's teardown of it can deadlock with
        the UI thread."""

        def progress(event: ImportProgress) -> None:
            if event.phase is ImportPhase.COPY:
                self._post_progressed.emit(event.total, event.done)

        plan = self._service.plan_post(
            request.post,
            site_root=request.site_root,
            timezone=request.timezone,
            first_day=request.first_day,
        )
        return self._service.import_post(
            plan, into_trip=request.into_trip, progress=progress, cancel=cancel
        )

    def _on_post_imported(self, report: PostImportReport) -> None:
        """The report's ``changes`` name what the import rewrote: a post that filled the open
        trip marks its texts rewritten, so the editor loads the section it shows again rather
        than save the text from before the import over the post."""
        self.message.emit(f"Imported “{report.trip.title}”.")
        self._hub.report(report.changes, "Import Post")
        plain_text.information(self._window, "Post Imported", report_text(report))

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
        dialog = ExportDialog(self._service, self._runner, self._hub, trip_id, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def delete_trip(self) -> None:
        trip = self._current_trip()
        if trip is None:
            return
        self.leaving_trip.emit()
        # No question: like removing photos, it is one Edit ▸ Undo away (the trash is emptied
        # when the app quits), and the trips view deletes the same way.
        self._hub.run_operation(
            lambda: self._service.delete_trip(trip.id),
            lambda _changes: self.message.emit(
                f"Deleted “{trip.title}”. Edit ▸ Undo brings it back until you quit."
            ),
            name="Delete Trip",
        )

    def create_demo(self) -> None:
        """The sample trip: generated photos go through a real import, on the import thread."""
        self._save_text()
        self.message.emit("Creating the demo trip…")
        self._hub.run_operation(
            lambda: create_demo_trip(self._service),
            self._on_demo_created,
            name="Create Demo Trip",
            pool=self._runner.imports,
        )

    def _on_demo_created(self, _demo: DemoTrip) -> None:
        self.message.emit("The demo trip is ready: pick a day and look around.")
