"""When a photo was taken, as one of its sources recorded it, and how to read those sources' text.

Every parser here returns None for a value that is blank, zeroed (``0000:00:00 00:00:00``, what
cameras write when their clock was never set) or impossible (month 13): a bogus time is skipped so
that the next source can answer, never believed.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import StrEnum

#: Years outside this range are a reset or corrupt clock, not a photo's time.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200


class TimeSource(StrEnum):
    """Where a capture time came from, most trustworthy first (the order they are tried in).

    Every date of when the picture was taken - EXIF's, then those editors and scanning software
    write in XMP and IPTC - comes before the dates of when a file was made or saved: IFD0's
    ``DateTime`` is the last save, which puts an edited or scanned photo on the day it was edited.
    """

    EXIF_ORIGINAL = "exif-original"
    #: XMP ``exif:DateTimeOriginal``.
    XMP_ORIGINAL = "xmp-original"
    #: XMP ``photoshop:DateCreated`` (IPTC Core's Date Created).
    XMP_DATE_CREATED = "xmp-date-created"
    #: IPTC IIM DateCreated with TimeCreated.
    IPTC = "iptc"
    #: XMP ``xmp:CreateDate``.
    XMP = "xmp"
    EXIF_DIGITIZED = "exif-digitized"
    #: XMP ``exif:DateTimeDigitized``.
    XMP_DIGITIZED = "xmp-digitized"
    GPS = "gps"
    #: XMP ``exif:GPSTimeStamp`` (with ``exif:GPSDateStamp`` when the stamp is a time alone).
    XMP_GPS = "xmp-gps"
    #: IFD0 ``DateTime``: when the file was last saved.
    EXIF_DATETIME = "exif-datetime"
    PNG_TEXT = "png-text"
    FILE_NAME = "file-name"
    FILE_MTIME = "file-mtime"

    @property
    def trusted(self) -> bool:
        """A file's modification time is when it was last copied as often as when it was shot."""
        return self is not TimeSource.FILE_MTIME

    @property
    def is_instant(self) -> bool:
        """GPS and file times are UTC instants; the others are a camera's wall clock."""
        return self in (TimeSource.GPS, TimeSource.XMP_GPS, TimeSource.FILE_MTIME)

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    TimeSource.EXIF_ORIGINAL: "EXIF",
    TimeSource.XMP_ORIGINAL: "XMP original date",
    TimeSource.XMP_DATE_CREATED: "XMP date created",
    TimeSource.IPTC: "IPTC date created",
    TimeSource.XMP: "XMP",
    TimeSource.EXIF_DIGITIZED: "EXIF digitized",
    TimeSource.XMP_DIGITIZED: "XMP digitized",
    TimeSource.GPS: "GPS",
    TimeSource.XMP_GPS: "XMP GPS",
    TimeSource.EXIF_DATETIME: "EXIF file date",
    TimeSource.PNG_TEXT: "PNG text",
    TimeSource.FILE_NAME: "file name",
    TimeSource.FILE_MTIME: "file date",
}


@dataclass(frozen=True)
class CaptureTime:
    """A time as recorded: a naive wall-clock time (UTC for instant sources) and its offset."""

    wall_time: datetime
    source: TimeSource
    #: Minutes east of UTC that the source recorded with the time, if it recorded any.
    offset_minutes: int | None = None


_EXIF_DATETIME = re.compile(
    r"^\s*(\d{4})[:\-/](\d{1,2})[:\-/](\d{1,2})[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?"
)
_OFFSET = re.compile(r"^\s*([+-])(\d{1,2}):?(\d{2})\s*$")
_ISO_WITH_ZONE = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")


def checked_datetime(
    year: int, month: int, day: int, hour: int, minute: int, second: int, micro: int = 0
) -> datetime | None:
    """The datetime, or None when the parts are impossible or outside any plausible year."""
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return datetime(year, month, day, hour, minute, second, micro)
    except ValueError:
        return None


def _microseconds(digits: str | None) -> int:
    if not digits or not digits.isdigit():
        return 0
    return int(digits[:6].ljust(6, "0"))


def parse_exif_datetime(text: object, subsec: object = None) -> datetime | None:
    """``2023:09:18 10:15:00`` (EXIF's form, also with ``-``) plus SubSecTime digits if given."""
    if not isinstance(text, str):
        return None
    match = _EXIF_DATETIME.match(text.replace("\x00", ""))
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups()[:6])
    fraction = match.group(7)
    if isinstance(subsec, str) and subsec.strip().isdigit():
        fraction = subsec.strip()
    return checked_datetime(year, month, day, hour, minute, second, _microseconds(fraction))


def parse_offset(text: object) -> int | None:
    """``+09:00`` or ``-0700`` as minutes east of UTC; None for blanks and out-of-range values."""
    if not isinstance(text, str):
        return None
    match = _OFFSET.match(text.replace("\x00", ""))
    if match is None:
        return None
    sign, hours, minutes = match.groups()
    total = int(hours) * 60 + int(minutes)
    if total > 14 * 60 or int(minutes) >= 60:
        return None
    return -total if sign == "-" else total


def parse_iso_datetime(text: str) -> tuple[datetime, int | None] | None:
    """An ISO 8601 time with a clock part (XMP's form): its wall time and offset, if any.

    A bare date (``photoshop:DateCreated`` often holds one) is refused: midnight is not when the
    photo was taken, and would file it under the wrong day once the day starts later than 00:00.
    """
    cleaned = text.strip().replace("\x00", "")
    if "T" not in cleaned and " " not in cleaned:
        return None
    try:
        parsed = datetime.fromisoformat(cleaned)
    except ValueError:
        return _exif_style(cleaned)
    return _split_aware(parsed, has_zone=_ISO_WITH_ZONE.search(cleaned) is not None)


def parse_rfc2822_datetime(text: str) -> tuple[datetime, int | None] | None:
    """``Mon, 18 Sep 2023 10:15:00 +0900``: what the PNG spec suggests for ``Creation Time``."""
    try:
        parsed = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return _split_aware(parsed, has_zone=parsed.tzinfo is not None)


def _exif_style(text: str) -> tuple[datetime, int | None] | None:
    wall = parse_exif_datetime(text)
    if wall is None:
        return None
    match = _ISO_WITH_ZONE.search(text)
    offset = None
    if match is not None:
        offset = 0 if match.group(1) == "Z" else parse_offset(match.group(1))
    return wall, offset


def _split_aware(parsed: datetime, *, has_zone: bool) -> tuple[datetime, int | None] | None:
    checked = checked_datetime(
        parsed.year,
        parsed.month,
        parsed.day,
        parsed.hour,
        parsed.minute,
        parsed.second,
        parsed.microsecond,
    )
    if checked is None:
        return None
    offset = parsed.utcoffset() if has_zone else None
    if offset is None:
        return checked, None
    return checked, int(offset.total_seconds() // 60)


def utc_from_timestamp(seconds: float) -> datetime | None:
    """A file system timestamp as the naive UTC datetime an instant source records."""
    try:
        moment = datetime(1970, 1, 1) + timedelta(seconds=seconds)
    except OverflowError:
        return None
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        return None
    return moment
