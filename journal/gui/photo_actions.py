"""What the user does to photos: import, move, reorder, remove, view and caption, correct clocks.

Each change is an operation of the ``ChangeHub``: its service call runs off the UI thread and its
``Changes`` reach every view through the hub, named for Edit ▸ Undo ("Move 3 Photos to Day 2").
An import's progress and outcome are told in the status bar; one that brought nothing in says
why in a message box. Removing photos does not ask: Undo brings them back, with their
references in the text, which the removal takes out.
"""

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from journal.gui import plain_text
from journal.gui.background import TaskRunner
from journal.gui.camera_dialog import CameraDialog
from journal.gui.change_hub import ChangeHub
from journal.gui.file_drops import dropped_items
from journal.gui.gallery_pane import GalleryView
from journal.gui.import_summary import ImportSummaryDialog, failure_text, summary_line
from journal.gui.photo_import_runner import PhotoImportRunner
from journal.gui.photo_viewer import PhotoViewer
from journal.gui.preferences import LAST_IMPORT_FOLDER, Preferences
from journal.gui.thumbnail_loader import ThumbnailLoader
from journal.identity import APP_NAME
from journal.plurals import counted
from journal.services import JournalService, TripInfo
from journal.services.photo_import import ImportReport

PHOTO_FILTER = "Photos (*.jpg *.jpeg *.heic *.heif *.png *.webp *.tif *.tiff);;All files (*)"


def move_name(count: int, trip: TripInfo, day: dt.date | None) -> str:
    """ "Move 3 Photos to Day 2": the move as Edit ▸ Undo names it."""
    index = trip.day_index(day) if day is not None else None
    where = f"Day {index}" if index is not None else "Unassigned"
    return f"Move {counted(count, 'Photo')} to {where}"


class PhotoActions(QObject):
    #: Something to tell the user in the status bar.
    message = Signal(str)

    def __init__(
        self,
        window: QWidget,
        service: JournalService,
        runner: TaskRunner,
        hub: ChangeHub,
        importer: PhotoImportRunner,
        thumbnails: ThumbnailLoader,
        gallery: GalleryView,
        current_trip: Callable[[], TripInfo | None],
        gallery_day: Callable[[], tuple[bool, dt.date | None]],
        save_text: Callable[[], None],
        preferences: Preferences,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._service = service
        self._preferences = preferences
        self._runner = runner
        self._hub = hub
        self._importer = importer
        self._thumbnails = thumbnails
        self._gallery = gallery
        self._current_trip = current_trip
        self._gallery_day = gallery_day
        self._save_text = save_text
        importer.finished.connect(self._on_import_finished)
        importer.failed.connect(self.message)

    # Import

    def choose_files(self) -> None:
        if self._current_trip() is None:
            return
        files, _ = QFileDialog.getOpenFileNames(
            self._window, "Import Photos", self._start_folder(), PHOTO_FILTER
        )
        if files:
            chosen = [Path(name) for name in files]
            self._remember_folder(chosen[0].parent)
            self.import_paths(chosen)

    def choose_folder(self) -> None:
        """A whole card or phone folder, with its subfolders: what a drop of it would do."""
        if self._current_trip() is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self._window, "Import a Folder of Photos", self._start_folder()
        )
        if folder:
            # Next time, start beside it: 100CANON is usually followed by 101CANON.
            self._remember_folder(Path(folder).parent)
            self.import_paths([Path(folder)])

    def _start_folder(self) -> str:
        remembered = self._preferences.get(LAST_IMPORT_FOLDER)
        return remembered if remembered and Path(remembered).is_dir() else str(Path.home())

    def _remember_folder(self, folder: Path) -> None:
        self._preferences.set(LAST_IMPORT_FOLDER, str(folder))

    def import_paths(self, paths: list[Path]) -> None:
        """Import dropped or chosen files and folders into the open trip, in the background."""
        trip = self._current_trip()
        if trip is None:
            plain_text.information(
                self._window, APP_NAME, "Create a trip first, then drop its photos on the window."
            )
            return
        self.message.emit(f"Importing photos from {dropped_items(paths)}…")
        self._importer.start(trip.id, paths)

    def _on_import_finished(self, report: ImportReport) -> None:
        line = summary_line(report)
        if report.refused:
            line += f" — {failure_text(report.refused[0])} (File ▸ Last Import Summary)"
        self.message.emit(line)
        if report.disk_full is not None:
            plain_text.warning(self._window, "The Disk Is Full", report.disk_full.message)
        elif report.failures and not report.imported and not report.duplicates:
            reasons = "\n".join(failure_text(failure) for failure in report.failures[:8])
            plain_text.warning(
                self._window, "Nothing Imported", f"No photo was imported.\n\n{reasons}"
            )

    def show_import_summary(self) -> None:
        if self._importer.last_report is not None:
            ImportSummaryDialog(self._importer.last_report, self._window).exec()

    # Arranging

    def move_photos(
        self, photo_ids: list[int], day: dt.date | None, index: int | None = None
    ) -> None:
        trip = self._current_trip()
        if trip is None:
            return
        self._hub.run_operation(
            lambda: self._service.move_photos(trip.id, photo_ids, day, index),
            name=move_name(len(photo_ids), trip, day),
        )

    def move_into_gallery(self, photo_ids: list[int], row: int) -> None:
        has_photos, day = self._gallery_day()
        if has_photos:
            self.move_photos(photo_ids, day, row)

    def reorder(self, ordered_ids: list[int]) -> None:
        has_photos, day = self._gallery_day()
        trip = self._current_trip()
        if trip is None or not has_photos:
            return
        self._hub.run_operation(
            lambda: self._service.reorder_photos(trip.id, day, ordered_ids), name="Reorder Photos"
        )

    def remove_selected(self) -> None:
        """Remove the selected photos, and their images from the text, without asking: Undo
        brings both back. The text being written is saved first, so that the removal (which
        takes the photos' references out of the text) sees the text as the user sees it."""
        ids = self._gallery.selected_ids()
        trip = self._current_trip()
        if trip is None or not ids:
            return
        self._save_text()
        self._thumbnails.forget(set(ids))
        self._hub.run_operation(
            lambda: self._service.delete_photos(trip.id, ids),
            lambda changes: self._removed(len(ids), changes.text_rewritten),
            name=f"Remove {counted(len(ids), 'Photo')}",
        )

    def _removed(self, count: int, from_text: bool) -> None:
        removed = counted(count, "photo")
        images = f" and {'its image' if count == 1 else 'their images'} from the text"
        self.message.emit(
            f"Removed {removed}{images if from_text else ''}. Edit ▸ Undo brings "
            f"{'it' if count == 1 else 'them'} back."
        )

    # Looking closer

    def open_viewer(self, photo_id: int) -> None:
        model = self._gallery.gallery_model()
        row = model.row_of(photo_id)
        if row is None:
            return
        photos = [model.photo(i) for i in range(model.rowCount())]
        viewer = PhotoViewer(photos, row, self._thumbnails, self._window)
        viewer.caption_edited.connect(self.set_caption)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()

    def set_caption(self, photo_id: int, caption: str) -> None:
        self._hub.run_operation(
            lambda: self._service.set_caption(photo_id, caption), name="Edit Caption"
        )

    def show_camera_clocks(self) -> None:
        trip = self._current_trip()
        if trip is None:
            return
        dialog = CameraDialog(self._service, self._runner, self._hub, trip, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
