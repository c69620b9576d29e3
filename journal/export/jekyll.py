"""Jekyll: ``_posts/YYYY-MM-DD-slug.md``, images in ``assets/images/<slug>/``, linked from the
site root (with the site's ``baseurl``) because a post's URL comes from its permalink pattern,
not from where its file lies. The date is the first day's first photo time or noon, never its
midnight, which a site in a zone west of the trip's would show (and link) a day early."""

from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from journal.export.front_matter import jekyll_date
from journal.export.jekyll_urls import check_categories
from journal.export.profile import PostPart, Profile
from journal.export.safe_paths import url_path
from journal.export.source import ExportSource
from journal.markdown.links import local_path
from journal.site_config import read_site_config


class JekyllProfile(Profile):
    @cached_property
    def baseurl(self) -> str:
        """The export's ``baseurl``, else the one the site's ``_config.yml`` sets: a post
        written back into its site links its images as that site serves them."""
        folder = self.settings.folder
        if self.settings.baseurl or folder is None:
            return self.settings.baseurl
        return read_site_config(folder).base_path

    def post_file(self, part: PostPart) -> PurePosixPath:
        return part.path or PurePosixPath("_posts", f"{part.date:%Y-%m-%d}-{part.slug}.md")

    def image_folder(self, part: PostPart) -> PurePosixPath:
        return PurePosixPath("assets", "images", part.trip_slug)

    def image_url(self, post_file: PurePosixPath, image_file: PurePosixPath) -> str:
        return f"{self.baseurl}/{url_path(image_file)}"

    def include_url(self, post_file: PurePosixPath, image_file: PurePosixPath) -> str:
        """From the site root without the ``baseurl``: includes that take an image path put
        ``{{ site.baseurl }}`` (or ``relative_url``) before it themselves."""
        return f"/{url_path(image_file)}"

    def included_link(self, url: str) -> str:
        return f"{self.baseurl}{url}" if url.startswith("/") else url

    def served_file(self, folder: Path, post_file: PurePosixPath, url_path: str) -> Path | str:
        if not url_path.startswith("/"):
            return "a relative link in a Jekyll post resolves against the post's URL; link from /"
        baseurl = self.baseurl
        if baseurl:
            if not url_path.startswith(f"{baseurl}/"):
                return f"it is not under the site's baseurl {baseurl}"
            url_path = url_path.removeprefix(baseurl)
        found = local_path(url_path, base=folder, within=folder)
        return "it points outside the site" if found is None else found

    def check_buildable(self, folder: Path, source: ExportSource) -> None:
        """Categories that would stop ``jekyll build`` (``jekyll_urls``): the trip's, unless the
        extra front matter sets its own, as it does when the post is written."""
        check_categories(
            folder, {"categories": list(source.trip.categories), **source.front_matter}
        )

    def front_matter(self, part: PostPart) -> dict[str, Any]:
        return {
            "layout": "post",
            "title": part.title,
            "date": jekyll_date(part.moment),
            **self._labels(part),
        }
