"""Hugo page bundles: ``content/posts/<slug>/index.md`` with its images beside it, linked
relatively, so Hugo publishes them with the page and the links need no site-wide prefix."""

from pathlib import Path, PurePosixPath
from typing import Any

from journal.export.front_matter import rfc3339_date
from journal.export.profile import PostPart, Profile, relative_file
from journal.export.safe_paths import url_path
from journal.markdown.links import local_path


class HugoProfile(Profile):
    def post_file(self, part: PostPart) -> PurePosixPath:
        return PurePosixPath("content", "posts", part.slug, "index.md")

    def image_folder(self, part: PostPart) -> PurePosixPath:
        return PurePosixPath("content", "posts", part.slug)

    def image_url(self, post_file: PurePosixPath, image_file: PurePosixPath) -> str:
        return url_path(image_file.relative_to(post_file.parent))

    def served_file(self, folder: Path, post_file: PurePosixPath, url_path: str) -> Path | str:
        if url_path.startswith("/"):
            # Site-absolute links are served from the static folder.
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
