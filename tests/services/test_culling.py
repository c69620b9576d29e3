"""Culling through the service: flags, stars, hidden from the post, and covers, on real photos
imported into a real library."""

from datetime import date
from pathlib import Path

import pytest

from journal.errors import InvalidInputError
from journal.export import ExportFormat, ExportSettings
from journal.services import JournalService, TripInfo
from tests.photos.photo_files import exif_for, write_photo

DAY1, DAY2 = date(2023, 9, 17), date(2023, 9, 18)


@pytest.fixture
def photo_ids(service: JournalService, seattle: TripInfo, tmp_path: Path) -> dict[str, int]:
    folder = tmp_path / "roll"
    write_photo(folder / "a.jpg", exif_for(original="2023:09:17 08:00:00"))
    write_photo(folder / "b.jpg", exif_for(original="2023:09:17 09:00:00"), color=(9, 90, 200))
    write_photo(folder / "c.jpg", exif_for(original="2023:09:18 10:00:00"), color=(90, 9, 20))
    service.import_photos(seattle.id, [folder])
    return {photo.original_name: photo.id for photo in service.all_photos(seattle.id)}


def test_flags_and_stars_are_kept_and_reported(
    service: JournalService, seattle: TripInfo, photo_ids: dict[str, int]
) -> None:
    a, b = photo_ids["a.jpg"], photo_ids["b.jpg"]

    flagged = service.set_flagged(seattle.id, [a, b], True)
    rated = service.set_rating(seattle.id, [b], 4)

    assert flagged.photos == {a, b}
    assert flagged.days == {DAY1}
    assert rated.photos == {b}
    assert [(p.flagged, p.rating) for p in service.photos(seattle.id, DAY1)] == [
        (True, 0),
        (True, 4),
    ]
    service.set_flagged(seattle.id, [a], False)
    assert not service.photo(a).flagged
    with pytest.raises(InvalidInputError, match="0 to 5 stars"):
        service.set_rating(seattle.id, [a], 6)


def test_a_hidden_photo_stays_on_its_day_and_is_not_appended_to_the_post(
    service: JournalService, seattle: TripInfo, photo_ids: dict[str, int], tmp_path: Path
) -> None:
    a, b = photo_ids["a.jpg"], photo_ids["b.jpg"]
    service.set_day_text(seattle.id, DAY1, "A day at the market.")

    service.set_hidden(seattle.id, [a], True)

    assert [p.id for p in service.photos(seattle.id, DAY1)] == [a, b]
    assert service.photo(a).hidden
    settings = ExportSettings(format=ExportFormat.JEKYLL, folder=tmp_path / "site")
    text = service.plan_export(seattle.id, settings).markdown
    assert text.count("![") == 2  # b on Day 1, c on Day 2; a is hidden
    assert "day-1-01.jpg" in text
    assert "day-1-02.jpg" not in text


def test_a_day_cover_is_chosen_shown_in_the_overview_and_follows_its_photo(
    service: JournalService, seattle: TripInfo, photo_ids: dict[str, int]
) -> None:
    a, b, c = photo_ids["a.jpg"], photo_ids["b.jpg"], photo_ids["c.jpg"]
    assert service.day(seattle.id, DAY1).cover_photo_id == a  # the first photo by default

    changes = service.set_day_cover(seattle.id, DAY1, b)

    assert changes.days == {DAY1}
    assert service.day(seattle.id, DAY1).cover_photo_id == b
    day1 = next(day for day in service.days(seattle.id).days if day.date == DAY1)
    assert day1.cover_photo_id == b
    with pytest.raises(InvalidInputError, match="not on 2023-09-17"):
        service.set_day_cover(seattle.id, DAY1, c)
    service.move_photos(seattle.id, [b], DAY2)
    assert service.day(seattle.id, DAY1).cover_photo_id == a  # b left the day
    service.set_day_cover(seattle.id, DAY1, None)
    assert service.day(seattle.id, DAY1).cover_photo_id == a


def test_the_trip_cover_is_one_of_its_photos(
    service: JournalService, seattle: TripInfo, photo_ids: dict[str, int]
) -> None:
    changes = service.set_trip_cover(seattle.id, photo_ids["c.jpg"])

    assert changes.trip is not None
    assert changes.trip.cover_photo_id == photo_ids["c.jpg"]
    assert changes.trip_list
    assert service.trip(seattle.id).cover_photo_id == photo_ids["c.jpg"]


def test_every_culling_change_is_undone_and_redone(
    service: JournalService, seattle: TripInfo, photo_ids: dict[str, int]
) -> None:
    a, b = photo_ids["a.jpg"], photo_ids["b.jpg"]

    def marks() -> list[tuple[bool, int, bool]]:
        return [(p.flagged, p.rating, p.hidden) for p in service.photos(seattle.id, DAY1)]

    for change, after in (
        (lambda: service.set_flagged(seattle.id, [a, b], True), [(True, 0, False)] * 2),
        (lambda: service.set_rating(seattle.id, [b], 5), [(False, 0, False), (False, 5, False)]),
        (lambda: service.set_hidden(seattle.id, [a], True), [(False, 0, True), (False, 0, False)]),
    ):
        changes = change()
        assert marks() == after
        assert changes.undo is not None
        undone = service.revert(changes.undo)
        assert marks() == [(False, 0, False)] * 2
        assert undone.undo is not None
        redone = service.revert(undone.undo)
        assert marks() == after
        assert redone.undo is not None
        service.revert(redone.undo)
        assert marks() == [(False, 0, False)] * 2

    cover = service.set_trip_cover(seattle.id, b)
    assert service.trip(seattle.id).cover_photo_id == b
    assert cover.undo is not None
    service.revert(cover.undo)
    assert service.trip(seattle.id).cover_photo_id is None
