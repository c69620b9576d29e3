"""Help ▸ About: the version, the library shown, and the credits the data we ship asks for."""

import html
from pathlib import Path

from PySide6.QtWidgets import QWidget

from journal.gui import plain_text
from journal.identity import APP_NAME, app_version
from journal.places import GEONAMES_CREDIT


def show_about(parent: QWidget, library: Path) -> None:
    plain_text.about(
        parent,
        f"About {APP_NAME}",
        f"<b>{APP_NAME}</b> {html.escape(app_version())}<br>"
        f"Library: {html.escape(str(library))}<br><br>"
        f"<small>{html.escape(GEONAMES_CREDIT)}</small>",
    )
