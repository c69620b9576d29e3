"""File ▸ Import Post…: choose a Markdown post and see what it will become before importing it.

Choosing the file plans the import (``JournalService.plan_post``) on the database thread (reading
the post and finding its images is quick, but it is still disk work the UI thread does not do)
and shows the trip it will make: title, dates, days, images found and missing, and the notes the
plan raised. The user can put Day 0 on another date (a post is often published days after the
trip), set the real time zone, or fill the open trip instead. The import itself
(``JournalService.import_post``) runs where the window's imports run.
"""

import datetime as dt
from dataclasses import dataclass
from html import escape
from pathlib import Path
from zoneinfo import available_timezones

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal.gui.background import TaskRunner
from journal.gui.date_field import IsoDateEdit
from journal.gui.mnemonics import shown_as_written
from journal.gui.plain_text import plain_label, rich_label
from journal.plurals import counted
from journal.post_import.front_matter import zone_label
from journal.post_import.post_plan import PostPlan
from journal.services import JournalService, PostImportReport, TripInfo

#: The zone box's first entry: take the zone from the offset of the post's date.
ZONE_FROM_POST = "From the post's date"


@dataclass(frozen=True)
class PostImportRequest:
    """What ``JournalService.plan_post`` and ``import_post`` need, as the user chose it."""

    post: Path
    #: The site root typed, or the one the plan guessed.
    site_root: Path | None
    first_day: dt.date | None
    timezone: str | None
    #: The id of the trip to fill, or None to create a trip.
    into_trip: int | None


class PostImportDialog(QDialog):
    def __init__(
        self,
        service: JournalService,
        runner: TaskRunner,
        open_trip: TripInfo | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Post")
        self.setMinimumWidth(560)
        self._service = service
        self._runner = runner
        self._open_trip = open_trip
        self._plan: PostPlan | None = None
        self._planned_for: tuple[object, ...] | None = None

        self.post = QLineEdit(self)
        self.post.setAccessibleName("Post file")
        self.post.setPlaceholderText("A Markdown post: _posts/2023-09-30-trip.md, index.md, …")
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._choose_post)
        self.site_root = QLineEdit(self)
        self.site_root.setAccessibleName("Site root")
        self.site_root.setPlaceholderText("Where /site-absolute image links start")
        self.move_day_zero = QCheckBox("Day 0 was on", self)
        self.day_zero = IsoDateEdit(parent=self)
        self.day_zero.setEnabled(False)
        self.day_zero.setAccessibleName("Date of Day 0")
        self.move_day_zero.toggled.connect(self.day_zero.setEnabled)
        self.timezone = QComboBox(self)
        self.timezone.setEditable(True)
        self.timezone.setAccessibleName("Time zone")
        self.timezone.addItem(ZONE_FROM_POST)
        self.timezone.addItems(sorted(available_timezones()))
        self.fill_open_trip = QCheckBox(self)
        self.fill_open_trip.setVisible(open_trip is not None)
        if open_trip is not None:
            self.fill_open_trip.setText(
                shown_as_written(f"Add it to “{open_trip.title}” instead of a new trip")
            )
        self.summary = rich_label(parent=self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What the import will do")
        self.summary.setMinimumHeight(120)

        file_row = QHBoxLayout()
        file_row.addWidget(self.post, 1)
        file_row.addWidget(browse)
        day_row = QHBoxLayout()
        day_row.addWidget(self.move_day_zero)
        day_row.addWidget(self.day_zero, 1)
        form = QFormLayout()
        post_label = plain_label("&Post:", self)
        post_label.setBuddy(self.post)
        form.addRow(post_label, file_row)
        form.addRow("&Site root:", self.site_root)
        form.addRow("", day_row)
        form.addRow("Time &zone:", self.timezone)
        form.addRow("", self.fill_open_trip)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.buttons)

        for signal in (
            self.post.editingFinished,
            self.site_root.editingFinished,
            self.move_day_zero.toggled,
            self.day_zero.dateChanged,
            self.timezone.currentTextChanged,
        ):
            signal.connect(self._replan)
        self._show_plan(None)

    def request(self) -> PostImportRequest:
        """The import as chosen; only meaningful once the dialog was accepted."""
        guessed = self._plan.site_root if self._plan is not None else None
        return PostImportRequest(
            post=Path(self.post.text().strip()).expanduser(),
            site_root=self._typed_site_root() or guessed,
            first_day=self._first_day(),
            timezone=self._zone(),
            into_trip=(
                self._open_trip.id
                if self._open_trip is not None and self.fill_open_trip.isChecked()
                else None
            ),
        )

    def choose(self, post: Path) -> None:
        """Start from ``post`` (the file chooser's answer, or a test's)."""
        self.post.setText(str(post))
        self._replan()

    def _choose_post(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import Post", self.post.text(), "Markdown posts (*.md *.markdown);;All files (*)"
        )
        if name:
            self.choose(Path(name))

    def _typed_site_root(self) -> Path | None:
        typed = self.site_root.text().strip()
        return Path(typed).expanduser() if typed else None

    def _first_day(self) -> dt.date | None:
        if not self.move_day_zero.isChecked():
            return None
        day = self.day_zero.date()
        return dt.date(day.year(), day.month(), day.day())

    def _zone(self) -> str | None:
        text = self.timezone.currentText().strip()
        return None if text in ("", ZONE_FROM_POST) else text

    def _replan(self) -> None:
        text = self.post.text().strip()
        if not text:
            self._show_plan(None)
            return
        post = Path(text).expanduser()
        site_root, first_day, zone = self._typed_site_root(), self._first_day(), self._zone()
        key = (post, site_root, first_day, zone)
        if key == self._planned_for:
            return
        self._planned_for = key

        def work() -> PostPlan:
            return self._service.plan_post(
                post, site_root=site_root, first_day=first_day, timezone=zone
            )

        def planned(plan: PostPlan) -> None:
            if key == self._planned_for:
                self._show_plan(plan)

        def failed(error: Exception) -> None:
            if key == self._planned_for:
                self._show_plan(None, problem=str(error))

        self.summary.setText("Reading the post…")
        self._runner.database_call(work, planned, failed)

    def _show_plan(self, plan: PostPlan | None, problem: str = "") -> None:
        self._plan = plan
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(plan is not None)
        if plan is None:
            self.summary.setText(
                f"<span style='color:#b00020'>{escape(problem)}</span>"
                if problem
                else "Choose a Markdown post with front matter (title, date) and ## Day N "
                "sections; its images become the trip's photos."
            )
            return
        if not self.move_day_zero.isChecked():
            self.day_zero.setDate(QDate(plan.start.year, plan.start.month, plan.start.day))
        local = [image for section in plan.sections for image in section.images if not image.remote]
        found = sum(1 for image in local if image.file is not None)
        lines = [
            f"<b>{escape(plan.title)}</b>",
            f"{plan.start} to {plan.end} · {counted(len(plan.days), 'day section')} · "
            f"{escape(zone_label(plan.timezone))}",
            _images_found(found, len(local)),
        ]
        if plan.remote_images:
            lines.append(
                f"{counted(len(plan.remote_images), 'remote image')}, kept as "
                f"{'a link' if len(plan.remote_images) == 1 else 'links'}"
            )
        lines += [
            f"<span style='color:#b00020'>Line {image.line}: {escape(image.destination)} — "
            f"{escape(image.problem)}; the link is kept</span>"
            for image in plan.missing_images[:5]
        ]
        if len(plan.missing_images) > 5:
            lines.append(f"… and {len(plan.missing_images) - 5} more not imported")
        lines += [escape(note) for note in plan.notes]
        self.summary.setText("<br>".join(lines))


def report_text(report: PostImportReport) -> str:
    """The message shown once the import is done."""
    verb = "Created" if report.created else "Filled"
    lines = [
        f"{verb} “{report.trip.title}”: {counted(report.day_count, 'day section')}, "
        f"{counted(report.photo_count, 'photo')}."
    ]
    lines += [
        f"Line {image.line}: {image.destination} — {image.reason}; the link is kept."
        for image in report.missing_images
    ]
    lines += [
        f"Line {image.line}: {image.destination} — {image.reason}."
        for image in report.remote_images
    ]
    lines += list(report.notes)
    return "\n\n".join(lines)


def _images_found(found: int, total: int) -> str:
    """``2 of 3 images found``, in words that fit every count."""
    if total == 0:
        return "No images"
    if found == total:
        return f"{counted(total, 'image')} found" if total == 1 else f"All {total} images found"
    return f"{found} of {counted(total, 'image')} found"
