"""The rows of the day timeline as plain values, built from the core's ``DaysOverview``.

A trip reads top to bottom the way its post does: the intro, Day 0 to Day N, the closing; then
the Unassigned tray (photos with no day yet) and any text kept from dates that left the trip.
"""

import datetime as dt
import enum
from dataclasses import dataclass

from journal.services import DayInfo, DaysOverview
from journal.text_stats import count_words


class EntryKind(enum.Enum):
    INTRO = "intro"
    DAY = "day"
    CLOSING = "closing"
    UNASSIGNED = "unassigned"


@dataclass(frozen=True)
class TimelineEntry:
    kind: EntryKind
    #: The calendar date of a DAY entry (also for text kept outside the trip's dates).
    day: dt.date | None
    label: str
    title: str
    word_count: int
    photo_count: int
    cover_photo_id: int | None
    #: False for kept text whose date is no longer in the trip.
    in_trip: bool = True

    @property
    def has_text(self) -> bool:
        """Whether the editor can write on this entry (the tray holds photos only)."""
        return self.kind is not EntryKind.UNASSIGNED

    @property
    def accepts_photos(self) -> bool:
        """Whether photos dragged onto this entry can move there."""
        return self.kind is EntryKind.UNASSIGNED or (self.kind is EntryKind.DAY and self.in_trip)

    @property
    def key(self) -> tuple[EntryKind, dt.date | None]:
        """Identifies the entry across refreshes (labels and counts change, this does not)."""
        return (self.kind, self.day)


def section_name(key: tuple[EntryKind, dt.date | None]) -> str:
    """An entry's ``key`` as text to remember it by: ``day:2023-09-17``, ``intro``, …"""
    kind, day = key
    return f"{kind.value}:{day.isoformat()}" if day is not None else kind.value


def section_key(name: str) -> tuple[EntryKind, dt.date | None] | None:
    """The key ``section_name`` wrote, or None for text it did not write."""
    kind, _, day = name.partition(":")
    try:
        return EntryKind(kind), dt.date.fromisoformat(day) if day else None
    except ValueError:
        return None


def _day_entry(day: DayInfo) -> TimelineEntry:
    return TimelineEntry(
        kind=EntryKind.DAY,
        day=day.date,
        label=day.label,
        title=day.title,
        word_count=day.word_count,
        photo_count=day.photo_count,
        cover_photo_id=day.cover_photo_id,
        in_trip=day.index is not None,
    )


def timeline_entries(overview: DaysOverview) -> list[TimelineEntry]:
    trip = overview.trip
    entries = [
        TimelineEntry(EntryKind.INTRO, None, "Introduction", "", count_words(trip.intro), 0, None),
        *(_day_entry(day) for day in overview.days),
        TimelineEntry(EntryKind.CLOSING, None, "Closing", "", count_words(trip.closing), 0, None),
        TimelineEntry(
            EntryKind.UNASSIGNED,
            None,
            "Unassigned",
            "Photos without a day",
            0,
            overview.unassigned_photo_count,
            overview.unassigned_cover_photo_id,
        ),
    ]
    entries.extend(_day_entry(note) for note in overview.notes_outside_range)
    return entries
