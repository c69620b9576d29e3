"""Capture times in file names: phones, cameras, messengers and screenshot tools."""

from datetime import datetime

import pytest

from journal.photos.file_names import time_from_file_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("IMG_20230918_101500.jpg", datetime(2023, 9, 18, 10, 15, 0)),
        ("PXL_20230918_101500123.jpg", datetime(2023, 9, 18, 10, 15, 0, 123000)),
        ("PXL_20230918_101500123.MP.jpg", datetime(2023, 9, 18, 10, 15, 0, 123000)),
        ("KakaoTalk_20230918_101500.jpg", datetime(2023, 9, 18, 10, 15, 0)),
        ("KakaoTalk_20230918_101500123.jpg", datetime(2023, 9, 18, 10, 15, 0, 123000)),
        ("Screenshot 2023-09-18 at 10.15.00.png", datetime(2023, 9, 18, 10, 15, 0)),
        ("Screenshot 2023-09-18 at 10.15.00 PM.png", datetime(2023, 9, 18, 22, 15, 0)),
        ("Screenshot 2023-09-18 at 12.05.00\u202fAM.png", datetime(2023, 9, 18, 0, 5, 0)),
        ("Screenshot_20230918-101500.png", datetime(2023, 9, 18, 10, 15, 0)),
        ("2023-09-18 10.15.00.jpg", datetime(2023, 9, 18, 10, 15, 0)),
        ("20230918_101500.jpg", datetime(2023, 9, 18, 10, 15, 0)),
        ("WhatsApp Image 2023-09-18 at 10.15.00.jpeg", datetime(2023, 9, 18, 10, 15, 0)),
        ("photo_2023-09-18_10-15-00.jpg", datetime(2023, 9, 18, 10, 15, 0)),
        ("시애틀 2023-09-18 10.15.00.jpg", datetime(2023, 9, 18, 10, 15, 0)),
    ],
)
def test_times_in_file_names(name: str, expected: datetime) -> None:
    assert time_from_file_name(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "DSC01234.JPG",
        "IMG_0001.HEIC",
        "holiday.png",
        "IMG_20231318_101500.jpg",  # month 13
        "IMG_20230918_251500.jpg",  # hour 25
        "IMG_20230231_101500.jpg",  # 31 February
        "IMG_00000000_000000.jpg",
        "123420230918_101500.jpg",  # digits run into the date: not a date
        "2023-09-18.jpg",  # a date without a time says nothing about the hour
    ],
)
def test_names_without_a_real_time(name: str) -> None:
    assert time_from_file_name(name) is None
