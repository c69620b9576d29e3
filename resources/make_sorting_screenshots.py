"""Makes the README's pictures of sorting photos: a 300-photo day in the wrapping gallery, a drag
in progress (the target day highlighted, the insertion line, the drag picture with its count)
and the photos' context menu.

    Xvfb :44 -screen 0 1400x900x24 &
    DISPLAY=:44 .venv/bin/python resources/make_sorting_screenshots.py

Needs an X display (menus are windows of their own) and ImageMagick's ``import``. The library
and the settings live in a temporary folder.
"""

import colorsys
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent
from PySide6.QtWidgets import QApplication, QLabel

from journal.gui.background import TaskRunner
from journal.gui.main_window import MainWindow
from journal.gui.preferences import Preferences
from journal.services import JournalService, NewTrip, TextTarget
from journal.store.library import Library

OUT = Path(__file__).parent / "screenshots"
DAY = date(2024, 4, 6)


def write_photos(folder: Path, count: int) -> None:
    """Landscapes of colour bands (sky, hills, water), each a little different, with times."""
    folder.mkdir(parents=True)
    start = datetime(2024, 4, 6, 7, 0)
    for number in range(count):
        hue = (number * 0.013) % 1.0
        image = Image.new("RGB", (480, 320))
        draw = ImageDraw.Draw(image)
        for band, (lightness, height) in enumerate([(0.75, 150), (0.45, 90), (0.3, 80)]):
            red, green, blue = colorsys.hls_to_rgb((hue + band * 0.08) % 1, lightness, 0.55)
            top = sum(h for _, h in [(0.75, 150), (0.45, 90), (0.3, 80)][:band])
            fill = (int(red * 255), int(green * 255), int(blue * 255))
            draw.rectangle([0, top, 480, top + height], fill=fill)
        draw.ellipse([360 - number % 200, 30, 410 - number % 200, 80], fill=(250, 240, 200))
        exif = Image.Exif()
        taken = start + timedelta(minutes=2 * number)
        exif.get_ifd(0x8769)[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
        image.save(folder / f"IMG_{number:04d}.jpg", exif=exif, quality=80)


def shoot(name: str) -> None:
    OUT.mkdir(exist_ok=True)
    subprocess.run(["import", "-window", "root", str(OUT / name)], check=True)
    print("wrote", OUT / name)


def main() -> None:
    work = Path(tempfile.mkdtemp())
    app = QApplication(sys.argv)
    library = Library.open(work / "library")
    service = JournalService(library)
    trip = service.create_trip(
        NewTrip(
            title="Kyoto in Spring",
            start_date=DAY,
            end_date=DAY + timedelta(days=4),
            timezone="Asia/Tokyo",
        )
    ).trip
    assert trip is not None
    write_photos(work / "card", 300)
    service.import_photos(trip.id, [work / "card"])
    ids = [photo.id for photo in service.photos(trip.id, DAY)]
    service.set_day_text(
        trip.id,
        DAY,
        "# Arashiyama\n\nUp before the crowds.\n\n"
        f"![Bamboo grove at dawn](photo:{ids[3]})\n\nThe river was still.\n\n"
        f"![](photo:{ids[8]})\n",
        "Arashiyama",
    )
    service.set_flagged(trip.id, ids[1:4], True)
    service.set_rating(trip.id, ids[5:7], 4)
    service.set_hidden(trip.id, [ids[9]], True)
    preferences = Preferences(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(service, preferences, TaskRunner())
    window.resize(1400, 900)
    window.move(0, 0)
    window.show()
    steps = []

    def day_shown() -> None:
        row = window.timeline_model.row_of(TextTarget.of_day(DAY))
        window.timeline.setCurrentIndex(window.timeline_model.index(row or 0))
        window.editor.set_preview_visible(False)
        window.gallery_pane.set_thumbnail_size(105)
        total = sum(window.day_splitter.sizes())
        window.day_splitter.setSizes([total * 62 // 100, total - total * 62 // 100])

    def three_hundred() -> None:
        window.gallery.setFocus()
        shoot("gallery-300-photos.png")

    def menu() -> None:
        window.gallery.select_ids(ids[1:4])
        model = window.gallery_model
        index = model.index(2)
        window.gallery.setCurrentIndex(index)
        window.gallery.select_ids(ids[1:4])
        cell = window.gallery.visualRect(index).center()
        window.sorting.photo_commands.show_menu(window.gallery.viewport().mapToGlobal(cell))

    def menu_shot() -> None:
        shoot("photo-context-menu.png")
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()

    def drag() -> None:
        indexes = [window.gallery_model.index(row) for row in range(1, 4)]
        data = window.gallery_model.mimeData(indexes)
        target_row = window.timeline_model.row_of(TextTarget.of_day(DAY + timedelta(days=2))) or 0
        point = window.timeline.visualRect(window.timeline_model.index(target_row)).center()
        viewport = window.timeline.viewport()
        move = Qt.DropAction.MoveAction
        buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        QApplication.sendEvent(viewport, QDragEnterEvent(point, move, data, buttons, keys))
        QApplication.sendEvent(viewport, QDragMoveEvent(point, move, data, buttons, keys))
        picture = QLabel()
        picture.setWindowFlags(Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        pixmap = window.gallery.drag_picture(indexes)
        picture.setPixmap(pixmap)
        picture.setMask(pixmap.mask())  # no compositor under Xvfb: cut the shape out
        picture.move(viewport.mapToGlobal(point) - QPoint(12, 24))
        picture.show()
        steps.append(picture)  # keep it alive

    steps_in_order = [
        (1500, day_shown),
        (4000, three_hundred),
        (500, menu),
        (800, menu_shot),
        (300, drag),
        (800, lambda: shoot("drag-in-progress.png")),
        (200, app.quit),
    ]
    delay = 0
    for wait, step in steps_in_order:
        delay += wait
        QTimer.singleShot(delay, step)
    app.exec()
    window.close()
    library.close()


if __name__ == "__main__":
    main()
