"""How an import's outcome is told: a line for the status bar, and the summary of the last import
(counts, and each refused, restored or duplicate file with why).

File names are shown with ``readable_path``: Qt silently drops the bytes of a name that is not
UTF-8, which would show another file's name.
"""

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal.gui.plain_text import plain_label, plain_tooltip, rich_label
from journal.photos.formats import ACCEPTED_DESCRIPTION
from journal.photos.import_progress import ImportFailure
from journal.plurals import counted
from journal.readable_paths import readable_path
from journal.services.photo_import import ImportReport

RESTORED = "imported before; its missing or damaged library copy was restored from this file"
INCOMPLETE = "imported, but the file stops early: the picture shows what is there"


def summary_line(report: ImportReport) -> str:
    """ "Imported 12 photos · 3 already in the trip · 2 unassigned · 4 not photos, skipped ·
    1 refused" for the status bar; a cancelled import or a full disk says so first."""
    parts = [f"Imported {counted(len(report.imported), 'photo')}"]
    if report.cancelled:
        parts[0] = f"Import cancelled: kept {counted(len(report.imported), 'photo')}"
    if report.disk_full is not None:
        parts[0] = f"The disk is full: imported {counted(len(report.imported), 'photo')}"
        parts.append(f"{len(report.disk_full.not_imported)} not imported")
    if report.duplicates:
        parts.append(f"{report.duplicate_count} already in the trip")
    if report.restored:
        parts.append(f"{len(report.restored)} restored")
    if report.unassigned:
        parts.append(f"{report.unassigned} unassigned")
    if report.incomplete:
        parts.append(f"{len(report.incomplete)} incomplete")
    if report.skipped:
        parts.append(f"{sum(map(len, report.skipped.values()))} not photos, skipped")
    if report.refused:
        parts.append(f"{len(report.refused)} refused")
    return " · ".join(parts)


def failure_text(failure: ImportFailure) -> str:
    """ "IMG_0001.JPG: the file is empty", with a name that is not UTF-8 shown readably."""
    return f"{readable_path(failure.path.name)}: {failure.reason}"


#: The summary's width without a list of files: the counts and the note wrap within it.
SUMMARY_WIDTH = 520


class ImportSummaryDialog(QDialog):
    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Summary")
        self.counts = rich_label(parent=self)
        self.counts.setWordWrap(True)
        refused = report.refused
        lines = [
            f"<b>{len(report.imported)}</b> imported",
            f"<b>{report.duplicate_count}</b> already in the trip (skipped)",
            f"<b>{report.unassigned}</b> placed in Unassigned (taken outside the trip's dates)",
            f"<b>{len(refused)}</b> refused",
        ]
        if report.restored:
            lines.append(
                f"<b>{len(report.restored)}</b> restored: the library's copy was missing or "
                "damaged, and was written again from the file"
            )
        if report.incomplete:
            lines.append(
                f"<b>{len(report.incomplete)}</b> imported although incomplete: the file's data "
                "stops early, and the picture shows what is there"
            )
        if report.skipped_line:
            lines.append(html.escape(report.skipped_line))
        if report.disk_full is not None:
            lines.append(html.escape(report.disk_full.message))
        if report.cancelled:
            lines.append("The import was cancelled; what finished before is kept.")
        self.counts.setText("<br>".join(lines))
        self.files = QTreeWidget(self)
        self.files.setAccessibleName("Files not imported")
        # Name and reason first, read whole; the folder (often long and the same for all) last,
        # shortened in the middle where it must give way.
        self.files.setHeaderLabels(["File", "Why it was not imported", "Folder"])
        self.files.setRootIsDecorated(False)
        self.files.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        rows = [(failure.path, failure.reason) for failure in refused]
        rows += [(path, RESTORED) for path in report.restored]
        rows += [(path, INCOMPLETE) for path in report.incomplete]
        rows += [(duplicate, "the trip already has this photo") for duplicate in report.duplicates]
        for path, reason in rows:
            name, folder = readable_path(path.name), readable_path(path.parent)
            item = QTreeWidgetItem([name, reason, folder])
            for column, tip in enumerate((readable_path(path), reason, folder)):
                item.setToolTip(column, plain_tooltip(tip))
            self.files.addTopLevelItem(item)
        header = self.files.header()
        header.setStretchLastSection(True)
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        note = plain_label(f"Trip Journal imports {ACCEPTED_DESCRIPTION} files.", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        note.setWordWrap(True)
        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.files, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._fit(listed=self.files.topLevelItemCount() > 0)

    def _fit(self, *, listed: bool) -> None:
        """Room for the list of files when there is one; else just the counts, the note and
        Close, as tall as their wrapped lines (no box around a few floating lines)."""
        self.files.setVisible(listed)
        if listed:
            self.resize(760, 420)
            return
        self.resize(SUMMARY_WIDTH, self._layout.totalHeightForWidth(SUMMARY_WIDTH))
