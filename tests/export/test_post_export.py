"""Exporting a trip end to end, on real libraries and real files: the post's shape, its links,
golden Markdown per target, re-exporting, overwriting and the link check."""

import dataclasses
import os
from datetime import date
from pathlib import Path

import pytest
import yaml

from journal.atomic_files import TEMP_PREFIX
from journal.errors import InvalidInputError
from journal.export import ExportError, ExportExistsError, ExportFormat, ExportSettings, exporter
from journal.services import JournalService, TripEdit, TripInfo
from tests.export.conftest import AddPhoto
from tests.export.trip_content import write_summit

GOLDEN = Path(__file__).with_name("golden")
#: Set to regenerate the golden files after an intended change (then review the diff).
UPDATE_GOLDEN = os.environ.get("TRIP_JOURNAL_UPDATE_GOLDEN") == "1"


def split_post(text: str) -> tuple[dict[str, object], str]:
    assert text.startswith("---\n")
    header, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(header), body


def settings(folder: Path, export_format: ExportFormat, **options: object) -> ExportSettings:
    return ExportSettings(format=export_format, folder=folder, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("export_format", list(ExportFormat))
def test_each_target_matches_its_golden_post(
    service: JournalService,
    summit: TripInfo,
    add_photo: AddPhoto,
    tmp_path: Path,
    export_format: ExportFormat,
) -> None:
    write_summit(service, summit, add_photo)

    report = service.export_trip(summit.id, settings(tmp_path / "site", export_format))

    [post] = report.posts
    golden = GOLDEN / f"{export_format.value}.md"
    if UPDATE_GOLDEN:
        golden.write_text(post.read_text(encoding="utf-8"), encoding="utf-8")
    assert post.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")
    assert report.broken_links == ()
    assert report.images == 5


def test_a_korean_trip_exports_the_shape_of_the_reference_post(
    service: JournalService, summit: TripInfo, add_photo: AddPhoto, tmp_path: Path
) -> None:
    write_summit(service, summit, add_photo)

    report = service.export_trip(summit.id, settings(tmp_path, ExportFormat.JEKYLL))

    [post] = report.posts
    assert post.relative_to(tmp_path).as_posix() == "_posts/2023-09-16-aws-summit-2023.md"
    text = post.read_text(encoding="utf-8")
    front, body = split_post(text)
    assert list(front) == ["layout", "title", "date", "categories", "places", "location"]
    assert front["layout"] == "post"
    assert front["title"] == "AWS Ambassador Global Summit 2023 후기"
    # The first photo's time: on the first day in UTC too, where Jekyll would date the midnight
    # the day before (issue 13).
    assert front["date"] == "2023-09-16 10:00:01 +0900"
    assert "date: 2023-09-16 10:00:01 +0900\n" in text
    assert front["categories"] == ["AWS", "Summit"]
    assert (front["places"], front["location"]) == (["Seoul"], "Seoul, South Korea")
    headings = [line for line in body.splitlines() if line.startswith("#")]
    assert headings == ["## Day 0", "## Day 1", "## Day 2", "## Conclusion"]
    intro = body.split("## Day 0")[0]
    assert "2023년 AWS Ambassador Global Summit 모임 경험을 공유합니다." in intro
    assert intro.rstrip().endswith("<br>")
    for section in body.split("\n## ")[1:-1]:
        assert section.rstrip().endswith("<br>\n<br>")
    assert body.split("## Conclusion")[1].strip().startswith("이번 모임에서")


def test_photo_links_point_at_the_exported_files_and_other_text_passes_through(
    service: JournalService, summit: TripInfo, add_photo: AddPhoto, tmp_path: Path
) -> None:
    photos = write_summit(service, summit, add_photo)

    report = service.export_trip(summit.id, settings(tmp_path, ExportFormat.JEKYLL))

    text = report.posts[0].read_text(encoding="utf-8")
    base = "/assets/images/aws-summit-2023"
    # An empty alt text takes the caption; the author's alt text and title are kept.
    assert f"![Amazon Spheres 내부]({base}/day-0-01.jpg)" in text
    assert f'![입장하며 받은 선물]({base}/day-1-01.jpg "선물")' in text
    # Day 0's second photo is not in its text, so it is appended to the section.
    day0 = text.split("## Day 0")[1].split("## Day 1")[0]
    assert day0.rstrip().endswith(f"![행사 스케줄]({base}/day-0-02.jpg)\n\n<br>\n<br>")
    # A day with photos but no text still gets its section.
    assert f"## Day 2\n\n![둘째 날 현장]({base}/day-2-01.jpg)" in text
    # A photo of the Unassigned tray shown by the text is exported under its id.
    assert f"![돌아오는 길]({base}/photo-{photos.unassigned}.jpg)" in text
    # Code spans, links, raw HTML and remote images are left as written.
    assert f"`![코드](photo:{photos.spheres})`" in text
    assert "[Amazon Bedrock](https://aws.amazon.com/ko/bedrock/)" in text
    assert "![AWS logo](https://example.com/aws-logo.png)" in text
    assert "\n\n<br>\n\n참고" in text
    assert "%2F" not in text
    assert sorted(path.name for path in (tmp_path / base.lstrip("/")).iterdir()) == [
        "day-0-01.jpg",
        "day-0-02.jpg",
        "day-1-01.jpg",
        "day-2-01.jpg",
        f"photo-{photos.unassigned}.jpg",
    ]


def test_exporting_twice_changes_nothing(
    service: JournalService,
    summit: TripInfo,
    add_photo: AddPhoto,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_summit(service, summit, add_photo)
    chosen = settings(tmp_path, ExportFormat.HUGO)
    first = service.export_trip(summit.id, chosen)
    files = sorted(path for path in tmp_path.rglob("*") if path.is_file())
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files}

    def no_encoding(*_args: object) -> bytes:
        raise AssertionError("an up-to-date web copy was encoded again")

    # Up-to-date copies are recognised from their headers, without encoding them again.
    monkeypatch.setattr(exporter, "exported_image", no_encoding)
    second = service.export_trip(summit.id, chosen)

    assert first.files_written == 6
    assert (second.files_written, second.files_unchanged, second.files_removed) == (0, 6, 0)
    after = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files}
    assert after == before
    assert sorted(path for path in tmp_path.rglob("*") if path.is_file()) == files


def test_replacing_a_changed_post_needs_overwrite_and_keeps_the_old_one_until_then(
    service: JournalService, summit: TripInfo, add_photo: AddPhoto, tmp_path: Path
) -> None:
    write_summit(service, summit, add_photo)
    chosen = settings(tmp_path, ExportFormat.MARKDOWN)
    [post] = service.export_trip(summit.id, chosen).posts
    service.set_day_text(summit.id, date(2023, 9, 18), "셋째 날 글을 더 썼습니다.")
    old = post.read_bytes()

    plan = service.plan_export(summit.id, chosen)
    assert plan.conflicts == (post,)
    assert "셋째 날 글을 더 썼습니다." in plan.markdown
    with pytest.raises(ExportExistsError, match="already exist") as raised:
        service.export_trip(summit.id, chosen)
    assert raised.value.paths == (post,)
    assert post.read_bytes() == old

    service.export_trip(summit.id, chosen, overwrite=True)
    assert "셋째 날 글을 더 썼습니다." in post.read_text(encoding="utf-8")


def test_one_post_per_day_with_intro_first_and_closing_last(
    service: JournalService, summit: TripInfo, add_photo: AddPhoto, tmp_path: Path
) -> None:
    write_summit(service, summit, add_photo)

    report = service.export_trip(summit.id, settings(tmp_path, ExportFormat.HUGO, per_day=True))

    assert [post.relative_to(tmp_path).as_posix() for post in report.posts] == [
        f"content/posts/aws-summit-2023-day-{number}/index.md" for number in range(3)
    ]
    posts = [split_post(post.read_text(encoding="utf-8")) for post in report.posts]
    assert [front["date"] for front, _ in posts] == [
        "2023-09-16T00:00:00+09:00",
        "2023-09-17T00:00:00+09:00",
        "2023-09-18T00:00:00+09:00",
    ]
    assert posts[1][0]["title"] == "AWS Ambassador Global Summit 2023 후기 — Day 1"
    assert "모임 경험을 공유합니다" in posts[0][1]
    assert "## Conclusion" in posts[2][1]
    assert "## Conclusion" not in posts[0][1]
    # Each bundle holds the images its own page shows.
    assert (tmp_path / "content/posts/aws-summit-2023-day-1/day-1-01.jpg").is_file()
    assert not (tmp_path / "content/posts/aws-summit-2023-day-0/day-1-01.jpg").exists()
    assert report.broken_links == ()


def test_headings_front_matter_template_and_unreferenced_photos_follow_the_settings(
    service: JournalService, summit: TripInfo, add_photo: AddPhoto, tmp_path: Path
) -> None:
    write_summit(service, summit, add_photo)
    service.set_day_text(summit.id, date(2023, 9, 17), "시애틀.", title="Seattle")
    service.edit_trip(summit.id, TripEdit(tags=("여행", "cloud")))
    service.set_front_matter_template(
        summit.id, {"author": "김민수", "toc": True, "layout": "trip"}
    )

    plan = service.plan_export(
        summit.id,
        settings(
            tmp_path,
            ExportFormat.JEKYLL,
            append_unreferenced=False,
            day_heading="Day {number} · {weekday}",
            titled_day_heading="Day {number} — {title}",
            closing_heading="마치며",
            baseurl="/blog",
        ),
    )

    front, body = split_post(plan.markdown)
    assert front["layout"] == "trip"
    assert (front["author"], front["toc"], front["tags"]) == ("김민수", True, ["여행", "cloud"])
    assert [line for line in body.splitlines() if line.startswith("## ")] == [
        "## Day 0 · Sat",
        "## Day 1 — Seattle",
        "## Day 2 · Mon",
        "## 마치며",
    ]
    assert "day-0-02.jpg" not in body
    assert "](/blog/assets/images/aws-summit-2023/day-0-01.jpg)" in body


def test_a_reference_to_a_photo_not_in_the_trip_is_refused_before_writing(
    service: JournalService, summit: TripInfo, add_photo: AddPhoto, tmp_path: Path
) -> None:
    write_summit(service, summit, add_photo)
    service.set_day_text(summit.id, date(2023, 9, 18), "\n\nRain.\r\n\r\n![gone](photo:999)")
    service.edit_trip(summit.id, TripEdit(intro="![cover](photo:998)"))

    with pytest.raises(ExportError) as refused:
        service.export_trip(summit.id, settings(tmp_path / "out", ExportFormat.JEKYLL))

    assert str(refused.value) == (
        "The text shows photos that are no longer in AWS Ambassador Global Summit 2023 후기: "
        "photo 998 in the intro, line 1; photo 999 in Day 2, line 5. "
        "Remove those image references from the text."
    )
    assert not (tmp_path / "out").exists()


def test_the_link_check_reports_a_hand_written_image_that_will_not_load(
    service: JournalService, summit: TripInfo, tmp_path: Path
) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "there.png").write_bytes(b"png")
    service.set_day_text(
        summit.id,
        date(2023, 9, 16),
        '![ok](/assets/there.png) ![missing](/assets/img%2F24.png) <img src="/assets/nope.png">',
    )

    report = service.export_trip(summit.id, settings(tmp_path, ExportFormat.JEKYLL))

    assert [(link.url, link.reason) for link in report.broken_links] == [
        ("/assets/img%2F24.png", f"no file {tmp_path / 'assets' / 'img' / '24.png'}"),
        ("/assets/nope.png", f"no file {tmp_path / 'assets' / 'nope.png'}"),
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"slug": "../../etc"}, "Invalid slug"),
        ({"slug": "서울"}, "Invalid slug"),
        ({"baseurl": "blog"}, "Invalid base URL"),
        ({"baseurl": "/../up"}, "Invalid base URL"),
        ({"day_heading": "Day {n}"}, "Invalid day heading"),
        ({"day_heading": "{date.year}"}, "Invalid day heading"),
        ({"images_edge": 10}, "Invalid image size"),
    ],
)
def test_bad_settings_are_refused_with_a_message_and_nothing_written(
    service: JournalService,
    summit: TripInfo,
    tmp_path: Path,
    options: dict[str, object],
    message: str,
) -> None:
    from journal.export import ImageOptions

    edge = options.pop("images_edge", 1600)
    chosen = settings(
        tmp_path / "out",
        ExportFormat.JEKYLL,
        images=ImageOptions(max_long_edge=edge),  # type: ignore[arg-type]
        **options,
    )
    with pytest.raises((ExportError, InvalidInputError), match=message):
        service.export_trip(summit.id, chosen)
    assert not (tmp_path / "out").exists()


def test_a_korean_title_gets_a_usable_slug_and_the_user_can_set_another(
    service: JournalService, tmp_path: Path
) -> None:
    from journal.services import NewTrip

    created = service.create_trip(
        NewTrip("서울 여행", date(2024, 5, 1), date(2024, 5, 2), "Asia/Seoul")
    ).trip
    assert created is not None
    service.set_day_text(created.id, date(2024, 5, 1), "경복궁")

    default = service.export_trip(created.id, settings(tmp_path, ExportFormat.MARKDOWN))
    chosen = service.export_trip(
        created.id, settings(tmp_path, ExportFormat.MARKDOWN, slug="seoul-spring")
    )

    assert default.posts[0].name == "seoul-yeohaeng.md"
    assert chosen.posts[0].name == "seoul-spring.md"


def test_a_trip_with_nothing_written_says_so(
    service: JournalService, seattle: TripInfo, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="nothing to export yet"):
        service.plan_export(seattle.id, settings(tmp_path, ExportFormat.HUGO))


def test_export_settings_are_remembered_per_trip(
    service: JournalService, summit: TripInfo, seattle: TripInfo, tmp_path: Path
) -> None:
    assert service.export_settings(summit.id) == ExportSettings()
    chosen = settings(tmp_path, ExportFormat.HUGO, per_day=True, baseurl="/blog")

    service.save_export_settings(summit.id, chosen)

    remembered = service.export_settings(summit.id)
    assert remembered == dataclasses.replace(chosen, format_folders={ExportFormat.HUGO: tmp_path})
    assert service.export_settings(seattle.id) == ExportSettings()

    # A Jekyll site elsewhere later: the Hugo site's folder is still known.
    jekyll_site = tmp_path / "jekyll-site"
    service.save_export_settings(
        summit.id, dataclasses.replace(remembered, format=ExportFormat.JEKYLL, folder=jekyll_site)
    )
    assert service.export_settings(summit.id).format_folders == {
        ExportFormat.HUGO: tmp_path,
        ExportFormat.JEKYLL: jekyll_site,
    }


def test_images_the_post_no_longer_shows_are_removed_and_other_files_kept(
    service: JournalService, summit: TripInfo, add_photo: AddPhoto, tmp_path: Path
) -> None:
    photos = write_summit(service, summit, add_photo)
    chosen = settings(tmp_path, ExportFormat.HUGO)
    service.export_trip(summit.id, chosen)
    bundle = tmp_path / "content" / "posts" / "aws-summit-2023"
    (bundle / "map.png").write_bytes(b"the author's own file")
    (bundle / "day-9-01.txt").write_text("not an image name of ours", encoding="utf-8")

    service.delete_photos(summit.id, [photos.day2])
    report = service.export_trip(summit.id, chosen, overwrite=True)

    assert report.files_removed == 1
    assert not (bundle / "day-2-01.jpg").exists()
    assert (bundle / "map.png").read_bytes() == b"the author's own file"
    assert (bundle / "day-9-01.txt").exists()
    assert "## Day 2" not in report.posts[0].read_text(encoding="utf-8")
    assert report.broken_links == ()


def test_leftovers_of_a_killed_export_are_swept_up(
    service: JournalService, summit: TripInfo, add_photo: AddPhoto, tmp_path: Path
) -> None:
    add_photo(summit, date(2023, 9, 16))
    images = tmp_path / "assets" / "images" / "aws-summit-2023"
    images.mkdir(parents=True)
    (images / f"{TEMP_PREFIX}abc").write_bytes(b"half an image")

    service.export_trip(summit.id, settings(tmp_path, ExportFormat.JEKYLL))

    assert sorted(path.name for path in images.iterdir()) == ["day-0-01.jpg"]


def test_photos_on_dates_the_trip_no_longer_has_are_left_out_unless_the_text_shows_them(
    service: JournalService, summit: TripInfo, add_photo: AddPhoto, tmp_path: Path
) -> None:
    photos = write_summit(service, summit, add_photo)
    service.set_trip_dates(summit.id, date(2023, 9, 16), date(2023, 9, 17))

    report = service.export_trip(summit.id, settings(tmp_path, ExportFormat.HUGO))

    text = report.posts[0].read_text(encoding="utf-8")
    assert "## Day 2" not in text
    assert "day-2-01.jpg" not in text
    assert f"photo-{photos.unassigned}.jpg" in text
    assert report.images == 4


def test_a_photo_without_caption_or_description_has_an_empty_alt_text_not_its_file_name(
    service: JournalService, summit: TripInfo, add_photo: AddPhoto, tmp_path: Path
) -> None:
    """A camera's file name (``IMG_0001.jpg``) says nothing to a screen reader (issue 13)."""
    photo = add_photo(summit, summit.start_date)
    service.set_day_text(summit.id, summit.start_date, f"Arrived.\n\n![](photo:{photo})\n")
    add_photo(summit, summit.start_date)

    report = service.export_trip(summit.id, settings(tmp_path, ExportFormat.HUGO))

    text = report.posts[0].read_text(encoding="utf-8")
    assert "\n![](day-0-01.jpg)\n\n![](day-0-02.jpg)\n" in text
    assert "IMG_" not in text


def test_alt_text_written_with_escapes_is_exported_as_written(
    service: JournalService, summit: TripInfo, add_photo: AddPhoto, tmp_path: Path
) -> None:
    """A caption with brackets is escaped when its reference is made (``markdown_image``); the
    export relinks that reference and must not escape it a second time."""
    photo = add_photo(summit, summit.start_date, caption="Sunset")
    written = rf"![Sunset \[1\] from C:\\photos](photo:{photo})"
    service.set_day_text(summit.id, summit.start_date, written)

    report = service.export_trip(summit.id, settings(tmp_path, ExportFormat.HUGO))

    text = report.posts[0].read_text(encoding="utf-8")
    assert r"![Sunset \[1\] from C:\\photos](day-0-01.jpg)" in text
