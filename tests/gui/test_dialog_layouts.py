"""Dialogs sized to what they hold (defect 4): the Camera Clocks table as tall as its rows with no
empty list below, the Import Summary as tall as its lines, the Export dialog within a small
screen at 2x with rows that never overlap."""

import json
import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from journal.gui.camera_dialog import CameraDialog
from journal.gui.import_summary import ImportSummaryDialog
from journal.services import Changes, ImportReport, JournalService, NewTrip, TripInfo
from journal.store.library import Library
from tests.gui.windows import MakeWindow
from tests.photos.photo_files import exif_for, write_photo

DAY1 = date(2023, 9, 17)


def _bottom(widget: QWidget, ancestor: QWidget) -> int:
    return widget.mapTo(ancestor, widget.rect().bottomLeft()).y()


def _needed_height(widget: QWidget) -> int:
    """The height ``widget`` needs at its width (a wrapped label's lines), not the one it got."""
    return max(widget.sizeHint().height(), widget.heightForWidth(widget.width()))


def test_the_camera_table_is_as_tall_as_its_rows_and_the_list_of_moves_shows_only_with_moves(
    qtbot: QtBot,
    make_window: MakeWindow,
    service: JournalService,
    seattle: TripInfo,
    tmp_path: Path,
) -> None:
    # A Canon left on Seoul time: 03:00 on the 18th there is 11:00 on the 17th in Seattle.
    exif = exif_for(original="2023:09:18 03:00:00", make="Canon", model="EOS R6")
    service.import_photos(seattle.id, [write_photo(tmp_path / "ferry.jpg", exif)])
    window = make_window()
    dialog = CameraDialog(service, window.runner, window.hub, seattle, window)
    qtbot.addWidget(dialog)
    dialog.show()

    table = dialog.table
    assert table.rowCount() == 1
    assert abs(table.viewport().height() - table.rowHeight(0)) <= 1, "one whole row, no more"
    assert not dialog.moves_view.isVisible()
    line = dialog.fontMetrics().height()
    assert dialog.height() - _bottom(dialog.moves_label, dialog) < 4 * line

    dialog.sign.setCurrentIndex(1)
    dialog.hours.setValue(16)
    qtbot.waitUntil(lambda: len(dialog.moves) == 1)

    assert dialog.moves_view.isVisible()
    assert dialog.moves_view.height() > 4 * line


def test_the_import_summary_without_a_list_of_files_is_as_tall_as_its_lines(
    qtbot: QtBot,
) -> None:
    report = ImportReport(
        imported=(1, 2, 3),
        duplicates=(),
        unassigned=0,
        failures=(),
        cancelled=False,
        changes=Changes(),
    )
    dialog = ImportSummaryDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()

    assert not dialog.files.isVisible()
    shown = [widget for widget in dialog.children() if isinstance(widget, QWidget)]
    content = sum(_needed_height(widget) for widget in shown if widget.isVisible())
    # What is left is margins and spacing, not a box around floating lines.
    assert dialog.height() - content < 3 * dialog.fontMetrics().height()


#: A laptop's 1366 x 768 screen, for the offscreen platform: 683 x 384 points at 2x.
LAPTOP_SCREEN = {
    "screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96}]
}
#: In a process of its own at 2x on ``LAPTOP_SCREEN``: the Export dialog's size, the screen's
#: and the geometry of every label and field of its form, in the form's coordinates.
EXPORT_AT_2X = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QFormLayout
from journal.gui.app import create_application
from journal.gui.background import TaskRunner
from journal.gui.change_hub import ChangeHub
from journal.gui.export_dialog import ExportDialog
from journal.services import JournalService
from journal.store.library import Library

app = create_application(["trip-journal"])
service = JournalService(Library.open(Path(sys.argv[1])))
runner = TaskRunner(inline=True)
dialog = ExportDialog(service, runner, ChangeHub(runner), service.list_trips()[0].id)
dialog.show()
app.processEvents()
rows = []
for form in dialog.form.findChildren(QFormLayout):
    for index in range(form.count()):
        rect = form.itemAt(index).geometry()
        origin = form.parentWidget().mapTo(dialog.form, rect.topLeft())
        rows.append([origin.x(), origin.y(), rect.width(), rect.height()])
screen = dialog.screen().availableGeometry()
print(json.dumps({"dialog": [dialog.width(), dialog.height()],
                  "screen": [screen.width(), screen.height()], "rows": rows}))
runner.shut_down()
"""


def test_the_export_dialog_fits_a_small_screen_at_2x_and_its_rows_never_overlap(
    tmp_path: Path,
) -> None:
    root = tmp_path / "library"
    with Library.open(root) as library:
        JournalService(library).create_trip(
            NewTrip("Seattle", date(2023, 9, 16), date(2023, 9, 21), "America/Los_Angeles")
        )
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps(LAPTOP_SCREEN))
    shown = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(EXPORT_AT_2X), str(root)],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
            "QT_SCALE_FACTOR": "2",
        },
        check=True,
        timeout=120,
    )
    layout = json.loads(shown.stdout)

    width, height = layout["dialog"]
    screen_width, screen_height = layout["screen"]
    assert (screen_width, screen_height) == (683, 384)
    assert width <= screen_width
    assert height <= screen_height
    boxes = layout["rows"]
    assert len(boxes) > 10
    for index, (x, y, w, h) in enumerate(boxes):
        for ox, oy, ow, oh in boxes[index + 1 :]:
            overlap = min(x + w, ox + ow) > max(x, ox) and min(y + h, oy + oh) > max(y, oy)
            assert not overlap, f"{(x, y, w, h)} overlaps {(ox, oy, ow, oh)}"
