"""Control characters in names and titles never reach the terminal raw: a file named with a line
break and an escape sequence, a camera model that recolours the terminal, a post whose title
holds NUL and ESC. Paths and table cells show them as ``\\xNN`` (one line, nothing acted on), a
title is cleaned when it is saved, and JSON keeps every value exactly (it escapes them itself)."""

import json
import os
from pathlib import Path

import pytest

from journal.readable_paths import escape_controls, readable_path
from journal.services.validation import one_line
from tests.cli.test_trip_commands import run, seattle_library
from tests.photos.photo_files import exif_for, write_photo

__all__ = ["seattle_library"]

HOSTILE_NAME = "nl\nname\x1b[31m.jpg"
SHOWN_NAME = "nl\\x0aname\\x1b[31m.jpg"


def _raw_controls(text: str) -> set[str]:
    """The control characters in ``text`` other than the line breaks that end its lines."""
    return {char for char in text if char != "\n" and escape_controls(char) != char}


def test_paths_and_text_are_shown_as_one_line_with_control_characters_escaped() -> None:
    assert readable_path("/card/" + HOSTILE_NAME) == "/card/" + SHOWN_NAME
    assert readable_path(os.fsdecode(b"/card/\xff\x7f\xc2\x9b.jpg")) == "/card/\\xff\\x7f\\x9b.jpg"
    assert escape_controls("tab\there, é and 서울 stay") == "tab\\x09here, é and 서울 stay"


def test_a_title_is_cleaned_to_the_one_line_that_can_be_seen() -> None:
    assert one_line("a\0b\x1b[31m") == "ab[31m"
    assert one_line("  Day\ttrip\r\nto Jeju\x85 ") == "Day trip to Jeju"


@pytest.mark.skipif(os.name == "nt", reason="Windows refuses such file names")
def test_photos_lists_a_hostile_file_name_on_one_line_and_json_keeps_it_exactly(
    seattle_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = tmp_path / "card"
    source = write_photo(
        card / HOSTILE_NAME,
        exif_for(original="2023:09:18 10:00:00", make="Evil\x1b]0;owned\x07", model="X\x9b2J"),
    )
    library = ("--library", str(seattle_library))
    code, _out, err = run(capsys, "import", "seattle-2023", str(card), *library)
    assert (code, err) == (0, "")

    _, table, _ = run(capsys, "photos", "seattle-2023", *library)
    _, cameras, _ = run(capsys, "cameras", "seattle-2023", *library)
    _, listed, _ = run(capsys, "photos", "seattle-2023", "--json", *library)

    assert len(table.splitlines()) == 1
    assert table.rstrip().endswith(SHOWN_NAME)
    assert _raw_controls(table) == _raw_controls(cameras) == set()
    assert "Evil\\x1b]0;owned\\x07" in cameras
    [photo] = json.loads(listed)
    assert photo["original_path"] == str(source)  # the exact path, line break and all


def test_a_post_title_with_nul_and_esc_becomes_a_clean_trip_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "2023-09-30-hostile.md"
    post.write_text(
        '---\ntitle: "a\\0b\\e[31m"\ndate: 2023-09-30\n---\n\n'
        "## Day 0: Sea\\\x1b[2Jside\n\nText.\n",
        encoding="utf-8",
    )
    library = ("--library", str(tmp_path / "library"))

    code, out, err = run(capsys, "import-post", str(post), *library)
    assert (code, err) == (0, ""), err
    _, trips, _ = run(capsys, "trips", *library)
    _, days, _ = run(capsys, "days", "ab-31m", *library)
    _, shown, _ = run(capsys, "show", "ab-31m", *library)

    assert "ab[31m" in trips
    assert _raw_controls(out + trips + days + shown) == set()
    assert "Sea\\[2Jside" in days
    assert "1 day," in shown  # counted: "1 days" before


def test_new_and_set_text_clean_titles_typed_with_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = ("--library", str(tmp_path / "library"))
    code, _out, _ = run(
        capsys,
        "new",
        "Jeju\x1b[5m\n2024",
        "--start",
        "2024-05-01",
        "--end",
        "2024-05-02",
        "--tz",
        "Asia/Seoul",
        "--category",
        "is\x00land",
        *library,
    )
    assert code == 0
    notes = tmp_path / "day.md"
    notes.write_text("Text.", encoding="utf-8")
    run(capsys, "set-text", "jeju-5m-2024", "0", str(notes), "--title", "Sun\x07rise\r\n", *library)
    _, listed, _ = run(capsys, "show", "jeju-5m-2024", "--json", *library)
    _, days, _ = run(capsys, "days", "jeju-5m-2024", "--json", *library)

    trip = json.loads(listed)
    assert (trip["title"], trip["categories"]) == ("Jeju[5m 2024", ["island"])
    assert json.loads(days)["days"][0]["title"] == "Sunrise"
