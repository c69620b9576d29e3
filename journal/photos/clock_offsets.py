"""Camera clock corrections as people write them: ``+9h``, ``-30m``, ``+1h30m``, ``-07:00``.

The sign says which way to move the camera's times: ``+9h`` for a camera 9 hours behind (its
clock left on a zone 9 hours west of the trip).
"""

import re

from journal.errors import InvalidInputError

_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_PARTS = re.compile(r"(\d+)\s*([dhms])")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def parse_clock_offset(text: str) -> int:
    """Seconds to add to a camera's clock, from ``+9h``, ``-1h30m``, ``+09:00`` or ``0``."""
    cleaned = text.strip().lower().replace(" ", "")
    sign = -1 if cleaned.startswith("-") else 1
    body = cleaned[1:] if cleaned[:1] in ("+", "-") else cleaned
    if body in ("0", ""):
        if body == "":
            raise _invalid(text)
        return 0
    clock = _CLOCK.match(body)
    if clock is not None:
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        if minutes >= 60 or seconds >= 60:
            raise _invalid(text)
        return sign * (hours * 3600 + minutes * 60 + seconds)
    parts = _PARTS.findall(body)
    if not parts or "".join(number + unit for number, unit in parts) != body:
        raise _invalid(text)
    return sign * sum(int(number) * _UNITS[unit] for number, unit in parts)


def format_clock_offset(seconds: int) -> str:
    """ "+9h", "-1h30m", "+45s", "0": the inverse of ``parse_clock_offset``."""
    if seconds == 0:
        return "0"
    sign = "-" if seconds < 0 else "+"
    rest = abs(seconds)
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count}{unit}")
    return sign + "".join(parts)


def _invalid(text: str) -> InvalidInputError:
    return InvalidInputError(
        f"Invalid clock correction {text!r}: write it like +9h, -30m, +1h30m or -07:00 "
        "(+9h moves the camera's photos 9 hours later)."
    )
