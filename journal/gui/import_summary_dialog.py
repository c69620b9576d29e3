"""The summary of the last import: counts, and each refused or duplicate file with its reason."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
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
        self.files.setHeaderLabels(["File", "Why it was not imported"])
        self.files.setRootIsDecorated(False)
        for failure in report.failures:
            item = QTreeWidgetItem([str(failure.path), failure.reason])
            item.setToolTip(0, str(failure.path))
            self.files.addTopLevelItem(item)
        for duplicate in report.duplicates:
            self.files.addTopLevelItem(
                QTreeWidgetItem([str(duplicate), "the trip already has this photo"])
            )
        self.files.resizeColumnToContents(0)
        note = QLabel(f"Trip Journal imports {ACCEPTED_DESCRIPTION} files.", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(counts)
        layout.addWidget(self.files, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.files.setVisible(self.files.topLevelItemCount() > 0)
        self.resize(640, 420)
