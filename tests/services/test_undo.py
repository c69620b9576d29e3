"""Undo and redo of every change a user makes (issue 14): each operation's ``Changes`` carry a
step; ``JournalService.revert`` applies it and returns the step that takes it back again. The
library is checked through ``JournalService`` after the change, its undo and its redo."""

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from journal.services import CameraKey, Changes, JournalService, NewTrip, TripEdit, TripInfo
from journal.texts import TextTarget
from tests.photos.photo_files import exif_for, write_photo
from tests.post_import.test_all_or_nothing import summit, trip_state  # noqa: F401
from tests.post_import.test_round_trip import import_post, stand_in_site

DAY1, DAY2 = date(2023, 9, 17), date(2023, 9, 18)
CANON = CameraKey("Canon", "Canon EOS R6", "0123")

State = Callable[[], Any]


@pytest.fixture
def photos(service: JournalService, seattle: TripInfo, tmp_path: Path) -> dict[str, int]:
    """a, b, c on Day 1 and d on Day 2, by a Canon whose serial the tests correct."""
    roll = tmp_path / "roll"
    for name, when in [("a", "17 08"), ("b", "17 12"), ("c", "17 18"), ("d", "18 09")]:
        day, hour = when.split()
        exif = exif_for(
            original=f"2023:09:{day} {hour}:00:00",
            make="Canon",
            model="Canon EOS R6",
            serial="0123",
        )
        write_photo(roll / f"{name}.jpg", exif)
    service.import_photos(seattle.id, [roll])
    return {photo.original_name[0]: photo.id for photo in service.all_photos(seattle.id)}


def everything(service: JournalService, trip_id: int) -> State:
    """All a user sees of the trip (see ``trip_state``), read anew at each call."""
    return lambda: trip_state(service, trip_id)


def check_undo_redo(service: JournalService, changes: Changes, state: State, before: Any) -> None:
    """``changes`` made the library differ from ``before``; undo puts ``before`` back, redo the
    change, and a second undo ``before`` again."""
    after = state()
    assert after != before
    assert changes.undo is not None
    undone = service.revert(changes.undo)
    assert state() == before
    assert undone.undo is not None
    redone = service.revert(undone.undo)
    assert state() == after
    assert redone.undo is not None
    service.revert(redone.undo)
    assert state() == before


def names(service: JournalService, trip: TripInfo, day: date | None) -> list[str]:
    return [photo.original_name for photo in service.photos(trip.id, day)]


def test_move_undo_redo(service: JournalService, seattle: TripInfo, photos: dict[str, int]) -> None:
    state = everything(service, seattle.id)
    before = state()
    changes = service.move_photos(seattle.id, [photos["d"], photos["a"]], DAY1, index=1)
    assert names(service, seattle, DAY1) == ["b.jpg", "d.jpg", "a.jpg", "c.jpg"]
    check_undo_redo(service, changes, state, before)
    assert names(service, seattle, DAY2) == ["d.jpg"]
    assert not service.photo(photos["d"]).pinned


def test_undoing_a_move_names_both_days_for_the_views(
    service: JournalService, seattle: TripInfo, photos: dict[str, int]
) -> None:
    changes = service.move_photos(seattle.id, [photos["d"]], None)
    assert changes.undo is not None
    undone = service.revert(changes.undo)
    assert undone.days == {DAY2}
    assert undone.photos == {photos["d"]}
    assert undone.trip == service.trip(seattle.id)


def test_reorder_undo_redo(
    service: JournalService, seattle: TripInfo, photos: dict[str, int]
) -> None:
    state = everything(service, seattle.id)
    before = state()
    changes = service.reorder_photos(seattle.id, DAY1, [photos["c"], photos["a"], photos["b"]])
    check_undo_redo(service, changes, state, before)


def test_caption_undo_redo(
    service: JournalService, seattle: TripInfo, photos: dict[str, int]
) -> None:
    state = everything(service, seattle.id)
    before = state()
    changes = service.set_caption(photos["b"], "The Space Needle")
    check_undo_redo(service, changes, state, before)


def test_removal_undo_brings_back_the_photos_their_files_and_their_places_in_the_text(
    service: JournalService, seattle: TripInfo, photos: dict[str, int]
) -> None:
    a, b = photos["a"], photos["b"]
    service.set_day_text(seattle.id, DAY1, f"Morning.\n\n![]({'photo:'}{a})\n\nNoon {b}.\n")
    service.edit_trip(seattle.id, TripEdit(intro=f"![Intro](photo:{b})"))
    files = [service.photo_path(service.photo(photo_id)) for photo_id in (a, b)]
    state = everything(service, seattle.id)
    before = state()

    changes = service.delete_photos(seattle.id, [a, b])

    assert names(service, seattle, DAY1) == ["c.jpg"]
    assert "photo:" not in service.day(seattle.id, DAY1).body
    assert service.trip(seattle.id).intro == ""
    assert all(file.exists() for file in files)
    check_undo_redo(service, changes, state, before)
    assert names(service, seattle, DAY1) == ["a.jpg", "b.jpg", "c.jpg"]
    assert f"photo:{a}" in service.day(seattle.id, DAY1).body


def test_undo_of_a_removal_says_the_text_was_rewritten_so_the_editor_reloads(
    service: JournalService, seattle: TripInfo, photos: dict[str, int]
) -> None:
    service.set_day_text(seattle.id, DAY1, f"![](photo:{photos['a']})")
    changes = service.delete_photos(seattle.id, [photos["a"]])
    assert changes.undo is not None
    undone = service.revert(changes.undo)
    assert undone.rewrote(seattle.id, TextTarget.of_day(DAY1))


def test_camera_clock_undo_redo(
    service: JournalService, seattle: TripInfo, photos: dict[str, int]
) -> None:
    state = everything(service, seattle.id)
    before = (state(), service.cameras(seattle.id))
    changes = service.set_camera_offset(seattle.id, CANON, 24 * 3600)
    assert names(service, seattle, DAY2) == ["a.jpg", "b.jpg", "c.jpg"]
    check_undo_redo(service, changes, lambda: (state(), service.cameras(seattle.id)), before)


def test_trip_properties_dates_and_zone_undo_redo(
    service: JournalService, seattle: TripInfo, photos: dict[str, int]
) -> None:
    state = everything(service, seattle.id)
    before = state()
    edit = TripEdit(
        title="Seattle, again", timezone="Asia/Seoul", categories=("Travel",), day_start_minutes=240
    )
    changes = service.edit_trip_and_dates(seattle.id, edit, date(2023, 9, 18), date(2023, 9, 25))
    assert changes.undo is not None
    assert service.trip(seattle.id).title == "Seattle, again"
    check_undo_redo(service, changes, state, before)


def test_undoing_a_rename_says_the_list_of_trips_changed(
    service: JournalService, seattle: TripInfo
) -> None:
    changes = service.rename_trip(seattle.id, "Renamed")
    assert changes.undo is not None
    undone = service.revert(changes.undo)
    assert undone.trip_list
    assert [trip.title for trip in service.list_trips()] == ["Seattle 2023"]


def test_set_trip_dates_undo_redo(
    service: JournalService, seattle: TripInfo, photos: dict[str, int]
) -> None:
    state = everything(service, seattle.id)
    before = state()
    service.set_day_text(seattle.id, DAY1, "A note.")
    before = state()
    changes = service.set_trip_dates(seattle.id, date(2023, 9, 18), date(2023, 9, 19))
    check_undo_redo(service, changes, state, before)


def test_text_save_undo_redo(service: JournalService, seattle: TripInfo) -> None:
    service.set_day_text(seattle.id, DAY1, "First draft.", "Arrival")
    for target in (TextTarget.of_day(DAY1), TextTarget.intro(), TextTarget.closing()):
        state = everything(service, seattle.id)
        before = state()
        title = "Landing" if target.has_title else None
        changes = service.set_text(seattle.id, target, "Second draft.", title)
        check_undo_redo(service, changes, state, before)


def test_saving_the_same_text_again_has_nothing_to_undo(
    service: JournalService, seattle: TripInfo
) -> None:
    service.set_day_text(seattle.id, DAY1, "Same.")
    assert service.set_day_text(seattle.id, DAY1, "Same.").undo is None


def test_photo_import_undo_trashes_what_it_added_and_redo_brings_it_back(
    service: JournalService, seattle: TripInfo, photos: dict[str, int], tmp_path: Path
) -> None:
    state = everything(service, seattle.id)
    before = state()
    more = write_photo(tmp_path / "more" / "e.jpg", exif_for(original="2023:09:17 10:00:00"))
    report = service.import_photos(seattle.id, [more.parent])
    assert len(report.imported) == 1
    check_undo_redo(service, report.changes, state, before)

    # A file whose photo is in the trash comes in again as a photo.
    again = service.import_photos(seattle.id, [more.parent])
    assert len(again.imported) == 1
    assert names(service, seattle, DAY1) == ["a.jpg", "e.jpg", "b.jpg", "c.jpg"]


def test_post_import_into_a_trip_undo_redo(
    service: JournalService,
    summit: TripInfo,  # noqa: F811
    tmp_path: Path,
) -> None:
    state = everything(service, summit.id)
    before = state()
    report = import_post(service, stand_in_site(tmp_path), into_trip=summit.id)
    check_undo_redo(service, report.changes, state, before)


def test_a_trip_made_by_a_post_import_goes_with_undo(
    service: JournalService, tmp_path: Path
) -> None:
    report = import_post(service, stand_in_site(tmp_path))
    assert report.changes.undo is not None
    assert report.changes.undo.trip_id is None  # the list of trips' history, not the trip's
    undone = service.revert(report.changes.undo)
    assert (undone.trip, undone.trip_list) == (None, True)
    assert service.list_trips() == []
    assert undone.undo is not None
    service.revert(undone.undo)
    assert [trip.id for trip in service.list_trips()] == [report.trip.id]
    assert len(service.all_photos(report.trip.id)) == report.photo_count


def test_create_trip_undo_redo(service: JournalService) -> None:
    changes = service.create_trip(NewTrip("Jeju", date(2024, 5, 1), date(2024, 5, 3), "Asia/Seoul"))
    assert changes.trip is not None
    assert changes.undo is not None
    assert changes.undo.trip_id is None
    check_undo_redo(service, changes, service.list_trips, [])
    # The slug stays taken while the trip is in the trash: redo must be able to bring it back.
    other = service.create_trip(NewTrip("Jeju", date(2024, 5, 1), date(2024, 5, 3), "Asia/Seoul"))
    assert other.trip is not None
    assert other.trip.slug != changes.trip.slug


def test_delete_trip_undo_brings_back_the_trip_its_text_photos_and_files(
    service: JournalService, seattle: TripInfo, photos: dict[str, int]
) -> None:
    service.set_day_text(seattle.id, DAY1, f"![](photo:{photos['a']})")
    state = everything(service, seattle.id)
    before = state()
    file = service.photo_path(service.photo(photos["a"]))

    changes = service.delete_trip(seattle.id)

    assert service.list_trips() == []
    assert file.exists()
    assert changes.undo is not None
    undone = service.revert(changes.undo)
    assert undone.trip_list
    assert undone.trip is not None
    assert state() == before
    assert undone.undo is not None
    service.revert(undone.undo)
    assert service.list_trips() == []


def test_emptying_the_trash_deletes_for_good_and_undo_then_brings_nothing_back(
    service: JournalService, seattle: TripInfo, photos: dict[str, int]
) -> None:
    removal = service.delete_photos(seattle.id, [photos["a"]])
    file = service.photo_path(service.photo(photos["b"])).parent
    assert service.empty_trash() == 1
    assert removal.undo is not None
    service.revert(removal.undo)
    assert names(service, seattle, DAY1) == ["b.jpg", "c.jpg"]
    assert file.exists()


def test_check_counts_trashed_photos_files_as_used_and_repair_empties_the_trash(
    service: JournalService, seattle: TripInfo, photos: dict[str, int]
) -> None:
    file = service.photo_path(service.photo(photos["a"]))
    service.delete_photos(seattle.id, [photos["a"]])

    report = service.check_library()
    assert report.leftovers is not None
    assert report.leftovers.copies.paths == ()
    assert file.exists()

    service.check_library(repair=True)
    assert not file.exists()
    assert service.empty_trash() == 0
