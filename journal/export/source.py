"""What an export reads from the library, gathered in one short read so the slow part (image
processing, writing) runs with no database session open."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo


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

    @property
    def alt_text(self) -> str:
        """The caption, else the original file name, as hand-written posts do
        (``![img_24.png](…)``): an image link with no text says nothing to a screen reader."""
        return self.caption.strip() or self.original_name


@dataclass(frozen=True)
class SourceDay:
    date: date
    index: int
    title: str
    body: str
    #: The day's photos in their gallery order.
    photos: tuple[SourcePhoto, ...]


@dataclass(frozen=True)
class ExportSource:
    trip: SourceTrip
    #: Every date of the trip, in order, whether or not it has text or photos.
    days: tuple[SourceDay, ...]
    #: Every photo of the trip by id, including unassigned ones the text may refer to.
    photos: Mapping[int, SourcePhoto]
    #: Extra front-matter keys kept for the trip's post.
    front_matter: Mapping[str, Any]
