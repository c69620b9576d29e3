"""Where the library lives: ``--library``, else ``$TRIP_JOURNAL_LIBRARY``, else the platform's
user data folder (``~/.local/share/trip-journal`` on Linux)."""

import os
from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_data_path

from journal.identity import DATA_DIR_NAME

ENVIRONMENT_VARIABLE = "TRIP_JOURNAL_LIBRARY"


def default_library_folder() -> Path:
    return user_data_path(DATA_DIR_NAME, appauthor=False)


def library_folder(explicit: str | os.PathLike[str] | None, environ: Mapping[str, str]) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    from_environment = environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if from_environment:
        return Path(from_environment).expanduser()
    return default_library_folder()
