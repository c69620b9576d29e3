"""Front matter in the three formats Jekyll and Hugo read, so that every value can be written back.

YAML between ``---`` lines (Jekyll and Hugo), TOML between ``+++`` lines (Hugo) and a JSON object
opening the file (Hugo, which takes the ``{`` … matching ``}`` at the top). A post is untrusted
text, and its front matter is settings, so each format is read as plain data only and bounded: YAML
with ``journal.bounded_yaml`` (no tags but the core data ones, aliases bounded), TOML and JSON
capped at the same size and at ``MAX_DEPTH`` levels of nesting.

PyYAML would turn ``date: 2023-09-30 20:00:00 +0900`` into a naive datetime (or keep it a string,
depending on the offset's spelling); a loader without the timestamp resolver keeps every date a
string, and the importer parses the ones it needs itself. TOML's dates are kept as ISO text for
the same reason. A Jekyll post's date may also be only in its file name (``post_date_of_name``).
"""

import json
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import yaml

from journal.bounded_yaml import MAX_TEXT_LENGTH, BoundedSafeLoader, bounded_load
from journal.errors import InvalidInputError
from journal.post_import.post_origin import FrontMatterFormat

#: The deepest nesting a TOML or JSON front matter may have (settings are a level or two deep).
MAX_DEPTH = 32

#: The fixed-offset zones: ``Etc/GMT-9`` is UTC+9 (POSIX signs are reversed).
_ETC_GMT = re.compile(r"Etc/GMT([+-]\d{1,2})?")
#: A Jekyll post's file name: its date, then its slug.
_DATED_NAME = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})-.+")
#: Where tomllib says a problem is, counted from the line after the opening ``+++``.
_TOML_LINE = re.compile(r"\(at line (?P<line>\d+), column (?P<column>\d+)\)")
#: How a JSON front matter opens: an object's brace, then a key or its end (not ``{%``).
_JSON_OPENING = re.compile(r"\{\s*[\"}]")
#: The fences of YAML and TOML front matter.
_FENCES = {"---": FrontMatterFormat.YAML, "+++": FrontMatterFormat.TOML}


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
    format: FrontMatterFormat = FrontMatterFormat.YAML


def split_front_matter(text: str, source: str) -> tuple[FrontMatter, str]:
    """Separate the front matter (``---`` YAML, ``+++`` TOML or a ``{…}`` JSON object) from the
    Markdown body."""
    if _JSON_OPENING.match(text):
        return _split_json(text, source)
    lines = text.splitlines(keepends=True)
    fence = lines[0].strip() if lines else ""
    if fence not in _FENCES:
        raise InvalidInputError(
            f"{source} has no front matter: a post starts with a '---' line, then YAML such as "
            "'title: …' and 'date: YYYY-MM-DD', then another '---' line (or TOML between '+++' "
            "lines, or a JSON object)."
        )
    closing = ("---", "...") if fence == "---" else ("+++",)
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() in closing:
            inside = "".join(lines[1:number])
            body = "".join(lines[number + 1 :])
            kind = _FENCES[fence]
            values = _load_yaml(inside, source) if kind is FrontMatterFormat.YAML else None
            if values is None:
                values = _load_toml(inside, source)
            return FrontMatter(values, number + 2, kind), body
    raise InvalidInputError(f"{source}: the front matter has no closing '{fence}' line.")


def _load_yaml(yaml_text: str, source: str) -> dict[str, Any]:
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


def _load_toml(toml_text: str, source: str) -> dict[str, Any]:
    _check_length(toml_text, source)
    try:
        values = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as error:
        problem = _TOML_LINE.sub(
            lambda where: f"(line {int(where['line']) + 1}, column {where['column']})", str(error)
        )
        raise InvalidInputError(
            f"{source}: the TOML front matter cannot be read: {problem}."
        ) from None
    except RecursionError:
        raise InvalidInputError(_too_deep(source)) from None
    return _plain(values, source)


def _split_json(text: str, source: str) -> tuple[FrontMatter, str]:
    """The JSON object at the top of the file (Hugo's JSON front matter) and the text after it."""
    decoder = json.JSONDecoder(parse_constant=_no_constant)
    try:
        values, end = decoder.raw_decode(text)
    except json.JSONDecodeError as error:
        raise InvalidInputError(
            f"{source}: the JSON front matter cannot be read (line {error.lineno}, column "
            f"{error.colno}): {error.msg}."
        ) from None
    except RecursionError:
        raise InvalidInputError(_too_deep(source)) from None
    except ValueError as error:
        raise InvalidInputError(f"{source}: {error}.") from None
    _check_length(text[:end], source)
    body = text[end:].removeprefix("\n")
    first_line = text[: len(text) - len(body)].count("\n") + 1
    return FrontMatter(_plain(values, source), first_line, FrontMatterFormat.JSON), body


def _no_constant(name: str) -> object:
    raise ValueError(f"the JSON front matter holds {name}, which is not a number a post can use")


def _check_length(text: str, source: str) -> None:
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidInputError(
            f"{source}: the front matter is longer than {MAX_TEXT_LENGTH // 1024} KB, far more "
            "than a post's settings need."
        )


def _too_deep(source: str) -> str:
    return (
        f"{source}: the front matter's values are nested more than {MAX_DEPTH} levels deep, far "
        "more than a post's settings need."
    )


def _plain(values: object, source: str) -> dict[str, Any]:
    """TOML or JSON values as front matter: a table of plain data, at most ``MAX_DEPTH`` deep,
    dates and times as the ISO text they were written as."""
    if not isinstance(values, dict):
        raise InvalidInputError(f"{source}: the front matter must be an object of keys and values.")

    def plain(value: object, depth: int) -> object:
        if depth > MAX_DEPTH:
            raise InvalidInputError(_too_deep(source))
        if isinstance(value, dict):
            return {str(key): plain(item, depth + 1) for key, item in value.items()}
        if isinstance(value, list):
            return [plain(item, depth + 1) for item in value]
        if isinstance(value, datetime | date | time):
            return value.isoformat()
        return value

    return {str(key): plain(value, 1) for key, value in values.items()}


def post_date_of_name(post: Path) -> date | None:
    """The date a Jekyll post's file name gives it (``2023-07-24-seoul.markdown``), if any."""
    match = _DATED_NAME.fullmatch(post.stem)
    if match is None:
        return None
    try:
        return date.fromisoformat(match["date"])
    except ValueError:
        return None


def parse_post_date(value: object) -> datetime | date | None:
    """A post's ``date``: with time and offset (Jekyll's ``2023-09-30 20:00:00 +0900``), ISO
    8601 with or without an offset or seconds (``2023-09-30 20:00``), or a bare date. None when
    the value is not a date at all."""
    text = str(value).strip()
    for pattern in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z"):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    try:
        if len(text) == len("YYYY-MM-DD"):
            return date.fromisoformat(text)
        return datetime.fromisoformat(text)
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
