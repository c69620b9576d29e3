"""What a site's configuration says that changes how its posts are read: the path the site is
served under (Jekyll's ``baseurl``, the path of Hugo's ``baseURL``), which its posts' site-absolute
links start with (``/blog/assets/a.jpg`` is the file ``assets/a.jpg``), and the site's time zone,
in which the dates of its posts are meant.

The configuration is the user's file, read as untrusted text like a post's front matter: only a
regular file, at most ``MAX_TEXT_LENGTH``, YAML through the bounded loader. One that cannot be
read or understood says nothing (the post is read as if the site had no such settings), since a
post must not be refused for a setting it may not need.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from journal.bounded_yaml import MAX_TEXT_LENGTH, bounded_load
from journal.photos.library_files import open_original

#: Configuration files in the order each generator reads them, with its two keys.
_FILES = (
    ("_config.yml", "baseurl", "timezone"),
    ("_config.yaml", "baseurl", "timezone"),
    ("_config.toml", "baseurl", "timezone"),
    ("hugo.toml", "baseURL", "timeZone"),
    ("hugo.yaml", "baseURL", "timeZone"),
    ("config.toml", "baseURL", "timeZone"),
    ("config.yaml", "baseURL", "timeZone"),
)


@dataclass(frozen=True)
class SiteConfig:
    #: The path the site is served under, without a trailing slash ("" at the domain's root).
    base_path: str = ""
    #: The IANA zone the site's dates are in, when it names a valid one.
    timezone: str | None = None


def read_site_config(site_root: Path) -> SiteConfig:
    """The settings of the site at ``site_root`` that reading its posts needs (see module)."""
    for name, base_key, zone_key in _FILES:
        path = site_root / name
        if path.is_file():
            values = _values(path)
            return SiteConfig(_base_path(values.get(base_key)), _zone(values.get(zone_key)))
    return SiteConfig()


def _values(path: Path) -> dict[str, Any]:
    try:
        with open_original(path) as handle:
            data = handle.read(MAX_TEXT_LENGTH + 1)
        if len(data) > MAX_TEXT_LENGTH:
            return {}
        text = data.decode("utf-8-sig")
        values = tomllib.loads(text) if path.suffix == ".toml" else bounded_load(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, yaml.YAMLError, RecursionError):
        return {}
    return values if isinstance(values, dict) else {}


def _base_path(value: object) -> str:
    if not isinstance(value, str):
        return ""
    path = unquote(urlsplit(value.strip()).path).rstrip("/")
    return path if path.startswith("/") else ""


def _zone(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        ZoneInfo(value.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return value.strip()
