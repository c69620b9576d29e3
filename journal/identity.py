"""The app's name, id and version, defined once so that the window, the desktop file and the
bundle cannot disagree.

Files outside Python repeat some of these (the desktop file, the AppStream metainfo, the icon
file names under resources/); ``tests/packaging`` checks that they still agree with this module.
"""

from importlib.metadata import PackageNotFoundError, version

APP_NAME = "Trip Journal"
#: Reverse-DNS id: the desktop file's name, ``setDesktopFileName``, the metainfo id, the icon's
#: name in the hicolor theme and the macOS bundle identifier.
APP_ID = "io.github.tripjournal.TripJournal"
DIST_NAME = "trip-journal"
#: The GUI entry point (pyproject's ``gui-scripts``), the desktop file's ``Exec`` and the name of
#: the bundled executable.
GUI_SCRIPT = "trip-journal"
#: Folder name under the platform's user data folder (``~/.local/share/trip-journal`` on Linux).
DATA_DIR_NAME = "trip-journal"
#: Freedesktop names: the icon theme looks the icon up by id, launchers the desktop file by id.
ICON_NAME = APP_ID
DESKTOP_FILE_NAME = f"{APP_ID}.desktop"
METAINFO_FILE_NAME = f"{APP_ID}.metainfo.xml"


def app_version() -> str:
    """The installed distribution's version; pyproject.toml is its only source."""
    try:
        return version(DIST_NAME)
    except PackageNotFoundError:
        return "0+unknown"
