"""The Export dialog's options (target, images, post), in and out of ``ExportSettings``.

The form knows its widgets and the settings they stand for, and nothing of the library: the
dialog fills it with what the trip remembers and reads back what the user chose. Its signals tell
the dialog when the Markdown may have changed (the preview is due) and when any option did (the
last export's outcome no longer describes what is shown); they stay quiet while it is filled.
"""

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from journal.export import ExportFormat, ExportSettings, ImageOptions
from journal.export.front_matter import front_matter_yaml
from journal.export.settings import MAX_LONG_EDGE, MIN_LONG_EDGE
from journal.services.export_ops import parse_front_matter


class ExportForm(QWidget):
    #: An option the Markdown depends on changed.
    markdown_changed = Signal()
    #: Any option changed.
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filled = False
        #: The folder typed or remembered for each format: a Jekyll site and a Hugo site are
        #: different folders, so switching format must not carry one over to the other.
        self._folders: dict[ExportFormat, str] = {}
        self._shown_format = ExportFormat.JEKYLL

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
        images = QFormLayout()
        images.addRow("Longest side", self.size_spin)
        images.addRow("JPEG quality", self.quality_spin)
        images.addRow(self.keep_gps_box)
        images.addRow(self.keep_date_box)
        images.addRow(self.keep_originals_box)

        self.day_heading_edit = QLineEdit()
        self.titled_heading_edit = QLineEdit()
        self.closing_heading_edit = QLineEdit()
        self.places_box = QCheckBox("End each day heading with its places (Day 1 — … · Seattle)")
        self.front_matter_edit = QPlainTextEdit()
        self.front_matter_edit.setPlaceholderText("author: Jane\ntoc: true")
        self.front_matter_edit.setFixedHeight(90)
        post = QFormLayout()
        post.addRow("Day heading", self.day_heading_edit)
        post.addRow("With a day title", self.titled_heading_edit)
        post.addRow("Closing heading", self.closing_heading_edit)
        post.addRow(self.places_box)
        post.addRow("Extra front matter", self.front_matter_edit)

        column = QVBoxLayout(self)
        for title, form in (("Target", target), ("Images", images), ("Post", post)):
            group = QGroupBox(title)
            group.setLayout(form)
            column.addWidget(group)
        column.addStretch(1)
        self._connect()

    def _connect(self) -> None:
        self.format_box.currentIndexChanged.connect(self._update_enabled)
        self.keep_originals_box.toggled.connect(self._update_enabled)
        self.format_box.currentIndexChanged.connect(self._switch_folder)
        lines = (
            self.folder_edit,
            self.slug_edit,
            self.baseurl_edit,
            self.day_heading_edit,
            self.titled_heading_edit,
            self.closing_heading_edit,
        )
        markdown_boxes = (
            self.per_day_box,
            self.append_box,
            self.keep_originals_box,
            self.places_box,
        )
        for signal in (
            *(line.textChanged for line in lines),
            *(box.toggled for box in markdown_boxes),
            self.format_box.currentIndexChanged,
            self.front_matter_edit.textChanged,
        ):
            signal.connect(self._markdown_option_changed)
        # The image options that shape only the image files.
        for signal in (
            self.keep_gps_box.toggled,
            self.keep_date_box.toggled,
            self.size_spin.valueChanged,
            self.quality_spin.valueChanged,
        ):
            signal.connect(self._option_changed)

    def fill(self, settings: ExportSettings, front_matter: dict[str, Any], trip_slug: str) -> None:
        """Show the trip's remembered settings (its slug is the placeholder of an empty one)."""
        self._filled = False
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
        self.places_box.setChecked(settings.places_in_headings)
        self.front_matter_edit.setPlainText(front_matter_yaml(front_matter))
        self._update_enabled()
        self._filled = True

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
            places_in_headings=self.places_box.isChecked(),
            images=ImageOptions(
                max_long_edge=self.size_spin.value(),
                quality=self.quality_spin.value(),
                keep_gps=self.keep_gps_box.isChecked(),
                keep_capture_date=self.keep_date_box.isChecked(),
                keep_originals=self.keep_originals_box.isChecked(),
            ),
        ).remembering_folder()

    def front_matter(self) -> dict[str, Any]:
        """The extra front matter typed; a ``JournalError`` says what is wrong with it."""
        return parse_front_matter(self.front_matter_edit.toPlainText())

    def _markdown_option_changed(self) -> None:
        if self._filled:
            self.markdown_changed.emit()
            self.edited.emit()

    def _option_changed(self) -> None:
        if self._filled:
            self.edited.emit()

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
        if not self._filled or chosen is self._shown_format:
            return
        self._folders[self._shown_format] = self.folder_edit.text()
        self._shown_format = chosen
        self.folder_edit.setText(self._folders.get(chosen, ""))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Export into", self.folder_edit.text() or str(Path.home())
        )
        if folder:
            self.folder_edit.setText(folder)
