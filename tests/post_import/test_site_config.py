"""A site served under a path (Jekyll's ``baseurl: /blog``) and with its own time zone: its
posts' ``/blog/…`` images are imported, the trip is in the site's zone, and the post exported
back links every image as the site serves it — an include that adds ``{{ site.baseurl }}``
itself is given the path without it. The site's configuration is untrusted input."""

import dataclasses
import os
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image

from journal.export import ExportFormat
from journal.services import JournalService
from journal.site_config import SiteConfig, read_site_config
from journal.store.library import Library
from tests.export.test_hugo_build import HUGO, ImageSources, build_site, make_site
from tests.export.test_jekyll_categories import jekyll_build, needs_jekyll

POST = """\
---
layout: post
title:  "Lisbon & around: 3 days"
categories: [travel, portugal]
---
Three days in Lisbon.

![Tram 28][tram]

## Day 1: Arrival
<figure class="wide">
  <img src="/blog/assets/img/lisbon%20tram.jpg" alt="Yellow tram">
</figure>

### Food
{% include figure.html image="/assets/img/pasteis.png" caption="Pastéis de nata" %}

## Day 2: Belém and Sintra
![Belém tower]({{ site.baseurl }}/assets/img/belem.JPG "Torre de Belém")
![](/blog/assets/img/sintra-1.jpeg){: .center}

## Day 3 - Cascais
<div class="gallery"><a href="/blog/assets/img/cascais.jpg">
<img src="/blog/assets/img/cascais.jpg" alt="Cascais"></a></div>

[tram]: /blog/assets/img/lisbon%20tram.jpg "The tram"
"""
INCLUDE = (
    '<figure><img src="{{ site.baseurl }}{{ include.image }}" alt="{{ include.caption }}">'
    "</figure>\n"
)
NAMES = ("lisbon tram.jpg", "belem.JPG", "sintra-1.jpeg", "pasteis.png", "cascais.jpg")


def _site(root: Path) -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_includes").mkdir()
    (root / "_layouts").mkdir()
    (root / "assets" / "img").mkdir(parents=True)
    (root / "_config.yml").write_text(
        'title: Wander\nbaseurl: "/blog"\ntimezone: Europe/Lisbon\n', encoding="utf-8"
    )
    (root / "_includes" / "figure.html").write_text(INCLUDE, encoding="utf-8")
    (root / "_layouts" / "post.html").write_text("<html>{{ content }}</html>\n", encoding="utf-8")
    for number, name in enumerate(NAMES):
        Image.new("RGB", (80, 60), (40 * number, 90, 200)).save(root / "assets" / "img" / name)
    post = root / "_posts" / "2024-05-03-lisbon-and-around.markdown"
    post.write_text(POST, encoding="utf-8")
    return post


def test_a_sites_baseurl_and_zone_are_read_when_its_post_is_imported(tmp_path: Path) -> None:
    post = _site(tmp_path / "site")
    with Library.open(tmp_path / "library") as library:
        service = JournalService(library)
        plan = service.plan_post(post)
        report = service.import_post(plan)

    assert plan.timezone == "Europe/Lisbon"
    assert report.missing_images == ()
    assert report.photo_count == len(NAMES)


@needs_jekyll
def test_a_post_of_a_site_under_a_path_comes_back_with_every_image_shown(
    tmp_path: Path,
) -> None:
    post = _site(tmp_path / "site")
    site = post.parents[1]
    with Library.open(tmp_path / "library") as library:
        service = JournalService(library)
        trip = service.import_post(service.plan_post(post)).trip
        settings = dataclasses.replace(
            service.export_settings(trip.id), format=ExportFormat.JEKYLL, folder=site
        )
        report = service.export_trip(trip.id, settings, overwrite=True)
    assert report.broken_links == ()
    text = post.read_text(encoding="utf-8")
    assert 'image="/assets/images/' in text  # the include adds the baseurl itself
    assert "](/blog/assets/images/" in text

    public = tmp_path / "public"
    build = jekyll_build(site, public)
    assert build.returncode == 0, build.stderr
    [page] = public.rglob("lisbon-and-around*.html")
    parser = ImageSources()
    parser.feed(page.read_text(encoding="utf-8"))
    assert len(parser.sources) == len(NAMES) + 1  # the tram twice
    for source in parser.sources:
        assert source.startswith("/blog/")
        assert (public / unquote(source.removeprefix("/blog/"))).is_file(), source


@pytest.mark.parametrize(
    "config",
    [
        "baseurl: [unclosed\n",
        "a: &a [*a, *a]\nbaseurl: /x\n",
        "baseurl: 42\ntimezone: Mars/Olympus\n",
        "- just\n- a list\n",
        "baseurl: relative/path\ntimezone: ../../etc/passwd\n",
        "x: " + "y" * 400_000 + "\n",
        "\udcff",
    ],
    ids=["broken", "alias-loop", "wrong-types", "list", "hostile-values", "huge", "not-utf8"],
)
def test_a_configuration_that_cannot_be_understood_says_nothing(
    tmp_path: Path, config: str
) -> None:
    data = config.encode("utf-8", "surrogateescape")
    (tmp_path / "_config.yml").write_bytes(data)
    assert read_site_config(tmp_path) == SiteConfig()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_configuration_that_is_a_fifo_is_not_waited_for(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "_config.yml")
    assert read_site_config(tmp_path) == SiteConfig()


def test_hugo_base_url_path_and_time_zone_are_read(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text(
        'baseURL = "https://example.org/travel/"\ntimeZone = "Asia/Seoul"\n', encoding="utf-8"
    )
    assert read_site_config(tmp_path) == SiteConfig("/travel", "Asia/Seoul")
    shutil.rmtree(tmp_path)
    tmp_path.mkdir()
    assert read_site_config(tmp_path) == SiteConfig()


@pytest.mark.skipif(HUGO is None, reason="hugo is not installed (Debian package hugo; .ci/run)")
def test_a_hugo_page_of_a_site_under_a_path_comes_back_with_its_image_shown(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "static" / "images").mkdir(parents=True)
    make_site(site, 'baseURL = "https://example.org/travel/"\ntitle = "T"\n')
    Image.new("RGB", (80, 60), "teal").save(site / "static" / "images" / "castle.jpg")
    post = site / "content" / "posts" / "osaka.md"
    post.write_text(
        '---\ntitle: "Osaka"\ndate: 2024-04-02T10:00:00+09:00\n---\n\n## Day 0\n\n'
        "![Osaka castle](/travel/images/castle.jpg)\n",
        encoding="utf-8",
    )
    with Library.open(tmp_path / "library") as library:
        service = JournalService(library)
        imported = service.import_post(service.plan_post(post))
        assert imported.missing_images == ()
        settings = dataclasses.replace(
            service.export_settings(imported.trip.id), format=ExportFormat.HUGO, folder=site
        )
        report = service.export_trip(imported.trip.id, settings, overwrite=True)
    assert report.broken_links == ()
    assert "](/travel/images/" in post.read_text(encoding="utf-8")

    public = tmp_path / "public"
    build_site(site, public)
    parser = ImageSources()
    parser.feed((public / "posts" / "osaka" / "index.html").read_text(encoding="utf-8"))
    [source] = parser.sources
    assert (public / unquote(source.removeprefix("/travel/"))).is_file(), source
