"""YAML front matter, read so that every value can be written back exactly as it was.

PyYAML would turn ``date: 2023-09-30 20:00:00 +0900`` into a naive datetime (or keep it a string,
depending on the offset's spelling); a loader without the timestamp resolver keeps every date a
string, and the importer parses the ones it needs itself. A post is untrusted text: its front
matter is read with ``journal.bounded_yaml``, which refuses aliases that expand to gigabytes.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import yaml

from journal.bounded_yaml import BoundedSafeLoader, bounded_load
from journal.errors import InvalidInputError

#: The fixed-offset zones: ``Etc/GMT-9`` is UTC+9 (POSIX signs are reversed).
_ETC_GMT = re.compile(r"Etc/GMT([+-]\d{1,2})?")


class _StringDatesLoader(BoundedSafeLoader):
    """A bounded SafeLoader that leaves timestamps as the strings the author wrote."""


_StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in BoundedSafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class FrontMatter:
    values: dict[str, Any]
    #: The line (1-based) where the body starts, for reporting positions in the whole file.
    body_first_line: int


def split_front_matter(text: str, source: str) -> tuple[FrontMatter, str]:
    """Separate ``---``-fenced YAML from the Markdown body."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise InvalidInputError(
            f"{source} has no front matter: a post starts with a '---' line, then YAML such as "
            "'title: …' and 'date: YYYY-MM-DD', then another '---' line."
        )
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            yaml_text = "".join(lines[1:number])
            body = "".join(lines[number + 1 :])
            return FrontMatter(_load(yaml_text, source), number + 2), body
    raise InvalidInputError(f"{source}: the front matter has no closing '---' line.")


def _load(yaml_text: str, source: str) -> dict[str, Any]:
    try:
        values = bounded_load(yaml_text, _StringDatesLoader)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        problem = getattr(error, "problem", None) or "it is not valid YAML"
        raise InvalidInputError(
            f"{source}: the front matter{line} cannot be read: {problem}."
        ) from None
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise InvalidInputError(f"{source}: the front matter must be 'key: value' lines.")
    return {str(key): value for key, value in values.items()}


def parse_post_date(value: object) -> datetime | date | None:
    """A post's ``date``: with time and offset (Jekyll's ``2023-09-30 20:00:00 +0900``), ISO
    8601, or a bare date. None when the value is not a date at all."""
    text = str(value).strip()
    for pattern in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    try:
        if "T" in text:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        return date.fromisoformat(text)
    except ValueError:
        return None


def labels(value: object) -> tuple[str, ...]:
    """Categories or tags as Jekyll allows them: a YAML list or a space-separated string."""
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(item) for item in value if str(item).strip())
    return tuple(str(value).split())


def zone_label(name: str) -> str:
    """``name`` as people read it: ``UTC+09:00`` for ``Etc/GMT-9``, whose POSIX sign is the
    reverse of what it means; any other zone name as it is."""
    match = _ETC_GMT.fullmatch(name)
    if match is None:
        return name
    hours = -int(match.group(1) or 0)
    return f"UTC{hours:+03d}:00" if hours else "UTC"


def fixed_zone_name(moment: datetime) -> str:
    """An IANA name for the offset a post's date carries: ``Etc/GMT-9`` for +09:00 (POSIX signs
    are reversed); for offsets that are not whole hours (+05:30), the first zone that had that
    offset at that moment."""
    offset = moment.utcoffset() or timedelta(0)
    hours, remainder = divmod(int(offset.total_seconds()), 3600)
    if hours == 0 and remainder == 0:
        return "UTC"
    if remainder == 0 and -12 <= hours <= 14:
        return f"Etc/GMT{-hours:+d}"
    for name in sorted(available_timezones()):
        if (
            "/" in name
            and not name.startswith(("posix/", "right/", "Etc/"))
            and moment.astimezone(ZoneInfo(name)).utcoffset() == offset
        ):
            return name
    return "UTC"
