"""Where a post's days fall on the calendar: the post's date, each day section's date, the zone.

A post's date is its front matter's, else (Jekyll) the one its file name starts with. Dated
headings (``## 2023-09-18``) are on their dates; ``Day N`` headings are counted from Day 0, which
the user may give, else the first dated heading's date, else the date that puts the post's first
day on the post's date: a post that starts at Day 0 has Day 0 on its date, and a post of a
post-per-day blog that is all ``Day 2`` is Day 2 of a trip whose Day 2 is its date.
"""

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from journal.errors import InvalidInputError
from journal.post_import.front_matter import (
    fixed_zone_name,
    parse_post_date,
    post_date_of_name,
    zone_label,
)
from journal.post_import.post_structure import PostDay


def date_of_post(values: dict[str, Any], source: Path) -> datetime | date | None:
    """The post's date: its front matter's, else the one its file name starts with (Jekyll)."""
    if "date" not in values:
        return post_date_of_name(source)
    post_date = parse_post_date(values["date"])
    if post_date is None:
        raise InvalidInputError(
            f"{source}: the front matter's date {values['date']!r} is not a date; write it as "
            "YYYY-MM-DD or YYYY-MM-DD HH:MM:SS +ZZZZ."
        )
    return post_date


def trip_zone(post_date: datetime | date | None, notes: list[str]) -> str:
    """The zone a post's date implies: a fixed offset, with a note that the real one is better
    (a fixed offset knows no daylight saving time)."""
    if isinstance(post_date, datetime) and post_date.tzinfo is not None:
        zone = fixed_zone_name(post_date)
        notes.append(
            f"The trip's time zone is the post date's offset, {zone_label(zone)}; give the real "
            "one, e.g. Asia/Seoul, if you know it."
        )
        return zone
    notes.append(
        "The post's date has no UTC offset; the trip's time zone is UTC until you give it."
    )
    return "UTC"


def as_date(value: datetime | date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def place_days(
    days: tuple[PostDay, ...],
    first_day: date | None,
    post_date: datetime | date | None,
    source: Path,
) -> tuple[list[date], date | None]:
    """Dates of the day sections, and the date of Day 0 if any day is numbered: dated headings
    as written; ``Day N`` counted from Day 0, which is the first dated heading's date when there
    is one, else ``first_day``, else the date that puts the post's first day on the post's date
    (Day 0 for a post that starts at Day 0, Day 2 for a post of a post-per-day blog that is all
    Day 2)."""
    dated = [day.date for day in days if day.date is not None]
    numbered = [day.index for day in days if day.index is not None]
    day_zero = min(dated, default=None) or first_day
    post_day = as_date(post_date)
    if day_zero is None and post_day is not None:
        day_zero = post_day - timedelta(days=min(numbered, default=0))
    placed = []
    for day in days:
        if day.date is not None:
            placed.append(day.date)
        elif day_zero is None:
            raise InvalidInputError(
                f"{source}: 'Day {day.index}' needs a date to count from; add 'date: YYYY-MM-DD' "
                "to the front matter."
            )
        else:
            assert day.index is not None
            placed.append(day_zero + timedelta(days=day.index))
    return placed, day_zero if numbered else None
