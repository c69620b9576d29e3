"""The rows of the day timeline as plain values, built from the core's ``DaysOverview``.

A trip reads top to bottom the way its post does: the intro, Day 0 to Day N, the closing; then
the Unassigned tray (photos with no day yet) and any text kept from dates that left the trip.
Every entry but the tray is one of the trip's texts, named by its ``TextTarget``.
"""

import datetime as dt
import enum
from dataclasses import dataclass

from journal.services import DayInfo, DaysOverview, TextPart, TextTarget
from journal.text_stats import count_words


class EntryKind(enum.Enum):
    """The timeline entries that are not a text: the Unassigned tray, which holds photos only."""

    UNASSIGNED = "unassigned"


#: What identifies an entry across refreshes: its text, or the tray.
EntryKey = TextTarget | EntryKind


@dataclass(frozen=True)
class TimelineEntry:
    #: The text the entry writes on (a day's also when its date left the trip); None for the tray.
    text: TextTarget | None
    label: str
    title: str
    word_count: int
    photo_count: int
    cover_photo_id: int | None
    #: False for kept text whose date is no longer in the trip.
    in_trip: bool = True

    @property
    def day(self) -> dt.date | None:
        """The calendar date of a day's entry; None for the intro, the closing and the tray."""
        return self.text.day if self.text is not None else None

    @property
    def has_text(self) -> bool:
        """Whether the editor can write on this entry (the tray holds photos only)."""
        return self.text is not None

    @property
    def is_day(self) -> bool:
        return self.text is not None and self.text.part is TextPart.DAY

    @property
    def accepts_photos(self) -> bool:
        """Whether photos dragged onto this entry can move there."""
        return self.text is None or (self.is_day and self.in_trip)

    @property
    def key(self) -> EntryKey:
        """Identifies the entry across refreshes (labels and counts change, this does not)."""
        return EntryKind.UNASSIGNED if self.text is None else self.text


def section_name(key: EntryKey) -> str:
    """An entry's ``key`` as text to remember it by: ``day:2023-09-17``, ``intro``, …"""
    if isinstance(key, EntryKind):
        return key.value
    return f"{key.part}:{key.day.isoformat()}" if key.day is not None else str(key.part)


def section_key(name: str) -> EntryKey | None:
    """The key ``section_name`` wrote, or None for text it did not write."""
    kind, _, day = name.partition(":")
    try:
        if kind == EntryKind.UNASSIGNED.value and not day:
            return EntryKind.UNASSIGNED
        return TextTarget(TextPart(kind), dt.date.fromisoformat(day) if day else None)
    except ValueError:
        return None


def _day_entry(day: DayInfo) -> TimelineEntry:
    return TimelineEntry(
        text=TextTarget.of_day(day.date),
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
        TimelineEntry(TextTarget.intro(), "Introduction", "", count_words(trip.intro), 0, None),
        *(_day_entry(day) for day in overview.days),
        TimelineEntry(TextTarget.closing(), "Closing", "", count_words(trip.closing), 0, None),
        TimelineEntry(
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
