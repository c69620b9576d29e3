"""YAML front matter and the post's date, written the way Jekyll and Hugo read them."""

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import yaml


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The start of ``day`` in the trip's zone, aware, so that the post's date keeps its offset."""
    return datetime.combine(day, time(0, 0), tzinfo=zone)


def jekyll_date(moment: datetime) -> str:
    """``2023-09-30 20:00:00 +0900``: Jekyll's own format, as in hand-written posts."""
    return moment.strftime("%Y-%m-%d %H:%M:%S %z")


def rfc3339_date(moment: datetime) -> str:
    """``2023-09-30T20:00:00+09:00``: the form Hugo documents for front matter."""
    return moment.isoformat(timespec="seconds")


def front_matter_yaml(fields: Mapping[str, Any]) -> str:
    """YAML keys in the given order, Korean left readable (not ``\\uXXXX``); "" when empty."""
    if not fields:
        return ""
    return yaml.safe_dump(
        dict(fields), allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000
    )


def render_front_matter(fields: Mapping[str, Any]) -> str:
    """``---`` fenced YAML, as Jekyll and Hugo expect at the top of a post."""
    return f"---\n{front_matter_yaml(fields)}---\n"
