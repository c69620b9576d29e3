"""From recorded time to local time and trip day: offsets, GPS zones, corrections, day start."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from journal.photos.capture_time import TimeSource
from journal.photos.day_assignment import RecordedTime, TripClock, ZoneSource, derive_time

SEOUL = (37.5665, 126.978)
SEATTLE = (47.6062, -122.3321)

#: Seoul to Seattle: leave Seoul the evening of the 16th, land in Seattle the morning of the 16th.
TRIP = TripClock(ZoneInfo("America/Los_Angeles"), date(2023, 9, 16), date(2023, 9, 21))


def camera(
    wall: datetime, offset: int | None = None, where: tuple[float, float] | None = None
) -> RecordedTime:
    return RecordedTime(
        wall,
        TimeSource.EXIF_ORIGINAL,
        offset,
        where[0] if where else None,
        where[1] if where else None,
    )


def test_the_photos_own_offset_wins() -> None:
    derived = derive_time(camera(datetime(2023, 9, 16, 22, 30), 540, SEATTLE), TRIP)
    assert derived.local_time == datetime(2023, 9, 16, 22, 30)
    assert derived.utc_offset_minutes == 540
    assert derived.captured_utc == datetime(2023, 9, 16, 13, 30)
    assert derived.zone_source == ZoneSource.RECORDED
    assert derived.day == date(2023, 9, 16)


def test_without_offset_the_gps_position_gives_the_zone() -> None:
    derived = derive_time(camera(datetime(2023, 9, 16, 22, 30), where=SEOUL), TRIP)
    assert derived.zone_name == "Asia/Seoul"
    assert derived.zone_source == ZoneSource.GPS_POSITION
    assert derived.utc_offset_minutes == 540
    assert derived.captured_utc == datetime(2023, 9, 16, 13, 30)


def test_without_offset_or_gps_the_trip_zone_is_assumed_with_its_daylight_saving() -> None:
    summer = derive_time(camera(datetime(2023, 9, 17, 9, 0)), TRIP)
    assert (summer.zone_source, summer.utc_offset_minutes) == (ZoneSource.TRIP, -420)
    winter_trip = TripClock(ZoneInfo("America/Los_Angeles"), date(2023, 12, 1), date(2023, 12, 5))
    winter = derive_time(camera(datetime(2023, 12, 2, 9, 0)), winter_trip)
    assert winter.utc_offset_minutes == -480


def test_a_flight_across_the_date_line_keeps_each_photo_on_its_local_day() -> None:
    """Seoul evening and Seattle morning of the same date are both Day 0, although the Seattle
    photo was taken 10 hours later."""
    seoul_evening = derive_time(camera(datetime(2023, 9, 16, 19, 0), 540), TRIP)
    seattle_morning = derive_time(camera(datetime(2023, 9, 16, 11, 0), -420), TRIP)
    assert seoul_evening.day == seattle_morning.day == date(2023, 9, 16)
    assert seoul_evening.captured_utc == datetime(2023, 9, 16, 10, 0)
    assert seattle_morning.captured_utc == datetime(2023, 9, 16, 18, 0)


def test_gps_time_is_an_instant_placed_in_the_zone_of_the_position() -> None:
    recorded = RecordedTime(datetime(2023, 9, 17, 23, 30), TimeSource.GPS, None, *SEOUL)
    derived = derive_time(recorded, TRIP)
    assert derived.local_time == datetime(2023, 9, 18, 8, 30)
    assert derived.day == date(2023, 9, 18)
    # A camera correction is about the camera's clock, not the satellites'.
    assert derive_time(recorded, TRIP, camera_offset_seconds=3600) == derived


def test_file_time_is_an_instant_in_the_trip_zone() -> None:
    recorded = RecordedTime(datetime(2023, 9, 18, 3, 0), TimeSource.FILE_MTIME)
    derived = derive_time(recorded, TRIP)
    assert derived.local_time == datetime(2023, 9, 17, 20, 0)
    assert derived.day == date(2023, 9, 17)


def test_a_camera_correction_moves_the_wall_clock_and_drops_its_recorded_zone() -> None:
    """A camera left on Seoul time (+09:00) in Seattle runs 16 hours ahead: correct it by -16h."""
    recorded = camera(datetime(2023, 9, 18, 2, 0), 540)
    assert derive_time(recorded, TRIP).day == date(2023, 9, 18)
    corrected = derive_time(recorded, TRIP, camera_offset_seconds=-16 * 3600)
    assert corrected.local_time == datetime(2023, 9, 17, 10, 0)
    assert corrected.zone_source == ZoneSource.TRIP
    assert corrected.utc_offset_minutes == -420
    assert corrected.day == date(2023, 9, 17)


@pytest.mark.parametrize(
    ("wall", "day_start", "expected"),
    [
        (datetime(2023, 9, 18, 1, 0), 0, date(2023, 9, 18)),
        (datetime(2023, 9, 18, 1, 0), 240, date(2023, 9, 17)),
        (datetime(2023, 9, 18, 3, 59), 240, date(2023, 9, 17)),
        (datetime(2023, 9, 18, 4, 0), 240, date(2023, 9, 18)),
        (datetime(2023, 9, 18, 23, 59), 240, date(2023, 9, 18)),
    ],
)
def test_the_day_start_hour(wall: datetime, day_start: int, expected: date) -> None:
    trip = TripClock(TRIP.zone, TRIP.start, TRIP.end, day_start)
    assert derive_time(camera(wall), trip).day == expected


def test_outside_the_trip_or_without_time_means_unassigned() -> None:
    assert derive_time(camera(datetime(2023, 9, 22, 0, 30)), TRIP).day is None
    # The first trip day starts at 04:00, so 02:00 on it still belongs to the evening before.
    early = TripClock(TRIP.zone, TRIP.start, TRIP.end, 240)
    assert derive_time(camera(datetime(2023, 9, 16, 2, 0)), early).day is None
    assert derive_time(RecordedTime(None, None), TRIP).day is None
