"""Counts in words."""

from journal.plurals import counted


def test_one_is_singular_and_every_other_count_plural() -> None:
    assert counted(1, "photo") == "1 photo"
    assert counted(0, "photo") == "0 photos"
    assert counted(4, "image") == "4 images"
    assert counted(2, "day section", "day sections") == "2 day sections"
    assert counted(3, "copy", "copies") == "3 copies"
