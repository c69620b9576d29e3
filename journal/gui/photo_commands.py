"""What can be done to the gallery's selected photos beyond dragging them, by key or by menu.

Every command is a ``QAction`` with its key, added to the gallery (so the keys act only while it
has the focus) and listed in its context menu: Open, Move to Day ▸ (Ctrl+M: a menu of the days
under the current photo), Insert into Text (Ctrl+Return), Set as Day or Trip Cover, Flag (P),
0-5 stars (the digit keys), Hide from Post (H), Copy Path, Show Original in File Manager and
Remove. Changes run as operations of the ``ChangeHub`` with a user-facing name, the entries of
the undo stack.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from journal.gui.change_hub import ChangeHub
from journal.gui.gallery_pane import GalleryView
from journal.gui.markdown_editor import MarkdownEditor
from journal.gui.photo_actions import PhotoActions
from journal.gui.photo_drag import DraggedPhoto
from journal.gui.timeline_entries import TimelineEntry
from journal.plurals import counted
from journal.services import Changes, JournalService, PhotoInfo, TripInfo

#: The stars a photo can have; 0 takes them away.
RATINGS = range(6)


def choose_day_menu(
    parent: QWidget,
    entries: Sequence[TimelineEntry],
    current: dt.date | None,
    on_chosen: Callable[[dt.date | None], None],
    title: str = "Move to &Day",
) -> QMenu:
    """A menu of the sections photos can go to (days, then Unassigned); the one shown is left
    out. Used as the context menu's submenu and, on its own, after Ctrl+M."""
    menu = QMenu(title, parent)
    menu.setObjectName("move-to-day-menu")
    for entry in entries:
        if not entry.accepts_photos or entry.day == current:
            continue
        if entry.day is None:
            menu.addSeparator()
        action = menu.addAction(entry.label.replace("&", "&&"))
        day = entry.day
        action.triggered.connect(lambda _checked=False, day=day: on_chosen(day))
    return menu


def _shortcut_action(gallery: GalleryView, text: str, key: str | None = None) -> QAction:
    """An action whose key works while the gallery (not the editor) has the focus."""
    action = QAction(text, gallery)
    if key is not None:
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    gallery.addAction(action)
    return action


class PhotoCommands(QObject):
    #: Something to tell the user in the status bar.
    message = Signal(str)

    def __init__(
        self,
        service: JournalService,
        hub: ChangeHub,
        photo_actions: PhotoActions,
        gallery: GalleryView,
        editor: MarkdownEditor,
        remove: QAction,
        entries: Callable[[], Sequence[TimelineEntry]],
        current_trip: Callable[[], TripInfo | None],
    ) -> None:
        super().__init__(gallery)
        self._service = service
        self._hub = hub
        self._photo_actions = photo_actions
        self._gallery = gallery
        self._editor = editor
        self._remove = remove
        self._entries = entries
        self._current_trip = current_trip

        self.open = _shortcut_action(gallery, "&Open")
        self.open.triggered.connect(self._open)
        self.move_to_day = _shortcut_action(gallery, "&Move to Day…", "Ctrl+M")
        self.move_to_day.triggered.connect(self._choose_day_by_key)
        self.insert_into_text = _shortcut_action(gallery, "&Insert into Text", "Ctrl+Return")
        self.insert_into_text.triggered.connect(self._insert_into_text)
        self.day_cover = _shortcut_action(gallery, "Set as Day &Cover")
        self.day_cover.triggered.connect(self._set_day_cover)
        self.trip_cover = _shortcut_action(gallery, "Set as &Trip Cover")
        self.trip_cover.triggered.connect(self._set_trip_cover)
        self.flag = _shortcut_action(gallery, "&Flag", "P")
        self.flag.setCheckable(True)
        self.flag.triggered.connect(self._toggle_flag)
        self.hide_from_post = _shortcut_action(gallery, "&Hide from Post", "H")
        self.hide_from_post.setCheckable(True)
        self.hide_from_post.triggered.connect(self._toggle_hidden)
        self.ratings = []
        for stars in RATINGS:
            action = _shortcut_action(
                gallery, "No Stars" if stars == 0 else "★" * stars, str(stars)
            )
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, stars=stars: self._rate(stars))
            self.ratings.append(action)
        self.copy_path = _shortcut_action(gallery, "Copy &Path", "Ctrl+Shift+C")
        self.copy_path.triggered.connect(self._copy_path)
        self.show_original = _shortcut_action(gallery, "Show Original in File &Manager")
        self.show_original.triggered.connect(self._show_original)
        #: The menu of days Ctrl+M opened last (kept so it stays alive while shown).
        self.day_chooser: QMenu | None = None
        gallery.menu_requested.connect(self.show_menu)

    # The selection

    def _selected(self) -> list[PhotoInfo]:
        model = self._gallery.gallery_model()
        rows = [model.row_of(photo_id) for photo_id in self._gallery.selected_ids()]
        return [model.photo(row) for row in rows if row is not None]

    def _current(self) -> PhotoInfo | None:
        photo_id = self._gallery.current_photo_id()
        row = self._gallery.gallery_model().row_of(photo_id) if photo_id is not None else None
        return self._gallery.gallery_model().photo(row) if row is not None else None

    def _run(self, name: str, work: Callable[[TripInfo], Changes]) -> None:
        trip = self._current_trip()
        if trip is not None:
            self._hub.run_operation(lambda: work(trip), name=name)

    # The menu

    def show_menu(self, position: QPoint) -> None:
        """The context menu of the selected photos, at ``position`` (global)."""
        menu = self.build_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(position)

    def build_menu(self) -> QMenu:
        """The photos' context menu, its checks and enabled states set for the selection."""
        selected = self._selected()
        self._update_states(selected)
        menu = QMenu(self._gallery)
        menu.setObjectName("photo-menu")
        menu.addAction(self.open)
        day = self._gallery.gallery_model().day
        menu.addMenu(choose_day_menu(menu, self._entries(), day, self._move_selected))
        menu.addAction(self.insert_into_text)
        menu.addSeparator()
        menu.addAction(self.day_cover)
        menu.addAction(self.trip_cover)
        menu.addSeparator()
        menu.addAction(self.flag)
        stars = menu.addMenu("&Rating")
        stars.addActions(self.ratings)
        menu.addAction(self.hide_from_post)
        menu.addSeparator()
        menu.addAction(self.copy_path)
        menu.addAction(self.show_original)
        menu.addSeparator()
        menu.addAction(self._remove)
        return menu

    def _update_states(self, selected: list[PhotoInfo]) -> None:
        some = bool(selected)
        on_day = self._gallery.gallery_model().day is not None
        for action in (
            self.open,
            self.move_to_day,
            self.trip_cover,
            self.flag,
            self.hide_from_post,
            self.copy_path,
            self.show_original,
            *self.ratings,
        ):
            action.setEnabled(some)
        self.insert_into_text.setEnabled(some and on_day and not self._editor.isReadOnly())
        self.day_cover.setEnabled(len(selected) == 1 and on_day)
        self.trip_cover.setEnabled(len(selected) == 1)
        self.flag.setChecked(some and all(photo.flagged for photo in selected))
        self.hide_from_post.setChecked(some and all(photo.hidden for photo in selected))
        ratings = {photo.rating for photo in selected}
        for stars, action in zip(RATINGS, self.ratings, strict=True):
            action.setChecked(ratings == {stars})

    # Commands

    def _open(self) -> None:
        current = self._current()
        if current is not None:
            self._photo_actions.open_viewer(current.id)

    def _choose_day_by_key(self) -> None:
        """Ctrl+M: the days in a menu under the current photo; arrows and Return choose."""
        if not self._gallery.selected_ids():
            return
        day = self._gallery.gallery_model().day
        menu = choose_day_menu(self._gallery, self._entries(), day, self._move_selected)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.day_chooser = menu
        menu.popup(self._gallery.menu_anchor())
        if menu.actions():
            menu.setActiveAction(next(a for a in menu.actions() if not a.isSeparator()))

    def _move_selected(self, day: dt.date | None) -> None:
        ids = self._gallery.selected_ids()
        if ids:
            self._photo_actions.move_photos(ids, day)

    def _insert_into_text(self) -> None:
        """The selected photos' references at the editor's cursor, the way a drop puts them."""
        selected = self._selected()
        if not selected or self._editor.isReadOnly():
            return
        self._editor.insert_photos([DraggedPhoto(photo.id, photo.alt_text) for photo in selected])
        self.message.emit(f"Put {counted(len(selected), 'photo')} into the text.")

    def _set_day_cover(self) -> None:
        current, day = self._current(), self._gallery.gallery_model().day
        if current is None or day is None:
            return
        self._run(
            "Set Day Cover", lambda trip: self._service.set_day_cover(trip.id, day, current.id)
        )

    def _set_trip_cover(self) -> None:
        current = self._current()
        if current is not None:
            self._run(
                "Set Trip Cover", lambda trip: self._service.set_trip_cover(trip.id, current.id)
            )

    def _toggle_flag(self) -> None:
        selected = self._selected()
        flagged = not all(photo.flagged for photo in selected)
        ids = [photo.id for photo in selected]
        name = ("Flag" if flagged else "Unflag") + f" {counted(len(ids), 'Photo')}"
        self._run(name, lambda trip: self._service.set_flagged(trip.id, ids, flagged))

    def _toggle_hidden(self) -> None:
        selected = self._selected()
        hidden = not all(photo.hidden for photo in selected)
        ids = [photo.id for photo in selected]
        photos = counted(len(ids), "Photo")
        name = f"Hide {photos} from Post" if hidden else f"Show {photos} in Post"
        self._run(name, lambda trip: self._service.set_hidden(trip.id, ids, hidden))

    def _rate(self, stars: int) -> None:
        ids = self._gallery.selected_ids()
        if ids:
            name = f"Rate {counted(len(ids), 'Photo')} {counted(stars, 'Star')}"
            self._run(name, lambda trip: self._service.set_rating(trip.id, ids, stars))

    def _copy_path(self) -> None:
        """The library copies' paths, one a line: files that exist, to open in another app."""
        paths = [str(self._service.photo_path(photo)) for photo in self._selected()]
        if paths:
            QGuiApplication.clipboard().setText("\n".join(paths))
            self.message.emit(f"Copied the path of {counted(len(paths), 'photo')}.")

    def _show_original(self) -> None:
        """The folder the current photo was imported from; its library copy's when the original
        is gone (a card taken out)."""
        current = self._current()
        if current is None:
            return
        original = Path(current.original_path)
        if original.exists():
            folder = original.parent
        else:
            folder = self._service.photo_path(current).parent
            self.message.emit(
                f"{current.original_name} is no longer at {original.parent}; "
                "showing the library's copy."
            )
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
