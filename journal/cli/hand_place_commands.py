"""``journal place`` gives a photo or a day a place by hand; ``journal place-search`` finds one.

Both search the offline place-name index by name in any script ("Sao Paulo", "서울", "東京").
A name is checked before the library opens, so an empty, overlong or control-character-only
name writes nothing.
"""

import argparse
from datetime import date

from journal.cli.command import Command
from journal.cli.output import print_json, print_table
from journal.cli.place_commands import (
    add_language_option,
    environment_language,
    photo_places,
    place_record,
    place_source,
)
from journal.errors import InvalidInputError, NotFoundError
from journal.places.finder import MAX_MATCHES, PlaceMatch
from journal.places.name_search import MAX_QUERY_CHARACTERS, name_key
from journal.readable_paths import escape_controls
from journal.services import JournalService, TripInfo
from journal.services.day_ops import resolve_day

#: Other places of the same name mentioned after the chosen one.
OTHERS_SHOWN = 3


def check_name(name: str) -> None:
    """A name a search can use: not empty once control characters and spaces are gone, and no
    longer than any place name."""
    if len(name) > MAX_QUERY_CHARACTERS:
        raise InvalidInputError(
            f"That place name is {len(name):,} characters long; no place name is longer than "
            f"{MAX_QUERY_CHARACTERS}. Give the name of a town or city."
        )
    if not name_key(name):
        raise InvalidInputError(
            'Give the name of a town or city, e.g. "Kyoto", "São Paulo" or "서울".'
        )


def _language(args: argparse.Namespace) -> str:
    return str(args.language or environment_language())


# place


def _configure_place(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("trip", metavar="TRIP", help="the trip's id or slug")
    parser.add_argument(
        "target",
        metavar="PHOTO|DAY",
        help="a photo's id (from `journal photos`), or a day: 'day 3' or its date",
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("name", metavar="NAME", nargs="?", help="the place's name, in any script")
    which.add_argument(
        "--id", type=int, metavar="ID", help="the place's id from `journal place-search`"
    )
    which.add_argument(
        "--same-as", type=int, metavar="PHOTO", help="the place of another photo of the trip"
    )
    which.add_argument("--clear", action="store_true", help="take the place given by hand back")
    add_language_option(parser)


def _check_place(args: argparse.Namespace) -> None:
    if args.name is not None:
        check_name(args.name)


def _target(trip: TripInfo, text: str) -> int | date:
    """A bare number is a photo id, as everywhere in the CLI; a day is "day 3" or a date."""
    stripped = text.strip()
    return int(stripped) if stripped.isdigit() else resolve_day(trip, stripped)


def _run_place(args: argparse.Namespace, service: JournalService) -> int:
    trip = service.find_trip(args.trip)
    target = _target(trip, args.target)
    others: list[PlaceMatch] = []
    if args.same_as is not None:
        service.set_place_like_photo(trip.id, target, args.same_as)
    elif args.name is not None:
        matches = service.search_places(args.name, _language(args), OTHERS_SHOWN + 1)
        if not matches:
            raise NotFoundError(
                f"No place is called '{escape_controls(args.name)}'. Try the beginning of its "
                "name with `journal place-search`."
            )
        service.set_place(trip.id, target, matches[0].place.place_id)
        others = matches[1:]
    else:
        service.set_place(trip.id, target, None if args.clear else args.id)
    return _report(args, service, trip, target, others)


def _report(
    args: argparse.Namespace,
    service: JournalService,
    trip: TripInfo,
    target: int | date,
    others: list[PlaceMatch],
) -> int:
    """What the photo or day is called now, and the other places of the name typed."""
    if isinstance(target, date):
        hand = service.day_places(trip.id).get(target)
        subject = f"Day {trip.day_index(target)} ({target})"
        label, source = (hand[1], "hand") if hand else (None, None)
        record: dict[str, object] = {"day": target, "place": label, "place_source": source}
    else:
        photo = service.photo(target)
        subject = f"Photo {photo.id}"
        place = photo_places([photo], args.language).get(photo.id)
        label, source = (place.label if place else None), place_source(photo) if place else None
        record = {"photo": photo.id, "place": place_record(place), "place_source": source}
    if args.json:
        print_json({**record, "others": [_match_record(match) for match in others]})
        return 0
    if label is None:
        print(f"{subject} has no place now (no position and none given by hand).")
    else:
        how = "by hand" if source == "hand" else f"from its {source} position"
        print(f"{subject}: {label} ({how}).")
    if others:
        names = "; ".join(match.place.label for match in others)
        print(f"Also called that: {names}. Choose one with --id (see `journal place-search`).")
    return 0


# place-search


def _configure_search(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="a place's name or its beginning, any script")
    parser.add_argument(
        "--limit", type=int, default=10, metavar="N", help="at most N places (default 10)"
    )
    add_language_option(parser)


def _check_search(args: argparse.Namespace) -> None:
    check_name(args.name)
    if not 1 <= args.limit <= MAX_MATCHES:
        raise InvalidInputError(f"--limit {args.limit}: give a number from 1 to {MAX_MATCHES}.")


def _match_record(match: PlaceMatch) -> dict[str, object]:
    return {
        "id": match.place.place_id,
        **(place_record(match.place) or {}),
        "latitude": match.latitude,
        "longitude": match.longitude,
        "population": match.population,
    }


def _run_search(args: argparse.Namespace, service: JournalService) -> int:
    matches = service.search_places(args.name, _language(args), args.limit)
    if args.json:
        print_json([_match_record(match) for match in matches])
        return 0
    if not matches:
        print(f"No place is called '{escape_controls(args.name)}' or a name beginning so.")
        return 0
    print_table(
        [
            (str(match.place.place_id), match.place.label, f"{match.population:,} people")
            for match in matches
        ]
    )
    return 0


COMMANDS = (
    Command(
        "place",
        "give a photo or a day a place by name, the place of another photo, or clear it",
        _configure_place,
        _run_place,
        check=_check_place,
        writes=True,
    ),
    Command(
        "place-search",
        "find places by name in the offline index (any script), largest first",
        _configure_search,
        _run_search,
        check=_check_search,
    ),
)
