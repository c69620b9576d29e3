"""Reading a post into a plan: front matter, sections, dates and image files; nothing written."""

from datetime import date
from pathlib import Path

import pytest

from journal.errors import InvalidInputError
from journal.markdown.images import find_images, replace_links
from journal.markdown.links import resolve_image
from journal.post_import.post_plan import plan_post, read_post_text

REFERENCE_POST = Path(__file__).with_name("data") / "example-post.md"
REFERENCE_IMAGES = (
    "img_24",
    "img_25",
    "img_27",
    "img_28",
    "img_26",
    "img_31",
    "img_32",
    "img_29",
    "img_30",
)


def jekyll_site(tmp_path: Path, with_images: bool = True) -> Path:
    """A Jekyll site holding the reference post, with stand-in files at its image paths."""
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    post = site / "_posts" / "2023-09-30-aws-summit.md"
    post.write_bytes(REFERENCE_POST.read_bytes())
    if with_images:
        images = site / "assets" / "images" / "23q4"
        images.mkdir(parents=True)
        for name in REFERENCE_IMAGES:
            (images / f"{name}.png").write_bytes(b"stand-in")
    return post


def test_the_reference_post_becomes_intro_three_days_and_a_conclusion(tmp_path: Path) -> None:
    post = jekyll_site(tmp_path)

    plan = plan_post(read_post_text(post), source=post, site_root=tmp_path / "site")

    assert plan.title == "Experience about AWS Ambassador Global Summit in 2023"
    assert plan.categories == ("AWS", "Summit")
    assert plan.extra_front_matter == {"layout": "post", "date": "2023-09-30 20:00:00 +0900"}
    assert (plan.start, plan.end) == (date(2023, 9, 30), date(2023, 10, 2))
    assert plan.timezone == "Etc/GMT-9"
    assert plan.intro.text.startswith(
        "\n2023년 AWS Ambassador Global Summit 모임 경험을 공유합니다."
    )
    assert plan.intro.text.endswith("<br>\n\n")
    assert [day.day for day in plan.days] == [
        date(2023, 9, 30),
        date(2023, 10, 1),
        date(2023, 10, 2),
    ]
    assert plan.days[0].text.startswith("\n저는 본 행사 하루 전인 18일에")
    assert plan.days[1].text.endswith("<br>\n<br>\n\n")
    assert plan.closing_heading == "Conclusion"
    assert plan.closing.text.startswith("\n이번 모임에서 분명하게 느낀 건")
    assert plan.notes == (
        "Day 0 is on the post's date, 2023-09-30; if the trip began on another day, give that "
        "date as Day 0's.",
        "The trip's time zone is the post date's offset, UTC+09:00; give the real one, e.g. "
        "Asia/Seoul, if you know it.",
    )
    # Every image resolves, per-segment decoded, to its stand-in, on the line it is written.
    images = [image for section in plan.sections for image in section.images]
    assert [image.file.stem for image in images if image.file] == list(REFERENCE_IMAGES)
    lines = post.read_text(encoding="utf-8").splitlines()
    for image in images:
        assert image.destination in lines[image.line - 1]


def test_missing_images_are_reported_with_their_line(tmp_path: Path) -> None:
    post = jekyll_site(tmp_path, with_images=False)
    plan = plan_post(read_post_text(post), source=post, site_root=tmp_path / "site")
    missing = plan.missing_images
    assert len(missing) == 9
    assert missing[0].destination == "/assets%2Fimages%2F23q4%2Fimg_24.png"
    assert missing[0].line == 40


def test_dated_headings_and_titles(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    text = (
        "---\ntitle: Tokyo\ntags: food travel\n---\nIntro\n\n"
        "## 2024-04-02 — Shinjuku\nday two\n\n## 2024-04-01\nday one\n\n"
        "```\n## not a heading\n```\n## Day 1: Asakusa\nmore of day two\n"
        "## Notes\ncomes last\n## References\nlinks\n"
    )
    plan = plan_post(text, source=post, site_root=tmp_path, timezone="Asia/Tokyo")
    assert plan.tags == ("food", "travel")
    assert (plan.start, plan.end) == (date(2024, 4, 1), date(2024, 4, 2))
    assert [(day.day, day.title) for day in plan.days] == [
        (date(2024, 4, 1), ""),
        (date(2024, 4, 2), "Shinjuku"),
    ]
    assert "## not a heading" in plan.days[0].text
    assert plan.days[1].text == "day two\n\n## Day 1: Asakusa\nmore of day two\n"
    assert plan.closing_heading == "Notes"
    assert plan.closing.text == "comes last\n## References\nlinks\n"
    assert plan.timezone == "Asia/Tokyo"


def test_a_post_without_day_headings_goes_to_the_intro_with_a_note(tmp_path: Path) -> None:
    plan = plan_post(
        "---\ntitle: T\ndate: 2024-01-05\n---\nJust text.\n",
        source=tmp_path / "t.md",
        site_root=tmp_path,
    )
    assert plan.intro.text == "Just text.\n"
    assert plan.days == ()
    assert (plan.start, plan.end) == (date(2024, 1, 5), date(2024, 1, 5))
    assert "no '## Day N'" in plan.notes[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# Title\n\n## Day 0\ntext\n", "has no front matter"),
        ("---\ntitle: [unclosed\n---\n", r"front matter \(line \d+\) cannot be read"),
        ("---\ntitle: T\n", "no closing '---'"),
        ("---\n- a list\n---\n", "must be 'key: value' lines"),
        ("---\ntitle: T\ndate: someday\n---\n", "is not a date"),
        ("---\ntitle: T\n---\n## Day 1\ntext\n", "needs a date to count from"),
        ("---\ntitle: T\n---\ntext\n", "cannot be placed on the calendar"),
    ],
)
def test_bad_posts_are_refused_with_a_clear_message(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        plan_post(text, source=tmp_path / "bad.md", site_root=tmp_path)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    post = tmp_path / "latin.md"
    post.write_bytes("---\ntitle: Café\n---\n".encode("latin-1"))
    with pytest.raises(InvalidInputError, match=r"not UTF-8 text \(line 2\)"):
        read_post_text(post)


def test_links_resolve_per_segment_and_never_escape(tmp_path: Path) -> None:
    site, folder = tmp_path / "site", tmp_path / "site" / "content" / "post"
    for image in (site / "assets" / "images" / "a.png", folder / "pics" / "사진.jpg"):
        image.parent.mkdir(parents=True)
        image.write_bytes(b"stand-in")
    (site / "static").mkdir()
    (site / "static" / "a.png").write_bytes(b"stand-in")
    assert resolve_image("/assets%2Fimages%2Fa.png", site_root=site, post_folder=folder) == (
        site / "assets" / "images" / "a.png"
    )
    assert resolve_image("pics/%EC%82%AC%EC%A7%84.jpg", site_root=site, post_folder=folder) == (
        folder / "pics" / "사진.jpg"
    )
    # Up and out of the post's folder, but still inside the site: fine.
    assert resolve_image("../../static/a.png", site_root=site, post_folder=folder) == (
        site / "static" / "a.png"
    )
    outside = "outside the site, not imported"
    assert resolve_image("../../../etc/passwd", site_root=site, post_folder=folder) == outside
    assert resolve_image("/x/%2E%2E%2F%2E%2E%2Fetc", site_root=site, post_folder=folder) == outside
    remote = "remote, kept as a link"
    assert resolve_image("https://example.org/a.png", site_root=site, post_folder=folder) == remote


def test_image_links_in_code_are_left_alone_and_rewrites_touch_only_links() -> None:
    text = 'a ![x](p.png) b\n\n    ![code](p.png)\n\n`![span](p.png)` ![y](<q r.png> "t")\n'
    assert [image.destination for image in find_images(text)] == ["p.png", "q r.png"]
    # Only the URL is replaced: the angle brackets around it stay, as written.
    assert replace_links(text, {"p.png": "photo:1", "q r.png": "photo:2"}) == (
        'a ![x](photo:1) b\n\n    ![code](p.png)\n\n`![span](p.png)` ![y](<photo:2> "t")\n'
    )


def test_the_user_can_say_when_day_0_was_and_which_zone(tmp_path: Path) -> None:
    post = jekyll_site(tmp_path)
    plan = plan_post(
        read_post_text(post),
        source=post,
        site_root=tmp_path / "site",
        first_day=date(2023, 9, 17),
        timezone="America/Los_Angeles",
    )
    assert (plan.start, plan.end) == (date(2023, 9, 17), date(2023, 9, 19))
    assert [day.day for day in plan.days] == [
        date(2023, 9, 17),
        date(2023, 9, 18),
        date(2023, 9, 19),
    ]
    assert plan.timezone == "America/Los_Angeles"
    assert plan.notes == ()
