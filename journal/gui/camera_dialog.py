"""Camera clock correction: pick a camera, set how wrong its clock was, see what moves, apply.

A camera left on home time files every photo on the wrong day. The dialog lists the trip's
cameras with their photo counts; as the offset is edited it asks the core (on the database
thread, after a short pause) which photos would change day, and lists them before anything is
written. Apply writes the correction in one transaction, an operation of the ``ChangeHub`` (so
the window's views move the photos too).
"""

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal.gui.background import TaskRunner
from journal.gui.change_hub import ChangeHub
from journal.gui.plain_text import plain_label
from journal.plurals import counted
from journal.services import Changes, JournalService, TripInfo
from journal.services.snapshots import CameraInfo, DayMove

PREVIEW_DELAY_MS = 250


def format_offset_seconds(seconds: int) -> str:
    """ "+9 h", "−1 h 30 min", "none": how far a clock was corrected."""
    if seconds == 0:
        return "none"
    sign = "+" if seconds > 0 else "−"
    hours, rest = divmod(abs(seconds), 3600)
    minutes = rest // 60
    parts = ([f"{hours} h"] if hours else []) + ([f"{minutes} min"] if minutes else [])
    return sign + " ".join(parts or [f"{abs(seconds)} s"])


#: Cameras shown at once; more scroll.
MAX_VISIBLE_CAMERAS = 6
#: How much taller the dialog grows to list the photos that would change day.
MOVES_LIST_HEIGHT = 200


class CameraDialog(QDialog):
    def __init__(
        self,
        service: JournalService,
        runner: TaskRunner,
        hub: ChangeHub,
        trip: TripInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Camera Clocks")
        self._service = service
        self._runner = runner
        self._hub = hub
        self._trip = trip
        self._cameras: list[CameraInfo] = []
        self._preview_generation = 0
        self.moves: list[DayMove] = []

        intro = plain_label(
            "If a camera's clock was wrong (often: still on home time), set how far to move its "
            "photos' times. The photos that would change day are listed before you apply.",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setAccessibleName("Cameras")
        self.table.setHorizontalHeaderLabels(["Camera", "Photos", "Correction"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.sign = QComboBox(self)
        self.sign.addItems(["+", "−"])
        self.sign.setAccessibleName("Ahead or behind")
        self.hours = QSpinBox(self)
        self.hours.setRange(0, 23 * 7)
        self.hours.setSuffix(" h")
        self.hours.setAccessibleName("Hours")
        self.minutes = QSpinBox(self)
        self.minutes.setRange(0, 59)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Minutes")
        self.moves_view = QTreeWidget(self)
        self.moves_view.setAccessibleName("Photos that would change day")
        self.moves_view.setHeaderLabels(["Photo", "Now on", "Would move to"])
        self.moves_view.setRootIsDecorated(False)
        # The day columns are short and must read whole; long file names give way (elided).
        header = self.moves_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.moves_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.moves_label = plain_label(parent=self)
        self.apply_button = QPushButton("Apply Correction", self)
        self.apply_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ApplyRole)
        buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self.apply)

        offset_row = QHBoxLayout()
        offset_row.addWidget(plain_label("Move this camera's times by", self))
        offset_row.addWidget(self.sign)
        offset_row.addWidget(self.hours)
        offset_row.addWidget(self.minutes)
        offset_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(offset_row)
        layout.addWidget(self.moves_label)
        layout.addWidget(self.moves_view, 1)
        layout.addWidget(buttons)
        self.moves_view.hide()
        self._fit_table_to_rows()
        self.resize(620, self.sizeHint().height())

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._request_preview)
        for spin in (self.hours, self.minutes):
            spin.valueChanged.connect(self._offset_edited)
        self.sign.currentIndexChanged.connect(self._offset_edited)
        self.table.itemSelectionChanged.connect(self._on_camera_selected)
        self._set_offset_enabled(False)
        self._load_cameras()

    @property
    def offset_seconds(self) -> int:
        seconds = self.hours.value() * 3600 + self.minutes.value() * 60
        return -seconds if self.sign.currentIndex() == 1 else seconds

    def set_offset_seconds(self, seconds: int) -> None:
        self.sign.setCurrentIndex(1 if seconds < 0 else 0)
        hours, rest = divmod(abs(seconds), 3600)
        self.hours.setValue(hours)
        self.minutes.setValue(rest // 60)

    def selected_camera(self) -> CameraInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self._cameras[rows[0].row()] if rows else None

    def _load_cameras(self) -> None:
        trip_id = self._trip.id
        self._runner.database_call(lambda: self._service.cameras(trip_id), self._show_cameras)

    def _show_cameras(self, cameras: list[CameraInfo]) -> None:
        selected = self.selected_camera()
        self._cameras = cameras
        self.table.setRowCount(len(cameras))
        for row, info in enumerate(cameras):
            count = QTableWidgetItem(str(info.photo_count))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, QTableWidgetItem(info.camera.label))
            self.table.setItem(row, 1, count)
            self.table.setItem(row, 2, QTableWidgetItem(format_offset_seconds(info.offset_seconds)))
        self._fit_table_to_rows()
        if not cameras:
            self.moves_label.setText("This trip has no photos yet.")
            return
        keep = next(
            (
                row
                for row, info in enumerate(cameras)
                if selected and info.camera == selected.camera
            ),
            0,
        )
        self.table.selectRow(keep)

    def _fit_table_to_rows(self) -> None:
        """As tall as its rows (one, empty, at least; ``MAX_VISIBLE_CAMERAS`` then it scrolls),
        so that no half row stands above the list of moves."""
        table = self.table
        rows = min(max(table.rowCount(), 1), MAX_VISIBLE_CAMERAS)
        row_height = table.verticalHeader().defaultSectionSize()
        table.setFixedHeight(
            table.horizontalHeader().sizeHint().height()
            + rows * row_height
            + 2 * table.frameWidth()
        )

    def _show_moves_list(self, shown: bool) -> None:
        """The list of moves only when it lists some: the dialog grows for it and shrinks back
        rather than framing an empty box."""
        if shown == self.moves_view.isVisible():
            return
        self.moves_view.setVisible(shown)
        grown = (
            self.sizeHint().height() + MOVES_LIST_HEIGHT
            if shown
            else self.minimumSizeHint().height()
        )
        self.resize(self.width(), grown)

    def _set_offset_enabled(self, enabled: bool) -> None:
        for widget in (self.sign, self.hours, self.minutes):
            widget.setEnabled(enabled)

    def _on_camera_selected(self) -> None:
        camera = self.selected_camera()
        self._set_offset_enabled(camera is not None)
        if camera is None:
            return
        self.set_offset_seconds(camera.offset_seconds)
        self._preview_timer.start()

    def _offset_edited(self) -> None:
        """Until the preview of the new offset arrives, Apply would apply an unseen change."""
        self.apply_button.setEnabled(False)
        self._preview_timer.start()

    def _request_preview(self) -> None:
        camera = self.selected_camera()
        if camera is None:
            return
        self._preview_generation += 1
        generation, offset, trip_id = self._preview_generation, self.offset_seconds, self._trip.id
        self._runner.database_call(
            lambda: self._service.preview_camera_offset(trip_id, camera.camera, offset),
            lambda moves: self._show_moves(generation, camera, offset, moves),
        )

    def _day_name(self, day: dt.date | None) -> str:
        if day is None:
            return "Unassigned"
        index = self._trip.day_index(day)
        return f"Day {index} · {day:%a} {day.day} {day:%b}" if index is not None else str(day)

    def _show_moves(
        self, generation: int, camera: CameraInfo, offset: int, moves: list[DayMove]
    ) -> None:
        if generation != self._preview_generation:
            return
        self.moves = moves
        self.moves_view.setHeaderLabels(["Photo", "Now on", "Would move to"])
        self.moves_view.clear()
        for move in moves:
            self.moves_view.addTopLevelItem(
                QTreeWidgetItem(
                    [move.original_name, self._day_name(move.old_day), self._day_name(move.new_day)]
                )
            )
        changed = offset != camera.offset_seconds
        if not changed:
            self.moves_label.setText(f"{camera.camera.label}: no change.")
        elif moves:
            count = len(moves)
            self.moves_label.setText(
                f"{counted(count, 'photo')} would change day "
                f"(photos you placed by hand stay where they are):"
            )
        else:
            self.moves_label.setText("No photo would change day (their times still shift).")
        self._show_moves_list(bool(moves))
        self.apply_button.setEnabled(changed)

    def apply(self) -> None:
        camera = self.selected_camera()
        if camera is None:
            return
        offset, trip_id = self.offset_seconds, self._trip.id
        self.apply_button.setEnabled(False)
        self._hub.run_operation(
            lambda: self._service.set_camera_offset(trip_id, camera.camera, offset),
            self._on_applied,
            name=f"Correct the clock of {camera.camera.label}",
        )

    def _on_applied(self, _changes: Changes) -> None:
        """The preview's list now tells what moved, not what would (the offset shown is the
        camera's own from now on, so a fresh preview would only say "no change")."""
        count = len(self.moves)
        self.moves_label.setText(
            f"Applied: {counted(count, 'photo')} moved to another day:"
            if count
            else "Applied: no photo changed day (their times shifted)."
        )
        self.moves_view.setHeaderLabels(["Photo", "Was on", "Now on"])
        self._load_cameras()
