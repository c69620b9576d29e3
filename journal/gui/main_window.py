"""The main window: the day timeline, the day's gallery and its editor, side by side.

The window wires panes together and routes data one way: a user action becomes an operation of
the ``ChangeHub`` (a service call on the database thread), the call returns a ``Changes`` value,
and every view refreshes from the hub what it names: the editor reloads a text the core rewrote,
and ``apply_changes`` refreshes the trips menu, the title, the timeline and the gallery. The
``TaskRunner`` comes from ``main`` (a test hands in one that runs work inline). Panes, dialogs,
actions and workers live in their own modules.
"""

import datetime as dt

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget

from journal.errors import JournalError
from journal.gui import plain_text
from journal.gui import preferences as prefs
from journal.gui.about_box import show_about
from journal.gui.appearance import Appearance
from journal.gui.background import TaskRunner
from journal.gui.change_hub import ChangeHub
from journal.gui.editor_pane import EditorPane
from journal.gui.empty_state import EmptyState
from journal.gui.file_drops import FileDropFilter
from journal.gui.gallery_model import GalleryModel
from journal.gui.gallery_pane import GalleryPane
from journal.gui.import_status import ImportStatus
from journal.gui.photo_actions import PhotoActions
from journal.gui.photo_import_runner import PhotoImportRunner
from journal.gui.preferences import Preferences
from journal.gui.thumbnail_loader import ThumbnailLoader
from journal.gui.timeline_entries import TimelineEntry, section_key, section_name, timeline_entries
from journal.gui.timeline_pane import ENTRY_ROLE, TimelineDelegate, TimelineModel, TimelineView
from journal.gui.trip_actions import TripActions
from journal.gui.trips_menu import check_open_trip, fill_trips_menu, trip_to_show
from journal.gui.trips_view import TripsView
from journal.gui.undo_stacks import UndoStacks
from journal.gui.window_actions import WindowActions
from journal.gui.window_layout import split_panes
from journal.gui.window_sorting import WindowSorting
from journal.gui.window_state import WindowState
from journal.gui.zone_offer import ZoneOffer
from journal.identity import APP_NAME
from journal.photos.thumbnails import ThumbnailCache
from journal.services import Changes, DaysOverview, JournalService, PhotoInfo, TextTarget, TripInfo
from journal.services.trip_summaries import TripSummary

#: Shown instead of the editor on the Unassigned tray, which has photos but no text.
UNASSIGNED_EXPLANATION = (
    "Photos taken outside the trip's dates, or without a date, wait here. Drag them onto a day "
    "in the timeline to place them there. The tray has no text of its own."
)


class MainWindow(QMainWindow):
    def __init__(
        self, service: JournalService, preferences: Preferences, runner: TaskRunner
    ) -> None:
        super().__init__()
        self.service = service
        self.preferences = preferences
        self.runner = runner
        runner.unhandled_error.connect(self.show_error)
        self.hub = ChangeHub(runner, self)
        self.trip: TripInfo | None = None
        #: The trip the latest ``open_trip`` asked for: an older answer arriving later is dropped,
        #: so a trip chosen by hand is not replaced by one the start-up picked a moment before.
        self._requested_trip: int | None = None
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 800)

        self.actions_ = WindowActions(self)
        self.thumbnails = ThumbnailLoader(
            service, ThumbnailCache(service.library.root), self.runner, self.devicePixelRatioF, self
        )
        self.timeline_model = TimelineModel(self)
        self.timeline = TimelineView(self.timeline_model)
        self.timeline.setItemDelegate(TimelineDelegate(self.thumbnails.pixmap_by_id, self.timeline))
        self.gallery_model = GalleryModel(self.thumbnails, self)
        self.gallery_pane = GalleryPane(self.gallery_model)
        self.gallery = self.gallery_pane.view
        self.editor = EditorPane(service, self.runner, self.thumbnails.preview_image)
        self.appearance = Appearance(self, preferences)
        self.undo_stacks = UndoStacks(service, self.runner, self.hub, self.editor.flush, self)
        self.importer = PhotoImportRunner(service, self.runner, self.hub, self)
        self.import_status = ImportStatus(self.importer)
        self.zone_offer = ZoneOffer(self, service, self.runner, self.hub, self.importer)
        self.statusBar().addPermanentWidget(self.import_status)

        self.panes, self.day_splitter = split_panes(self.timeline, self.gallery_pane, self.editor)
        self.empty_state = EmptyState()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.panes)
        self.trips_view = TripsView(service, self.hub, self.thumbnails, self.open_trip)
        self.stack.addWidget(self.trips_view)
        self.setCentralWidget(self.stack)

        self.trip_actions = TripActions(
            self, service, self.runner, self.hub, lambda: self.trip, self.editor.flush
        )
        self.photo_actions = PhotoActions(
            self,
            service,
            self.runner,
            self.hub,
            self.importer,
            self.thumbnails,
            self.gallery,
            lambda: self.trip,
            self._gallery_day,
            self.editor.flush,
            preferences,
        )
        self.file_drops = FileDropFilter(self)
        self.file_drops.watch(
            self,
            self.editor.editor.viewport(),
            self.editor.preview.viewport(),
            self.editor.title,
            self.timeline.viewport(),
            self.empty_state,
        )
        splitters = [
            (prefs.PANE_SPLITTER, self.panes),
            (prefs.EDITOR_SPLITTER, self.editor.splitter),
        ]
        self._state = WindowState(preferences, self, splitters)
        self.sorting = WindowSorting(self)
        self._connect()
        self._restore_window_state()
        self.actions_.set_trip_open(False)
        # What a crash left in the trash goes now: its undo history died with that process.
        self.runner.database_call(service.empty_trash)
        self.reload_trips(open_trip_id=self.preferences.get(prefs.LAST_TRIP))

    # Wiring

    def _connect(self) -> None:
        a = self.actions_
        t, p = self.trip_actions, self.photo_actions
        a.new_trip.triggered.connect(t.new_trip)
        a.trip_properties.triggered.connect(t.edit_properties)
        a.delete_trip.triggered.connect(t.delete_trip)
        a.demo_trip.triggered.connect(t.create_demo)
        a.all_trips.triggered.connect(self.show_trips)
        a.export.triggered.connect(t.export)
        a.import_post.triggered.connect(t.import_post)
        t.leaving_trip.connect(self._leave_trip)
        t.message.connect(self.show_message)
        p.message.connect(self.show_message)
        a.quit.triggered.connect(self.close)
        a.about.triggered.connect(lambda: show_about(self, self.service.library.root))
        a.find.triggered.connect(self.editor.find_bar.open)
        self.undo_stacks.drive(a.undo, a.redo)
        self.undo_stacks.text_reverting.connect(self.editor.reverting)
        self.editor.edited.connect(self.undo_stacks.typing_pending)
        a.preview.toggled.connect(self._set_preview_visible)
        a.previous_day.triggered.connect(lambda: self.timeline.step(-1))
        a.next_day.triggered.connect(lambda: self.timeline.step(1))
        a.focus_timeline.triggered.connect(lambda: self.timeline.setFocus())
        a.focus_editor.triggered.connect(lambda: self.editor.editor.setFocus())
        a.focus_gallery.triggered.connect(lambda: self.gallery.setFocus())
        a.import_photos.triggered.connect(p.choose_files)
        a.import_folder.triggered.connect(p.choose_folder)
        a.import_summary.triggered.connect(p.show_import_summary)
        a.camera_clocks.triggered.connect(p.show_camera_clocks)
        a.delete_photos.triggered.connect(p.remove_selected)
        a.delete_photos.setEnabled(False)
        self.gallery.addAction(a.delete_photos)
        self.empty_state.new_trip_requested.connect(t.new_trip)
        self.empty_state.demo_requested.connect(t.create_demo)
        self.timeline.selectionModel().currentChanged.connect(self._on_section_changed)
        self.timeline.photos_dropped.connect(p.move_photos)
        self.editor.saved.connect(self.hub.report)
        self.hub.changed.connect(self.editor.reload_rewritten)
        self.hub.changed.connect(self.apply_changes)
        self.editor.problem.connect(self.show_message)
        self.gallery.reordered.connect(p.reorder)
        self.gallery.photos_dropped.connect(p.move_into_gallery)
        self.gallery.files_dropped.connect(p.import_paths)
        self.gallery.open_photo.connect(p.open_viewer)
        self.gallery.selectionModel().selectionChanged.connect(
            lambda: a.delete_photos.setEnabled(bool(self.gallery.selected_ids()))
        )
        self.file_drops.files_dropped.connect(p.import_paths)
        self.thumbnails.ready.connect(self.timeline_model.cover_arrived)
        self.thumbnails.preview_ready.connect(self.editor.image_arrived)
        self.importer.planned.connect(self.timeline_model.set_incoming)
        self.importer.landed.connect(self._refresh_during_import)
        self.importer.finished.connect(lambda: a.import_summary.setEnabled(True))

    # Trips

    def reload_trips(self, open_trip_id: int | None = None) -> None:
        """Re-read the list of trips, then open ``open_trip_id`` (else keep or pick one)."""
        self.runner.database_call(
            self.service.trip_summaries, lambda trips: self._on_trips(trips, open_trip_id)
        )

    def _on_trips(self, summaries: list[TripSummary], open_trip_id: int | None) -> None:
        open_id = self.trip.id if self.trip is not None else None
        fill_trips_menu(self.actions_.trips_menu, summaries, open_id, self.open_trip)
        self.trips_view.set_trips(summaries)
        ids = [summary.trip.id for summary in summaries]
        wanted = trip_to_show(ids, open_trip_id, self._requested_trip)
        if wanted is None:
            self._show_no_trip()
        elif wanted != self._requested_trip or open_trip_id == wanted:
            self.open_trip(wanted)

    def _leave_trip(self) -> None:
        self.editor.show_target(None, "")
        self.trip = self._requested_trip = None
        self.undo_stacks.show_trip(None)

    def _show_no_trip(self) -> None:
        """The list of trips, or the welcome screen while there is none."""
        self._leave_trip()
        self.timeline_model.set_entries([])
        self.gallery_model.clear()
        self.stack.setCurrentWidget(self.trips_view if self.trips_view.listed else self.empty_state)
        self.actions_.set_trip_open(False)
        self.setWindowTitle(APP_NAME)

    def show_trips(self) -> None:
        """File ▸ All Trips: leave the trip (text saved) for the list, shown again next start."""
        self.editor.flush()
        self.preferences.set(prefs.LAST_TRIP, prefs.SHOWING_TRIPS)
        self._show_no_trip()
        self.trips_view.focus_list()
        self.reload_trips(open_trip_id=prefs.SHOWING_TRIPS)

    def open_trip(self, trip_id: int) -> None:
        """Show a trip; the text being written is saved first."""
        self.editor.flush()
        self._requested_trip = trip_id
        self.runner.database_call(
            lambda: self.service.days(trip_id), lambda overview: self._on_trip_opened(overview)
        )

    def _on_trip_opened(self, overview: DaysOverview) -> None:
        if overview.trip.id != self._requested_trip:
            return
        switching = self.trip is None or self.trip.id != overview.trip.id
        self.trip = overview.trip
        if switching:
            self.undo_stacks.show_trip(overview.trip.id)
        self.preferences.set(prefs.LAST_TRIP, overview.trip.id)
        self.setWindowTitle(f"{overview.trip.title} — {APP_NAME}")
        self.stack.setCurrentWidget(self.panes)
        self.actions_.set_trip_open(True)
        check_open_trip(self.actions_.trips_menu, overview.trip.id)
        current = self._current_entry()
        wanted = (
            section_key(self.preferences.get(prefs.last_section(overview.trip.id)))
            if switching or current is None
            else current.key
        )
        self.timeline_model.set_entries(timeline_entries(overview))
        row = self.timeline_model.row_of(wanted) if wanted is not None else None
        if row is None:
            row = self.timeline_model.row_of(TextTarget.of_day(overview.trip.start_date)) or 0
        index = self.timeline_model.index(row)
        if self.timeline.currentIndex() != index:
            self.timeline.setCurrentIndex(index)
        elif switching:
            self._on_section_changed()
        self.timeline.scrollTo(index)

    def refresh_timeline(self) -> None:
        if self.trip is None:
            return
        trip_id = self.trip.id
        self.runner.database_call(lambda: self.service.days(trip_id), self._on_overview_refreshed)

    def _on_overview_refreshed(self, overview: DaysOverview) -> None:
        if self.trip is None or overview.trip.id != self.trip.id:
            return
        self.trip = overview.trip
        current = self._current_entry()
        self.timeline_model.set_entries(timeline_entries(overview))
        if current is not None:
            row = self.timeline_model.row_of(current.key)
            if row is not None and self.timeline.currentIndex().row() != row:
                self.timeline.setCurrentIndex(self.timeline_model.index(row))

    # Changes flow back here

    def apply_changes(self, changes: Changes) -> None:
        """The window's listener on the hub: refresh what a mutation changed, and only that."""
        if changes.trip_list:
            # A new trip opens; a renamed one refreshes the lists and leaves the window as is.
            new = changes.trip is not None and not self.trips_view.lists(changes.trip.id)
            self.reload_trips(open_trip_id=changes.trip.id if new and changes.trip else None)
        if changes.trip is None or self.trip is None or changes.trip.id != self.trip.id:
            return
        self.trip = changes.trip
        self.setWindowTitle(f"{changes.trip.title} — {APP_NAME}")
        if changes.day_range or changes.trip_details or changes.days or changes.photos:
            self.refresh_timeline()
        has_photos, day = self._gallery_day()
        if has_photos and (changes.photos or changes.day_range or (day in changes.days)):
            self.load_gallery()

    # Photos

    def _refresh_during_import(self) -> None:
        """Photos landed: an import's progress, not an operation's end (its ``Changes`` come
        through the hub when it finishes), so the trip is re-read as it stands."""
        self.refresh_timeline()
        self.load_gallery()

    # Sections

    def _current_entry(self) -> TimelineEntry | None:
        index = self.timeline.currentIndex()
        return index.data(ENTRY_ROLE) if index.isValid() else None

    def _on_section_changed(self) -> None:
        entry = self._current_entry()
        if self.trip is None or entry is None:
            self.editor.show_target(None, "")
            return
        self.preferences.set(prefs.last_section(self.trip.id), section_name(entry.key))
        self.sorting.layout.show(entry)
        if entry.text is not None:
            self.editor.show_target((self.trip.id, entry.text), entry.label)
        else:
            self.editor.show_explanation(entry.label, UNASSIGNED_EXPLANATION)
        self.load_gallery()

    def _gallery_day(self) -> tuple[bool, dt.date | None]:
        """(whether the section has photos, its day): intro and closing have none."""
        entry = self._current_entry()
        if entry is None or not entry.accepts_photos:
            return False, None
        return True, entry.day

    def load_gallery(self) -> None:
        has_photos, day = self._gallery_day()
        if self.trip is None or not has_photos:
            self.gallery_model.clear()
            return
        trip_id = self.trip.id
        self.runner.database_call(
            lambda: self.service.photos(trip_id, day),
            lambda photos: self._on_gallery_loaded(trip_id, day, photos),
        )

    def _on_gallery_loaded(
        self, trip_id: int, day: dt.date | None, photos: list[PhotoInfo]
    ) -> None:
        if self.trip is None or self.trip.id != trip_id or self._gallery_day() != (True, day):
            return
        selected = self.gallery.selected_ids()
        self.gallery_model.set_photos(trip_id, day, photos)
        self.gallery.select_ids(selected)

    def _set_preview_visible(self, visible: bool) -> None:
        self.editor.set_preview_visible(visible)
        self.preferences.set(prefs.PREVIEW_VISIBLE, visible)

    # Messages

    def show_error(self, error: Exception) -> None:
        """A failure from the core: a ``JournalError`` is explained; anything else is a bug."""
        if isinstance(error, JournalError):
            plain_text.warning(self, APP_NAME, str(error))
            return
        plain_text.critical(
            self,
            APP_NAME,
            f"Something went wrong that should not have: {type(error).__name__}: {error}",
        )
        raise error

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)

    # Window state

    def _restore_window_state(self) -> None:
        self._state.restore()
        preview = self.preferences.get(prefs.PREVIEW_VISIBLE)
        self.actions_.preview.setChecked(preview)
        self.editor.set_preview_visible(preview)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save the text, empty the trash (the undo history goes with the window), and wait for
        every queued write before the window goes."""
        self.editor.flush()
        self.runner.database_call(self.service.empty_trash)
        self.importer.cancel()
        self._state.save()
        self.runner.shut_down()
        super().closeEvent(event)
