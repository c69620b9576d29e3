"""Camera clock corrections as typed: +9h, -30m, +1h30m, -07:00, 0."""

import pytest

from journal.errors import InvalidInputError
from journal.photos.clock_offsets import format_clock_offset, parse_clock_offset


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("+9h", 9 * 3600),
        ("9h", 9 * 3600),
        ("-30m", -30 * 60),
        ("+1h30m", 5400),
        ("-1h 30m", -5400),
        ("+45s", 45),
        ("+1d", 86400),
        ("-07:00", -7 * 3600),
        ("+05:45", 5 * 3600 + 45 * 60),
        ("+00:00:30", 30),
        ("0", 0),
    ],
)
def test_parse(text: str, seconds: int) -> None:
    assert parse_clock_offset(text) == seconds


@pytest.mark.parametrize("text", ["", "+", "9", "+9 hours", "h9", "+9x", "+1:75", "--9h"])
def test_refused_with_an_example(text: str) -> None:
    with pytest.raises(InvalidInputError, match=r"write it like \+9h"):
        parse_clock_offset(text)


@pytest.mark.parametrize("seconds", [0, 32400, -32400, 5400, -45, 86400 + 61])
def test_format_round_trips(seconds: int) -> None:
    assert parse_clock_offset(format_clock_offset(seconds)) == seconds
