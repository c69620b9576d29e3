"""What a day and a trip add up to, from the places of their photos in the order they were taken."""

from collections.abc import Iterable
from dataclasses import dataclass

from journal.places.finder import Place, Relation


def day_summary(places: Iterable[Place]) -> str:
    """ "Seattle → Redmond": each stop once per visit (back to Seattle shows it again)."""
    stops: list[str] = []
    for place in places:
        if not stops or stops[-1] != place.name:
            stops.append(place.name)
    return " → ".join(stops)


@dataclass(frozen=True)
class TripPlaces:
    """A trip's countries and cities, each once, in the order first visited."""

    countries: list[str]
    cities: list[str]


def trip_places(places: Iterable[Place]) -> TripPlaces:
    countries: dict[str, None] = {}
    cities: dict[str, None] = {}
    for place in places:
        if place.country:
            countries.setdefault(place.country)
        if place.city and place.relation in (Relation.IN, Relation.NEAR):
            cities.setdefault(place.city)
    return TripPlaces(list(countries), list(cities))
