"""``JournalService.set_place`` and friends: the place by hand against tracks, and what changed."""

from datetime import date
from pathlib import Path

from journal.places.finder import place_finder
from journal.services import JournalService, TripInfo
from tests.tracks.test_track_import import photo_at, seattle_gpx

__all__ = ["seattle_gpx"]


def place_id(name: str) -> int:
    found = place_finder().search(name)[0].place.place_id
    assert found is not None
    return found


def test_a_track_never_moves_a_photo_placed_by_hand(
    service: JournalService, seattle: TripInfo, seattle_gpx: Path, tmp_path: Path
) -> None:
    photo = photo_at(service, seattle, tmp_path, "a.jpg", original="2023:09:16 08:25:00")
    changes = service.set_place(seattle.id, photo.id, place_id("Tacoma"))
    assert changes.photos == {photo.id}
    placed = service.photo(photo.id)
    assert placed.position_source == "hand"

    report = service.import_tracks(seattle.id, [seattle_gpx])

    assert report.placed == 0
    after = service.photo(photo.id)
    assert (after.position_source, after.gps_latitude) == ("hand", placed.gps_latitude)
    assert after.place_label == "Tacoma, Washington, United States"


def test_a_track_position_is_kept_under_a_place_by_hand_and_returns_when_cleared(
    service: JournalService, seattle: TripInfo, seattle_gpx: Path, tmp_path: Path
) -> None:
    photo = photo_at(service, seattle, tmp_path, "a.jpg", original="2023:09:16 08:25:00")
    service.import_tracks(seattle.id, [seattle_gpx])
    on_track = service.photo(photo.id)

    service.set_place(seattle.id, photo.id, place_id("Tacoma"))
    named = service.photo(photo.id)
    assert (named.position_source, named.gps_latitude) == ("track", on_track.gps_latitude)
    assert named.place_id == place_id("Tacoma")

    service.set_place(seattle.id, photo.id, None)
    cleared = service.photo(photo.id)
    assert (cleared.position_source, cleared.place_id, cleared.place_label) == ("track", None, None)


def test_same_place_as_a_photo_placed_by_hand_copies_its_place(
    service: JournalService, seattle: TripInfo, tmp_path: Path
) -> None:
    first = photo_at(service, seattle, tmp_path, "a.jpg", original="2023:09:17 10:00:00")
    second = photo_at(service, seattle, tmp_path, "b.jpg", original="2023:09:17 11:00:00")
    service.set_place(seattle.id, first.id, place_id("Kyoto"))
    changes = service.set_place_like_photo(seattle.id, second.id, first.id)
    assert changes.photos == {second.id}
    assert service.photo(second.id).place_id == place_id("Kyoto")
    day = date(2023, 9, 18)
    assert service.set_place_like_photo(seattle.id, day, first.id).days == {day}
    assert service.day_places(seattle.id) == {
        day: (place_id("Kyoto"), "Kyoto, Japan"),
    }


def test_undo_takes_a_place_by_hand_back_and_redo_gives_it_again(
    service: JournalService, seattle: TripInfo, tmp_path: Path
) -> None:
    photo = photo_at(service, seattle, tmp_path, "a.jpg", original="2023:09:18 23:30:00")
    before = service.photo(photo.id)
    changes = service.set_place(seattle.id, photo.id, place_id("Seoul"))
    placed = service.photo(photo.id)
    assert (placed.position_source, placed.utc_offset_minutes) == ("hand", 9 * 60)
    assert changes.undo is not None

    undone = service.revert(changes.undo)
    assert service.photo(photo.id) == before
    assert undone.undo is not None
    service.revert(undone.undo)
    assert service.photo(photo.id) == placed

    day = date(2023, 9, 17)
    day_changes = service.set_place(seattle.id, day, place_id("Kyoto"))
    assert day_changes.undo is not None
    service.revert(day_changes.undo)
    assert service.day_places(seattle.id) == {}
