"""Commands on trips and their days: trips, new, show, days, set-text, rename, set-dates, delete."""

import argparse
import sys
from pathlib import Path

from journal.cli.command import Command, argument_type
from journal.cli.output import print_json, print_table
from journal.errors import InvalidInputError
from journal.plurals import counted
from journal.readable_paths import escape_controls
from journal.services import DayInfo, JournalService, NewTrip, TripInfo
from journal.services.day_ops import resolve_text
from journal.services.validation import check_date_range, check_timezone, parse_date

DATE = argument_type(parse_date)
TIMEZONE = argument_type(check_timezone)


def _trip_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("trip", metavar="TRIP", help="the trip's id or slug")


def _print_trip(trip: TripInfo) -> None:
    print(f"{escape_controls(trip.title)}  ({trip.slug}, id {trip.id})")
    print(
        f"  {trip.start_date} to {trip.end_date}, {counted(trip.day_count, 'day')}, {trip.timezone}"
    )
    if trip.categories:
        print(f"  categories: {escape_controls(', '.join(trip.categories))}")
    if trip.tags:
        print(f"  tags: {escape_controls(', '.join(trip.tags))}")


# trips


def _run_trips(args: argparse.Namespace, service: JournalService) -> int:
    trips = service.list_trips()
    if args.json:
        print_json(trips)
    elif not trips:
        print('No trips yet. Create one with: journal new "Title" --start ... --end ... --tz ...')
    else:
        print_table(
            [
                (str(trip.id), trip.slug, trip.title, f"{trip.start_date} – {trip.end_date}")
                for trip in trips
            ]
        )
    return 0


# new


def _configure_new(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("title", metavar="TITLE")
    parser.add_argument("--start", type=DATE, required=True, help="first day, YYYY-MM-DD")
    parser.add_argument("--end", type=DATE, required=True, help="last day, YYYY-MM-DD")
    parser.add_argument("--tz", type=TIMEZONE, required=True, help="IANA zone, e.g. Asia/Seoul")
    parser.add_argument("--slug", help="URL slug (default: made from the title)")
    parser.add_argument("--category", action="append", default=[], help="repeatable")
    parser.add_argument("--tag", action="append", default=[], help="repeatable")


def _check_new(args: argparse.Namespace) -> None:
    check_date_range(args.start, args.end)


def _run_new(args: argparse.Namespace, service: JournalService) -> int:
    changes = service.create_trip(
        NewTrip(
            title=args.title,
            start_date=args.start,
            end_date=args.end,
            timezone=args.tz,
            categories=tuple(args.category),
            tags=tuple(args.tag),
            slug=args.slug,
        )
    )
    assert changes.trip is not None
    if args.json:
        print_json(changes.trip)
    else:
        print(f"Created {changes.trip.title!r} as {changes.trip.slug} (id {changes.trip.id}).")
    return 0


# show


def _run_show(args: argparse.Namespace, service: JournalService) -> int:
    trip = service.find_trip(args.trip)
    if args.json:
        print_json(trip)
    else:
        _print_trip(trip)
    return 0


# days


def _day_row(day: DayInfo) -> tuple[str, ...]:
    return (
        day.label,
        day.title,
        counted(day.word_count, "word"),
        counted(day.photo_count, "photo"),
    )


def _run_days(args: argparse.Namespace, service: JournalService) -> int:
    overview = service.days(service.find_trip(args.trip).id)
    if args.json:
        print_json(
            {
                "trip": overview.trip,
                "days": overview.days,
                "notes_outside_range": overview.notes_outside_range,
                "unassigned_photo_count": overview.unassigned_photo_count,
            }
        )
        return 0
    print_table([_day_row(day) for day in overview.days])
    if overview.unassigned_photo_count:
        print(f"Unassigned: {counted(overview.unassigned_photo_count, 'photo')}")
    for note in overview.notes_outside_range:
        print(
            f"Kept from outside the trip's dates: {note.date} ({counted(note.word_count, 'word')})"
        )
    return 0


# set-text


def _configure_set_text(parser: argparse.ArgumentParser) -> None:
    _trip_argument(parser)
    parser.add_argument(
        "day",
        metavar="DAY",
        help="day number (0 is the first day), date YYYY-MM-DD, 'intro' or 'closing'",
    )
    parser.add_argument("file", metavar="FILE", help="Markdown file to read, or - for stdin")
    parser.add_argument("--title", help="also set the day's title")


def _read_text(name: str) -> str:
    if name == "-":
        data = sys.stdin.buffer.read()
        source = "standard input"
    else:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InvalidInputError(f"Cannot read {path}: {error.strerror}.") from None
        source = str(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInputError(f"{source} is not UTF-8 text.") from None


def _check_set_text(args: argparse.Namespace) -> None:
    args.text = _read_text(args.file)


def _run_set_text(args: argparse.Namespace, service: JournalService) -> int:
    trip = service.find_trip(args.trip)
    target = resolve_text(trip, args.day)
    service.set_text(trip.id, target, args.text, args.title)
    if target.day is None:
        what = f"the {target.part}"
    else:
        index = trip.day_index(target.day)
        what = f"Day {index} ({target.day})" if index is not None else str(target.day)
    if args.json:
        print_json({"trip": trip.slug, "section": what, "characters": len(args.text)})
    else:
        print(f"Saved {what} of {escape_controls(trip.title)}.")
    return 0


# rename, set-dates, delete


def _configure_rename(parser: argparse.ArgumentParser) -> None:
    _trip_argument(parser)
    parser.add_argument("title", metavar="TITLE")


def _run_rename(args: argparse.Namespace, service: JournalService) -> int:
    changes = service.rename_trip(service.find_trip(args.trip).id, args.title)
    assert changes.trip is not None
    if args.json:
        print_json(changes.trip)
    else:
        print(f"Renamed to {changes.trip.title!r}.")
    return 0


def _configure_set_dates(parser: argparse.ArgumentParser) -> None:
    _trip_argument(parser)
    parser.add_argument("--start", type=DATE, required=True)
    parser.add_argument("--end", type=DATE, required=True)


def _run_set_dates(args: argparse.Namespace, service: JournalService) -> int:
    changes = service.set_trip_dates(service.find_trip(args.trip).id, args.start, args.end)
    if args.json:
        print_json({"trip": changes.trip, "notes_outside_range": changes.notes_outside_range})
        return 0
    print(f"The trip now runs from {args.start} to {args.end}.")
    for day in changes.notes_outside_range:
        print(f"Kept the text of {day}, now outside the trip's dates (see `journal days`).")
    return 0


def _configure_delete(parser: argparse.ArgumentParser) -> None:
    _trip_argument(parser)
    parser.add_argument("--yes", action="store_true", help="confirm: the trip cannot be restored")


def _run_delete(args: argparse.Namespace, service: JournalService) -> int:
    trip = service.find_trip(args.trip)
    if not args.yes:
        raise InvalidInputError(
            f"Deleting {trip.title!r} removes its text and photos; add --yes to confirm."
        )
    service.delete_trip(trip.id)
    service.empty_trash()  # a command has no Undo: the trip and its files go now
    if args.json:
        print_json({"deleted": trip})
    else:
        print(f"Deleted {trip.title!r}.")
    return 0


COMMANDS = (
    Command("trips", "list the trips", lambda parser: None, _run_trips),
    Command(
        "new",
        "create a trip",
        _configure_new,
        _run_new,
        check=_check_new,
        writes=True,
        creates_library=True,
    ),
    Command("show", "show a trip", _trip_argument, _run_show),
    Command("days", "list a trip's days with word and photo counts", _trip_argument, _run_days),
    Command(
        "set-text",
        "replace a day's text (or the intro/closing) with a file's",
        _configure_set_text,
        _run_set_text,
        check=_check_set_text,
        writes=True,
    ),
    Command("rename", "change a trip's title", _configure_rename, _run_rename, writes=True),
    Command(
        "set-dates",
        "change a trip's dates (text outside them is kept)",
        _configure_set_dates,
        _run_set_dates,
        check=lambda args: check_date_range(args.start, args.end),
        writes=True,
    ),
    Command("delete", "delete a trip", _configure_delete, _run_delete, writes=True),
)
