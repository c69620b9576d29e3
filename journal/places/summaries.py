"""What a day and a trip add up to, from the places of their photos in the order they were taken."""

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from journal.places.finder import Place, Relation

#: What separates the stops of a day summary.
STOP_SEPARATOR = " → "
#: The stops a summary names without a city (``Place.name`` of a position far from any town).
NAMELESS_STOPS = frozenset(
    {Place(Relation.AT_SEA).name, Place(Relation.REMOTE).name},
)


def day_summary(places: Iterable[Place]) -> str:
    """ "Seattle → Redmond": each stop once per visit (back to Seattle shows it again)."""
    stops: list[str] = []
    for place in places:
        if not stops or stops[-1] != place.name:
            stops.append(place.name)
    return STOP_SEPARATOR.join(stops)


def summary_reader(cities: Collection[str]) -> Callable[[str], bool]:
    """Whether a text is a day summary over ``cities`` (and the nameless stops): how the post
    import tells the places an export put in a day heading from the day's title."""
    known = {*cities, *NAMELESS_STOPS}

    def is_summary(text: str) -> bool:
        stops = text.strip().split(STOP_SEPARATOR)
        return bool(known) and all(stop.strip() in known for stop in stops)

    return is_summary


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


def main_location(places: Sequence[Place]) -> str:
    """What a post's ``location`` says: "Seattle, United States" for a trip in one city, else
    the country most of its places are in (the first visited of equals); "" for none."""
    countries = Counter(place.country for place in places if place.country)
    if not countries:
        return ""
    country = countries.most_common(1)[0][0]
    cities = trip_places(places).cities
    return f"{cities[0]}, {country}" if len(cities) == 1 else country
