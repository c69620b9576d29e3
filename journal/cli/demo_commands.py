"""``journal demo``: create the sample trip with generated photos."""

import argparse

from journal.cli.command import Command
from journal.cli.output import print_json
from journal.demo import create_demo_trip
from journal.errors import InvalidInputError
from journal.plurals import counted
from journal.services import JournalService


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--photos-per-day", type=int, default=5, metavar="N", help="photos on each day (default 5)"
    )


def _check(args: argparse.Namespace) -> None:
    if not 1 <= args.photos_per_day <= 200:
        raise InvalidInputError("--photos-per-day must be between 1 and 200.")


def _run(args: argparse.Namespace, service: JournalService) -> int:
    demo = create_demo_trip(service, args.photos_per_day)
    if args.json:
        print_json({"trip": demo.trip, "imported": len(demo.report.imported)})
    else:
        print(
            f"Created {demo.trip.title!r} as {demo.trip.slug} (id {demo.trip.id}) with "
            f"{counted(len(demo.report.imported), 'photo')}; open it in the app or `journal days "
            f"{demo.trip.slug}`."
        )
    return 0


COMMANDS = (
    Command(
        "demo",
        "create a sample trip with generated photos",
        _configure,
        _run,
        check=_check,
        writes=True,
        creates_library=True,
    ),
)
