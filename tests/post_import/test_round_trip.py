"""Import a post into the library, export it again: the post comes back (issue 6's round trip)."""

import dataclasses
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from PIL import Image

from journal.cli import main
from journal.errors import InvalidInputError
from journal.export import ExportFormat
from journal.photos.import_progress import CancelToken, ImportProgress
from journal.post_import.site_root import guess_site_root
from journal.services import JournalService, NewTrip, PostImportReport
from tests.post_import.test_post_plan import REFERENCE_IMAGES, REFERENCE_POST

_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^## (.+)$", re.MULTILINE)


def stand_in_site(tmp_path: Path, *, with_images: bool = True) -> Path:
    """The reference post in a Jekyll site, with a real (small, distinct) PNG at each image path."""
    site = tmp_path / "old-site"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: Blog\n", encoding="utf-8")
    post = site / "_posts" / "2023-09-30-aws-ambassador-summit.md"
    post.write_bytes(REFERENCE_POST.read_bytes())
    if with_images:
        folder = site / "assets" / "images" / "23q4"
        folder.mkdir(parents=True)
        for number, name in enumerate(REFERENCE_IMAGES):
            Image.new("RGB", (64, 48), (number * 25, 80, 160)).save(folder / f"{name}.png")
    return post


def split_post(text: str) -> tuple[dict[str, object], str]:
    _, front, body = text.split("---\n", 2)
    values = yaml.load(front, Loader=yaml.BaseLoader)  # every value as the string written
    assert isinstance(values, dict)
    return values, body


def prose(body: str) -> list[str]:
    """The post's words in order, without image links and spacing (what a reader reads)."""
    without_images = _IMAGE.sub(" ", body)
    return [line.strip() for line in without_images.splitlines() if line.strip()]


def import_post(
    service: JournalService,
    post: Path,
    *,
    into_trip: int | None = None,
    first_day: date | None = None,
    progress: Callable[[ImportProgress], None] | None = None,
    cancel: CancelToken | None = None,
) -> PostImportReport:
    """Plan and import ``post`` through the service, as the CLI and the app do."""
    plan = service.plan_post(post, first_day=first_day)
    return service.import_post(plan, into_trip=into_trip, progress=progress, cancel=cancel)


def export_jekyll(service: JournalService, trip_id: int, out: Path) -> str:
    settings = dataclasses.replace(
        service.export_settings(trip_id), format=ExportFormat.JEKYLL, folder=out
    )
    report = service.export_trip(trip_id, settings)
    assert report.broken_links == ()
    [post] = report.posts
    return post.read_text(encoding="utf-8")


def test_the_reference_post_survives_import_and_export(
    service: JournalService, tmp_path: Path
) -> None:
    post = stand_in_site(tmp_path)

    report = import_post(service, post)

    assert report.created
    assert (report.day_count, report.photo_count, report.missing_images) == (3, 9, ())
    out = tmp_path / "new-site"
    exported = export_jekyll(service, report.trip.id, out)
    original_front, original_body = split_post(post.read_text(encoding="utf-8"))
    front, body = split_post(exported)
    for key, value in original_front.items():
        assert front[key] == value, key
    assert _HEADING.findall(body) == _HEADING.findall(original_body)
    assert _HEADING.findall(body) == ["Day 0", "Day 1", "Day 2", "Conclusion"]
    assert prose(body) == prose(original_body)
    links = _IMAGE.findall(body)
    assert len(links) == 9
    for link in links:
        assert link.startswith("/assets/images/")
        assert (out / unquote(link.lstrip("/"))).is_file(), link


def test_images_land_on_the_days_they_appear_in_in_order(
    service: JournalService, tmp_path: Path
) -> None:
    report = import_post(service, stand_in_site(tmp_path))
    trip = report.trip
    names = {
        day: [photo.original_name for photo in service.photos(trip.id, day)]
        for day in (trip.start_date, *(d.date for d in service.days(trip.id).days[1:]))
    }
    assert list(names.values()) == [
        ["img_24.png", "img_25.png", "img_27.png"],
        ["img_28.png", "img_26.png", "img_31.png", "img_32.png", "img_29.png"],
        ["img_30.png"],
    ]
    day_zero = service.day(trip.id, trip.start_date)
    photo = service.photos(trip.id, trip.start_date)[0]
    assert f"![img_24.png](photo:{photo.id})" in day_zero.body
    assert "<br>" in day_zero.body  # raw HTML inside a section is kept as written


def test_missing_images_are_reported_and_keep_their_links(
    service: JournalService, tmp_path: Path
) -> None:
    post = stand_in_site(tmp_path, with_images=False)

    report = import_post(service, post)

    assert report.photo_count == 0
    assert [(image.line, image.reason) for image in report.missing_images][:1] == [
        (40, "file not found")
    ]
    day_zero = service.day(report.trip.id, report.trip.start_date)
    assert "![img_24.png](/assets%2Fimages%2F23q4%2Fimg_24.png)" in day_zero.body


def test_links_leaving_the_site_are_reported_as_outside_not_as_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Real files outside the site are not imported, and the report says so (issue 11.14); a link
    inside the site that only goes up from the post's folder is imported; a missing file is
    still "not found"."""
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: Blog\n", encoding="utf-8")
    (site / "assets").mkdir()
    Image.new("RGB", (16, 16), (0, 90, 0)).save(site / "assets" / "in.png")
    Image.new("RGB", (16, 16), (90, 0, 0)).save(tmp_path / "secret.png")
    (site / "assets" / "link.png").symlink_to(tmp_path / "secret.png")
    post = site / "_posts" / "2023-09-30-out.md"
    post.write_text(
        "---\ntitle: Out\ndate: 2023-09-30\n---\n## Day 0\n"
        "![a](/../secret.png)\n"
        "![b](../../secret.png)\n"
        "![c](/assets/link.png)\n"
        "![d](/assets/gone.png)\n"
        "![e](../assets/in.png)\n",
        encoding="utf-8",
    )
    library = tmp_path / "library"

    code = main(["import-post", str(post), "--library", str(library)])

    out = capsys.readouterr().out
    assert code == 0
    assert "1 photo." in out
    assert out.splitlines()[1:5] == [
        "  line 6: /../secret.png — outside the site, not imported; the link is kept.",
        "  line 7: ../../secret.png — outside the site, not imported; the link is kept.",
        "  line 8: /assets/link.png — outside the site, not imported; the link is kept.",
        "  line 9: /assets/gone.png — file not found; the link is kept.",
    ]


def test_a_post_that_cannot_be_read_leaves_no_trip(service: JournalService, tmp_path: Path) -> None:
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: [oops\n---\n## Day 0\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="cannot be read"):
        import_post(service, broken)
    assert service.list_trips() == []


def test_filling_an_existing_trip_keeps_its_text(service: JournalService, tmp_path: Path) -> None:
    trip = service.create_trip(
        NewTrip("Summit", date(2023, 10, 1), date(2023, 10, 1), "Asia/Seoul")
    ).trip
    assert trip is not None
    service.set_day_text(trip.id, date(2023, 10, 1), "My own notes.")

    report = import_post(service, stand_in_site(tmp_path), into_trip=trip.id)

    assert not report.created
    assert (report.trip.start_date, report.trip.end_date) == (date(2023, 9, 30), date(2023, 10, 2))
    body = service.day(trip.id, date(2023, 10, 1)).body
    assert body.startswith("My own notes.\n\n드디어 워크숍 첫째 날입니다.")


def test_a_post_with_dated_day_headings_is_exported_with_them_again(
    service: JournalService, tmp_path: Path
) -> None:
    post = tmp_path / "2024-04-01-tokyo.md"
    post.write_text(
        "---\ntitle: Tokyo\ndate: 2024-04-01\n---\nIntro.\n\n<br>\n\n"
        "## 2024-04-01\nDay one.\n\n<br>\n<br>\n\n"
        "## 2024-04-02 — Shinjuku\nDay two.\n\n<br>\n<br>\n\n"
        "## Conclusion\nThe end.\n",
        encoding="utf-8",
    )

    report = import_post(service, post)

    _, body = split_post(export_jekyll(service, report.trip.id, tmp_path / "site"))
    assert _HEADING.findall(body) == ["2024-04-01", "2024-04-02 — Shinjuku", "Conclusion"]
    assert prose(body) == prose(split_post(post.read_text(encoding="utf-8"))[1])


def test_site_root_is_found_from_the_config_file(tmp_path: Path) -> None:
    post = stand_in_site(tmp_path)
    assert guess_site_root(post) == (tmp_path / "old-site").resolve()
    loose = tmp_path / "notes" / "trip.md"
    loose.parent.mkdir()
    loose.write_text("x", encoding="utf-8")
    assert guess_site_root(loose) == loose.parent.resolve()


def test_links_to_files_with_the_same_content_share_one_photo_with_a_note(
    service: JournalService, tmp_path: Path
) -> None:
    post = stand_in_site(tmp_path)
    folder = post.parent.parent / "assets" / "images" / "23q4"
    (folder / "img_30.png").write_bytes((folder / "img_24.png").read_bytes())

    report = import_post(service, post, first_day=date(2023, 9, 17))

    assert report.photo_count == 8
    assert report.trip.start_date == date(2023, 9, 17)
    assert (
        "/assets%2Fimages%2F23q4%2Fimg_30.png (line 106) has the same content as "
        "/assets%2Fimages%2F23q4%2Fimg_24.png; both links show one photo." in report.notes
    )
    day_two = service.day(report.trip.id, date(2023, 9, 19))
    [shown] = re.findall(r"\(photo:(\d+)\)", day_two.body)
    assert service.photo(int(shown)).original_name == "img_24.png"
    assert day_two.body.startswith("워크샵 둘째날 입니다.")
