"""Categories Jekyll cannot put in a post's URL, found before anything is written.

Jekyll's default permalinks (``/:categories/:year/:month/:day/:title:output_ext``, and every other
built-in style) start with the post's categories: lowercased, each once, joined with ``/``. It
escapes that text by parsing it as a URL (Addressable), so a category that reads as the start of
a web address stops the build of the whole site with ``Addressable::URI::InvalidURIError``:
``12:30`` (``12`` is no URL scheme), ``:sym`` and ``: c`` (a path that looks like a scheme),
``2023-09-16T10:00:00Z``, ``http:`` (a web address with no host). Spaces, ``?``, ``#``, ``%``,
``/`` and a colon after a valid scheme word (``Note: x``, ``a:b``) all build (checked against
real Jekyll in the tests).

Mapping such a category to something else would change what the site lists, and a permalink
without categories would change the URL of a post imported from the site, so the export refuses
instead, naming the category and both ways on. Only where the categories really are in the URL:
a post's own ``permalink`` front matter wins, then the site's ``_config.yml`` (its ``permalink``,
or its ``posts`` collection's); front-matter ``defaults`` are not read, and the message says how
to give the post a permalink of its own.
"""

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from journal.bounded_yaml import MAX_TEXT_LENGTH, bounded_load
from journal.export.errors import ExportError
from journal.markdown.links import NOT_FOUND, file_problem

#: Jekyll's permalink styles, by name (``Jekyll::Configuration::STYLE_TO_PERMALINK``).
STYLES = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}
#: The site configurations Jekyll reads, the first that exists.
CONFIG_FILES = ("_config.yml", "_config.yaml", "_config.toml")
#: A permalink the message suggests: Jekyll's default without the categories.
WITHOUT_CATEGORIES = "/:year/:month/:day/:title:output_ext"

#: What Addressable takes for a scheme: the text before the first ``:`` if no ``/?#`` precedes it.
_SCHEME = re.compile(r"([^:/?#]*):")
_VALID_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*")
#: Schemes Addressable wants a host or a path after (``URI.ip_based_schemes``).
_IP_BASED = frozenset(
    {"http", "https", "ftp", "tftp", "sftp", "ssh", "svn+ssh", "telnet", "nntp", "gopher"}
    | {"wais", "ldap", "prospero"}
)


def check_categories(site: Path, fields: Mapping[str, Any]) -> None:
    """Refuse (``ExportError``) a post whose front matter ``fields`` would stop ``jekyll build``
    of the site at ``site`` because of its categories."""
    categories = jekyll_categories(fields)
    in_url = "/".join(category.lower() for category in categories)
    if not breaks_url(in_url) or ":categories" not in permalink(site, fields):
        return
    category = next(category for category in categories if category)
    readable = category.replace(":", "-").strip("- ") or "something else"
    raise ExportError(
        f"Jekyll cannot build a site with the category {category!r} in a post's URL: it reads "
        "it as a broken web address and stops the build of the whole site. Rename the category "
        f"(e.g. {readable!r}), or give the post a permalink without :categories in its extra "
        f"front matter (permalink: {WITHOUT_CATEGORIES}), which changes its URL."
    )


def jekyll_categories(fields: Mapping[str, Any]) -> list[str]:
    """The categories Jekyll puts in the URL, in its order and each once (it lowercases them
    there): ``categories`` (a list, or a string it splits at spaces), then ``category`` (one
    value or a list)."""
    plural = fields.get("categories")
    found = plural.split() if isinstance(plural, str) else _as_list(plural)
    singular = fields.get("category")
    found += _as_list(singular)
    once: dict[str, str] = {}
    for category in found:
        if category is not None:
            once.setdefault(str(category).lower(), str(category))
    return list(once.values())


def breaks_url(categories: str) -> bool:
    """True if Addressable refuses ``categories`` (the joined text) as a URL. Text that starts
    an authority (``//host:port``) is refused too without modelling its host and port rules."""
    scheme = _SCHEME.match(categories)
    rest = categories
    if scheme is not None:
        rest = categories[scheme.end() :]
        if not _VALID_SCHEME.fullmatch(scheme.group(1)):
            return True
        if scheme.group(1) in _IP_BASED and (not rest or rest[0] in "?#"):
            return True
    return rest.startswith("//")


def permalink(site: Path, fields: Mapping[str, Any]) -> str:
    """The permalink template Jekyll builds the post's URL from: its own, else the site's."""
    own = fields.get("permalink")
    if own:
        return str(own)
    config = _site_config(site)
    collections = config.get("collections")
    posts = collections.get("posts") if isinstance(collections, dict) else None
    if isinstance(posts, dict) and posts.get("permalink"):
        return str(posts["permalink"])
    style = str(config.get("permalink") or "date")
    return STYLES.get(style, style)


def _as_list(value: object) -> list[Any]:
    """Ruby's ``Array(value)``: a list as it is, nothing as empty, anything else alone."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _site_config(site: Path) -> dict[str, Any]:
    """The site's configuration, or {} when there is none to read (a folder or a pipe by that
    name, text that is not YAML or TOML): Jekyll's defaults then apply."""
    for name in CONFIG_FILES:
        config = site / name
        problem = file_problem(config)
        if problem == NOT_FOUND:
            continue
        if problem is not None:
            return {}
        try:
            with config.open("rb") as file:
                text = file.read(MAX_TEXT_LENGTH + 1).decode("utf-8")
            loaded = tomllib.loads(text) if name.endswith(".toml") else bounded_load(text)
        except (OSError, UnicodeDecodeError, yaml.YAMLError, tomllib.TOMLDecodeError):
            return {}
        return loaded if isinstance(loaded, dict) else {}
    return {}
