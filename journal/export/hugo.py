"""Hugo page bundles: ``content/posts/<slug>/index.md`` with its images beside it, linked
relatively, so Hugo publishes them with the page and the links need no site-wide prefix.

An imported post keeps its file: a bundle's ``index.md`` (or ``index.ja.md``) gets its images
beside it as a new one does; a single page (``content/posts/seoul.md``) has no folder of its own
that Hugo would publish, so its images go to ``static/images/<slug>/``, linked from the site root.
A new post has no raw HTML, which Hugo's default renderer drops: no ``<br>`` spacers, and the
``<br>`` of its texts made Markdown (``line_breaks``).
"""

from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from journal.export.front_matter import rfc3339_date
from journal.export.line_breaks import without_raw_breaks
from journal.export.profile import PostPart, Profile, relative_file
from journal.export.safe_paths import url_path
from journal.markdown.links import local_path
from journal.site_config import read_site_config

_STATIC = PurePosixPath("static")


class HugoProfile(Profile):
    spacers = False

    def post_file(self, part: PostPart) -> PurePosixPath:
        return part.path or PurePosixPath("content", "posts", part.slug, "index.md")

    def image_folder(self, part: PostPart) -> PurePosixPath:
        if part.path is None:
            return PurePosixPath("content", "posts", part.slug)
        if part.path.name.startswith(("index.", "_index.")):
            return part.path.parent
        return _STATIC / "images" / part.trip_slug

    @cached_property
    def base_path(self) -> str:
        """The path of the site's ``baseURL`` (``/travel`` of ``https://example.org/travel/``):
        a link from the site root must start with it to reach ``static/``."""
        folder = self.settings.folder
        return "" if folder is None else read_site_config(folder).base_path

    def image_url(self, post_file: PurePosixPath, image_file: PurePosixPath) -> str:
        if image_file.is_relative_to(_STATIC):
            return f"{self.base_path}/{url_path(image_file.relative_to(_STATIC))}"
        return url_path(image_file.relative_to(post_file.parent))

    def new_post_text(self, text: str) -> str:
        return without_raw_breaks(text)

    def served_file(self, folder: Path, post_file: PurePosixPath, url_path: str) -> Path | str:
        if url_path.startswith("/"):
            # Site-absolute links are served from the static folder, under the base path.
            base = self.base_path
            if base:
                if not url_path.startswith(f"{base}/"):
                    return f"it is not under the site's base path {base}"
                url_path = url_path.removeprefix(base)
            static = folder / "static"
            found = local_path(url_path, base=static, within=static)
            return "it points outside the site" if found is None else found
        return relative_file(folder, post_file.parent, url_path)

    def front_matter(self, part: PostPart) -> dict[str, Any]:
        return {
            "title": part.title,
            "date": rfc3339_date(part.date),
            "draft": False,
            **self._labels(part),
        }
