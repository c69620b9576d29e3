"""A database whose header alone is damaged - its magic string or its page size - is read back
whole by a recovery: the salvage mends the header of its copy and reads every row."""

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from journal.errors import LibraryDamagedError
from journal.services import JournalService, NewTrip
from journal.services.recovery import recover_library
from journal.store.library import Library

#: Where the damage goes and what it writes (the library's pages are 4,096 bytes).
HEADER_DAMAGE = {
    "magic string": (0, random.Random(1).randbytes(16)),
    "page size, not one at all": (16, b"\x12\x34"),
    "page size, zero": (16, b"\x00\x00"),
    "page size, too small": (16, (1024).to_bytes(2, "big")),
    "page size, too big": (16, (8192).to_bytes(2, "big")),
    "magic and page size": (0, random.Random(2).randbytes(18)),
}


def _texts(trip_title: str, count: int) -> list[str]:
    words = random.Random(trip_title)
    vocabulary = ["walk", "걸음", "rain", "café", "ferry", "島", "bread", "harbour", "hill"]
    return [
        f"{trip_title} {n}: " + " ".join(words.choice(vocabulary) for _ in range(2000))
        for n in range(count)
    ]


@pytest.mark.parametrize("damage", list(HEADER_DAMAGE))
def test_a_damaged_header_is_mended_and_every_trip_and_text_comes_back(
    library_root: Path, damage: str
) -> None:
    start = date(2023, 9, 16)
    written: dict[str, list[str]] = {}
    with Library.open(library_root) as library:
        service = JournalService(library)
        for title, zone in (("Islands", "Europe/Athens"), ("Coast", "Asia/Seoul")):
            created = service.create_trip(NewTrip(title, start, start + timedelta(days=6), zone))
            assert created.trip is not None
            written[title] = _texts(title, 5)
            for n, body in enumerate(written[title]):
                service.set_day_text(created.trip.id, start + timedelta(days=n), body)
    database = library_root / "journal.db"
    data = bytearray(database.read_bytes())
    assert int.from_bytes(data[16:18], "big") == 4096
    at, damaged_bytes = HEADER_DAMAGE[damage]
    data[at : at + len(damaged_bytes)] = damaged_bytes
    database.write_bytes(bytes(data))
    with pytest.raises(LibraryDamagedError):
        Library.open(library_root)

    report = recover_library(library_root)

    assert report is not None
    assert report.damaged_copy is not None
    assert report.damaged_copy.read_bytes() == bytes(data)  # the original is never mended
    assert (report.trips, report.days, report.recovered_trip) == (2, 10, None)
    with Library.open(library_root) as library:
        service = JournalService(library)
        for trip in service.list_trips():
            bodies = [day.body for day in service.days(trip.id).days if day.body]
            assert bodies == written[trip.title]
            assert trip.timezone == {"Islands": "Europe/Athens", "Coast": "Asia/Seoul"}[trip.title]
