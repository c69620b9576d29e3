"""Front matter and the post's date, written the way Jekyll and Hugo read them.

A new post's front matter is YAML; a post imported from a site is written back in the format it
had there: YAML, TOML (Hugo's ``+++``, written with ``tomli-w``) or a JSON object (Hugo).

The generators do not read YAML the way PyYAML writes it: Jekyll's Psych is YAML 1.1 with Ruby
extras, Hugo's Go parser mixes 1.1 and 1.2, and each turns some plain words into something other
than text: ``y`` and ``N`` into booleans, ``0o17``, ``017``, ``0x1F``, ``1_000``, ``1,000``,
``1e3`` and ``+.5`` into numbers, ``:name`` into a Ruby symbol (which stops a Jekyll build). PyYAML
quotes only what *its* resolver would misread, so every string that could start a number, date,
time or symbol, or that is one of those words in any case, is quoted as well. The post's date is
the exception: it is meant to be read as a date, and stays as Jekyll documents it.
"""

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import tomli_w
import yaml

from journal.export.errors import ExportError

#: Words some generator's YAML reads as a boolean, null or number (in any case).
_NOT_TEXT_WORDS = frozenset(
    {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "nan", "inf", "infinity"}
)
#: First characters of every number, date, time and sexagesimal in YAML 1.1, YAML 1.2 and Go's
#: number syntax; of ``~`` (null); and of ``:symbol``.
_NOT_TEXT_STARTS = frozenset("0123456789+-.~:")


class PostDate(str):
    """A post's date as text, written as PyYAML writes it (plain where its resolver keeps it
    text, as in ``date: 2023-09-30 20:00:00 +0900``), because generators should read it as a
    date."""


class _FrontMatterDumper(yaml.SafeDumper):
    """A SafeDumper that quotes every string some generator could read as something else."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    quote = text[:1] in _NOT_TEXT_STARTS or text.strip().casefold() in _NOT_TEXT_WORDS
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="'" if quote else None)


class KeptDate(PostDate):
    """A date a post wrote itself (``date``, ``lastmod``, … of the extra front matter), written
    back as it was: plain, even where PyYAML would quote it to keep it text
    (``2025-03-14T08:00:00+09:00``), as the generators read it as a date either way."""


#: The front-matter keys Jekyll and Hugo read as dates (Hugo's names are case-insensitive).
DATE_KEYS = frozenset({"date", "lastmod", "publishdate", "expirydate"})


def _represent_date(dumper: yaml.SafeDumper, text: PostDate) -> yaml.ScalarNode:
    return dumper.represent_str(str(text))


def _represent_kept_date(dumper: yaml.SafeDumper, text: KeptDate) -> yaml.ScalarNode:
    # The tag PyYAML's resolver gives the plain text (a timestamp's, if it reads as one): so
    # tagged, the scalar needs no quotes to be read back as what it is.
    tag: str = dumper.resolve(yaml.ScalarNode, str(text), (True, False))  # type: ignore[no-untyped-call]
    return dumper.represent_scalar(tag, str(text))


_FrontMatterDumper.add_representer(str, _represent_text)
_FrontMatterDumper.add_representer(PostDate, _represent_date)
_FrontMatterDumper.add_representer(KeptDate, _represent_kept_date)


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The start of ``day`` in the trip's zone, aware, so that the post's date keeps its offset."""
    return datetime.combine(day, time(0, 0), tzinfo=zone)


def post_moment(day: date, zone: ZoneInfo, photo_times: Iterable[datetime] = ()) -> datetime:
    """When a post about ``day`` is dated, so that it lands on ``day`` on any site: Jekyll shows
    (and links) a post on its date in the site's ``timezone:``, UTC on most build servers, so
    the trip's midnight (19:00 the day before in UTC, for a trip in Korea) would move it a day
    back. The time of the day's first photo is kept when it is on ``day`` in UTC too, else noon
    is; a zone so far east or west that even noon is another day in UTC gets the hour halfway
    between its midnight and UTC's."""
    on_day = sorted(moment for moment in photo_times if moment.date() == day)
    noon = datetime.combine(day, time(12, 0), tzinfo=zone)
    offset = noon.utcoffset() or timedelta(0)
    halfway = noon + offset / 2
    for moment in (*on_day[:1], noon, halfway):
        if moment.astimezone(UTC).date() == day:
            return moment
    return halfway


def photo_moment(local_time: datetime, utc_offset_minutes: int | None, zone: ZoneInfo) -> datetime:
    """A photo's capture time, aware: with its own UTC offset, else the trip zone's then."""
    if utc_offset_minutes is None:
        return local_time.replace(tzinfo=zone)
    return local_time.replace(tzinfo=timezone(timedelta(minutes=utc_offset_minutes)))


def jekyll_date(moment: datetime) -> PostDate:
    """``2023-09-30 20:00:00 +0900``: Jekyll's own format, as in hand-written posts."""
    return PostDate(moment.strftime("%Y-%m-%d %H:%M:%S %z"))


def rfc3339_date(moment: datetime) -> PostDate:
    """``2023-09-30T20:00:00+09:00``: the form Hugo documents for front matter."""
    return PostDate(moment.isoformat(timespec="seconds"))


def front_matter_yaml(fields: Mapping[str, Any]) -> str:
    """YAML keys in the given order, Korean left readable (not ``\\uXXXX``); "" when empty."""
    if not fields:
        return ""
    return yaml.dump(
        dict(fields),
        Dumper=_FrontMatterDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1000,
    )


def render_front_matter(fields: Mapping[str, Any], style: str = "yaml") -> str:
    """The front matter at the top of a post: ``---`` fenced YAML (``style`` "yaml"), ``+++``
    fenced TOML ("toml") or a JSON object ("json"), as Hugo reads each."""
    if style == "toml":
        return f"+++\n{tomli_w.dumps(_toml_values(fields))}+++\n"
    if style == "json":
        return json.dumps(dict(fields), ensure_ascii=False, indent=2) + "\n"
    return f"---\n{front_matter_yaml(fields)}---\n"


def _toml_values(fields: Mapping[str, Any]) -> dict[str, Any]:
    """``fields`` as TOML can hold them: a post's dates as TOML dates (as Hugo posts write
    them), and no null, which TOML has no word for."""
    return {key: _toml_value(key, value) for key, value in fields.items()}


def _toml_value(key: str, value: Any) -> Any:
    if value is None:
        raise ExportError(
            f"The front-matter key {key!r} holds an empty value (null), which TOML front matter "
            "cannot write: give it a value, or remove it from the trip's extra front matter."
        )
    if isinstance(value, Mapping):
        return {name: _toml_value(key, item) for name, item in value.items()}
    if isinstance(value, list | tuple):
        return [_toml_value(key, item) for item in value]
    if isinstance(value, PostDate):
        return _toml_date(value)
    return value


def _toml_date(text: str) -> datetime | date | str:
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        return text
