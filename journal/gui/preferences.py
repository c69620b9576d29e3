"""What the app remembers between runs, each item declared once with its type and default.

QSettings returns strings from INI files and native types from the registry, so every read goes
through the declaration's converter; callers never see a raw ``QSettings`` value. Settings are
window state and choices, never library data (that lives in the library so it travels with it).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from journal.gui.thumbnail_loader import THUMB_BOX

T = TypeVar("T")


def _to_bool(raw: Any) -> bool:
    if isinstance(raw, str):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    return bool(raw)


def _to_int(raw: Any) -> int:
    return int(raw)


def _to_bytes(raw: Any) -> QByteArray:
    return raw if isinstance(raw, QByteArray) else QByteArray()


@dataclass(frozen=True)
class Preference(Generic[T]):
    key: str
    default: T
    convert: Callable[[Any], T]


WINDOW_GEOMETRY = Preference("window/geometry", QByteArray(), _to_bytes)
WINDOW_STATE = Preference("window/state", QByteArray(), _to_bytes)
#: The three panes: timeline | gallery | editor.
PANE_SPLITTER = Preference("window/panes", QByteArray(), _to_bytes)
#: The gallery above the editor.
#: The editor and its preview, side by side.
EDITOR_SPLITTER = Preference("window/editor", QByteArray(), _to_bytes)
#: The trip shown when the app last closed: ``NEVER_OPENED`` before any was (the newest trip
#: opens), ``SHOWING_TRIPS`` when the list of trips was shown (it shows again).
LAST_TRIP = Preference("session/last_trip", 0, _to_int)
NEVER_OPENED = 0
SHOWING_TRIPS = -1
PREVIEW_VISIBLE = Preference("editor/preview_visible", True, _to_bool)
#: Where the import dialogs last chose from ("": the home folder): a card or a phone's DCIM
#: folder is usually where the next photos are too.
LAST_IMPORT_FOLDER = Preference("import/last_folder", "", str)
#: Tab in the editor moves the focus on (True) or indents (False); Ctrl+Tab does the other.
TAB_MOVES_FOCUS = Preference("editor/tab_moves_focus", True, _to_bool)
#: ``THEMES``: the system's colours, or light or dark whatever the system uses.
THEME = Preference("appearance/theme", "system", str)
THEMES = ("system", "light", "dark")
#: The editor's font family ("": the application's font) and size in points (0: its size).
EDITOR_FONT = Preference("editor/font", "", str)
EDITOR_FONT_SIZE = Preference("editor/font_size", 0, _to_int)
#: The side of the gallery's thumbnails in pixels (the gallery's size slider keeps it here too),
#: and its range: up to the size the thumbnails are shown at, never blown up past it.
THUMBNAIL_SIZE = Preference("gallery/thumbnail_size", THUMB_BOX, _to_int)
THUMBNAIL_SIZES = (60, THUMB_BOX)


def last_section(trip_id: int) -> Preference[str]:
    """The timeline section last shown for a trip (``timeline_entries.section_name``), so a
    trip reopens where its writer left it rather than at Day 0."""
    return Preference(f"trips/{trip_id}/last_section", "", str)


class Preferences:
    """Typed access to a ``QSettings``; tests pass one backed by a file in a temporary folder."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def get(self, preference: Preference[T]) -> T:
        raw = self._settings.value(preference.key)
        if raw is None:
            return preference.default
        try:
            return preference.convert(raw)
        except (TypeError, ValueError):
            return preference.default

    def set(self, preference: Preference[T], value: T) -> None:
        self._settings.setValue(preference.key, value)

    def sync(self) -> None:
        self._settings.sync()
