"""The places a post names: each day's summary and cities, the trip's main location.

Read here, in the services layer, so that the export package gets plain text and never opens
the place-name index; a missing or damaged index costs only the places (said in one note).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from journal.places.chosen import hand_place, place_of
from journal.places.finder import Place, place_finder
from journal.places.index_file import PlaceIndexError
from journal.places.summaries import day_summary, main_location, trip_places
from journal.services.hand_places import day_places
from journal.store.models import Photo

#: The language of the names a post gets (its own language is not known).
POST_LANGUAGE = "en"


@dataclass(frozen=True)
class DayPlaceNames:
    #: "Seattle → Redmond".
    summary: str
    #: Its cities in the order first visited.
    cities: tuple[str, ...]


@dataclass(frozen=True)
class PostPlaces:
    days: Mapping[date, DayPlaceNames] = field(default_factory=dict)
    #: "Seattle, United States" for a one-city trip, else its main country.
    location: str = ""
    #: What the export report says about places (the index is missing).
    notes: tuple[str, ...] = ()


def post_places(
    session: Session, trip_id: int, photos_by_day: Mapping[date, Sequence[Photo]]
) -> PostPlaces:
    """The places of the days' photos (in their post order) and of the days given one by hand
    (first in their day). The index is opened only for a trip with some position or place."""
    by_hand = day_places(session, trip_id)
    placed = any(
        photo.place_id is not None or photo.gps_latitude is not None
        for photos in photos_by_day.values()
        for photo in photos
    )
    if not (by_hand or placed):
        return PostPlaces()
    try:
        finder = place_finder()
        days: dict[date, list[Place]] = {}
        for day in sorted({*photos_by_day, *by_hand}):
            chosen = by_hand.get(day)
            found = [hand_place(finder, *chosen, POST_LANGUAGE)] if chosen else []
            for photo in photos_by_day.get(day, ()):
                place = place_of(finder, photo, POST_LANGUAGE)
                found += [place] if place is not None else []
            if found:
                days[day] = found
    except PlaceIndexError as error:
        return PostPlaces(notes=(f"The post names no places: {error}",))
    return PostPlaces(
        days={
            day: DayPlaceNames(day_summary(places), tuple(trip_places(places).cities))
            for day, places in days.items()
        },
        location=main_location([place for places in days.values() for place in places]),
    )
