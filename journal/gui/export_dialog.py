"""The Export dialog: choose a target, a folder and options, see the Markdown, write the post.

The dialog uses the window's runner: it reads the trip's remembered settings and plans the preview
on the database thread (``export_preview``), and writes the post on the export thread, so it never
freezes; the export's progress comes back through the runner, which outlives the dialog. Once an
export went through, its settings and front-matter template are the trip's: two operations of
the ``ChangeHub`` on the database thread, the only thread that writes the library. The options
themselves live in ``export_form``.
"""

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalError
from journal.export import ExportExistsError, ExportProgress, ExportReport, ExportSettings
from journal.gui import plain_text
from journal.gui.background import TaskRunner
from journal.gui.change_hub import ChangeHub
from journal.gui.export_form import ExportForm
from journal.gui.export_preview import ExportPreview
from journal.plurals import counted
from journal.services import JournalService

#: What the dialog starts from: the trip's remembered settings, front matter and slug.
Remembered = tuple[ExportSettings, dict[str, Any], str]


def _remembered(service: JournalService, trip_id: int) -> Remembered:
    """Read on the database thread."""
    trip = service.trip(trip_id)
    settings = service.export_settings(trip_id)
    return settings, service.front_matter_template(trip_id), trip.slug


class ExportDialog(QDialog):
    """Export one trip; remembers its choices per trip after a successful export."""

    def __init__(
        self,
        service: JournalService,
        runner: TaskRunner,
        hub: ChangeHub,
        trip_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.trip_id = trip_id
        self._runner = runner
        self._hub = hub
        self._report: ExportReport | None = None
        self._busy = False
        self.setWindowTitle("Export trip")
        self.form = ExportForm()
        self.preview = ExportPreview(service, runner, trip_id, self.form)
        self._build()
        self._fit_to_screen()
        self._set_busy(True)
        self.status.setText("Loading…")
        runner.database_call(
            lambda: _remembered(service, trip_id), self._show_remembered, self._show_error
        )

    def _build(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        # The form scrolls rather than squeeze its rows onto each other on a short screen (a
        # laptop at 2x has 600 points of height for the form's 750).
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidget(self.form)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setMinimumWidth(self.form.minimumSizeHint().width())
        splitter.addWidget(self.form_scroll)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.status = plain_text.rich_label()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(lambda: self._start_export())
        self.open_button = QPushButton("Open folder")
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self._open_folder)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.form.edited.connect(self._clear_outcome)

    def _fit_to_screen(self) -> None:
        """1100 × 700 points where the screen has room, else nine tenths of it."""
        screen = self.screen().availableGeometry()
        self.resize(min(1100, screen.width() * 9 // 10), min(700, screen.height() * 9 // 10))

    def _show_remembered(self, remembered: Remembered) -> None:
        self.form.fill(*remembered)
        self._set_busy(False)
        self.status.clear()
        self.preview.refresh()

    def _clear_outcome(self) -> None:
        """Settings changed after an export: its status line and full bar describe settings no
        longer shown, so they go (the folder button stays, the files are still there)."""
        if self._busy:
            return
        self.status.clear()
        self.progress.reset()
        self.progress.setFormat("%p%")

    # Export

    def _start_export(self, *, overwrite: bool = False) -> None:
        try:
            front_matter = self.form.front_matter()
            settings = self.form.settings().checked()
        except JournalError as error:
            self._show_error(error)
            return
        self._set_busy(True)
        self._report = None
        self.open_button.setVisible(False)
        self.progress.setValue(0)
        self.status.setText("Exporting…")
        service, trip_id = self.service, self.trip_id

        def work(progress: Callable[[ExportProgress], None]) -> ExportReport:
            return service.export_trip(
                trip_id, settings, overwrite=overwrite, front_matter=front_matter, progress=progress
            )

        self._runner.submit_reporting(
            self._runner.exports,
            work,
            self._show_progress,
            lambda report: self._exported(report, settings, front_matter),
            self._export_failed,
        )

    @Slot(object)
    def _show_progress(self, event: ExportProgress) -> None:
        self.progress.setMaximum(event.total)
        self.progress.setValue(event.done)
        self.progress.setFormat(f"%v / %m  {event.current}")

    def _export_failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, ExportExistsError):
            names = "\n".join(str(path) for path in error.paths)
            answer = plain_text.question(
                self,
                "Replace the existing post?",
                f"These files already exist with other content:\n\n{names}\n\nReplace them?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self._start_export(overwrite=True)
            else:
                self.status.setText("Nothing was replaced.")
            return
        self._show_error(error)

    def _exported(
        self, report: ExportReport, settings: ExportSettings, front_matter: dict[str, Any]
    ) -> None:
        self._remember(settings, front_matter)
        self._set_busy(False)
        self._report = report
        self.progress.setFormat("Done")
        self.open_button.setVisible(True)
        posts, images = counted(len(report.posts), "post"), counted(report.images, "image")
        summary = (
            f"Wrote {posts} and {images} into {report.folder} ({report.files_written} changed, "
            f"{report.files_unchanged} already up to date)."
        )
        if report.broken_links:
            broken = "<br>".join(html.escape(str(link)) for link in report.broken_links)
            self.status.setText(
                f"<span style='color:#b00020'><b>These images will not load:</b><br>{broken}"
                f"</span><br>{html.escape(summary)}"
            )
        else:
            self.status.setText(html.escape(summary))

    def _remember(self, settings: ExportSettings, front_matter: dict[str, Any]) -> None:
        """The choices of an export that went through become the trip's."""
        service, trip_id = self.service, self.trip_id
        self._hub.run_operation(lambda: service.save_export_settings(trip_id, settings))
        self._hub.run_operation(lambda: service.set_front_matter_template(trip_id, front_matter))

    def _open_folder(self) -> None:
        if self._report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._report.post_folder)))

    def _show_error(self, error: Exception) -> None:
        self._set_busy(False)
        if not isinstance(error, JournalError):
            raise error
        self.status.setText(f"<span style='color:#b00020'>{html.escape(str(error))}</span>")

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.export_button.setEnabled(not busy)

    def _finish_work(self) -> None:
        """Wait for a running export, and for the dialog's reads: closing must not leave half a
        site behind, and their outcomes (the settings an export remembers among them) are then
        delivered before the dialog is deleted, since they were queued first."""
        self.preview.stop()
        self._runner.exports.waitForDone()
        self._runner.wait_for_database()

    def done(self, result: int) -> None:
        self._finish_work()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._finish_work()
        super().closeEvent(event)
