"""The app's name, id and version, defined once so that the window, the desktop file and the
bundle cannot disagree."""

from importlib.metadata import PackageNotFoundError, version

APP_NAME = "Trip Journal"
APP_ID = "io.github.tripjournal.TripJournal"
DIST_NAME = "trip-journal"
#: Folder name under the platform's user data folder (``~/.local/share/trip-journal`` on Linux).
DATA_DIR_NAME = "trip-journal"


def app_version() -> str:
    """The installed distribution's version; pyproject.toml is its only source."""
    try:
        return version(DIST_NAME)
    except PackageNotFoundError:
        return "0+unknown"
