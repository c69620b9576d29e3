"""The main window's tools for sorting photos, built and wired in one place: the photos' and the
days' commands (context menus and keys), the gallery's layout per kind of section and its
thumbnail size, the veil over the window while files hover, and the editor's margin of photos.

Kept out of ``main_window`` so that the window stays a list of its panes and their wiring.
"""

from typing import TYPE_CHECKING

from journal.gui.drop_overlay import DropOverlay
from journal.gui.photo_commands import PhotoCommands
from journal.gui.preferences import THUMBNAIL_SIZE
from journal.gui.section_commands import SectionCommands
from journal.gui.section_layout import SectionLayout
from journal.gui.track_actions import TrackActions

if TYPE_CHECKING:  # the window builds this: importing it at run time would be a cycle
    from journal.gui.main_window import MainWindow


class WindowSorting:
    def __init__(self, window: "MainWindow") -> None:
        self._window = window
        editor = window.editor.editor
        self.photo_commands = PhotoCommands(
            window.service,
            window.hub,
            window.photo_actions,
            window.gallery,
            editor,
            window.actions_.delete_photos,
            window.timeline_model.entries,
            lambda: window.trip,
        )
        self.section_commands = SectionCommands(
            window,
            window.service,
            window.runner,
            window.hub,
            window.photo_actions,
            window.importer,
            window.thumbnails,
            window.gallery,
            window.editor.title,
            lambda: window.trip,
        )
        self.layout = SectionLayout(window.preferences, window.day_splitter, window.gallery_pane)
        preferences = window.preferences
        window.gallery_pane.set_thumbnail_size(preferences.get(THUMBNAIL_SIZE))
        window.gallery_pane.thumbnail_size_changed.connect(
            lambda size: preferences.set(THUMBNAIL_SIZE, size)
        )
        window.appearance.thumbnail_size_changed.connect(window.gallery_pane.set_thumbnail_size)
        self.drop_overlay = DropOverlay(window.stack, window)
        window.file_drops.watch(window.gallery.viewport())
        window.file_drops.hovering.connect(self._show_drop_overlay)
        self.photo_commands.message.connect(window.show_message)
        self.tracks = TrackActions(
            window,
            window.service,
            window.runner,
            window.hub,
            lambda: window.trip,
            window.editor.flush,
        )
        self.tracks.message.connect(window.show_message)
        window.actions_.import_track.triggered.connect(self.tracks.choose_tracks)
        window.timeline.menu_requested.connect(self.section_commands.show_menu)
        editor.show_photo_requested.connect(self.section_commands.show_photo)
        editor.edit_caption_requested.connect(self.section_commands.edit_caption)
        editor.margin.thumbnail = window.thumbnails.pixmap_by_id
        window.thumbnails.ready.connect(editor.margin.update)

    def _show_drop_overlay(self, hovering: bool) -> None:
        """Files from another app over the window: say what letting go will do."""
        trip = self._window.trip
        if not hovering:
            self.drop_overlay.hide()
        elif trip is None:
            self.drop_overlay.show_message("Create a trip first, then drop its photos here.")
        else:
            self.drop_overlay.show_message(
                f"Drop to import into {trip.title}\nEach photo goes to the day it was taken."
            )
