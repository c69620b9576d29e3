"""Photos after import: moving, ordering, captions, deletion, camera clocks and trip edits."""

from datetime import date, datetime
from pathlib import Path

import pytest

from journal.errors import InvalidInputError, NotFoundError
from journal.photos.thumbnails import ThumbnailCache, ThumbSize
from journal.services import CameraKey, JournalService, NewTrip, TextPart, TripEdit, TripInfo
from tests.photos.photo_files import exif_for, write_photo

DAY1, DAY2, DAY3 = date(2023, 9, 17), date(2023, 9, 18), date(2023, 9, 19)
CANON = CameraKey("Canon", "Canon EOS R6", "0123")


def _import(service: JournalService, trip: TripInfo, folder: Path) -> dict[str, int]:
    report = service.import_photos(trip.id, [folder])
    assert report.failures == ()
    return {photo.original_name: photo.id for photo in service.all_photos(trip.id)}


@pytest.fixture
def day_photos(service: JournalService, seattle: TripInfo, camera_roll: Path) -> dict[str, int]:
    for name, when in [("a", "08:00"), ("b", "12:00"), ("c", "18:00")]:
        write_photo(camera_roll / f"{name}.jpg", exif_for(original=f"2023:09:17 {when}:00"))
    write_photo(camera_roll / "d.jpg", exif_for(original="2023:09:18 09:00:00"))
    return _import(service, seattle, camera_roll)


def _names(service: JournalService, trip: TripInfo, day: date | None) -> list[str]:
    return [photo.original_name for photo in service.photos(trip.id, day)]


def test_move_pins_photos_where_they_were_put(
    service: JournalService, seattle: TripInfo, day_photos: dict[str, int]
) -> None:
    changes = service.move_photos(seattle.id, [day_photos["d.jpg"]], DAY1, index=1)

    assert _names(service, seattle, DAY1) == ["a.jpg", "d.jpg", "b.jpg", "c.jpg"]
    assert _names(service, seattle, DAY2) == []
    assert changes.days == {DAY1, DAY2}
    assert service.photo(day_photos["d.jpg"]).pinned
    # A change of day start re-derives every photo but leaves the pinned one where it was put.
    service.edit_trip(seattle.id, TripEdit(day_start_minutes=240))
    assert service.photo(day_photos["d.jpg"]).day_date == DAY1


def test_move_to_the_unassigned_tray_and_back(
    service: JournalService, seattle: TripInfo, day_photos: dict[str, int]
) -> None:
    service.move_photos(seattle.id, [day_photos["a.jpg"], day_photos["b.jpg"]], None)
    assert _names(service, seattle, None) == ["a.jpg", "b.jpg"]
    service.move_photos(seattle.id, [day_photos["b.jpg"]], DAY3, index=0)
    assert _names(service, seattle, DAY3) == ["b.jpg"]
    with pytest.raises(InvalidInputError, match="is not a day of Seattle 2023"):
        service.move_photos(seattle.id, [day_photos["b.jpg"]], date(2024, 1, 1))
    with pytest.raises(NotFoundError, match="no photo with id 999"):
        service.move_photos(seattle.id, [999], DAY1)


def test_reorder_a_day(
    service: JournalService, seattle: TripInfo, day_photos: dict[str, int]
) -> None:
    order = [day_photos["c.jpg"], day_photos["a.jpg"], day_photos["b.jpg"]]
    service.reorder_photos(seattle.id, DAY1, order)
    assert _names(service, seattle, DAY1) == ["c.jpg", "a.jpg", "b.jpg"]
    with pytest.raises(InvalidInputError, match="exactly once"):
        service.reorder_photos(seattle.id, DAY1, order[:2])
    assert _names(service, seattle, DAY1) == ["c.jpg", "a.jpg", "b.jpg"]


def test_a_new_photo_lands_among_its_neighbours_in_time_on_a_reordered_day(
    service: JournalService, seattle: TripInfo, day_photos: dict[str, int], tmp_path: Path
) -> None:
    service.reorder_photos(
        seattle.id, DAY1, [day_photos["c.jpg"], day_photos["a.jpg"], day_photos["b.jpg"]]
    )
    more = tmp_path / "more"
    write_photo(more / "lunch.jpg", exif_for(original="2023:09:17 12:30:00"))
    service.import_photos(seattle.id, [more])
    assert _names(service, seattle, DAY1) == ["c.jpg", "a.jpg", "b.jpg", "lunch.jpg"]


def test_a_photo_arriving_between_two_takes_the_gap_and_moves_no_other(
    service: JournalService, seattle: TripInfo, day_photos: dict[str, int], tmp_path: Path
) -> None:
    before = {photo.id: photo.position for photo in service.photos(seattle.id, DAY1)}
    more = tmp_path / "more"
    write_photo(more / "brunch.jpg", exif_for(original="2023:09:17 10:00:00"))
    write_photo(more / "dawn.jpg", exif_for(original="2023:09:17 06:00:00"))
    service.import_photos(seattle.id, [more])

    photos = service.photos(seattle.id, DAY1)
    assert [photo.original_name for photo in photos] == [
        "dawn.jpg",
        "a.jpg",
        "brunch.jpg",
        "b.jpg",
        "c.jpg",
    ]
    assert {photo.id: photo.position for photo in photos if photo.id in before} == before


def test_one_day_reads_the_same_as_in_the_overview(
    service: JournalService, seattle: TripInfo, day_photos: dict[str, int]
) -> None:
    service.set_day_text(seattle.id, DAY1, "Pike Place", title="Market")
    service.set_day_text(seattle.id, date(2023, 9, 21), "kept")
    service.set_trip_dates(seattle.id, date(2023, 9, 16), date(2023, 9, 20))

    overview = service.days(seattle.id)
    for info in (*overview.days, *overview.notes_outside_range):
        assert service.day(seattle.id, info.date) == info
    assert service.day(seattle.id, DAY1).photo_count == 3


def test_captions_are_kept_in_any_language(
    service: JournalService, seattle: TripInfo, day_photos: dict[str, int]
) -> None:
    service.set_caption(day_photos["a.jpg"], "  스페이스 니들에서   본 풍경 ")
    assert service.photo(day_photos["a.jpg"]).caption == "스페이스 니들에서 본 풍경"


def test_delete_trashes_photos_and_emptying_the_trash_removes_rows_files_and_thumbnails(
    service: JournalService, seattle: TripInfo, day_photos: dict[str, int]
) -> None:
    photo = service.photo(day_photos["a.jpg"])
    original = service.photo_path(photo)
    thumbnail = ThumbnailCache(service.library.root).thumbnail_path(photo, ThumbSize.THUMB)
    assert original.exists()
    assert thumbnail.exists()

    changes = service.delete_photos(seattle.id, [photo.id])

    assert changes.photos == {photo.id}
    assert _names(service, seattle, DAY1) == ["b.jpg", "c.jpg"]
    assert original.exists()  # in the trash: Undo can bring it back
    assert service.empty_trash() == 1
    assert not original.exists()
    assert not thumbnail.exists()


def test_delete_takes_the_photos_references_out_of_every_text_of_the_trip(
    service: JournalService, seattle: TripInfo, day_photos: dict[str, int]
) -> None:
    a, b, c, d = (day_photos[f"{name}.jpg"] for name in "abcd")
    outside = date(2023, 9, 21)
    service.set_day_text(seattle.id, outside, f"Kept note.\n![gone]({_ref(a)})\n")
    service.set_trip_dates(seattle.id, date(2023, 9, 16), date(2023, 9, 20))
    service.edit_trip(
        seattle.id,
        TripEdit(
            intro=f"![cover]({_ref(a)})\n\nWe flew in.",
            closing=f"Home again ![last]({_ref(b)}) at last.",
        ),
    )
    service.set_day_text(
        seattle.id,
        DAY1,
        f"Pike Place.\n\n![market]({_ref(a)})\n\nLunch ![noon]({_ref(b)}) then "
        f"![fish]({_ref(a)}) and ![dusk]({_ref(c)}).\n\nWrite `![]({_ref(b)})` to show one.\n",
    )
    service.set_day_text(seattle.id, DAY2, f"![rain]({_ref(d)})\nRain.")

    shown = service.texts_showing(seattle.id, [a, b])

    assert [(text.label, text.part, text.photo_ids) for text in shown] == [
        ("the intro", TextPart.INTRO, (a,)),
        ("Day 1", TextPart.DAY, (a, b)),
        ("2023-09-21", TextPart.DAY, (a,)),
        ("the closing", TextPart.CLOSING, (b,)),
    ]

    changes = service.delete_photos(seattle.id, [a, b])

    assert service.day(seattle.id, DAY1).body == (
        f"Pike Place.\n\nLunch then and ![dusk]({_ref(c)}).\n\n"
        f"Write `![]({_ref(b)})` to show one.\n"
    )
    assert service.day(seattle.id, DAY2).body == f"![rain]({_ref(d)})\nRain."
    assert service.day(seattle.id, outside).body == "Kept note.\n"
    trip = service.trip(seattle.id)
    assert (trip.intro, trip.closing) == ("We flew in.", "Home again at last.")
    assert changes.trip == trip
    assert changes.days == {DAY1, outside}
    assert changes.photos == {a, b}
    assert changes.trip_details
    assert changes.text_rewritten
    assert service.texts_showing(seattle.id, [a, b]) == []


def test_delete_of_a_photo_no_text_shows_rewrites_no_text(
    service: JournalService, seattle: TripInfo, day_photos: dict[str, int]
) -> None:
    a, c = day_photos["a.jpg"], day_photos["c.jpg"]
    service.set_day_text(seattle.id, DAY2, f"![a]({_ref(a)})  \r\n")

    changes = service.delete_photos(seattle.id, [c])

    assert changes.days == {DAY1}
    assert not changes.trip_details
    assert not changes.text_rewritten
    assert service.day(seattle.id, DAY2).body == f"![a]({_ref(a)})  \r\n"


def _ref(photo_id: int) -> str:
    return f"photo:{photo_id}"


def test_delete_keeps_a_file_another_trip_still_uses(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    write_photo(camera_roll / "a.jpg", exif_for(original="2023:09:17 08:00:00"))
    other = service.create_trip(
        NewTrip("Seattle again", date(2023, 9, 16), date(2023, 9, 21), "America/Los_Angeles")
    ).trip
    assert other is not None
    [first] = service.import_photos(seattle.id, [camera_roll]).imported
    [second] = service.import_photos(other.id, [camera_roll]).imported

    service.delete_photos(seattle.id, [first])

    assert service.photo_path(service.photo(second)).exists()


def test_cameras_and_their_clock_correction(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    # A camera left on Seoul time: 9 a.m. in Seattle on the 17th shows 01:00 on the 18th.
    for hour in (1, 5, 17):
        write_photo(
            camera_roll / f"canon{hour}.jpg",
            exif_for(
                original=f"2023:09:18 {hour:02d}:00:00",
                make="Canon",
                model="Canon EOS R6",
                serial="0123",
            ),
        )
    write_photo(
        camera_roll / "phone.jpg",
        exif_for(original="2023:09:18 01:00:00", offset="-07:00", make="Apple", model="iPhone"),
    )
    ids = _import(service, seattle, camera_roll)

    cameras = service.cameras(seattle.id)
    assert [(info.camera.label, info.photo_count, info.offset_seconds) for info in cameras] == [
        ("Canon EOS R6 (#0123)", 3, 0),
        ("Apple iPhone", 1, 0),
    ]

    preview = service.preview_camera_offset(seattle.id, CANON, -16 * 3600)
    assert [(move.original_name, move.old_day, move.new_day) for move in preview] == [
        ("canon1.jpg", DAY2, DAY1),
        ("canon5.jpg", DAY2, DAY1),
    ]
    assert service.photo(ids["canon1.jpg"]).day_date == DAY2  # a preview writes nothing

    changes = service.set_camera_offset(seattle.id, CANON, -16 * 3600)

    assert changes.days == {DAY1, DAY2}
    assert changes.photos == {ids["canon1.jpg"], ids["canon5.jpg"], ids["canon17.jpg"]}
    assert _names(service, seattle, DAY1) == ["canon1.jpg", "canon5.jpg"]
    assert service.photo(ids["canon1.jpg"]).local_time == datetime(2023, 9, 17, 9, 0)
    assert service.photo(ids["phone.jpg"]).day_date == DAY2
    assert service.cameras(seattle.id)[0].offset_seconds == -16 * 3600
    # Photos imported later from the same camera get the correction too.
    later = camera_roll / "later"
    write_photo(
        later / "canon23.jpg",
        exif_for(original="2023:09:19 23:00:00", make="Canon", model="Canon EOS R6", serial="0123"),
    )
    [late_id] = service.import_photos(seattle.id, [later]).imported
    assert service.photo(late_id).local_time == datetime(2023, 9, 19, 7, 0)
    # Undo.
    service.set_camera_offset(seattle.id, CANON, 0)
    assert service.photo(ids["canon1.jpg"]).day_date == DAY2


def test_camera_offset_errors(
    service: JournalService, seattle: TripInfo, day_photos: dict[str, int]
) -> None:
    with pytest.raises(NotFoundError, match="no photos from Nikon Z6"):
        service.set_camera_offset(seattle.id, CameraKey("Nikon", "Z6", ""), 3600)
    with pytest.raises(InvalidInputError, match="at most 100 years"):
        service.set_camera_offset(seattle.id, CameraKey("", "", ""), 101 * 366 * 86400)


def test_changing_the_trip_dates_rederives_every_day(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    write_photo(camera_roll / "before.jpg", exif_for(original="2023:09:15 10:00:00"))
    write_photo(camera_roll / "last.jpg", exif_for(original="2023:09:21 10:00:00"))
    ids = _import(service, seattle, camera_roll)
    assert _names(service, seattle, None) == ["before.jpg"]

    changes = service.set_trip_dates(seattle.id, date(2023, 9, 15), date(2023, 9, 20))

    assert service.photo(ids["before.jpg"]).day_date == date(2023, 9, 15)
    assert _names(service, seattle, None) == ["last.jpg"]
    assert changes.photos == {ids["before.jpg"], ids["last.jpg"]}
    overview = service.days(seattle.id)
    assert (overview.unassigned_photo_count, overview.unassigned_cover_photo_id) == (
        1,
        ids["last.jpg"],
    )


MAY = {day: date(2024, 5, day) for day in range(9, 16)}


@pytest.fixture
def jeju(service: JournalService, camera_roll: Path) -> tuple[TripInfo, dict[str, int]]:
    """The new-user review's trip, 10-12 May, with text on two days, seven photos on its days
    (one put there by hand) and four in Unassigned (one put there by hand). Two photos know
    their time only as an instant (a GPS time stamp), so a change of zone moves their day."""
    changes = service.create_trip(
        NewTrip("Jeju 2024", MAY[10], MAY[12], "Asia/Seoul", categories=("Travel",))
    )
    assert changes.trip is not None
    trip = changes.trip
    for second, (name, day) in enumerate([
        ("10a", 10), ("10b", 10), ("11a", 11), ("11b", 11), ("12a", 12), ("12b", 12),
        ("09", 9), ("13", 13), ("15", 15), ("13-by-hand", 13),
    ]):  # fmt: skip
        taken = f"2024:05:{day:02d} 08:30:{second:02d}"
        write_photo(camera_roll / f"{name}.jpg", exif_for(original=taken))
    # 08:30 on 10 May and 00:30 on 13 May in Seoul; in Los Angeles, 9 May and 12 May.
    write_photo(camera_roll / "10-gps.jpg", exif_for(gps_stamp=("2024:05:09", (23, 30, 0))))
    write_photo(camera_roll / "13-gps.jpg", exif_for(gps_stamp=("2024:05:12", (15, 30, 0))))
    ids = _import(service, trip, camera_roll)
    service.move_photos(trip.id, [ids["12b.jpg"]], MAY[10])
    service.move_photos(trip.id, [ids["13-by-hand.jpg"]], None)
    service.set_day_text(trip.id, MAY[10], "도착. Ferry at dawn.")
    service.set_day_text(trip.id, MAY[12], "", title="Hallasan")
    return trip, ids


def _on_a_day(service: JournalService, trip: TripInfo) -> set[str]:
    return {photo.original_name for photo in service.all_photos(trip.id) if photo.day_date}


@pytest.mark.parametrize(
    ("start", "end", "timezone", "expected"),
    [
        # The review's change: the whole trip moves three days on.
        (13, 15, None, (7, 3, (MAY[10], MAY[12]), ())),
        (11, 12, None, (4, 0, (MAY[10],), ())),
        (9, 13, None, (0, 3, (), ())),
        (10, 12, None, (0, 0, (), ())),
        # Only the GPS-stamped photos change day; camera clocks read local time in any zone.
        (10, 12, "America/Los_Angeles", (1, 1, (), ())),
    ],
)
def test_the_dates_preview_counts_what_the_change_then_does(
    service: JournalService,
    jeju: tuple[TripInfo, dict[str, int]],
    start: int,
    end: int,
    timezone: str | None,
    expected: tuple[int, int, tuple[date, ...], tuple[date, ...]],
) -> None:
    trip, _ = jeju
    before = service.all_photos(trip.id)
    on_a_day = _on_a_day(service, trip)

    preview = service.preview_trip_dates(trip.id, MAY[start], MAY[end], timezone)

    assert service.all_photos(trip.id) == before
    assert service.trip(trip.id) == trip
    assert (preview.photos_out, preview.photos_in, preview.texts_out, preview.texts_in) == expected
    changes = service.edit_trip_and_dates(
        trip.id, TripEdit(timezone=timezone), MAY[start], MAY[end]
    )
    after = _on_a_day(service, trip)
    assert len(on_a_day - after) == preview.photos_out
    assert len(after - on_a_day) == preview.photos_in
    assert changes.notes_outside_range == preview.texts_out


def test_the_dates_preview_of_setting_the_dates_back_counts_what_comes_back(
    service: JournalService, jeju: tuple[TripInfo, dict[str, int]]
) -> None:
    trip, _ = jeju
    on_a_day = _on_a_day(service, trip)
    service.set_trip_dates(trip.id, MAY[13], MAY[15])

    preview = service.preview_trip_dates(trip.id, MAY[10], MAY[12])

    assert (preview.photos_out, preview.photos_in) == (3, 7)
    assert preview.texts_in == (MAY[10], MAY[12])
    assert preview.texts_out == ()
    service.set_trip_dates(trip.id, MAY[10], MAY[12])
    assert _on_a_day(service, trip) == on_a_day
    assert service.days(trip.id).notes_outside_range == ()


def test_the_dates_preview_refuses_what_the_change_refuses(
    service: JournalService, jeju: tuple[TripInfo, dict[str, int]]
) -> None:
    trip, _ = jeju
    with pytest.raises(InvalidInputError, match="ends"):
        service.preview_trip_dates(trip.id, MAY[13], MAY[12])
    with pytest.raises(InvalidInputError, match="Unknown time zone"):
        service.preview_trip_dates(trip.id, MAY[10], MAY[12], "Asia/Nowhere")


def test_changing_the_trip_zone_rederives_photos_without_their_own_offset(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    write_photo(camera_roll / "plain.jpg", exif_for(original="2023:09:17 10:00:00"))
    write_photo(
        camera_roll / "zoned.jpg", exif_for(original="2023:09:17 10:00:00", offset="-07:00")
    )
    ids = _import(service, seattle, camera_roll)

    service.edit_trip(seattle.id, TripEdit(timezone="Asia/Seoul"))

    assert service.photo(ids["plain.jpg"]).utc_offset_minutes == 540
    assert service.photo(ids["zoned.jpg"]).utc_offset_minutes == -420


def test_the_day_start_hour_moves_small_hours_to_the_evening_before(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    write_photo(camera_roll / "night.jpg", exif_for(original="2023:09:18 01:00:00"))
    ids = _import(service, seattle, camera_roll)
    assert service.photo(ids["night.jpg"]).day_date == DAY2

    changes = service.edit_trip(seattle.id, TripEdit(day_start_minutes=240))

    assert service.photo(ids["night.jpg"]).day_date == DAY1
    assert changes.days == {DAY1, DAY2}


def test_a_clock_that_was_never_set_is_corrected_from_one_known_photo(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    for minute in (0, 30):
        write_photo(
            camera_roll / f"reset{minute}.jpg",
            exif_for(original=f"2000:01:01 00:{minute:02d}:00", make="Sony", model="RX100"),
        )
    write_photo(camera_roll / "gps.jpg", exif_for(gps_stamp=("2023:09:18", (17, 0, 0))))
    ids = _import(service, seattle, camera_roll)
    assert _names(service, seattle, None) == ["reset0.jpg", "reset30.jpg"]

    camera, offset = service.offset_for_actual_time(ids["reset0.jpg"], datetime(2023, 9, 18, 9, 0))
    service.set_camera_offset(seattle.id, camera, offset)

    assert camera == CameraKey("Sony", "RX100", "")
    assert service.photo(ids["reset30.jpg"]).local_time == datetime(2023, 9, 18, 9, 30)
    assert _names(service, seattle, DAY2) == ["reset0.jpg", "reset30.jpg", "gps.jpg"]
    with pytest.raises(InvalidInputError, match="comes from GPS, not from its camera's clock"):
        service.offset_for_actual_time(ids["gps.jpg"], datetime(2023, 9, 18, 9, 0))
