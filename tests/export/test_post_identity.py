"""A trip imported from a post is exported again as that post (issue 13 item 4): its file (so its
URL), its front-matter format and keys, its day headings and its spacing, on the real generator.
"""

import json
import tomllib
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from journal.export import ExportFormat, ExportSettings
from journal.post_import.post_origin import FrontMatterFormat, PostOrigin
from journal.services import JournalService, NewTrip, TripEdit
from journal.services.post_origins import set_post_origin
from tests.export.conftest import AddPhoto
from tests.export.test_hugo_build import DEFAULT_CONFIG, HUGO, ImageSources, build_site, make_site
from tests.export.test_jekyll_categories import jekyll_build, jekyll_site, needs_jekyll

needs_hugo = pytest.mark.skipif(
    HUGO is None, reason="hugo is not installed (Debian package hugo; .ci/run)"
)

DAYS = (date(2023, 7, 22), date(2023, 7, 23), date(2023, 7, 24))
#: The days' headings as the imported post wrote them, and the titles they gave the days.
HEADINGS = {
    DAYS[0]: ("## Day 0 (Getting there)", "(Getting there)"),
    DAYS[1]: ("## Day 1 - Myeongdong", "Myeongdong"),
    DAYS[2]: ("## Day 2 – Thursday, July 24", "Thursday, July 24"),
}


def imported_trip(service: JournalService, add_photo: AddPhoto, origin: PostOrigin) -> int:
    """A trip as the import of a post leaves it: texts, photos, its own front-matter keys and
    the post's origin, kept where the import keeps it."""
    trip = service.create_trip(
        NewTrip("Seoul in July", DAYS[0], DAYS[-1], "Asia/Seoul", slug="seoul-2023")
    ).trip
    assert trip is not None
    for number, (day, (_, title)) in enumerate(HEADINGS.items()):
        photo = add_photo(trip, day, caption=f"Photo {number}")
        service.set_day_text(trip.id, day, f"Day {number} text.\n\n![](photo:{photo})\n", title)
    service.set_front_matter_template(trip.id, {"author": "Jane", "comments": True})
    with service.library.session() as session:
        set_post_origin(session, trip.id, origin)
    return trip.id


def origin(
    generator: ExportFormat,
    path: str,
    front_matter: FrontMatterFormat = FrontMatterFormat.YAML,
    *,
    spacers: bool = False,
) -> PostOrigin:
    headings = {day: heading for day, (heading, _) in HEADINGS.items()}
    return PostOrigin(generator, PurePosixPath(path), front_matter, spacers, headings)


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")]


def served_images(public: Path, page: Path) -> list[Path]:
    """The files the ``<img>`` of a built page load (each must exist)."""
    parser = ImageSources()
    parser.feed(page.read_text(encoding="utf-8"))
    page_url = urljoin("https://example.org/", page.parent.relative_to(public).as_posix() + "/")
    files = [
        public / unquote(urlsplit(urljoin(page_url, src)).path).lstrip("/")
        for src in parser.sources
    ]
    assert files
    assert all(file.is_file() for file in files), files
    return files


@needs_jekyll
def test_a_jekyll_post_keeps_its_file_keys_headings_and_spacing(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path
) -> None:
    trip_id = imported_trip(
        service, add_photo, origin(ExportFormat.JEKYLL, "_posts/2023-07-22-seoul-trip.markdown")
    )
    site = jekyll_site(tmp_path / "site")

    report = service.export_trip(trip_id, ExportSettings(format=ExportFormat.JEKYLL, folder=site))

    assert report.posts == (site / "_posts" / "2023-07-22-seoul-trip.markdown",)
    assert report.broken_links == ()
    text = report.posts[0].read_text(encoding="utf-8")
    # Only the keys the post had: no layout (the site's defaults choose it), no date (its file
    # name gives it), so the post looks and is linked as before.
    assert text.startswith("---\ntitle: Seoul in July\nauthor: Jane\ncomments: true\n---\n")
    assert headings(text) == [heading for heading, _ in HEADINGS.values()]
    assert "<br>" not in text

    public = tmp_path / "public"
    build = jekyll_build(site, public)
    assert build.returncode == 0, build.stderr
    assert len(served_images(public, public / "2023" / "07" / "22" / "seoul-trip.html")) == 3


def test_a_day_whose_title_changed_gets_a_heading_that_says_so(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path
) -> None:
    trip_id = imported_trip(
        service, add_photo, origin(ExportFormat.JEKYLL, "_posts/2023-07-22-seoul-trip.markdown")
    )
    service.set_day_text(trip_id, DAYS[1], "Day 1 text.", "Insadong")
    settings = ExportSettings(format=ExportFormat.JEKYLL, folder=tmp_path)

    text = service.plan_export(trip_id, settings).markdown

    assert headings(text) == [
        "## Day 0 (Getting there)",
        "## Day 1 — Insadong",
        "## Day 2 – Thursday, July 24",
    ]


def built_on_hugo(
    service: JournalService, trip_id: int, site: Path, path: str, config: str = DEFAULT_CONFIG
) -> tuple[str, list[Path]]:
    """Export the trip into a new Hugo site, check it is written at ``path`` with no broken
    link, build the site with the real Hugo: the post's text, and the files its page's three
    images load (each of which must exist)."""
    make_site(site, config)
    report = service.export_trip(trip_id, ExportSettings(format=ExportFormat.HUGO, folder=site))
    assert report.posts == (site / path,)
    assert report.broken_links == ()
    public = site.parent / "public"
    build_site(site, public)
    page = public / "posts" / "seoul-trip" / "index.html"
    assert "<h1>Seoul in July</h1>" in page.read_text(encoding="utf-8")
    images = served_images(public, page)
    assert len(images) == 3
    return report.posts[0].read_text(encoding="utf-8"), images


@needs_hugo
@pytest.mark.parametrize("front_matter", [FrontMatterFormat.TOML, FrontMatterFormat.JSON])
def test_a_hugo_bundle_keeps_its_folder_and_front_matter_format(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path, front_matter: FrontMatterFormat
) -> None:
    path = "content/posts/seoul-trip/index.md"
    trip_id = imported_trip(service, add_photo, origin(ExportFormat.HUGO, path, front_matter))

    text, _ = built_on_hugo(service, trip_id, tmp_path / "site", path)

    fields: dict[str, Any]
    if front_matter is FrontMatterFormat.TOML:
        assert text.startswith("+++\n")
        fields = tomllib.loads(text.split("+++\n")[1])
    else:
        fields, _ = json.JSONDecoder().raw_decode(text)
    assert fields == {"title": "Seoul in July", "author": "Jane", "comments": True}
    assert headings(text) == [heading for heading, _ in HEADINGS.values()]


@needs_hugo
def test_a_hugo_bundle_in_another_language_keeps_its_language(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path
) -> None:
    path = "content/posts/seoul-trip/index.ja.md"
    trip_id = imported_trip(service, add_photo, origin(ExportFormat.HUGO, path))
    japanese = f'{DEFAULT_CONFIG}defaultContentLanguage = "ja"\n[languages.ja]\n'

    built_on_hugo(service, trip_id, tmp_path / "site", path, japanese)


@needs_hugo
def test_a_hugo_page_that_is_not_a_bundle_gets_its_images_from_static(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path
) -> None:
    path = "content/posts/seoul-trip.md"
    trip_id = imported_trip(service, add_photo, origin(ExportFormat.HUGO, path))

    text, images = built_on_hugo(service, trip_id, tmp_path / "site", path)

    assert "](/images/seoul-2023/day-0-01.jpg)" in text
    assert {image.parent for image in images} == {tmp_path / "public" / "images" / "seoul-2023"}


def test_a_post_that_had_spacers_keeps_them_even_on_hugo(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path
) -> None:
    path = "content/posts/seoul-trip/index.md"
    trip_id = imported_trip(service, add_photo, origin(ExportFormat.HUGO, path, spacers=True))
    settings = ExportSettings(format=ExportFormat.HUGO, folder=tmp_path)

    text = service.plan_export(trip_id, settings).markdown

    assert text.count("<br>\n<br>\n") == 2


@pytest.mark.parametrize(
    "settings",
    [
        ExportSettings(format=ExportFormat.HUGO),
        ExportSettings(format=ExportFormat.JEKYLL, per_day=True),
        ExportSettings(format=ExportFormat.JEKYLL, slug="seoul-again"),
    ],
    ids=["another-kind-of-site", "a-post-per-day", "a-slug-of-its-own"],
)
def test_an_export_that_makes_another_post_writes_it_as_a_new_one(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path, settings: ExportSettings
) -> None:
    path = "_posts/2023-07-22-seoul-trip.markdown"
    trip_id = imported_trip(service, add_photo, origin(ExportFormat.JEKYLL, path))

    plan = service.plan_export(trip_id, ExportSettings(**{**settings.__dict__, "folder": tmp_path}))

    assert all(post.file != PurePosixPath(path) for post in plan.posts)
    assert all(post.text.startswith("---\n") for post in plan.posts)
    assert "## Day 1 — Myeongdong" in plan.markdown


def test_categories_the_post_kept_under_the_singular_key_are_written_once(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path
) -> None:
    path = "_posts/2023-07-22-seoul-trip.markdown"
    trip_id = imported_trip(service, add_photo, origin(ExportFormat.JEKYLL, path))
    service.edit_trip(trip_id, TripEdit(categories=("travel",), tags=("seoul",)))
    service.set_front_matter_template(trip_id, {"category": "travel"})
    settings = ExportSettings(format=ExportFormat.JEKYLL, folder=tmp_path)

    text = service.plan_export(trip_id, settings).markdown

    assert text.startswith("---\ntitle: Seoul in July\ntags:\n- seoul\ncategory: travel\n---\n")


@pytest.mark.parametrize("front_matter", list(FrontMatterFormat))
def test_the_posts_own_dates_are_written_back_as_dates(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path, front_matter: FrontMatterFormat
) -> None:
    """The import keeps a post's dates as the text it wrote (``2025-03-14T08:00:00+09:00``,
    TOML's too); YAML would quote that text and TOML write it as a string."""
    path = "content/posts/seoul-trip/index.md"
    trip_id = imported_trip(service, add_photo, origin(ExportFormat.HUGO, path, front_matter))
    written = {"date": "2025-03-14T08:00:00+09:00", "lastmod": "2025-03-15", "note": "2025-03-16"}
    service.set_front_matter_template(trip_id, written)
    settings = ExportSettings(format=ExportFormat.HUGO, folder=tmp_path)

    text = service.plan_export(trip_id, settings).markdown

    if front_matter is FrontMatterFormat.YAML:
        assert (
            "\ndate: 2025-03-14T08:00:00+09:00\nlastmod: 2025-03-15\nnote: '2025-03-16'\n" in text
        )
    elif front_matter is FrontMatterFormat.TOML:
        fields = tomllib.loads(text.split("+++\n")[1])
        assert fields["date"] == datetime.fromisoformat(written["date"])
        assert fields["lastmod"] == date(2025, 3, 15)
        assert fields["note"] == "2025-03-16"
    else:
        assert json.JSONDecoder().raw_decode(text)[0]["date"] == written["date"]
