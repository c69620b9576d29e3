"""YAML front matter and the post's date, written the way Jekyll and Hugo read them.

The generators do not read YAML the way PyYAML writes it: Jekyll's Psych is YAML 1.1 with Ruby
extras, Hugo's Go parser mixes 1.1 and 1.2, and each turns some plain words into something other
than text: ``y`` and ``N`` into booleans, ``0o17``, ``017``, ``0x1F``, ``1_000``, ``1,000``,
``1e3`` and ``+.5`` into numbers, ``:name`` into a Ruby symbol (which stops a Jekyll build). PyYAML
quotes only what *its* resolver would misread, so every string that could start a number, date,
time or symbol, or that is one of those words in any case, is quoted as well. The post's date is
the exception: it is meant to be read as a date, and stays as Jekyll documents it.
"""

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import yaml

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


def _represent_date(dumper: yaml.SafeDumper, text: PostDate) -> yaml.ScalarNode:
    return dumper.represent_str(str(text))


_FrontMatterDumper.add_representer(str, _represent_text)
_FrontMatterDumper.add_representer(PostDate, _represent_date)


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The start of ``day`` in the trip's zone, aware, so that the post's date keeps its offset."""
    return datetime.combine(day, time(0, 0), tzinfo=zone)


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


def render_front_matter(fields: Mapping[str, Any]) -> str:
    """``---`` fenced YAML, as Jekyll and Hugo expect at the top of a post."""
    return f"---\n{front_matter_yaml(fields)}---\n"
