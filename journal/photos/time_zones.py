"""The time zone of a place, from an offline boundary database (tzfpy): nothing leaves the machine.

Looked up per photo that has GPS but no recorded offset, so it must be cheap: tzfpy answers in
about a microsecond from a compiled index, and ``ZoneInfo`` caches the zones it loads.
"""

from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tzfpy import get_tz


@lru_cache(maxsize=4096)
def zone_at(latitude: float, longitude: float) -> ZoneInfo | None:
    """The IANA zone in force at this position, or None where no zone is known."""
    name = get_tz(longitude, latitude)
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
