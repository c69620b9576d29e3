"""``journal places``: each day of a trip with the places its photos were taken at."""

import argparse
import os
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import date

from journal.cli.command import Command
from journal.cli.output import print_json, print_table
from journal.places.chosen import hand_place, place_of
from journal.places.finder import Place, place_finder
from journal.places.index_file import PlaceIndexError
from journal.places.local_names import LANGUAGES
from journal.places.summaries import day_summary, trip_places
from journal.services import JournalService, PhotoInfo, TripInfo


def environment_language() -> str:
    """The UI language the environment asks for (LC_ALL, LC_MESSAGES, LANG), as "ko" or "en"."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return value.split("_")[0].split(".")[0].lower()
    return "en"


def add_language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--language",
        choices=("en", *LANGUAGES),
        default=None,
        help="the language of place names (default: from LANG; others are English)",
    )


def photo_places(photos: Sequence[PhotoInfo], language: str | None) -> dict[int, Place]:
    """The place of each photo that has one, by photo id: the place given by hand, else the one
    its position names."""
    finder = place_finder()
    wanted = language or environment_language()
    places = {}
    for photo in photos:
        place = place_of(finder, photo, wanted)
        if place is not None:
            places[photo.id] = place
    return places


def place_source(photo: PhotoInfo) -> str | None:
    """Where a photo's place comes from: "hand", else its position's source (own GPS, track)."""
    return "hand" if photo.place_id is not None else photo.position_source


def photo_places_or_warning(photos: Sequence[PhotoInfo], language: str | None) -> dict[int, Place]:
    """Like ``photo_places``, but a missing index costs only the places, said once on stderr:
    a photo listing is still worth having."""
    try:
        return photo_places(photos, language)
    except PlaceIndexError as error:
        sys.stderr.write(f"journal: no place names: {error}\n")
        return {}


def place_record(place: Place | None) -> dict[str, object] | None:
    """A place for ``--json``: its label and each part (None for a photo without a position)."""
    if place is None:
        return None
    return {
        "label": place.label,
        "relation": place.relation.value,
        "city": place.city,
        "district": place.district,
        "region": place.region,
        "country": place.country,
        "country_code": place.country_code,
        "distance_km": place.distance_km,
    }


def _configure_places(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("trip", metavar="TRIP", help="the trip's id or slug")
    add_language_option(parser)


def _run_places(args: argparse.Namespace, service: JournalService) -> int:
    trip = service.find_trip(args.trip)
    photos = service.all_photos(trip.id)
    places = photo_places(photos, args.language)
    language = args.language or environment_language()
    by_hand = {
        day: hand_place(place_finder(), place_id, label, language)
        for day, (place_id, label) in service.day_places(trip.id).items()
    }
    days = _days(trip, photos, places, by_hand)
    whole = trip_places(
        [*by_hand.values(), *(places[photo.id] for photo in photos if photo.id in places)]
    )
    if args.json:
        print_json(
            {
                "trip": trip.slug,
                "countries": whole.countries,
                "cities": whole.cities,
                "days": days,
                "photos_without_position": sum(1 for photo in photos if photo.id not in places),
            }
        )
        return 0
    if not places and not by_hand:
        print("No photo or day of this trip has a place (a GPS position or one given by hand).")
        return 0
    print_table([(f"Day {day['day_index']}", str(day["day"]), str(day["summary"])) for day in days])
    print(f"Countries: {', '.join(whole.countries)}")
    print(f"Cities: {', '.join(whole.cities)}")
    return 0


def _days(
    trip: TripInfo,
    photos: Sequence[PhotoInfo],
    places: dict[int, Place],
    by_hand: dict[date, Place],
) -> list[dict[str, object]]:
    """Each day with places: its summary (the place given to the day by hand first) and its
    photos' places with their counts."""
    by_day: dict[date, list[Place]] = {}
    for photo in photos:
        if photo.day_date is not None and photo.id in places:
            by_day.setdefault(photo.day_date, []).append(places[photo.id])
    return [
        {
            "day": day,
            "day_index": trip.day_index(day),
            "summary": day_summary([*([by_hand[day]] if day in by_hand else []), *day_places]),
            "place_by_hand": place_record(by_hand.get(day)),
            "places": [
                {**(place_record(place) or {}), "photos": count}
                for place, count in Counter(day_places).items()
            ],
        }
        for day in sorted({*by_day, *by_hand})
        for day_places in [by_day.get(day, [])]
    ]


COMMANDS = (
    Command(
        "places",
        "list each day of a trip with the places of its photos, and the trip's countries",
        _configure_places,
        _run_places,
    ),
)
