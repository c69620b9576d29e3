"""Render the app icon's PNG sizes, ``.ico`` and ``.icns`` from its SVG.

    .venv/bin/python resources/make_icons.py      # rewrites the files under resources/icons/

The SVG is the only drawing; everything else is generated from it and committed, so a checkout
(and the wheel, and the PyInstaller bundle) has the icons without running this. Qt renders the
SVG because it is already a dependency (QtSvg ships with PySide6-Essentials); Pillow writes the
Windows and macOS containers, which Qt cannot.
"""

import sys
from collections.abc import Sequence
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from journal.identity import ICON_NAME
from journal.installed_files import ICON_SIZES, icon_file

RESOURCES = Path(__file__).resolve().parent
SVG_PATH = RESOURCES / f"{ICON_NAME}.svg"
#: Windows picks from these for the taskbar, title bar, Explorer and high-DPI screens.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: Stem of the ``.ico`` and ``.icns`` files the PyInstaller spec points at.
BUNDLE_ICON_STEM = "trip-journal"


def bundle_icon_path(root: Path, suffix: str) -> Path:
    """The ``.ico`` or ``.icns`` file the PyInstaller spec gives the executable."""
    return root / "icons" / f"{BUNDLE_ICON_STEM}{suffix}"


def render(svg_path: Path, size: int) -> Image.Image:
    """The SVG drawn on a transparent ``size`` x ``size`` canvas, as an RGBA Pillow image."""
    renderer = QSvgRenderer(str(svg_path))
    if not renderer.isValid():
        raise ValueError(f"{svg_path} is not an SVG Qt can draw")
    canvas = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    # Qt paints fastest premultiplied; Pillow wants straight alpha in RGBA byte order.
    rgba = canvas.convertToFormat(QImage.Format.Format_RGBA8888)
    return Image.frombuffer(
        "RGBA", (size, size), bytes(rgba.constBits()), "raw", "RGBA", rgba.bytesPerLine(), 1
    )


def write_icons(svg_path: Path, root: Path) -> list[Path]:
    """Write every generated icon file under ``root/icons``; return their paths."""
    renders = {size: render(svg_path, size) for size in (*ICON_SIZES, 1024)}
    written = []
    for size in ICON_SIZES:
        target = icon_file(root, size)
        target.parent.mkdir(parents=True, exist_ok=True)
        renders[size].save(target, optimize=True)
        written.append(target)
    # Each size is rendered from the vector, not scaled down from the largest bitmap, so the
    # small ones stay crisp.
    ico = bundle_icon_path(root, ".ico")
    largest_ico = renders[ICO_SIZES[-1]]
    largest_ico.save(
        ico,
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[renders[size] for size in ICO_SIZES[:-1]],
    )
    written.append(ico)
    icns = bundle_icon_path(root, ".icns")
    renders[1024].save(icns, append_images=[renders[size] for size in (16, 32, 64, 128, 256, 512)])
    written.append(icns)
    return written


def main(argv: Sequence[str]) -> int:
    # Rendering needs a QGuiApplication (alive while it renders) but no screen.
    _app = QGuiApplication.instance() or QGuiApplication([*argv[:1], "-platform", "offscreen"])
    for path in write_icons(SVG_PATH, RESOURCES):
        print(path.relative_to(RESOURCES.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
