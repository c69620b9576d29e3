"""Fixed-offset zone names read as people write offsets."""

import pytest

from journal.post_import.front_matter import zone_label


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Etc/GMT-9", "UTC+09:00"),
        ("Etc/GMT+5", "UTC-05:00"),
        ("Etc/GMT-14", "UTC+14:00"),
        ("Etc/GMT", "UTC"),
        ("Etc/GMT+0", "UTC"),
        ("UTC", "UTC"),
        ("Asia/Kolkata", "Asia/Kolkata"),
    ],
)
def test_etc_gmt_names_read_with_their_real_sign(name: str, label: str) -> None:
    assert zone_label(name) == label
