from datetime import date
from typing import Any

import pytest

from journal.errors import InvalidInputError, NotFoundError
from journal.services import JournalService, NewTrip, TripEdit, TripInfo


def new_trip(title: str = "Trip", **overrides: Any) -> NewTrip:
    fields: dict[str, Any] = {
        "title": title,
        "start_date": date(2024, 5, 1),
        "end_date": date(2024, 5, 3),
        "timezone": "Asia/Seoul",
    }
    fields.update(overrides)
    return NewTrip(**fields)


def test_create_trip_derives_a_slug_and_reports_the_change(service: JournalService) -> None:
    changes = service.create_trip(new_trip("  Seattle   2023 ", categories=("AWS", " AWS ", "")))

    assert changes.trip is not None
    assert changes.trip.title == "Seattle 2023"
    assert changes.trip.slug == "seattle-2023"
    assert changes.trip.categories == ("AWS",)
    assert changes.trip_list
    assert service.find_trip("seattle-2023") == changes.trip
    assert service.find_trip(str(changes.trip.id)) == changes.trip


def test_korean_title_gets_a_transliterated_slug_and_duplicates_are_numbered(
    service: JournalService,
) -> None:
    first = service.create_trip(new_trip("서울 여행")).trip
    second = service.create_trip(new_trip("서울 여행")).trip
    assert first is not None
    assert second is not None
    assert first.slug == "seoul-yeohaeng"
    assert second.slug == "seoul-yeohaeng-2"


def test_title_with_nothing_to_transliterate_falls_back_to_the_date(
    service: JournalService,
) -> None:
    trip = service.create_trip(new_trip("🌏✈️")).trip
    assert trip is not None
    assert trip.slug == "trip-2024-05-01"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_date": date(2024, 4, 30)}, r"ends \(2024-04-30\) before it starts"),
        ({"timezone": "Mars/Olympus"}, "Unknown time zone"),
        ({"title": "   "}, "needs a title"),
        ({"slug": "../etc"}, "Invalid slug"),
        ({"end_date": date(2034, 5, 1)}, "at most 1000 days"),
    ],
)
def test_bad_trips_are_refused_and_nothing_is_written(
    service: JournalService, overrides: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        service.create_trip(new_trip(**overrides))
    assert service.list_trips() == []


def test_days_are_numbered_from_zero_like_the_reference_post(
    service: JournalService, seattle: TripInfo
) -> None:
    overview = service.days(seattle.id)

    assert [day.index for day in overview.days] == [0, 1, 2, 3, 4, 5]
    assert overview.days[0].date == date(2023, 9, 16)
    assert overview.days[0].label == "Day 0 · Sat 16 Sep"
    assert overview.days[-1].date == date(2023, 9, 21)


def test_day_text_is_saved_with_title_and_counted(
    service: JournalService, seattle: TripInfo
) -> None:
    changes = service.set_day_text(
        seattle.id, date(2023, 9, 17), "드디어 워크숍 첫째 날입니다. ![a](x.png)", title="Oscar"
    )

    assert changes.days == frozenset({date(2023, 9, 17)})
    day = service.day(seattle.id, date(2023, 9, 17))
    assert day.title == "Oscar"
    assert day.body.startswith("드디어")
    assert day.word_count == 4


def test_shrinking_the_dates_keeps_and_reports_text_outside_them(
    service: JournalService, seattle: TripInfo
) -> None:
    service.set_day_text(seattle.id, date(2023, 9, 21), "last day notes")
    service.set_day_text(seattle.id, date(2023, 9, 20), "")

    changes = service.set_trip_dates(seattle.id, date(2023, 9, 16), date(2023, 9, 19))

    assert changes.notes_outside_range == (date(2023, 9, 21),)
    overview = service.days(seattle.id)
    assert len(overview.days) == 4
    assert [note.body for note in overview.notes_outside_range] == ["last day notes"]
    # Growing the trip again brings the day back with its text.
    service.set_trip_dates(seattle.id, date(2023, 9, 16), date(2023, 9, 21))
    assert service.day(seattle.id, date(2023, 9, 21)).body == "last day notes"
    assert service.days(seattle.id).notes_outside_range == ()


def test_text_cannot_be_written_on_a_date_outside_the_trip(
    service: JournalService, seattle: TripInfo
) -> None:
    with pytest.raises(InvalidInputError, match="not a day of Seattle 2023"):
        service.set_day_text(seattle.id, date(2023, 10, 1), "text")


def test_edit_rename_and_delete(service: JournalService, seattle: TripInfo) -> None:
    renamed = service.edit_trip(
        seattle.id, TripEdit(title="AWS Summit", slug="aws-summit", tags=("cloud",))
    )
    assert renamed.trip is not None
    assert (renamed.trip.title, renamed.trip.slug, renamed.trip.tags) == (
        "AWS Summit",
        "aws-summit",
        ("cloud",),
    )
    assert renamed.trip_list

    service.set_day_text(seattle.id, date(2023, 9, 16), "text")
    assert service.delete_trip(seattle.id).trip_list
    assert service.list_trips() == []
    with pytest.raises(NotFoundError):
        service.trip(seattle.id)


def test_fields_and_dates_are_saved_together_or_not_at_all(
    service: JournalService, seattle: TripInfo
) -> None:
    with pytest.raises(InvalidInputError, match="at most 1000 days"):
        service.edit_trip_and_dates(
            seattle.id, TripEdit(title="Renamed"), date(2023, 9, 16), date(2033, 9, 16)
        )
    assert service.trip(seattle.id).title == "Seattle 2023"

    service.set_day_text(seattle.id, date(2023, 9, 21), "last day")
    changes = service.edit_trip_and_dates(
        seattle.id, TripEdit(title="Renamed"), date(2023, 9, 16), date(2023, 9, 20)
    )
    assert changes.trip is not None
    assert (changes.trip.title, changes.trip.end_date) == ("Renamed", date(2023, 9, 20))
    assert changes.trip_list
    assert changes.day_range
    assert changes.notes_outside_range == (date(2023, 9, 21),)
