"""A post's origin survives being stored as JSON; a damaged stored origin never stops an export."""

from datetime import date
from pathlib import PurePosixPath

from journal.export import ExportFormat
from journal.post_import.post_origin import FrontMatterFormat, PostOrigin


def test_an_origin_survives_a_json_round_trip() -> None:
    origin = PostOrigin(
        generator=ExportFormat.HUGO,
        path=PurePosixPath("content/posts/seoul/index.ja.md"),
        front_matter=FrontMatterFormat.TOML,
        spacers=False,
        day_headings={
            date(2023, 7, 22): "## Day 0 (Getting there)",
            date(2023, 7, 24): "# Day 2 – Thursday, July 24",
        },
    )
    assert PostOrigin.from_json(origin.to_json()) == origin


def test_an_origin_without_a_site_kind_or_a_safe_path_is_no_origin() -> None:
    path = "_posts/2023-07-24-seoul.markdown"
    assert PostOrigin.from_json({"generator": "wordpress", "path": path}) is None
    assert PostOrigin.from_json("jekyll") is None
    for unsafe in ("/etc/passwd", "../outside.md", "_posts/../../x.md", "", "a\\b.md", 3, "."):
        assert PostOrigin.from_json({"generator": "jekyll", "path": unsafe}) is None, unsafe


def test_stored_values_from_another_version_fall_back_to_defaults() -> None:
    stored = {
        "generator": "jekyll",
        "path": "_posts/2023-07-24-seoul.markdown",
        "front_matter": "xml",
        "spacers": "no",
        "day_headings": {
            "2023-07-24": "## Day 2 - Title",
            "2023-02-30": "## Day 9",
            "someday": "## Day 1",
            "2023-07-25": "## Day 3\n## Day 4",
            "2023-07-26": 7,
        },
        "future_key": True,
    }
    assert PostOrigin.from_json(stored) == PostOrigin(
        generator=ExportFormat.JEKYLL,
        path=PurePosixPath("_posts/2023-07-24-seoul.markdown"),
        day_headings={date(2023, 7, 24): "## Day 2 - Title"},
    )
