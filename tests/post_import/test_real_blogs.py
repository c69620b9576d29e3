"""Posts shaped like real blogs' come in whole (issue 13, items 1-7).

``data/jekyll-blog`` and ``data/hugo-blog`` are small real sites (each builds with its generator):
Jekyll posts without a ``date:`` and with ``.markdown``, images in HTML figures, galleries and
links, Jekyll includes, reference-style images with titles, spaces and ``%20`` in names, Liquid
site URLs, remote images, ``{% post_url %}``, ``{% raw %}`` and kramdown attributes, a
post-per-day post and one with ``# Day N`` headings; a Hugo bundle with TOML front matter,
``figure`` shortcodes, ``{{< youtube >}}`` and ``{{< highlight >}}``, its Japanese translation
``index.ja.md``, and a post with JSON front matter and images in ``static/``. Every image of each
is imported, only its URL becomes ``photo:ID``, and every other byte is kept.
"""

import shutil
from datetime import date
from pathlib import Path, PurePosixPath

import pytest

from journal.cli import main
from journal.export import ExportFormat
from journal.markdown.images import ImageKind, find_images, rewrite_urls
from journal.markdown.photo_refs import photo_id_of
from journal.markdown.post_layout import promote_headings
from journal.post_import.post_origin import FrontMatterFormat, PostOrigin
from journal.post_import.post_plan import PostPlan
from journal.services import JournalService, NewTrip
from journal.texts import TextTarget
from tests.post_import.test_round_trip import import_post

DATA = Path(__file__).with_name("data")
JEKYLL = DATA / "jekyll-blog"
HUGO = DATA / "hugo-blog"
POSTS = sorted(
    [*(JEKYLL / "_posts").iterdir(), *(HUGO / "content").rglob("*.md")],
    key=lambda post: post.as_posix(),
)
SEOUL = JEKYLL / "_posts" / "2025-07-22-seoul-trip.markdown"

KYOTO = HUGO / "content" / "posts" / "kyoto" / "index.md"


def without_urls(text: str) -> str:
    """``text`` with every image URL (and link to it) emptied: what must not change."""
    return rewrite_urls(text, lambda image: "").strip()


def targets(plan: PostPlan) -> list[tuple[TextTarget, str]]:
    """Each text of the plan as the trip keeps it: a day's headings one day level up."""
    texts = [(TextTarget.intro(), plan.intro.text)]
    texts += [
        (TextTarget.of_day(day.day), promote_headings(day.text, plan.heading_level))
        for day in plan.days
        if day.day
    ]
    return [*texts, (TextTarget.closing(), plan.closing.text)]


@pytest.mark.parametrize("post", POSTS, ids=lambda post: post.name)
def test_every_image_of_a_real_post_is_imported_and_only_its_url_changes(
    service: JournalService, post: Path
) -> None:
    plan = service.plan_post(post)
    assert plan.missing_images == ()
    local = {image.file for section in plan.sections for image in section.images if image.file}

    report = service.import_post(plan)

    assert report.missing_images == ()
    assert report.photo_count == len(local) > 0
    for target, planned in targets(plan):
        _, saved = service.text(report.trip.id, target)
        assert without_urls(saved) == without_urls(planned).removesuffix("<br>").strip()
        for image in find_images(saved):
            assert (photo_id_of(image.url) is None) == image.url.startswith("https:")


def test_the_seoul_post_comes_in_with_every_syntax_on_its_days(service: JournalService) -> None:
    report = import_post(service, SEOUL)
    trip = report.trip

    assert trip.title == "서울 여행 — 남산과 한강"
    assert (trip.start_date, trip.end_date) == (date(2025, 7, 22), date(2025, 7, 24))
    kinds = {
        day: [image.kind for image in find_images(service.day(trip.id, day).body)]
        for day in (date(2025, 7, 22), date(2025, 7, 23), date(2025, 7, 24))
    }
    assert kinds == {
        date(2025, 7, 22): [ImageKind.HTML, ImageKind.REFERENCE, ImageKind.HTML],
        date(2025, 7, 23): [ImageKind.LIQUID, ImageKind.HTML, ImageKind.HTML, ImageKind.MARKDOWN],
        date(2025, 7, 24): [ImageKind.LIQUID] + [ImageKind.MARKDOWN] * 3,
    }
    captions = {
        photo.caption for day in kinds for photo in service.photos(trip.id, day) if photo.caption
    }
    assert captions == {
        "Arrival hall at Incheon",
        "AREX train",
        "Naengmyeon",
        "Namsan tower from below",
        "Stairs",
        "Locks on the fence",
        "Bibimbap",
        "Gwangjang market",
        "Han river at dusk",
    }
    day_0 = service.day(trip.id, date(2025, 7, 22)).body
    # The link around the image leads to the photo too; the definition came along to its day.
    assert '<a href="photo:' in day_0
    assert "[arex]: photo:" in day_0
    assert day_0.rstrip().endswith('"The AREX express"')
    assert "\n# Evening\n" in day_0  # ### under a ## day heading: the day's own first level
    day_1 = service.day(trip.id, date(2025, 7, 23)).body
    assert "{% raw %}The template says {{ page.title }} literally.{% endraw %}\n{: .note}" in day_1
    assert '{% include figure.html path="photo:' in day_1
    intro = service.text(trip.id, TextTarget.intro())[1]
    assert "({% post_url 2025-07-20-packing %})" in intro
    assert "](photo:" in intro
    assert "{: .center-image }" in intro
    # The web image is reported once, as kept, not as missing.
    assert [(image.destination, image.line, image.reason) for image in report.remote_images] == [
        (
            "https://upload.wikimedia.org/wikipedia/commons/3/3a/Han_River.jpg",
            51,
            "remote, kept as a link",
        )
    ]


def test_the_post_identity_is_remembered_with_the_trip(service: JournalService) -> None:
    report = import_post(service, SEOUL)

    assert service.post_origin(report.trip.id) == PostOrigin(
        generator=ExportFormat.JEKYLL,
        path=PurePosixPath("_posts/2025-07-22-seoul-trip.markdown"),
        front_matter=FrontMatterFormat.YAML,
        spacers=False,
        day_headings={
            date(2025, 7, 22): "## Day 0 (Getting there)",
            date(2025, 7, 23): "## Day 1 - Namsan",
            date(2025, 7, 24): "## Day 2 – Thursday, July 24",
        },
    )
    # Saving the export choices (as every export does) keeps it.
    service.save_export_settings(report.trip.id, service.export_settings(report.trip.id))
    assert service.post_origin(report.trip.id) is not None


@pytest.mark.parametrize(
    ("post", "path", "front_matter"),
    [
        (KYOTO, "content/posts/kyoto/index.md", FrontMatterFormat.TOML),
        (KYOTO.with_name("index.ja.md"), "content/posts/kyoto/index.ja.md", FrontMatterFormat.YAML),
        (HUGO / "content" / "posts" / "osaka.md", "content/posts/osaka.md", FrontMatterFormat.JSON),
    ],
)
def test_a_hugo_post_remembers_its_bundle_language_and_format(
    service: JournalService, post: Path, path: str, front_matter: FrontMatterFormat
) -> None:
    origin = service.post_origin(import_post(service, post).trip.id)

    assert origin is not None
    assert (origin.generator, origin.path, origin.front_matter) == (
        ExportFormat.HUGO,
        PurePosixPath(path),
        front_matter,
    )


def test_a_trip_never_imported_has_no_origin(service: JournalService) -> None:
    changes = service.create_trip(NewTrip("Home", date(2025, 1, 1), date(2025, 1, 2), "UTC"))
    assert changes.trip is not None
    assert service.post_origin(changes.trip.id) is None


def test_hugo_shortcodes_keep_their_syntax_and_others_pass_through(
    service: JournalService,
) -> None:
    trip = import_post(service, KYOTO).trip

    intro = service.text(trip.id, TextTarget.intro())[1]
    assert intro.startswith('Four days of temples and umbrellas.\n\n{{< figure src="photo:')
    assert 'alt="Umbrellas at Fushimi Inari" caption="Fushimi Inari, *early*" >}}' in intro
    day_0 = service.day(trip.id, date(2025, 3, 14)).body
    assert '{{< youtube id="dQw4w9WgXcQ" title="Arrival" >}}' in day_0
    assert "](photo:" in day_0
    assert '"Kyoto Tower at night")' in day_0
    day_1 = service.day(trip.id, date(2025, 3, 15)).body
    assert '{{% figure src="photo:' in day_1  # from static/images/inari-fox.jpg
    day_2 = service.day(trip.id, date(2025, 3, 16)).body
    assert 'link="photo:' in day_2
    assert '`{{</* figure src="x.jpg" */>}}`' in day_2
    assert '{{< highlight python >}}\nprint("![not an image](x.jpg)")\n{{< /highlight >}}' in day_2


def test_a_post_of_a_post_per_day_blog_is_the_day_of_its_date(service: JournalService) -> None:
    report = import_post(service, JEKYLL / "_posts" / "2025-07-24-day-2.md")

    # Day 2 of a trip whose Day 2 is the post's date, not Day 0 on the 26th.
    assert (report.trip.start_date, report.trip.end_date) == (date(2025, 7, 22), date(2025, 7, 24))
    day = service.day(report.trip.id, date(2025, 7, 24))
    assert (day.index, day.title) == (2, "Thursday, July 24")
    assert day.body.startswith("Back to the market for breakfast.")
    photos = service.photos(report.trip.id, date(2025, 7, 24))
    assert [photo.caption for photo in photos] == ["Mung bean pancakes"]


def test_an_image_an_include_puts_in_its_own_folder_is_kept_with_the_reason(
    service: JournalService, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(JEKYLL, site)
    post = site / "_posts" / "2025-07-24-rice-cakes.md"
    post.write_text(
        "---\ntitle: Rice cakes\n---\n"
        '{% include photo.html file="tteok.jpg" caption="Rice cakes to go" %}\n',
        encoding="utf-8",
    )

    report = import_post(service, post)

    # _includes/photo.html writes /assets/images/seoul/{{ include.file }}: an exported image's
    # address in its place would show nothing.
    [kept] = report.missing_images
    assert (kept.destination, kept.line) == ("tteok.jpg", 4)
    assert kept.reason == (
        "a file name the include photo.html puts in /assets/images/seoul/; kept as written, "
        "since the include would not take another folder"
    )
    assert report.photo_count == 0


def test_filling_a_trip_puts_a_one_day_post_on_its_date(service: JournalService) -> None:
    trip = import_post(service, SEOUL).trip
    before = service.day(trip.id, date(2025, 7, 24)).body

    report = import_post(service, JEKYLL / "_posts" / "2025-07-24-day-2.md", into_trip=trip.id)

    assert not report.created
    after = service.day(trip.id, date(2025, 7, 24)).body
    assert after.startswith(before.rstrip())
    assert "Back to the market for breakfast." in after
    assert "breakfast" not in service.text(trip.id, TextTarget.intro())[1]
    # A post without day headings goes on the day of its date too, the trip widened to it.
    import_post(service, JEKYLL / "_posts" / "2025-07-20-packing.md", into_trip=trip.id)
    assert service.trip(trip.id).start_date == date(2025, 7, 20)
    assert "An umbrella" in service.day(trip.id, date(2025, 7, 20)).body
    assert "umbrella" not in service.text(trip.id, TextTarget.intro())[1]
    assert [photo.caption for photo in service.photos(trip.id, date(2025, 7, 20))] == ["The bag"]


def test_first_level_day_headings_divide_the_post(service: JournalService) -> None:
    report = import_post(service, JEKYLL / "_posts" / "2025-07-25-busan.md")

    trip = report.trip
    assert (trip.start_date, trip.end_date) == (date(2025, 7, 22), date(2025, 7, 26))
    day_3 = service.day(trip.id, date(2025, 7, 25))
    assert (day_3.index, day_3.title) == (3, "Busan")
    assert "\n# On the beach\n" in day_3.body  # ## under a # day heading
    assert len(service.photos(trip.id, date(2025, 7, 25))) == 2
    day_4 = service.day(trip.id, date(2025, 7, 26))
    assert day_4.body.strip() == 'Flight home. {{ "not an image" }}'
    origin = service.post_origin(trip.id)
    assert origin is not None
    assert origin.day_headings[date(2025, 7, 25)] == "# Day 3 – Busan"


def test_the_cli_reports_a_remote_image_once_as_kept(
    library_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import-post", str(SEOUL), "--library", str(library_root)]) == 0

    out = capsys.readouterr().out
    assert out.count("remote, kept as a link") == 1
    assert "Han_River.jpg — remote, kept as a link." in out
    assert "not found" not in out
    assert ", 11 photos." in out


@pytest.mark.parametrize(
    ("day_heading", "written", "kept"),
    [
        ("## Day 0", "#### Evening\n\n##### Later", "## Evening\n\n### Later"),
        ("# Day 0", "### Evening", "## Evening"),
    ],
)
def test_headings_the_export_wrote_below_a_day_come_back_up(
    service: JournalService, tmp_path: Path, day_heading: str, written: str, kept: str
) -> None:
    post = tmp_path / "2025-07-22-evening.md"
    post.write_text(
        f"---\ntitle: T\n---\n{day_heading}\n\nDinner.\n\n{written}\n", encoding="utf-8"
    )

    trip = import_post(service, post).trip

    assert service.day(trip.id, date(2025, 7, 22)).body == f"Dinner.\n\n{kept}\n"
