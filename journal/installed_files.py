"""Where the files installed beside the package are found at run time: the app icon's PNGs.

They live in the freedesktop ``icons/hicolor/NxN/apps`` layout under one of these roots:

- ``<prefix>/share``: pip installs pyproject's data-files under the environment's prefix, and the
  PyInstaller bundle lays them out the same way under its own folder (``sys.prefix`` when frozen);
- ``<user base>/share``: ``pip install --user``;
- ``resources/`` of a source checkout: an editable install (``make run``) installs no data files.
"""

import site
import sys
from collections.abc import Sequence
from pathlib import Path

from journal.identity import ICON_NAME

#: The sizes resources/make_icons.py renders, largest last.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
_CHECKOUT_RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def icon_roots() -> list[Path]:
    """Folders that may hold ``icons/hicolor``, most specific first."""
    return [
        Path(sys.prefix) / "share",
        Path(site.getuserbase()) / "share",
        _CHECKOUT_RESOURCES,
    ]


def icon_file(root: Path, size: int) -> Path:
    return root / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"


def app_icon_files(roots: Sequence[Path] | None = None) -> list[Path]:
    """Every size of the app icon from the first root that has any; empty if none has.

    One root's set is taken whole so that an old user install and a newer checkout never mix.
    """
    for root in icon_roots() if roots is None else roots:
        found = [path for size in ICON_SIZES if (path := icon_file(root, size)).is_file()]
        if found:
            return found
    return []
