"""Capture times written into file names by phones, messengers and screenshot tools.

Photos that lost their EXIF on the way (a messenger re-encoded them, a screenshot never had any)
usually still carry the time in their name: ``IMG_20230918_101500.jpg``,
``PXL_20230918_101500123.jpg``, ``KakaoTalk_20230918_101500.jpg``,
``Screenshot 2023-09-18 at 10.15.00 PM.png``, ``2023-09-18 10.15.00.jpg``. One pattern covers
them: a date with or without separators, then a time with the same separator between its parts.
"""

import re
from datetime import datetime

from journal.photos.capture_time import checked_datetime

_NAME_TIME = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<date_sep>[-_.]?)(?P<month>\d\d)(?P=date_sep)(?P<day>\d\d)"
    r"(?:[ _T-]|\s+at\s+|_at_)"
    r"(?P<hour>\d\d)(?P<time_sep>[-_.:]?)(?P<minute>\d\d)(?P=time_sep)(?P<second>\d\d)"
    r"(?P<millis>\d{1,3})?(?!\d)"
    r"(?:\s*(?P<meridiem>[AaPp][Mm])\b)?"
)


def time_from_file_name(name: str) -> datetime | None:
    """The wall-clock time a file name records, or None when it records none (or a bogus one)."""
    for match in _NAME_TIME.finditer(name):
        hour = int(match["hour"])
        meridiem = (match["meridiem"] or "").lower()
        if meridiem:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if meridiem == "pm" else 0)
        millis = match["millis"] or ""
        found = checked_datetime(
            int(match["year"]),
            int(match["month"]),
            int(match["day"]),
            hour,
            int(match["minute"]),
            int(match["second"]),
            int(millis.ljust(3, "0")) * 1000 if millis else 0,
        )
        if found is not None:
            return found
    return None
