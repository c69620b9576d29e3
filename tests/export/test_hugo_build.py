"""The exported bundle built by real Hugo: every <img> of the site maps to a file it published."""

import html
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from journal.export import ExportFormat, ExportSettings
from journal.services import JournalService, TripInfo
from tests.export.conftest import AddPhoto
from tests.export.trip_content import write_summit

HUGO = shutil.which("hugo")
BASE_URL = "https://example.org/"

#: A site as ``hugo new site`` makes it: its renderer drops raw HTML (and warns, since 0.121).
DEFAULT_CONFIG = f"""\
baseURL = "{BASE_URL}"
title = "Test site"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""
CONFIG = f"""\
{DEFAULT_CONFIG}[markup.goldmark.renderer]
unsafe = true
"""
SINGLE = """\
<!doctype html><html><head><title>{{ .Title }}</title></head><body>
<h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02T15:04:05-07:00" }}</time>
{{ .Content }}
</body></html>
"""
LIST = """\
<!doctype html><html><body>
{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</body></html>
"""


class ImageSources(HTMLParser):
    """The ``src`` of every ``<img>`` of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.sources.extend(value for name, value in attrs if name == "src" and value)


def make_site(root: Path, config: str = CONFIG) -> None:
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "hugo.toml").write_text(config, encoding="utf-8")
    (root / "layouts" / "_default" / "single.html").write_text(SINGLE, encoding="utf-8")
    (root / "layouts" / "_default" / "list.html").write_text(LIST, encoding="utf-8")
    (root / "layouts" / "index.html").write_text(LIST, encoding="utf-8")


def build_site(site: Path, public: Path) -> str:
    """Build ``site`` into ``public`` with the real Hugo; its messages (it must succeed)."""
    assert HUGO is not None
    build = subprocess.run(
        [HUGO, "--source", str(site), "--destination", str(public)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    return build.stdout + build.stderr


@pytest.mark.skipif(HUGO is None, reason="hugo is not installed (Debian package hugo; .ci/run)")
@pytest.mark.parametrize("per_day", [False, True])
def test_hugo_builds_the_export_with_every_image_published(
    service: JournalService,
    summit: TripInfo,
    add_photo: AddPhoto,
    tmp_path: Path,
    per_day: bool,
) -> None:
    assert HUGO is not None
    write_summit(service, summit, add_photo)
    site = tmp_path / "site"
    make_site(site)
    report = service.export_trip(
        summit.id, ExportSettings(format=ExportFormat.HUGO, folder=site, per_day=per_day)
    )
    assert report.broken_links == ()

    public = tmp_path / "public"
    build_site(site, public)

    pages = sorted(public.glob("posts/*/index.html"))
    assert len(pages) == len(report.posts)
    checked = 0
    for page in pages:
        page_html = page.read_text(encoding="utf-8")
        page_url = urljoin(BASE_URL, page.parent.relative_to(public).as_posix() + "/")
        parser = ImageSources()
        parser.feed(page_html)
        for source in parser.sources:
            url = urlsplit(urljoin(page_url, source))
            if url.netloc != urlsplit(BASE_URL).netloc:
                continue  # the remote logo the author linked
            served = public / unquote(url.path).lstrip("/")
            assert served.is_file(), f"{page}: <img src={source!r}> has no file {served}"
            checked += 1
    assert checked == 5
    if not per_day:
        # Go templates escape "+" as "&#43;"; compare the text a browser shows.
        text = html.unescape(pages[0].read_text(encoding="utf-8"))
        assert "<h1>AWS Ambassador Global Summit 2023 후기</h1>" in text
        assert "<time>2023-09-16T00:00:00+09:00</time>" in text


@pytest.mark.skipif(HUGO is None, reason="hugo is not installed (Debian package hugo; .ci/run)")
def test_a_site_that_drops_raw_html_shows_the_whole_post_and_warns_of_nothing(
    service: JournalService, summit: TripInfo, add_photo: AddPhoto, tmp_path: Path
) -> None:
    """No ``<br>`` in a new Hugo post (issue 13 item 9): Hugo's default renderer drops raw HTML,
    leaving a comment in its place (and, since 0.121, a warning), and glues the words around."""
    write_summit(service, summit, add_photo)  # Day 0's text has a line of <br> between photos
    service.set_day_text(
        summit.id,
        date(2023, 9, 18),
        "Ferry at 9.<br>\nBus at 10.\n\n| Hotel | Seattle<br>Tacoma |"
        "\n|---|---|\n| Room | 12 |\n\nWrite `<br>` for a break.\n",
    )
    site = tmp_path / "site"
    make_site(site, DEFAULT_CONFIG)
    report = service.export_trip(summit.id, ExportSettings(format=ExportFormat.HUGO, folder=site))
    assert report.broken_links == ()
    assert "<br>" not in report.posts[0].read_text(encoding="utf-8").replace("`<br>`", "")

    public = tmp_path / "public"
    messages = build_site(site, public)

    assert "raw HTML" not in messages
    page = html.unescape((public / "posts" / summit.slug / "index.html").read_text("utf-8"))
    assert "raw HTML omitted" not in page
    assert "<h1>AWS Ambassador Global Summit 2023 후기</h1>" in page
    assert "호텔에 복귀하여 일정을 검토하였습니다." in page
    assert "<p>Ferry at 9.<br>\nBus at 10.</p>" in page
    assert "<th>Seattle Tacoma</th>" in page
    assert "<code>&lt;br&gt;</code>" in (public / "posts" / summit.slug / "index.html").read_text(
        "utf-8"
    )
