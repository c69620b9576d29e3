"""The summary of the last import: counts, and each refused, restored or duplicate file with why.

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
from journal.readable_paths import readable_path
from journal.services.photo_import import ImportReport

RESTORED = "imported before; its missing or damaged library copy was restored from this file"


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
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.files, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.files.setVisible(self.files.topLevelItemCount() > 0)
        self.resize(760, 420)
