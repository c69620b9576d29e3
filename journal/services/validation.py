"""Checks on what the user typed, with messages that say what is wrong and how to fix it."""

import unicodedata
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from journal.errors import InvalidInputError
from journal.trip_limits import MAX_TRIP_DAYS


def parse_date(text: str, what: str = "date") -> date:
    """An ISO date (YYYY-MM-DD) or a clear error."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(
            f"Invalid {what} {text!r}: write it as YYYY-MM-DD, e.g. 2023-09-16."
        ) from None


def check_date_range(start: date, end: date) -> None:
    if end < start:
        raise InvalidInputError(f"The trip ends ({end}) before it starts ({start}).")
    if (end - start).days + 1 > MAX_TRIP_DAYS:
        raise InvalidInputError(
            f"A trip can span at most {MAX_TRIP_DAYS} days; {start} to {end} is "
            f"{(end - start).days + 1}. Check the year."
        )


def check_timezone(name: str) -> str:
    """An IANA time zone name such as Asia/Seoul, or a clear error."""
    cleaned = name.strip()
    try:
        ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInputError(
            f"Unknown time zone {name!r}: use an IANA name such as Asia/Seoul or "
            "America/Los_Angeles."
        ) from None
    if cleaned not in available_timezones() and cleaned != "UTC":
        raise InvalidInputError(f"Unknown time zone {name!r}: use an IANA name such as Asia/Seoul.")
    return cleaned


def one_line(text: str) -> str:
    """``text`` as the one line a title or a label is: each run of white space (line breaks,
    tabs) one space, other control characters (NUL, ESC, DEL, C1) dropped, ends trimmed.

    Cleaned rather than refused: such characters have no visible form, nobody types them on
    purpose, and refusing would turn away a whole imported post (or photo folder) for an
    invisible byte in its title; what is left is exactly what the user could see.
    """
    return " ".join("".join(_without_controls(char) for char in text).split())


def _without_controls(char: str) -> str:
    if char.isspace() or unicodedata.category(char) != "Cc":
        return char
    return ""


def check_title(title: str) -> str:
    cleaned = one_line(title)
    if not cleaned:
        raise InvalidInputError("A trip needs a title.")
    return cleaned


def clean_labels(labels: tuple[str, ...] | list[str]) -> list[str]:
    """Categories or tags: one line each (``one_line``), blanks dropped, duplicates dropped,
    order kept."""
    seen: dict[str, None] = {}
    for label in labels:
        cleaned = one_line(label)
        if cleaned:
            seen.setdefault(cleaned, None)
    return list(seen)
