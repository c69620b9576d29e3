"""``<br>`` made into what Hugo's default renderer shows (issue 13 item 9), and only that."""

import pytest

from journal.export.line_breaks import without_raw_breaks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A spacer line goes, with the blank line that would be left doubled.
        ("Intro.\n\n<br>\n\nDay.\n", "Intro.\n\nDay.\n"),
        ("Intro.\n\n<br>\n<BR/>\n<br />\n\nDay.\n", "Intro.\n\nDay.\n"),
        # Ending a line: a Markdown line break; ending the paragraph: nothing to break.
        ("Ferry at 9.<br>  \nBus at 10.<br>\n", "Ferry at 9.\\\nBus at 10.\n"),
        ("- Ferry<br>\n  Bus\n", "- Ferry\\\n  Bus\n"),
        # Inside a line (a table cell cannot hold a line break): a space.
        ("| Seattle<br>Tacoma |\n|---|\n", "| Seattle Tacoma |\n|---|\n"),
    ],
)
def test_each_br_becomes_what_hugo_shows(text: str, expected: str) -> None:
    assert without_raw_breaks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Write `<br>` or `` <br> `` for a break.\n",
        "```html\n<br>\n```\n",
        "    <br>\n",
        "An escaped \\<br> is text.\n",
        "<div>\nOne<br>two\n</div>\n",
        "No breaks at all.\n",
    ],
)
def test_br_that_is_not_a_raw_line_break_is_kept(text: str) -> None:
    assert without_raw_breaks(text) == text
