"""A target generator's conventions: where a post and its images go, and how links to them are
written and later served. Each target is one small ``Profile`` (``jekyll.py``, ``hugo.py``,
``plain.py``) because no single link style works everywhere: a Jekyll post is served at a URL
unrelated to its file, while a Hugo page bundle serves its images beside the page."""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from journal.export.settings import ExportSettings
from journal.export.source import ExportSource
from journal.markdown.links import local_path


@dataclass(frozen=True)
class PostPart:
    """One post file: the whole trip, or one day of it when exporting a post per day."""

    #: The trip's export slug; shared image folders are named after it.
    trip_slug: str
    #: This post's own slug (``trip_slug``, or ``trip_slug-day-N``).
    slug: str
    title: str
    #: The start of the post's (first) day in the trip's zone.
    date: datetime
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    #: When the post's first day happened, as a post date that stays on that day on any site
    #: (``front_matter.post_moment``).
    moment: datetime
    #: The file of the post this one was imported from, relative to the folder, kept so that
    #: its URL stays the same; None for a new post, named by the profile.
    path: PurePosixPath | None = None


class Profile(ABC):
    #: Whether a new post has the ``<br>`` spacers after its intro and between its days.
    spacers = True

    def __init__(self, settings: ExportSettings) -> None:
        self.settings = settings

    @abstractmethod
    def post_file(self, part: PostPart) -> PurePosixPath:
        """The post's path relative to the chosen folder."""

    @abstractmethod
    def image_folder(self, part: PostPart) -> PurePosixPath:
        """Where the post's images go, relative to the chosen folder."""

    @abstractmethod
    def image_url(self, post_file: PurePosixPath, image_file: PurePosixPath) -> str:
        """The link the post writes for an image it exported."""

    def include_url(self, post_file: PurePosixPath, image_file: PurePosixPath) -> str:
        """The path a Jekyll include is given for an image it exported (``image_url`` unless
        the include adds something to it itself)."""
        return self.image_url(post_file, image_file)

    def included_link(self, url: str) -> str:
        """The link an include makes of the path ``url`` it was given (``include_url``)."""
        return url

    @abstractmethod
    def served_file(self, folder: Path, post_file: PurePosixPath, url_path: str) -> Path | str:
        """The file the generator serves for an image path in the post, or why none can be.

        ``url_path`` is the path part of a local (scheme-less) link, still percent-encoded.
        """

    @abstractmethod
    def front_matter(self, part: PostPart) -> dict[str, Any]:
        """The generated front-matter keys, in the order they are written."""

    def new_post_text(self, text: str) -> str:
        """A text of a new post as this generator should get it (a post imported from a site of
        this kind keeps its texts as they were there)."""
        return text

    def trip_fields(self, part: PostPart) -> dict[str, Any]:
        """The front-matter keys the trip has fields for: its title, categories and tags. A post
        imported from a site of this kind gets only these; its other keys are its own."""
        return {"title": part.title, **self._labels(part)}

    def check_buildable(self, folder: Path, source: ExportSource) -> None:  # noqa: B027
        """Refuse (``ExportError``), before anything is written, a post the generator could not
        build in ``folder``; every post it writes can be built unless a profile says otherwise.
        """

    def _labels(self, part: PostPart) -> dict[str, Any]:
        labels: dict[str, Any] = {}
        if part.categories:
            labels["categories"] = list(part.categories)
        if part.tags:
            labels["tags"] = list(part.tags)
        return labels


def relative_file(folder: Path, base: PurePosixPath, url_path: str) -> Path | str:
    """A relative link resolved against ``base`` (a folder inside ``folder``), kept inside it."""
    found = local_path(url_path, base=folder.joinpath(*base.parts), within=folder)
    return "it points outside the export folder" if found is None else found
