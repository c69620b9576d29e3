"""Plain, immutable copies of what the store holds, safe to hand across threads and layers.

Views and the CLI never see ORM objects (which belong to one session); they get these.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from journal.store.models import Day, Trip
from journal.text_stats import count_words


@dataclass(frozen=True)
class TripInfo:
    id: int
    slug: str
    title: str
    start_date: dt.date
    end_date: dt.date
    timezone: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    intro: str
    closing: str
    day_start_minutes: int
    cover_photo_id: int | None

    @property
    def day_count(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def day_index(self, day: dt.date) -> int | None:
        """Day N of the trip (Day 0 is the first date), or None outside the trip."""
        if self.start_date <= day <= self.end_date:
            return (day - self.start_date).days
        return None

    @classmethod
    def of(cls, trip: Trip) -> "TripInfo":
        return cls(
            id=trip.id,
            slug=trip.slug,
            title=trip.title,
            start_date=trip.start_date,
            end_date=trip.end_date,
            timezone=trip.timezone,
            categories=tuple(trip.categories),
            tags=tuple(trip.tags),
            intro=trip.intro,
            closing=trip.closing,
            day_start_minutes=trip.day_start_minutes,
            cover_photo_id=trip.cover_photo_id,
        )


@dataclass(frozen=True)
class DayInfo:
    """One day of a trip with its text and counts; ``index`` is None for notes outside the trip."""

    date: dt.date
    index: int | None
    title: str
    body: str
    word_count: int
    photo_count: int
    cover_photo_id: int | None

    @property
    def label(self) -> str:
        """ "Day 0 · Sat 16 Sep", the way the timeline and the post number days."""
        when = f"{self.date:%a} {self.date.day} {self.date:%b}"
        if self.index is None:
            return f"Outside the trip · {when} {self.date.year}"
        return f"Day {self.index} · {when}"

    @classmethod
    def empty(cls, day: dt.date, index: int | None) -> "DayInfo":
        return cls(day, index, "", "", 0, 0, None)

    @classmethod
    def of(cls, row: Day, index: int | None, photo_count: int, cover: int | None) -> "DayInfo":
        return cls(
            date=row.date,
            index=index,
            title=row.title,
            body=row.body,
            word_count=count_words(row.body),
            photo_count=photo_count,
            cover_photo_id=cover,
        )


@dataclass(frozen=True)
class DaysOverview:
    """Every day of a trip, plus text kept from dates that are no longer in it."""

    trip: TripInfo
    days: tuple[DayInfo, ...]
    notes_outside_range: tuple[DayInfo, ...]
    unassigned_photo_count: int
