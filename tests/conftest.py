"""Fixtures shared by every test: real libraries in temporary folders."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from journal.services import JournalService, NewTrip, TripInfo
from journal.store.library import Library


@pytest.fixture
def library_root(tmp_path: Path) -> Path:
    return tmp_path / "library"


@pytest.fixture
def library(library_root: Path) -> Iterator[Library]:
    with Library.open(library_root) as opened:
        yield opened


@pytest.fixture
def service(library: Library) -> JournalService:
    return JournalService(library)


@pytest.fixture
def seattle(service: JournalService) -> TripInfo:
    """The trip of the reference post: Day 0 is Sat 16 Sep 2023."""
    changes = service.create_trip(
        NewTrip(
            title="Seattle 2023",
            start_date=date(2023, 9, 16),
            end_date=date(2023, 9, 21),
            timezone="America/Los_Angeles",
            categories=("AWS", "Summit"),
        )
    )
    assert changes.trip is not None
    return changes.trip
