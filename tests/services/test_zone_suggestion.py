"""The zone a new trip's photos say it was in (defect 8: a New Trip defaulted to UTC while its
photos carried offsets or GPS)."""

from datetime import date
from pathlib import Path
from typing import Any

from journal.services import JournalService, NewTrip, TripInfo
from journal.services.zone_suggestion import suggested_zone
from tests.photos.photo_files import exif_for, write_photo

LISBON = (38.7223, -9.1393)
TOKYO = (35.6762, 139.6503)


def _trip(service: JournalService, zone: str) -> TripInfo:
    changes = service.create_trip(NewTrip("Away", date(2024, 5, 10), date(2024, 5, 14), zone))
    assert changes.trip is not None
    return changes.trip


def _imported(
    service: JournalService, trip: TripInfo, folder: Path, **exifs: dict[str, Any]
) -> str | None:
    paths = [
        write_photo(folder / f"{name}.jpg", exif_for(**exif), color=(index, 1, 2))
        for index, (name, exif) in enumerate(exifs.items())
    ]
    service.import_photos(trip.id, paths)
    return suggested_zone(service.trip(trip.id), service.all_photos(trip.id))


def test_gps_positions_name_the_zone_most_photos_were_taken_in(
    service: JournalService, tmp_path: Path
) -> None:
    trip = _trip(service, "UTC")
    suggestion = _imported(
        service,
        trip,
        tmp_path,
        a={"original": "2024:05:11 10:00:00", "gps": LISBON},
        b={"original": "2024:05:11 11:00:00", "gps": LISBON},
        c={"original": "2024:05:12 11:00:00", "gps": TOKYO},
    )
    assert suggestion == "Europe/Lisbon"


def test_a_recorded_offset_alone_names_a_fixed_offset_zone(
    service: JournalService, tmp_path: Path
) -> None:
    trip = _trip(service, "UTC")
    suggestion = _imported(
        service, trip, tmp_path, a={"original": "2024:05:11 10:00:00", "offset": "+09:00"}
    )
    assert suggestion == "Etc/GMT-9"


def test_nothing_is_suggested_when_the_photos_agree_with_the_trip_or_say_nothing(
    service: JournalService, tmp_path: Path
) -> None:
    lisbon = _trip(service, "Europe/Lisbon")
    # +01:00 is Lisbon's summer time: the offset agrees with the trip's zone.
    assert (
        _imported(
            service,
            lisbon,
            tmp_path / "a",
            a={"original": "2024:05:11 10:00:00", "offset": "+01:00"},
            b={"original": "2024:05:11 10:30:00", "gps": LISBON},
        )
        is None
    )
    silent = _trip(service, "UTC")
    assert _imported(service, silent, tmp_path / "b", a={"original": "2024:05:11"}) is None
