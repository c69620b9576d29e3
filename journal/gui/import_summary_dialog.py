"""The summary of the last import: counts, and each refused or duplicate file with its reason."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal.photos.formats import ACCEPTED_DESCRIPTION
from journal.services.photo_import import ImportReport


class ImportSummaryDialog(QDialog):
    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Summary")
        counts = QLabel(self)
        counts.setWordWrap(True)
        lines = [
            f"<b>{len(report.imported)}</b> imported",
            f"<b>{report.duplicate_count}</b> already in the trip (skipped)",
            f"<b>{report.unassigned}</b> placed in Unassigned (taken outside the trip's dates)",
            f"<b>{len(report.failures)}</b> refused",
        ]
        if report.cancelled:
            lines.append("The import was cancelled; what finished before is kept.")
        counts.setText("<br>".join(lines))
        self.files = QTreeWidget(self)
        self.files.setAccessibleName("Files not imported")
        # Name and reason first, read whole; the folder (often long and the same for all) last,
        # shortened in the middle where it must give way.
        self.files.setHeaderLabels(["File", "Why it was not imported", "Folder"])
        self.files.setRootIsDecorated(False)
        self.files.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        rows = [(failure.path, failure.reason) for failure in report.failures]
        rows += [(duplicate, "the trip already has this photo") for duplicate in report.duplicates]
        for path, reason in rows:
            item = QTreeWidgetItem([path.name, reason, str(path.parent)])
            for column, tip in enumerate((str(path), reason, str(path.parent))):
                item.setToolTip(column, tip)
            self.files.addTopLevelItem(item)
        header = self.files.header()
        header.setStretchLastSection(True)
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        note = QLabel(f"Trip Journal imports {ACCEPTED_DESCRIPTION} files.", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(counts)
        layout.addWidget(self.files, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.files.setVisible(self.files.topLevelItemCount() > 0)
        self.resize(760, 420)
