"""Every text of a trip is read and written by its ``TextTarget``, through one pair of methods."""

import dataclasses
from datetime import date

import pytest

from journal.errors import InvalidInputError
from journal.services import Changes, JournalService, TextPart, TextTarget, TripInfo
from journal.services.day_ops import resolve_text


def test_intro_days_and_closing_are_written_and_read_by_their_target(
    service: JournalService, seattle: TripInfo
) -> None:
    day = TextTarget.of_day(date(2023, 9, 17))

    intro = service.set_text(seattle.id, TextTarget.intro(), "Hello.")
    written = service.set_text(seattle.id, day, "Workshop.", "  Day   one ")
    service.set_text(seattle.id, TextTarget.closing(), "Bye.")
    service.set_text(seattle.id, day, "Workshop, again.")

    assert service.text(seattle.id, TextTarget.intro()) == ("", "Hello.")
    assert service.text(seattle.id, day) == ("Day one", "Workshop, again.")
    assert service.text(seattle.id, TextTarget.closing()) == ("", "Bye.")
    assert service.text(seattle.id, TextTarget.of_day(date(2023, 9, 18))) == ("", "")
    assert (intro.trip_details, intro.days) == (True, frozenset())
    assert (written.trip_details, written.days) == (False, frozenset({date(2023, 9, 17)}))


def test_only_a_day_has_a_title(service: JournalService, seattle: TripInfo) -> None:
    with pytest.raises(InvalidInputError, match="Only a day's text has a title; the intro"):
        service.set_text(seattle.id, TextTarget.intro(), "Hello.", "A title")
    assert service.trip(seattle.id).intro == ""
    with pytest.raises(ValueError, match="a closing text has no day"):
        TextTarget(TextPart.CLOSING, date(2023, 9, 17))
    with pytest.raises(ValueError, match="a day text needs a day"):
        TextTarget(TextPart.DAY)


def test_a_text_is_named_as_the_user_would(seattle: TripInfo) -> None:
    assert resolve_text(seattle, " Intro ") == TextTarget.intro()
    assert resolve_text(seattle, "closing") == TextTarget.closing()
    assert resolve_text(seattle, "Day 2") == TextTarget.of_day(date(2023, 9, 18))
    assert resolve_text(seattle, "2023-09-30") == TextTarget.of_day(date(2023, 9, 30))
    with pytest.raises(InvalidInputError, match="Invalid day 'conclusion'"):
        resolve_text(seattle, "conclusion")


def test_changes_say_which_texts_an_operation_rewrote(seattle: TripInfo) -> None:
    day = TextTarget.of_day(date(2023, 9, 17))
    rewrote_day = Changes(trip=seattle, days=frozenset({date(2023, 9, 17)}), text_rewritten=True)
    rewrote_intro = Changes(trip=seattle, trip_details=True, text_rewritten=True)

    assert rewrote_day.rewrote(seattle.id, day)
    assert not rewrote_day.rewrote(seattle.id, TextTarget.intro())
    assert rewrote_intro.rewrote(seattle.id, TextTarget.closing())
    assert not rewrote_intro.rewrote(seattle.id + 1, TextTarget.closing())
    assert not dataclasses.replace(rewrote_day, text_rewritten=False).rewrote(seattle.id, day)
