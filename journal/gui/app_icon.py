"""The window icon, built from the installed PNGs so every size is drawn for its size."""

from PySide6.QtGui import QIcon

from journal.installed_files import app_icon_files


def app_icon() -> QIcon:
    """The app icon; null if no icon files are installed, and the platform shows its own."""
    icon = QIcon()
    for path in app_icon_files():
        icon.addFile(str(path))
    return icon
