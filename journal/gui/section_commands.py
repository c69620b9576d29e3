"""The timeline's context menu on a day (Rename, Import Photos into This Day…, Set Cover), and
what the editor's menu on a photo reference does (Show Photo, Edit Caption…).

A day's import copies the chosen files in as any import does, then moves what it brought onto
the day, pinned there: the user said which day they belong to, whatever their clocks say.
"""

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMenu, QWidget

from journal.gui.background import TaskRunner
from journal.gui.change_hub import ChangeHub
from journal.gui.gallery_pane import GalleryView
from journal.gui.photo_actions import PHOTO_FILTER, PhotoActions
from journal.gui.photo_import_runner import PhotoImportRunner
from journal.gui.photo_viewer import PhotoViewer
from journal.gui.thumbnail_loader import ThumbnailLoader
from journal.gui.timeline_entries import TimelineEntry
from journal.services import JournalService, PhotoInfo, TripInfo
from journal.services.photo_import import ImportReport


class SectionCommands(QObject):
    def __init__(
        self,
        window: QWidget,
        service: JournalService,
        runner: TaskRunner,
        hub: ChangeHub,
        photo_actions: PhotoActions,
        importer: PhotoImportRunner,
        thumbnails: ThumbnailLoader,
        gallery: GalleryView,
        day_title: QLineEdit,
        current_trip: Callable[[], TripInfo | None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._service = service
        self._runner = runner
        self._hub = hub
        self._photo_actions = photo_actions
        self._thumbnails = thumbnails
        self._gallery = gallery
        self._day_title = day_title
        self._current_trip = current_trip
        #: The day the running import was started for, if it was started from a day's menu.
        self._import_day: dt.date | None = None
        importer.finished.connect(self._on_import_finished)

    # The timeline's menu

    def show_menu(self, entry: TimelineEntry, position: QPoint) -> None:
        menu = self.build_menu(entry)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(position)

    def build_menu(self, entry: TimelineEntry) -> QMenu:
        """A day's menu (the timeline made the entry current first, so the day is shown)."""
        menu = QMenu(self._window)
        menu.setObjectName("day-menu")
        day = entry.day if entry.is_day and entry.in_trip else None
        rename = menu.addAction("&Rename…")
        rename.setEnabled(entry.is_day)
        rename.triggered.connect(self._rename)
        import_here = menu.addAction("&Import Photos into This Day…")
        import_here.setEnabled(day is not None)
        import_here.triggered.connect(lambda: self.import_into_day(day) if day else None)
        cover = menu.addMenu("Set &Cover")
        cover.setEnabled(day is not None)
        selected = cover.addAction("Use the &Selected Photo")
        selected.setEnabled(self._gallery.current_photo_id() is not None)
        selected.triggered.connect(lambda: self._set_cover(day, self._gallery.current_photo_id()))
        first = cover.addAction("Use the &First Photo")
        first.triggered.connect(lambda: self._set_cover(day, None))
        return menu

    def _rename(self) -> None:
        """A day's name is its title, written above its text: go there, all of it selected."""
        self._day_title.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._day_title.selectAll()

    def _set_cover(self, day: dt.date | None, photo_id: int | None) -> None:
        trip = self._current_trip()
        if trip is None or day is None:
            return
        self._hub.run_operation(
            lambda: self._service.set_day_cover(trip.id, day, photo_id), name="Set Day Cover"
        )

    def import_into_day(self, day: dt.date) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self._window, "Import Photos into This Day", "", PHOTO_FILTER
        )
        if files:
            self._import_day = day
            self._photo_actions.import_paths([Path(name) for name in files])

    def _on_import_finished(self, report: ImportReport) -> None:
        day, self._import_day = self._import_day, None
        if day is not None and report.imported:
            self._photo_actions.move_photos(list(report.imported), day)

    # The editor's menu on a photo reference

    def show_photo(self, photo_id: int) -> None:
        """The photo in the viewer: among its day's photos when the gallery shows them."""
        self._view(photo_id, edit_caption=False)

    def edit_caption(self, photo_id: int) -> None:
        """The photo in the viewer, its caption field ready to type in (Enter saves)."""
        self._view(photo_id, edit_caption=True)

    def _view(self, photo_id: int, *, edit_caption: bool) -> None:
        model = self._gallery.gallery_model()
        row = model.row_of(photo_id)
        if row is not None:
            photos = [model.photo(each) for each in range(model.rowCount())]
            self._open_viewer(photos, row, edit_caption)
            return
        self._runner.database_call(
            lambda: self._service.photo(photo_id),
            lambda photo: self._open_viewer([photo], 0, edit_caption),
        )

    def _open_viewer(self, photos: list[PhotoInfo], row: int, edit_caption: bool) -> None:
        viewer = PhotoViewer(photos, row, self._thumbnails, self._window)
        viewer.caption_edited.connect(self._photo_actions.set_caption)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        if edit_caption:
            viewer.caption.setFocus(Qt.FocusReason.ShortcutFocusReason)
            viewer.caption.selectAll()
