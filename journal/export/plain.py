"""Plain Markdown: ``slug.md`` beside a ``slug/`` folder of images, linked relatively, so the
post opens with its pictures in any Markdown viewer and the pair can be zipped or moved."""

from pathlib import Path, PurePosixPath
from typing import Any

from journal.export.front_matter import jekyll_date
from journal.export.profile import PostPart, Profile, relative_file
from journal.export.safe_paths import url_path


class PlainProfile(Profile):
    def post_file(self, part: PostPart) -> PurePosixPath:
        return part.path or PurePosixPath(f"{part.slug}.md")

    def image_folder(self, part: PostPart) -> PurePosixPath:
        return self.post_file(part).parent / part.trip_slug

    def image_url(self, post_file: PurePosixPath, image_file: PurePosixPath) -> str:
        return url_path(image_file.relative_to(post_file.parent))

    def served_file(self, folder: Path, post_file: PurePosixPath, url_path: str) -> Path | str:
        if url_path.startswith("/"):
            return "a viewer reads a link starting with / from the root of the disk"
        return relative_file(folder, post_file.parent, url_path)

    def front_matter(self, part: PostPart) -> dict[str, Any]:
        return {"title": part.title, "date": jekyll_date(part.date), **self._labels(part)}
