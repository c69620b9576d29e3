"""The list of trips: each trip's photo count and cover, read for the whole library at once."""

from datetime import date
from pathlib import Path

from journal.services import JournalService, NewTrip, TripInfo
from tests.photos.photo_files import exif_for, write_photo


def test_each_trip_counts_its_photos_and_shows_its_first_photo_as_cover(
    service: JournalService, seattle: TripInfo, tmp_path: Path
) -> None:
    later = write_photo(tmp_path / "later.jpg", exif_for(original="2023:09:18 10:00:00"))
    first = write_photo(
        tmp_path / "first.jpg", exif_for(original="2023:09:16 09:00:00"), color=(1, 2, 3)
    )
    stray = write_photo(
        tmp_path / "stray.jpg", exif_for(original="2020:01:01 09:00:00"), color=(9, 9, 9)
    )
    service.import_photos(seattle.id, [later, first, stray])
    empty = service.create_trip(NewTrip("Empty", date(2024, 1, 1), date(2024, 1, 2), "UTC")).trip
    assert empty is not None
    by_name = {photo.original_name: photo.id for photo in service.all_photos(seattle.id)}

    summaries = {summary.trip.id: summary for summary in service.trip_summaries()}

    assert [summary.trip.id for summary in service.trip_summaries()] == [empty.id, seattle.id]
    assert summaries[seattle.id].photo_count == 3
    assert summaries[seattle.id].cover_photo_id == by_name["first.jpg"]
    assert (summaries[empty.id].photo_count, summaries[empty.id].cover_photo_id) == (0, None)
