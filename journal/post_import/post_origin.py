"""Where an imported post came from, remembered so that exporting the trip again keeps its identity.

A blog's posts are linked from elsewhere by their URLs, and their URLs come from their files: the
``_posts/`` name (date and slug), the Hugo bundle folder, the language suffix (``index.ja.md``).
An import records those and the post's own spellings (front-matter format, ``<br>`` spacers or
none, each day heading exactly as written), and the export writes them back instead of its own
defaults when it writes the same kind of site again. The record is stored as JSON with the trip;
it is read leniently (``from_json``), like the remembered export settings, because a stored
origin an older or newer version wrote must never stop an export: at worst the post is written as
a new one.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any

from journal.export.settings import ExportFormat


class FrontMatterFormat(StrEnum):
    """How a post's front matter is written: ``---`` YAML, ``+++`` TOML or a ``{…}`` JSON object."""

    YAML = "yaml"
    TOML = "toml"
    JSON = "json"


@dataclass(frozen=True)
class PostOrigin:
    #: The kind of site the post was read from (``jekyll``, ``hugo``, ``markdown``).
    generator: ExportFormat
    #: The post file relative to the site root (``_posts/2023-07-24-seoul.markdown``,
    #: ``content/posts/seoul/index.ja.md``, ``content/posts/seoul.md``); for plain Markdown,
    #: relative to its folder. Always relative, never leaving the root (``from_json`` checks).
    path: PurePosixPath
    front_matter: FrontMatterFormat = FrontMatterFormat.YAML
    #: Whether the post had the ``<br>`` spacers after its intro and between its days.
    spacers: bool = True
    #: Each day's heading line exactly as written, marks included (``## Day 2 – Thursday,
    #: July 24``, ``# Day 1``), keyed by the day's date.
    day_headings: Mapping[date, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "generator": self.generator.value,
            "path": self.path.as_posix(),
            "front_matter": self.front_matter.value,
            "spacers": self.spacers,
            "day_headings": {day.isoformat(): line for day, line in self.day_headings.items()},
        }

    @classmethod
    def from_json(cls, data: object) -> "PostOrigin | None":
        """The stored origin, or None when it names no kind of site or no usable path (the trip
        then exports as a new post); other values an older or edited library got wrong fall
        back to their defaults, and day headings that make no sense are skipped."""
        if not isinstance(data, dict):
            return None
        try:
            generator = ExportFormat(data.get("generator", ""))
        except ValueError:
            return None
        path = _relative_path(data.get("path"))
        if path is None:
            return None
        try:
            front_matter = FrontMatterFormat(data.get("front_matter", ""))
        except ValueError:
            front_matter = FrontMatterFormat.YAML
        spacers = data.get("spacers")
        return cls(
            generator=generator,
            path=path,
            front_matter=front_matter,
            spacers=spacers if isinstance(spacers, bool) else True,
            day_headings=_day_headings(data.get("day_headings")),
        )


def _relative_path(value: object) -> PurePosixPath | None:
    """A stored post path the export may write to: relative, with no ``..`` and no empty name."""
    if not isinstance(value, str) or not value or "\\" in value or "\0" in value:
        return None
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or path.name in ("", "."):
        return None
    return path


def _day_headings(value: object) -> dict[date, str]:
    if not isinstance(value, dict):
        return {}
    headings: dict[date, str] = {}
    for day, line in value.items():
        if not isinstance(day, str) or not isinstance(line, str) or len(line.splitlines()) != 1:
            continue
        try:
            headings[date.fromisoformat(day)] = line
        except ValueError:
            continue
    return headings
