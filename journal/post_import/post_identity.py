"""What identifies an imported post in its site, recorded as its ``PostOrigin``.

A post's URL comes from its file: Jekyll's ``_posts/2023-07-24-seoul.markdown`` (date, slug and
extension), Hugo's ``content/posts/seoul/index.ja.md`` (bundle folder, language suffix). The
import records that path, the kind of site, the front matter's format, whether the post used the
``<br>`` spacers and each day's heading line as written, so that the export can write the post
back under the same URL and in the same spelling.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Protocol

from journal.export.settings import ExportFormat
from journal.markdown.post_layout import INTRO_SPACER
from journal.post_import.post_origin import FrontMatterFormat, PostOrigin

#: Files at a site's root that say which generator builds it.
_JEKYLL_CONFIGS = ("_config.yml", "_config.yaml", "_config.toml")
_HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json")


class _Text(Protocol):
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class PostLocation:
    """Where a post is: the kind of site, and its path there (for plain Markdown, its name)."""

    generator: ExportFormat
    path: PurePosixPath

    def served_from(self, site_root: Path) -> Path | None:
        """Where the site serves site-absolute links from, if not its root: Hugo's ``static``."""
        static = site_root / "static"
        return static if self.generator is ExportFormat.HUGO and static.is_dir() else None


def post_location(source: Path, site_root: Path) -> PostLocation:
    """Where the post at ``source`` is in the site at ``site_root``."""
    try:
        path = PurePosixPath(source.resolve().relative_to(site_root).as_posix())
    except ValueError:
        path = PurePosixPath(source.name)
    generator = site_kind(site_root, path)
    if generator is ExportFormat.MARKDOWN:
        path = PurePosixPath(source.name)
    return PostLocation(generator, path)


def site_kind(site_root: Path, path: PurePosixPath) -> ExportFormat:
    """The generator of the site at ``site_root`` holding the post at ``path`` (relative to the
    root): by its configuration file, else by where the post is (``_posts/``, ``content/``)."""
    if any((site_root / name).is_file() for name in _JEKYLL_CONFIGS):
        return ExportFormat.JEKYLL
    if any((site_root / name).is_file() for name in _HUGO_CONFIGS):
        return ExportFormat.HUGO
    if "_posts" in path.parts[:-1]:
        return ExportFormat.JEKYLL
    if path.parts[0] == "content" and len(path.parts) > 1:
        return ExportFormat.HUGO
    return ExportFormat.MARKDOWN


def post_origin(
    location: PostLocation,
    front_matter: FrontMatterFormat,
    sections: Sequence[_Text],
    day_headings: Mapping[date, str],
) -> PostOrigin:
    """The origin of a post at ``location``: also the front matter's format, whether any of
    ``sections`` (intro and days) ends with a ``<br>`` spacer, and the heading line of each day
    (the first, where two sections share a date)."""
    headings: dict[date, str] = {}
    for day, line in day_headings.items():
        if line:
            headings.setdefault(day, line)
    return PostOrigin(
        generator=location.generator,
        path=location.path,
        front_matter=front_matter,
        spacers=any(section.text.rstrip().endswith(INTRO_SPACER) for section in sections),
        day_headings=headings,
    )
