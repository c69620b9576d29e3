"""Titles, categories and tags that YAML readers could take for something else reach Jekyll and
Hugo as the text the user wrote (issue 11.11): real builds with real Hugo and Jekyll."""

import html
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from journal.export import ExportFormat, ExportSettings
from journal.export.front_matter import front_matter_yaml
from journal.services import JournalService, NewTrip, TripEdit
from tests.export.test_hugo_build import HUGO, build_site, make_site

JEKYLL = shutil.which("jekyll")

#: Booleans and nulls of YAML 1.1 (``y``, ``N`` are not to PyYAML), numbers of YAML 1.1, 1.2 and
#: Go (octal, hex, binary, underscores, commas, exponents without a dot), infinities, dates,
#: times, sexagesimals and a Ruby symbol; and plain text that must stay plain.
TRICKY = (
    "y",
    "N",
    "on",
    "Off",
    "Yes",
    "NULL",
    "~",
    "true",
    "0o17",
    "017",
    "08",
    "0x1F",
    "0b101",
    "1_000",
    "1,000",
    "1e3",
    "+1e3",
    "1.e3",
    "+.5",
    ".inf",
    "-.inf",
    ".NaN",
    "nan",
    "2023-09-30",
    "2023-09-30 20:00:00 +0900",
    "12:30",
    "1:20:30",
    ":sym",
    "20230930",
)
PLAIN = ("Seattle", "AWS Summit 후기", "yellow", "on the road")


@pytest.mark.parametrize("text", TRICKY)
def test_text_a_reader_could_misread_is_quoted_and_reads_back_as_itself(text: str) -> None:
    fields = {"title": text, "categories": [text], "tags": [text], text: text}
    written = front_matter_yaml(fields)
    assert f"title: '{text}'\n" in written
    assert yaml.safe_load(written) == fields
    assert yaml.load(written, Loader=yaml.BaseLoader) == fields


@pytest.mark.parametrize("text", PLAIN)
def test_other_text_stays_plain(text: str) -> None:
    assert front_matter_yaml({"title": text}) == f"title: {text}\n"


def export_tricky_trips(
    service: JournalService, site: Path, export_format: ExportFormat
) -> dict[str, Path]:
    """A trip per tricky text, titled, categorised and tagged with it, exported into ``site``;
    the exported post of each, by text."""
    posts = {}
    for text in TRICKY:
        changes = service.create_trip(
            NewTrip(text, date(2023, 9, 16), date(2023, 9, 16), "Asia/Seoul", (text,), (text,))
        )
        assert changes.trip is not None
        service.edit_trip(changes.trip.id, TripEdit(intro="A day out."))
        report = service.export_trip(
            changes.trip.id, ExportSettings(format=export_format, folder=site)
        )
        [posts[text]] = report.posts
    return posts


def page_text(page: Path) -> tuple[str, str, str]:
    """The title, categories and tags a page shows, as a browser shows them."""
    shown = html.unescape(page.read_text(encoding="utf-8"))
    found = re.search(r"<title>(.*)</title><cats>(.*)</cats><tags>(.*)</tags>", shown)
    assert found is not None, shown
    return found.group(1), found.group(2), found.group(3)


HUGO_SINGLE = (
    "<title>{{ .Title }}</title><cats>{{ range .Params.categories }}[{{ . }}]{{ end }}</cats>"
    "<tags>{{ range .Params.tags }}[{{ . }}]{{ end }}</tags>\n"
)


@pytest.mark.skipif(HUGO is None, reason="hugo is not installed (Debian package hugo; .ci/run)")
def test_hugo_shows_every_title_category_and_tag_as_written(
    service: JournalService, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    make_site(site)
    (site / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    posts = export_tricky_trips(service, site, ExportFormat.HUGO)
    public = tmp_path / "public"
    build_site(site, public)
    shown = {
        text: page_text(public / "posts" / post.parent.name / "index.html")
        for text, post in posts.items()
    }
    assert shown == {text: (text, f"[{text}]", f"[{text}]") for text in TRICKY}


JEKYLL_CONFIG = "title: Test site\npermalink: /:title/\n"
JEKYLL_LAYOUT = (
    "<title>{{ page.title }}</title><cats>{% for c in page.categories %}[{{ c }}]{% endfor %}"
    "</cats><tags>{% for t in page.tags %}[{{ t }}]{% endfor %}</tags>\n"
)


@pytest.mark.skipif(
    JEKYLL is None, reason="jekyll is not installed (Debian package jekyll; .ci/run)"
)
def test_jekyll_shows_every_title_category_and_tag_as_written(
    service: JournalService, tmp_path: Path
) -> None:
    assert JEKYLL is not None
    site = tmp_path / "site"
    (site / "_layouts").mkdir(parents=True)
    (site / "_config.yml").write_text(JEKYLL_CONFIG, encoding="utf-8")
    (site / "_layouts" / "post.html").write_text(JEKYLL_LAYOUT, encoding="utf-8")
    posts = export_tricky_trips(service, site, ExportFormat.JEKYLL)
    public = tmp_path / "public"
    build = subprocess.run(
        [JEKYLL, "build", "--source", str(site), "--destination", str(public), "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    # ``_posts/2023-09-16-<slug>.md`` is served at ``/<slug>/`` (the permalink above).
    shown = {
        text: page_text(public / post.stem.removeprefix("2023-09-16-") / "index.html")
        for text, post in posts.items()
    }
    assert shown == {text: (text, f"[{text}]", f"[{text}]") for text in TRICKY}


def test_the_post_date_stays_a_plain_date_even_from_the_extra_front_matter(
    service: JournalService, tmp_path: Path
) -> None:
    """An imported post keeps its own ``date`` among the extra keys; it is still written as the
    date Jekyll documents, not quoted into text."""
    changes = service.create_trip(
        NewTrip("Summit", date(2023, 9, 16), date(2023, 9, 16), "Asia/Seoul")
    )
    assert changes.trip is not None
    trip_id = changes.trip.id
    service.edit_trip(trip_id, TripEdit(intro="A day out."))
    settings = ExportSettings(format=ExportFormat.JEKYLL, folder=tmp_path)
    assert "\ndate: 2023-09-16 12:00:00 +0900\n" in service.plan_export(trip_id, settings).markdown
    service.set_front_matter_template(trip_id, {"date": "2023-09-30 20:00:00 +0900"})
    assert "\ndate: 2023-09-30 20:00:00 +0900\n" in service.plan_export(trip_id, settings).markdown
