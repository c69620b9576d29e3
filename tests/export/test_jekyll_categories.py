"""Categories that would stop ``jekyll build`` are refused before the export writes anything
(review row 6 of issue 11): Jekyll's default permalinks put the categories in the post's URL and
parse them as one, so ``12:30`` failed the build of the whole site with
``Addressable::URI::InvalidURIError``. Which categories break is checked against real Jekyll."""

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from journal.export import ExportError, ExportFormat, ExportSettings
from journal.export.front_matter import render_front_matter
from journal.export.jekyll_urls import check_categories
from journal.services import JournalService, NewTrip, TripEdit

JEKYLL = shutil.which("jekyll")
needs_jekyll = pytest.mark.skipif(
    JEKYLL is None, reason="jekyll is not installed (Debian package jekyll; .ci/run)"
)

#: The review's values, each of which failed the real build.
REVIEWED = ("12:30", "1:20:30", "190:20:30", ":sym", ": c", "2023-09-16T10:00:00Z")
#: More category lists real Jekyll cannot build with its default permalink.
BREAK_JEKYLL = (
    *([text] for text in REVIEWED),
    ["a b:c"],
    ["é:x"],
    ["1a:c"],
    ["a%:b"],
    ["http:"],
    ["http:?x"],
    ["//x:y"],
    ["12:30", "travel"],
)
#: Category lists real Jekyll builds: the characters a category may well hold.
BUILD_FINE = (
    ["a?b"],
    ["a#b"],
    ["100%"],
    ["a/b"],
    ["on the road"],
    ["a:b"],
    ["Note: x"],
    ["a:b:c"],
    ["http:/"],
    ["mailto:"],
    ["[x] {y} a|b C++ a\\b"],
    ["서울"],
    ["travel", "12:30"],
)
#: Refused although Jekyll builds them: text that starts a URL's authority (``//host:port``),
#: whose host and port rules are not modelled. No one names a category like this.
REFUSED_TO_BE_SAFE = (["http://x"], ["a://[x"], ["//"])

LAYOUT = (
    "<url>{{ page.url }}</url><cats>{% for c in page.categories %}[{{ c }}]{% endfor %}</cats>\n"
)


def jekyll_site(folder: Path, config: str = "title: Test site\n") -> Path:
    (folder / "_layouts").mkdir(parents=True)
    (folder / "_config.yml").write_text(config, encoding="utf-8")
    (folder / "_layouts" / "post.html").write_text(LAYOUT, encoding="utf-8")
    return folder


def write_post(site: Path, name: str, fields: dict[str, Any]) -> None:
    """A post with ``fields`` written as the export writes front matter."""
    posts = site / "_posts"
    posts.mkdir(exist_ok=True)
    front = render_front_matter({"layout": "post", "title": name, **fields})
    (posts / f"2023-09-16-{name}.md").write_text(f"{front}\nA day out.\n", encoding="utf-8")


def jekyll_build(site: Path, public: Path) -> subprocess.CompletedProcess[str]:
    assert JEKYLL is not None
    return subprocess.run(
        [JEKYLL, "build", "--source", str(site), "--destination", str(public), "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def refused(site: Path, categories: list[str]) -> bool:
    try:
        check_categories(site, {"categories": categories})
    except ExportError:
        return True
    return False


@needs_jekyll
@pytest.mark.parametrize("categories", BREAK_JEKYLL, ids=str)
def test_categories_that_break_the_real_build_are_refused(
    tmp_path: Path, categories: list[str]
) -> None:
    site = jekyll_site(tmp_path / "site")
    write_post(site, "post", {"categories": categories})
    build = jekyll_build(site, tmp_path / "public")
    assert build.returncode != 0
    assert "Addressable::URI::InvalidURIError" in build.stderr
    assert refused(site, categories)


@needs_jekyll
def test_categories_the_real_build_takes_are_let_through(tmp_path: Path) -> None:
    site = jekyll_site(tmp_path / "site")
    for number, categories in enumerate(BUILD_FINE):
        assert not refused(site, categories), categories
        write_post(site, f"post-{number}", {"categories": categories})
    public = tmp_path / "public"
    build = jekyll_build(site, public)
    assert build.returncode == 0, build.stderr
    assert len(list(public.rglob("post-*.html"))) == len(BUILD_FINE)


@pytest.mark.parametrize("categories", REFUSED_TO_BE_SAFE, ids=str)
def test_text_starting_an_authority_is_refused_to_be_safe(
    tmp_path: Path, categories: list[str]
) -> None:
    assert refused(jekyll_site(tmp_path / "site"), categories)


def categorised_trip(service: JournalService, category: str) -> int:
    changes = service.create_trip(
        NewTrip("Seoul", date(2023, 9, 16), date(2023, 9, 16), "Asia/Seoul", (category,), ())
    )
    assert changes.trip is not None
    service.edit_trip(changes.trip.id, TripEdit(intro="A day out."))
    return changes.trip.id


@pytest.mark.parametrize("category", REVIEWED)
def test_the_export_refuses_such_a_category_before_writing_anything(
    service: JournalService, tmp_path: Path, category: str
) -> None:
    site = jekyll_site(tmp_path / "site")
    trip_id = categorised_trip(service, category)

    with pytest.raises(ExportError) as refusal:
        service.export_trip(trip_id, ExportSettings(format=ExportFormat.JEKYLL, folder=site))

    readable = category.replace(":", "-").strip("- ")
    assert str(refusal.value) == (
        f"Jekyll cannot build a site with the category {category!r} in a post's URL: it reads "
        "it as a broken web address and stops the build of the whole site. Rename the category "
        f"(e.g. {readable!r}), or give the post a permalink without :categories in its extra "
        "front matter (permalink: /:year/:month/:day/:title:output_ext), which changes its URL."
    )
    assert sorted(path.name for path in site.iterdir()) == ["_config.yml", "_layouts"]


@needs_jekyll
def test_a_post_with_its_own_permalink_keeps_the_category_and_builds(
    service: JournalService, tmp_path: Path
) -> None:
    """The way on the message offers: the post's own permalink, without categories."""
    site = jekyll_site(tmp_path / "site")
    trip_id = categorised_trip(service, "12:30")
    service.set_front_matter_template(
        trip_id, {"permalink": "/:year/:month/:day/:title:output_ext"}
    )

    service.export_trip(trip_id, ExportSettings(format=ExportFormat.JEKYLL, folder=site))

    public = tmp_path / "public"
    build = jekyll_build(site, public)
    assert build.returncode == 0, build.stderr
    # Jekyll dates the URL in the site's zone (UTC): the post is dated at noon in Seoul, so that
    # it is the trip's first day there too (Seoul's midnight was the day before, issue 13).
    page = (public / "2023" / "09" / "16" / "seoul.html").read_text(encoding="utf-8")
    assert page == "<url>/2023/09/16/seoul.html</url><cats>[12:30]</cats>\n"


@pytest.mark.parametrize(
    ("config", "allowed"),
    [
        ("permalink: /:title/\n", True),
        ("permalink: /blog/:year/:title/\n", True),
        ("collections:\n  posts:\n    permalink: /:title/\n", True),
        ("permalink: pretty\n", False),
        ("permalink: /:categories/:title/\n", False),
        (
            "permalink: /:title/\ncollections:\n  posts:\n    permalink: /:categories/:title/\n",
            False,
        ),
        ("permalink: [not, a, permalink\n", False),  # not YAML: Jekyll's default
    ],
)
def test_the_sites_own_permalink_decides_whether_categories_are_in_the_url(
    service: JournalService, tmp_path: Path, config: str, allowed: bool
) -> None:
    site = jekyll_site(tmp_path / "site", config)
    trip_id = categorised_trip(service, "12:30")
    settings = ExportSettings(format=ExportFormat.JEKYLL, folder=site)
    if allowed:
        service.export_trip(trip_id, settings)
        assert (site / "_posts" / "2023-09-16-seoul.md").is_file()
    else:
        with pytest.raises(ExportError, match="category '12:30'"):
            service.export_trip(trip_id, settings)


def test_an_extra_category_key_is_read_as_jekyll_reads_it(
    service: JournalService, tmp_path: Path
) -> None:
    """An imported post keeps its singular ``category`` among the extra keys; Jekyll adds it."""
    site = jekyll_site(tmp_path / "site")
    trip_id = categorised_trip(service, "travel")
    service.set_front_matter_template(trip_id, {"category": "12:30"})
    settings = ExportSettings(format=ExportFormat.JEKYLL, folder=site)
    service.export_trip(trip_id, settings)  # "travel/12:30": the URL starts with "travel"
    service.set_front_matter_template(trip_id, {"categories": "12:30 travel"})
    with pytest.raises(ExportError, match="category '12:30'"):
        service.export_trip(trip_id, settings, overwrite=True)


def test_a_config_that_is_a_pipe_is_not_read_and_jekylls_default_applies(
    service: JournalService, tmp_path: Path
) -> None:
    """Opening a pipe with no writer would block the export for good."""
    site = tmp_path / "site"
    site.mkdir()
    os.mkfifo(site / "_config.yml")
    trip_id = categorised_trip(service, ":sym")
    with pytest.raises(ExportError, match="category ':sym'"):
        service.export_trip(trip_id, ExportSettings(format=ExportFormat.JEKYLL, folder=site))
