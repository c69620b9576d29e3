"""Posts with TOML (``+++``) or JSON front matter are read like YAML ones, as plain bounded data,
and Jekyll posts without a ``date:`` take it from their file name (issue 13, items 1 and 2)."""

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.bounded_yaml import MAX_TEXT_LENGTH
from journal.errors import InvalidInputError
from journal.post_import.front_matter import parse_post_date, split_front_matter
from journal.post_import.post_origin import FrontMatterFormat
from journal.post_import.post_plan import plan_post

BODY = "Intro.\n\n## Day 0\n\nText.\n"


def test_toml_front_matter_is_read_with_its_dates_as_written(tmp_path: Path) -> None:
    text = (
        '+++\ntitle = "Kyoto in the rain"\ndate = 2025-03-14T08:00:00+09:00\n'
        'tags = ["japan", "kyoto"]\ndraft = false\n[params]\n  cover = "cover.jpg"\n'
        "  when = 2025-03-14\n+++\n" + BODY
    )

    plan = plan_post(text, source=tmp_path / "index.md", site_root=tmp_path)

    assert plan.title == "Kyoto in the rain"
    assert plan.tags == ("japan", "kyoto")
    assert plan.start == date(2025, 3, 14)
    assert plan.timezone == "Etc/GMT-9"
    assert plan.extra_front_matter == {
        "date": "2025-03-14T08:00:00+09:00",
        "draft": False,
        "params": {"cover": "cover.jpg", "when": "2025-03-14"},
    }
    assert plan.origin.front_matter is FrontMatterFormat.TOML
    assert plan.days[0].text == "\nText.\n"


def test_json_front_matter_is_the_object_at_the_top(tmp_path: Path) -> None:
    text = (
        '{\n  "title": "Osaka, one day",\n  "date": "2025-03-18",\n'
        '  "params": {"note": "{braces} and \\"quotes\\" in a string }"}\n}\n' + BODY
    )

    plan = plan_post(text, source=tmp_path / "osaka.md", site_root=tmp_path)

    assert plan.title == "Osaka, one day"
    assert plan.start == date(2025, 3, 18)
    assert plan.extra_front_matter["params"] == {"note": '{braces} and "quotes" in a string }'}
    assert plan.origin.front_matter is FrontMatterFormat.JSON
    assert plan.intro.text == "Intro.\n\n"


def test_the_body_line_is_counted_after_each_kind_of_front_matter() -> None:
    for text in (
        '+++\ntitle = "t"\n+++\nBody\n',
        '{\n"title": "t"\n}\nBody\n',
        "---\nt: 1\n---\nBody\n",
    ):
        front_matter, body = split_front_matter(text, "p.md")
        assert body == "Body\n"
        assert front_matter.body_first_line == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('+++\ntitle = "t"\ndate = \n+++\n', r"TOML front matter cannot be read: .*\(line 3,"),
        ('+++\ntitle = "t"\n', "no closing '\\+\\+\\+' line"),
        ('{\n"title": "t",\n}\n', r"JSON front matter cannot be read \(line 3, column 1\)"),
        ('{"title": "t", "n": NaN}\n', "holds NaN, which is not a number"),
        ('{"title": ["a"]}\n', None),
        ("+++\na = " + "[" * 40 + "]" * 40 + "\n+++\n", "nested more than 32 levels"),
        ('{"a": ' + "[" * 5000 + "]" * 5000 + "}\n", "nested more than 32 levels"),
        ("+++\na = " + "[" * 5000 + "]" * 5000 + "\n+++\n", "nested more than 32 levels"),
        ('{"a": "' + "x" * MAX_TEXT_LENGTH + '"}\n', "longer than 256 KB"),
        ('+++\na = "' + "x" * MAX_TEXT_LENGTH + '"\n+++\n', "longer than 256 KB"),
        ("[1, 2]\n", "has no front matter"),
        ("{% include note.html %}\n", "has no front matter"),
    ],
)
def test_bad_toml_and_json_are_refused_with_the_reason(text: str, message: str | None) -> None:
    if message is None:
        split_front_matter(text, "p.md")  # plain data nested a little is fine
        return
    with pytest.raises(InvalidInputError, match=message):
        split_front_matter(text, "p.md")


@pytest.mark.parametrize("name", ["2025-07-22-seoul-trip.markdown", "2025-07-22-서울.md"])
def test_a_jekyll_post_without_a_date_takes_the_one_of_its_file_name(
    tmp_path: Path, name: str
) -> None:
    plan = plan_post("---\ntitle: Seoul\n---\n" + BODY, source=tmp_path / name, site_root=tmp_path)

    assert plan.start == date(2025, 7, 22)
    assert "date" not in plan.extra_front_matter  # Jekyll takes it from the name again


def test_the_front_matter_date_wins_over_the_file_name(tmp_path: Path) -> None:
    plan = plan_post(
        "---\ntitle: T\ndate: 2025-07-23\n---\n" + BODY,
        source=tmp_path / "2025-07-22-seoul.md",
        site_root=tmp_path,
    )
    assert plan.start == date(2025, 7, 23)


def test_a_post_without_any_date_is_still_refused(tmp_path: Path) -> None:
    for name in ("seoul.md", "2025-13-40-seoul.md", "2025-07-22.md"):
        with pytest.raises(InvalidInputError, match="no date in its front matter or its file"):
            plan_post("---\ntitle: T\n---\ntext\n", source=tmp_path / name, site_root=tmp_path)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("2025-07-25", date(2025, 7, 25)),
        ("2025-07-25 09:30", datetime(2025, 7, 25, 9, 30)),
        ("2025-07-25 09:30:15", datetime(2025, 7, 25, 9, 30, 15)),
        ("2025-07-25T09:30", datetime(2025, 7, 25, 9, 30)),
        (
            "2025-07-25 09:30:00 +0900",
            datetime(2025, 7, 25, 9, 30, tzinfo=timezone(timedelta(hours=9))),
        ),
        ("2025-07-25T09:30:00Z", datetime(2025, 7, 25, 9, 30, tzinfo=UTC)),
    ],
)
def test_dates_with_or_without_time_and_offset(written: str, meant: date) -> None:
    assert parse_post_date(written) == meant
