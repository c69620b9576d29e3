"""The Export dialog: choose a target, a folder and options, see the Markdown, write the post.

Every call into the service runs on the dialog's own single-thread pool, so the dialog never
freezes and its calls reach the library in the order the user made them; outcomes come back on
the UI thread through a signal of ``_Jobs``. The preview is debounced and a stale preview (one
computed for settings the user has since changed) is dropped.
"""

import dataclasses
import html
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalError
from journal.export import (
    ExportExistsError,
    ExportFormat,
    ExportPlan,
    ExportProgress,
    ExportReport,
    ExportSettings,
    ImageOptions,
)
from journal.export.front_matter import front_matter_yaml
from journal.export.settings import MAX_LONG_EDGE, MIN_LONG_EDGE
from journal.gui import plain_text
from journal.plurals import counted
from journal.services import JournalService
from journal.services.export_ops import parse_front_matter

PREVIEW_DELAY_MS = 300


class _Job(QRunnable):
    def __init__(self, jobs: "_Jobs", job_id: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._jobs = jobs
        self._job_id = job_id
        self._work = work

    def run(self) -> None:
        try:
            value = self._work()
        except Exception as error:  # handed to the UI thread, which shows it
            self._jobs.finished.emit(self._job_id, None, error)
        else:
            self._jobs.finished.emit(self._job_id, value, None)


class _Jobs(QObject):
    """Runs service calls one at a time off the UI thread; callbacks run on the UI thread."""

    finished = Signal(int, object, object)
    #: Export progress, emitted on the worker thread and delivered on the UI thread.
    progressed = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self.finished.connect(self._deliver)

    def run(
        self,
        work: Callable[[], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_result, on_error)
        self.pool.start(_Job(self, job_id, work))

    @Slot(int, object, object)
    def _deliver(self, job_id: int, value: object, error: object) -> None:
        on_result, on_error = self._callbacks.pop(job_id)
        if isinstance(error, Exception):
            on_error(error)
        else:
            on_result(value)


class ExportDialog(QDialog):
    """Export one trip; remembers its choices per trip after a successful export."""

    def __init__(self, service: JournalService, trip_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.trip_id = trip_id
        self._jobs = _Jobs(self)
        self._jobs.progressed.connect(self._show_progress)
        self._preview_generation = 0
        self._report: ExportReport | None = None
        self._loaded = False
        self._busy = False
        #: The folder typed or remembered for each format: a Jekyll site and a Hugo site are
        #: different folders, so switching format must not carry one over to the other.
        self._folders: dict[ExportFormat, str] = {}
        self._shown_format = ExportFormat.JEKYLL
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._start_preview)
        self.setWindowTitle("Export trip")
        self.resize(1100, 700)
        self._build()
        self._set_busy(True)
        self.status.setText("Loading…")
        self._jobs.run(self._load, self._loaded_settings, self._show_error)

    # Layout

    def _build(self) -> None:
        self.format_box = QComboBox()
        for export_format in ExportFormat:
            self.format_box.addItem(export_format.label, export_format.value)
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText("The site's root folder (Jekyll, Hugo) or any folder")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)
        self.slug_edit = QLineEdit()
        self.baseurl_edit = QLineEdit()
        self.baseurl_edit.setPlaceholderText("e.g. /blog (Jekyll sites not at the domain's root)")
        self.per_day_box = QCheckBox("One post per day")
        self.append_box = QCheckBox("Add each day's photos that its text does not show")

        target = QFormLayout()
        target.addRow("Format", self.format_box)
        target.addRow("Folder", folder_row)
        target.addRow("Slug", self.slug_edit)
        target.addRow("Base URL", self.baseurl_edit)
        target.addRow(self.per_day_box)
        target.addRow(self.append_box)

        self.size_spin = QSpinBox(minimum=MIN_LONG_EDGE, maximum=MAX_LONG_EDGE, suffix=" px")
        self.size_spin.setSingleStep(100)
        self.quality_spin = QSpinBox(minimum=30, maximum=100)
        self.keep_gps_box = QCheckBox("Keep GPS location (off: where you were stays private)")
        self.keep_date_box = QCheckBox("Keep the capture date and time")
        self.keep_originals_box = QCheckBox(
            "Copy originals untouched (full size, all metadata including location)"
        )
        self.keep_originals_box.toggled.connect(self._update_enabled)
        images = QFormLayout()
        images.addRow("Longest side", self.size_spin)
        images.addRow("JPEG quality", self.quality_spin)
        images.addRow(self.keep_gps_box)
        images.addRow(self.keep_date_box)
        images.addRow(self.keep_originals_box)

        self.day_heading_edit = QLineEdit()
        self.titled_heading_edit = QLineEdit()
        self.closing_heading_edit = QLineEdit()
        self.front_matter_edit = QPlainTextEdit()
        self.front_matter_edit.setPlaceholderText("author: Jane\ntoc: true")
        self.front_matter_edit.setFixedHeight(90)
        post = QFormLayout()
        post.addRow("Day heading", self.day_heading_edit)
        post.addRow("With a day title", self.titled_heading_edit)
        post.addRow("Closing heading", self.closing_heading_edit)
        post.addRow("Extra front matter", self.front_matter_edit)

        options = QWidget()
        column = QVBoxLayout(options)
        for title, form in (("Target", target), ("Images", images), ("Post", post)):
            group = QGroupBox(title)
            group.setLayout(form)
            column.addWidget(group)
        column.addStretch(1)

        self.preview = QPlainTextEdit(readOnly=True)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(options)
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

        self.format_box.currentIndexChanged.connect(self._update_enabled)
        self.format_box.currentIndexChanged.connect(self._switch_folder)
        for edit in (
            self.folder_edit,
            self.slug_edit,
            self.baseurl_edit,
            self.day_heading_edit,
            self.titled_heading_edit,
            self.closing_heading_edit,
        ):
            edit.textChanged.connect(self._schedule_preview)
        for box in (self.per_day_box, self.append_box, self.keep_originals_box):
            box.toggled.connect(self._schedule_preview)
        self.format_box.currentIndexChanged.connect(self._schedule_preview)
        self.front_matter_edit.textChanged.connect(self._schedule_preview)
        for line in (self.slug_edit, self.baseurl_edit, self.folder_edit):
            line.textChanged.connect(self._clear_outcome)
        for line in (self.day_heading_edit, self.titled_heading_edit, self.closing_heading_edit):
            line.textChanged.connect(self._clear_outcome)
        for box in (
            self.per_day_box,
            self.append_box,
            self.keep_gps_box,
            self.keep_date_box,
            self.keep_originals_box,
        ):
            box.toggled.connect(self._clear_outcome)
        for spin in (self.size_spin, self.quality_spin):
            spin.valueChanged.connect(self._clear_outcome)
        self.format_box.currentIndexChanged.connect(self._clear_outcome)
        self.front_matter_edit.textChanged.connect(self._clear_outcome)

    # Settings in and out of the widgets

    def _load(self) -> tuple[ExportSettings, dict[str, Any], str]:
        trip = self.service.trip(self.trip_id)
        settings = self.service.export_settings(self.trip_id)
        return settings, self.service.front_matter_template(self.trip_id), trip.slug

    def _loaded_settings(self, loaded: tuple[ExportSettings, dict[str, Any], str]) -> None:
        settings, front_matter, trip_slug = loaded
        self.format_box.setCurrentIndex(self.format_box.findData(settings.format.value))
        self._shown_format = settings.format
        self._folders = {
            export_format: str(folder) for export_format, folder in settings.format_folders.items()
        }
        self.folder_edit.setText("" if settings.folder is None else str(settings.folder))
        self.slug_edit.setPlaceholderText(trip_slug)
        self.slug_edit.setText(settings.slug)
        self.baseurl_edit.setText(settings.baseurl)
        self.per_day_box.setChecked(settings.per_day)
        self.append_box.setChecked(settings.append_unreferenced)
        self.size_spin.setValue(settings.images.max_long_edge)
        self.quality_spin.setValue(settings.images.quality)
        self.keep_gps_box.setChecked(settings.images.keep_gps)
        self.keep_date_box.setChecked(settings.images.keep_capture_date)
        self.keep_originals_box.setChecked(settings.images.keep_originals)
        self.day_heading_edit.setText(settings.day_heading)
        self.titled_heading_edit.setText(settings.titled_day_heading)
        self.closing_heading_edit.setText(settings.closing_heading)
        self.front_matter_edit.setPlainText(front_matter_yaml(front_matter))
        self._loaded = True
        self._set_busy(False)
        self.status.clear()
        self._update_enabled()
        self._start_preview()

    def settings(self) -> ExportSettings:
        """The settings as the widgets show them (not yet checked), with every format's folder."""
        folder = self.folder_edit.text().strip()
        # The shown format's folder is in the line edit; the others were put away by a switch.
        others = {
            export_format: Path(text.strip()).expanduser()
            for export_format, text in self._folders.items()
            if text.strip() and export_format is not self._shown_format
        }
        return ExportSettings(
            format=ExportFormat(self.format_box.currentData()),
            folder=Path(folder).expanduser() if folder else None,
            format_folders=others,
            slug=self.slug_edit.text().strip(),
            baseurl=self.baseurl_edit.text().strip().rstrip("/"),
            per_day=self.per_day_box.isChecked(),
            append_unreferenced=self.append_box.isChecked(),
            day_heading=self.day_heading_edit.text(),
            titled_day_heading=self.titled_heading_edit.text(),
            closing_heading=self.closing_heading_edit.text(),
            images=ImageOptions(
                max_long_edge=self.size_spin.value(),
                quality=self.quality_spin.value(),
                keep_gps=self.keep_gps_box.isChecked(),
                keep_capture_date=self.keep_date_box.isChecked(),
                keep_originals=self.keep_originals_box.isChecked(),
            ),
        ).remembering_folder()

    def _front_matter(self) -> dict[str, Any]:
        return parse_front_matter(self.front_matter_edit.toPlainText())

    def _update_enabled(self) -> None:
        is_jekyll = self.format_box.currentData() == ExportFormat.JEKYLL.value
        self.baseurl_edit.setEnabled(is_jekyll)
        web_copies = not self.keep_originals_box.isChecked()
        for widget in (self.size_spin, self.quality_spin, self.keep_gps_box, self.keep_date_box):
            widget.setEnabled(web_copies)

    def _switch_folder(self) -> None:
        """Put away the folder of the format left and bring back the one of the format chosen
        (empty for a format not used yet in this dialog)."""
        chosen = ExportFormat(self.format_box.currentData())
        if not self._loaded or chosen is self._shown_format:
            return
        self._folders[self._shown_format] = self.folder_edit.text()
        self._shown_format = chosen
        self.folder_edit.setText(self._folders.get(chosen, ""))

    def _clear_outcome(self) -> None:
        """Settings changed after an export: its status line and full bar describe settings no
        longer shown, so they go (the folder button stays, the files are still there)."""
        if not self._loaded or self._busy:
            return
        self.status.clear()
        self.progress.reset()
        self.progress.setFormat("%p%")

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Export into", self.folder_edit.text() or str(Path.home())
        )
        if folder:
            self.folder_edit.setText(folder)

    # Preview

    def _schedule_preview(self) -> None:
        if self._loaded:
            self._preview_timer.start()

    def _start_preview(self) -> None:
        self._preview_generation += 1
        generation = self._preview_generation
        try:
            front_matter = self._front_matter()
        except JournalError as error:
            self.preview.setPlainText(f"⚠ {error}")
            return
        settings = self.settings()
        if settings.folder is None:
            # The folder changes nothing in the Markdown; a placeholder lets the preview show.
            settings = dataclasses.replace(settings, folder=Path.home())

        def work() -> ExportPlan:
            return self.service.plan_export(self.trip_id, settings, front_matter=front_matter)

        def show(plan: ExportPlan) -> None:
            if generation == self._preview_generation:
                self.preview.setPlainText(plan.markdown)

        def failed(error: Exception) -> None:
            if generation != self._preview_generation:
                return
            if not isinstance(error, JournalError):
                raise error
            self.preview.setPlainText(f"⚠ {error}")

        self._jobs.run(work, show, failed)

    # Export

    def _start_export(self, *, overwrite: bool = False) -> None:
        try:
            front_matter = self._front_matter()
            settings = self.settings().checked()
        except JournalError as error:
            self._show_error(error)
            return
        self._set_busy(True)
        self._report = None
        self.open_button.setVisible(False)
        self.progress.setValue(0)
        self.status.setText("Exporting…")

        def work() -> ExportReport:
            report = self.service.export_trip(
                self.trip_id,
                settings,
                overwrite=overwrite,
                front_matter=front_matter,
                progress=self._jobs.progressed.emit,
            )
            self.service.save_export_settings(self.trip_id, settings)
            self.service.set_front_matter_template(self.trip_id, front_matter)
            return report

        self._jobs.run(work, self._exported, self._export_failed)

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

    def _exported(self, report: ExportReport) -> None:
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

    def done(self, result: int) -> None:
        """Wait for a running export to finish: closing must not leave half a site behind."""
        self._preview_timer.stop()
        self._jobs.pool.waitForDone()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._jobs.pool.waitForDone()
        super().closeEvent(event)
