"""The window's menus, actions and shortcuts, declared in one place.

Standard shortcuts come from ``QKeySequence.StandardKey`` so each platform gets its own; the
rest follow what writers know from other editors. The actions only emit ``triggered``: the main
window connects them, so this module knows nothing about trips or the library.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from journal.identity import APP_NAME

Key = QKeySequence.StandardKey


def _action(
    window: QMainWindow,
    text: str,
    shortcut: QKeySequence | Key | str | None = None,
    tip: str = "",
    *,
    checkable: bool = False,
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(shortcut if not isinstance(shortcut, str) else QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.setCheckable(checkable)
    return action


class WindowActions:
    """Every action of the main window, and the menu bar built from them."""

    def __init__(self, window: QMainWindow) -> None:
        self.new_trip = _action(window, "&New Trip…", Key.New, "Create a trip")
        self.import_photos = _action(
            window, "&Import Photos…", "Ctrl+I", "Copy photos into the trip, each on its day"
        )
        self.import_folder = _action(
            window,
            "Import &Folder…",
            "Ctrl+Shift+I",
            "Copy every photo of a folder and its subfolders into the trip",
        )
        self.import_post = _action(
            window, "Import P&ost…", tip="Make a trip from a Jekyll or Hugo post and its images"
        )
        self.import_summary = _action(
            window, "Last Import &Summary…", tip="What the last import brought in or refused"
        )
        self.import_summary.setEnabled(False)
        self.export = _action(
            window, "&Export…", "Ctrl+E", "Write the trip as a Jekyll or Hugo blog post"
        )
        self.trip_properties = _action(
            window, "Trip &Properties…", "Ctrl+Shift+P", "Title, dates, time zone, categories"
        )
        self.camera_clocks = _action(
            window, "Camera &Clocks…", tip="Correct a camera whose clock was wrong"
        )
        self.all_trips = _action(
            window, "&All Trips", "Ctrl+Shift+O", "Every trip with its cover, dates and counts"
        )
        self.demo_trip = _action(
            window, "Create &Demo Trip", tip="A sample trip with photos, to see how it works"
        )
        self.delete_trip = _action(window, "&Delete Trip…", tip="Delete the trip and its photos")
        self.quit = _action(window, "&Quit", Key.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo = _action(window, "&Undo", Key.Undo)
        self.redo = _action(window, "&Redo", Key.Redo)
        # Ctrl+Shift+Z and Ctrl+Y both, whatever the platform's Redo names (a key bound twice
        # would be ambiguous and do nothing).
        redo_keys = QKeySequence.keyBindings(Key.Redo)
        for extra in ("Ctrl+Shift+Z", "Ctrl+Y"):
            if QKeySequence(extra) not in redo_keys:
                redo_keys.append(QKeySequence(extra))
        self.redo.setShortcuts(redo_keys)
        # Ctrl+Z also where a photo viewer has the focus: text boxes keep their own keys.
        for action in (self.undo, self.redo):
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.find = _action(window, "&Find in Text…", Key.Find, "Find in the day's text")
        self.preferences = _action(
            window, "Pre&ferences…", "Ctrl+,", "Colours, the editor's font, Tab, thumbnails"
        )
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.delete_photos = _action(
            window,
            "Remove Selected &Photos",
            Key.Delete,
            "Remove the selected photos from the trip",
        )
        # Delete removes photos only while the gallery has the focus, never text in the editor.
        self.delete_photos.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.preview = _action(
            window,
            "&Preview",
            "Ctrl+Shift+M",
            "Show the rendered text beside the editor",
            checkable=True,
        )
        self.previous_day = _action(window, "Pre&vious Day", "Alt+Up")
        self.next_day = _action(window, "Ne&xt Day", "Alt+Down")
        self.focus_timeline = _action(window, "Go to &Timeline", "Ctrl+1")
        self.focus_gallery = _action(window, "Go to &Gallery", "Ctrl+2")
        self.focus_editor = _action(window, "Go to &Editor", "Ctrl+3")

        self.about = _action(window, f"&About {APP_NAME}")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

        #: What needs an open trip to act on.
        self._need_a_trip = (
            self.import_photos,
            self.import_folder,
            self.export,
            self.trip_properties,
            self.camera_clocks,
            self.delete_trip,
            self.previous_day,
            self.next_day,
        )
        self._build_menus(window)

    def set_trip_open(self, trip_open: bool) -> None:
        """Enable what acts on a trip only while one is open."""
        for action in self._need_a_trip:
            action.setEnabled(trip_open)

    def _build_menus(self, window: QMainWindow) -> None:
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_trip)
        file_menu.addAction(self.all_trips)
        self.trips_menu: QMenu = file_menu.addMenu("&Open Trip")
        self.trips_menu.setObjectName("trips-menu")
        file_menu.addSeparator()
        file_menu.addAction(self.import_photos)
        file_menu.addAction(self.import_folder)
        file_menu.addAction(self.import_post)
        file_menu.addAction(self.import_summary)
        file_menu.addAction(self.export)
        file_menu.addSeparator()
        file_menu.addAction(self.demo_trip)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo)
        edit_menu.addAction(self.redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find)
        edit_menu.addSeparator()
        edit_menu.addAction(self.delete_photos)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences)

        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.preview)
        view_menu.addSeparator()
        view_menu.addAction(self.previous_day)
        view_menu.addAction(self.next_day)
        view_menu.addSeparator()
        view_menu.addAction(self.focus_timeline)
        view_menu.addAction(self.focus_gallery)
        view_menu.addAction(self.focus_editor)

        trip_menu = bar.addMenu("&Trip")
        trip_menu.addAction(self.trip_properties)
        trip_menu.addAction(self.camera_clocks)
        trip_menu.addSeparator()
        trip_menu.addAction(self.delete_trip)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about)
