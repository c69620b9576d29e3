"""How much of the day's column the gallery takes, remembered for each kind of section.

One position shared by every section meant that enlarging the gallery to sort the Unassigned tray
left every day's editor three lines tall. A day (photos and text), the tray (photos only) and the
intro or closing (text only) each keep their own share, as a fraction of the column so that it
survives a resize of the window; the intro and closing show only the gallery's line saying that
photos belong to days.
"""

import enum

from PySide6.QtWidgets import QSplitter

from journal.gui.gallery_pane import GalleryPane
from journal.gui.preferences import Preference, Preferences
from journal.gui.timeline_entries import TimelineEntry

#: Shares are kept in thousandths of the column's height.
WHOLE = 1000


class SectionKind(enum.Enum):
    DAY = "day"
    UNASSIGNED = "unassigned"
    TEXT_ONLY = "text"

    @classmethod
    def of(cls, entry: TimelineEntry) -> "SectionKind":
        if not entry.has_text:
            return cls.UNASSIGNED
        return cls.DAY if entry.accepts_photos else cls.TEXT_ONLY


def _share(raw: object) -> int:
    return max(0, min(WHOLE, int(str(raw))))


#: The gallery's share for each kind that has a gallery, as first built: a day leaves most of the
#: room to writing, the tray is all photos.
GALLERY_SHARE = {
    SectionKind.DAY: Preference("window/gallery_share/day", 320, _share),
    SectionKind.UNASSIGNED: Preference("window/gallery_share/unassigned", 780, _share),
}


class SectionLayout:
    def __init__(self, preferences: Preferences, splitter: QSplitter, gallery: GalleryPane) -> None:
        self._preferences = preferences
        self._splitter = splitter
        self._gallery = gallery
        self._kind: SectionKind | None = None
        self._placing = False
        splitter.splitterMoved.connect(self._remember)

    @property
    def kind(self) -> SectionKind | None:
        return self._kind

    def show(self, entry: TimelineEntry) -> None:
        """Lay the column out for ``entry``'s kind of section."""
        kind = SectionKind.of(entry)
        self._kind = kind
        self._gallery.set_text_only(kind is SectionKind.TEXT_ONLY)
        total = sum(self._splitter.sizes()) or self._splitter.height()
        if kind is SectionKind.TEXT_ONLY:
            gallery = self._gallery.minimumSizeHint().height()
        else:
            gallery = total * self._preferences.get(GALLERY_SHARE[kind]) // WHOLE
        self._placing = True
        self._splitter.setSizes([gallery, max(0, total - gallery)])
        self._placing = False

    def _remember(self) -> None:
        """The user moved the splitter: keep the share for the kind shown."""
        kind = self._kind
        total = sum(self._splitter.sizes())
        if self._placing or kind is None or kind not in GALLERY_SHARE or total <= 0:
            return
        share = self._splitter.sizes()[0] * WHOLE // total
        self._preferences.set(GALLERY_SHARE[kind], share)
