"""Real posts round-trip: ``import-post`` → ``export`` back into the site → the real generator.

Each post of the fixture blogs (``data/jekyll-blog``, ``data/hugo-blog``; see
``test_real_blogs``) is imported into a new library and exported back into a copy of its site as
the same post (replacing the post it came from), and the site is built with real Jekyll or Hugo.
Every image of the built page must resolve to a file the site published, and the post may
differ from the original only as the README documents: image URLs lead to the exported images
(Liquid in them included), an ``<img>`` or ``figure`` gains a size, a reference definition moves
to the day whose image uses it, the front matter is written anew with the same keys and values,
and blank lines may differ.
"""

import dataclasses
import re
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from journal.export import ExportFormat
from journal.markdown.images import rewrite_urls
from journal.post_import.front_matter import parse_post_date, split_front_matter
from journal.services import JournalService
from journal.store.library import Library
from tests.export.test_hugo_build import HUGO, ImageSources, build_site
from tests.export.test_jekyll_categories import jekyll_build, needs_jekyll
from tests.post_import.test_real_blogs import HUGO as HUGO_BLOG
from tests.post_import.test_real_blogs import JEKYLL as JEKYLL_BLOG

#: Each post and the page its generator builds for it.
JEKYLL_POSTS = {
    "_posts/2025-07-22-seoul-trip.markdown": "2025/07/22/seoul-trip/index.html",
    "_posts/2025-07-24-day-2.md": "2025/07/24/day-2/index.html",
    "_posts/2025-07-25-busan.md": "2025/07/25/busan/index.html",
    "_posts/2025-07-20-packing.md": "2025/07/20/packing/index.html",
}
HUGO_POSTS = {
    "content/posts/kyoto/index.md": "posts/kyoto/index.html",
    "content/posts/kyoto/index.ja.md": "ja/posts/kyoto/index.html",
    "content/posts/osaka.md": "posts/osaka/index.html",
}
#: The size the export gives an ``<img>`` or a ``figure`` that had none.
_ADDED_SIZE = re.compile(r' width="\d+" height="\d+"')
#: A reference definition's line.
_DEFINITION = re.compile(r"^\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)


def round_trip(tmp_path: Path, blog: Path, post: str, export_format: ExportFormat) -> Path:
    """A copy of ``blog`` with ``post`` imported into a new library and exported back."""
    site = tmp_path / "site"
    shutil.copytree(blog, site)
    with Library.open(tmp_path / "library") as library:
        service = JournalService(library)
        trip = service.import_post(service.plan_post(site / post)).trip
        settings = service.export_settings(trip.id)
        settings = dataclasses.replace(settings, format=export_format, folder=site)
        report = service.export_trip(trip.id, settings, overwrite=True)
    assert report.broken_links == ()
    assert report.posts == (site / post,)  # the same file: the post keeps its URL
    return site


def unresolved_images(public: Path, page: str, base_url: str) -> list[str]:
    """The images of a built page on the site itself that the site did not publish."""
    parser = ImageSources()
    parser.feed((public / page).read_text(encoding="utf-8"))
    page_url = urljoin(base_url, Path(page).parent.as_posix() + "/")
    missing = []
    for source in parser.sources:
        url = urlsplit(urljoin(page_url, source))
        served = public / unquote(url.path).lstrip("/")
        if url.netloc == urlsplit(base_url).netloc and not served.is_file():
            missing.append(source)
    return missing


def _plain(value: Any) -> Any:
    """A front-matter value as data, whatever the format wrote: dates as dates, one label as a
    list of one."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime | date):
        return value
    parsed = parse_post_date(value) if isinstance(value, str) else None
    return parsed if parsed is not None else value


def comparable(text: str) -> tuple[dict[str, Any], list[str], list[str]]:
    """What the export must keep of a post: its front matter as data (tags and categories as
    lists), its body without image URLs, sizes the export adds, reference definitions and
    blank lines, and its reference definitions without their URLs."""
    front_matter, body = split_front_matter(text, "post")
    values = _plain(front_matter.values)
    for key in ("tags", "categories"):
        if isinstance(values.get(key), str):
            values[key] = values[key].split()
    without_urls = _ADDED_SIZE.sub("", rewrite_urls(body, lambda image: ""))
    definitions = sorted(line.split("]:")[0] for line in _DEFINITION.findall(without_urls))
    lines = [line for line in _DEFINITION.sub("", without_urls).splitlines() if line.strip()]
    return values, lines, definitions


def assert_only_documented_changes(original: str, exported: str) -> None:
    assert comparable(exported) == comparable(original)


@needs_jekyll
@pytest.mark.parametrize(("post", "page"), JEKYLL_POSTS.items(), ids=list(JEKYLL_POSTS))
def test_a_jekyll_post_comes_back_whole_and_builds(tmp_path: Path, post: str, page: str) -> None:
    original = (JEKYLL_BLOG / post).read_text(encoding="utf-8")

    site = round_trip(tmp_path, JEKYLL_BLOG, post, ExportFormat.JEKYLL)

    public = tmp_path / "public"
    build = jekyll_build(site, public)
    assert build.returncode == 0, build.stderr
    assert unresolved_images(public, page, "https://notes.example.org/") == []
    assert_only_documented_changes(original, (site / post).read_text(encoding="utf-8"))


@pytest.mark.skipif(HUGO is None, reason="hugo is not installed (Debian package hugo; .ci/run)")
@pytest.mark.parametrize(("post", "page"), HUGO_POSTS.items(), ids=list(HUGO_POSTS))
def test_a_hugo_post_comes_back_whole_and_builds(tmp_path: Path, post: str, page: str) -> None:
    original = (HUGO_BLOG / post).read_text(encoding="utf-8")

    site = round_trip(tmp_path, HUGO_BLOG, post, ExportFormat.HUGO)

    public = tmp_path / "public"
    build_site(site, public)
    assert unresolved_images(public, page, "https://travel.example.net/") == []
    assert_only_documented_changes(original, (site / post).read_text(encoding="utf-8"))


@pytest.mark.skipif(HUGO is None, reason="hugo is not installed (Debian package hugo; .ci/run)")
def test_translations_sharing_a_bundle_keep_each_others_images(tmp_path: Path) -> None:
    """``index.md`` and ``index.ja.md`` of one bundle are two trips whose images go to the same
    folder: exporting one never renames over, or removes, the images the other links."""
    site = tmp_path / "site"
    shutil.copytree(HUGO_BLOG, site)
    bundle = site / "content" / "posts" / "kyoto"
    with Library.open(tmp_path / "library") as library:
        service = JournalService(library)
        english, japanese = (
            service.import_post(service.plan_post(bundle / name)).trip
            for name in ("index.md", "index.ja.md")
        )
        exported: dict[str, bytes] = {}
        for trip in (english, japanese):
            settings = dataclasses.replace(
                service.export_settings(trip.id), format=ExportFormat.HUGO, folder=site
            )
            report = service.export_trip(trip.id, settings, overwrite=True)
            assert report.broken_links == ()
            if trip is english:
                exported = {path.name: path.read_bytes() for path in bundle.iterdir()}

    assert {path.name: path.read_bytes() for path in bundle.iterdir()}.items() >= {
        name: data for name, data in exported.items() if name != "index.ja.md"
    }.items()
    public = tmp_path / "public"
    build_site(site, public)
    for page in ("posts/kyoto/index.html", "ja/posts/kyoto/index.html"):
        assert unresolved_images(public, page, "https://travel.example.net/") == []
