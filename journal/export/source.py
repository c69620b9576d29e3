"""What an export reads from the library, gathered in one short read so the slow part (image
processing, writing) runs with no database session open."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from journal.markdown.photo_refs import photo_alt_text

if TYPE_CHECKING:  # post_origin names the export's formats: importing it here would be a cycle
    from journal.post_import.post_origin import PostOrigin


@dataclass(frozen=True)
class SourceTrip:
    """The trip fields a post uses (the export core does not depend on the services layer)."""

    title: str
    slug: str
    start_date: date
    timezone: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    intro: str
    closing: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class SourcePhoto:
    id: int
    #: Absolute path of the library copy.
    path: Path
    #: SHA-256 of the library copy; part of what decides whether a web copy is up to date.
    content_hash: str
    original_name: str
    #: Pillow's format name of the library copy (JPEG, HEIF, PNG, WEBP, TIFF).
    media_format: str
    caption: str
    local_time: datetime | None
    utc_offset_minutes: int | None
    #: What the photo's own metadata says it shows (EXIF, IPTC or XMP), read at import.
    description: str = ""

    @property
    def alt_text(self) -> str:
        """See ``photo_alt_text``."""
        return photo_alt_text(self.caption, self.description)


@dataclass(frozen=True)
class SourceDay:
    date: date
    index: int
    title: str
    body: str
    #: The day's photos in their gallery order.
    photos: tuple[SourcePhoto, ...]
    #: Where the day went ("Seattle → Redmond"), for its heading; "" when not known.
    places: str = ""
    #: The day's cities in the order first visited, for the ``places`` front-matter key.
    cities: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExportSource:
    trip: SourceTrip
    #: Every date of the trip, in order, whether or not it has text or photos.
    days: tuple[SourceDay, ...]
    #: Every photo of the trip by id, including unassigned ones the text may refer to.
    photos: Mapping[int, SourcePhoto]
    #: Extra front-matter keys kept for the trip's post.
    front_matter: Mapping[str, Any]
    #: Where the trip's post came from, if it was imported: exporting to the same kind of site
    #: writes it back as that post (its file, front-matter format, headings, spacers).
    origin: "PostOrigin | None" = None
    #: The trip's main country, or "City, Country" for a trip in one city ("" when not known).
    location: str = ""
    #: What the export report should say about what the post lacks (no place names).
    notes: tuple[str, ...] = ()
