"""``journal import-post``: bring a Markdown post (Jekyll, Hugo, plain) in as a trip."""

import argparse
import sys
from pathlib import Path

from journal.cli import EXIT_INTERRUPTED
from journal.cli.command import Command, argument_type
from journal.cli.interrupts import cancel_on_interrupt
from journal.cli.output import print_json
from journal.photos.import_progress import CancelToken
from journal.plurals import counted
from journal.post_import.post_plan import plan_post_file
from journal.readable_paths import escape_controls
from journal.services import JournalService, PostImportCancelledError
from journal.services.validation import check_timezone, parse_date


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.md", type=Path, help="the post to import")
    parser.add_argument(
        "--site-root",
        type=Path,
        metavar="DIR",
        help="where /site-absolute image links start (default: the folder above the post that "
        "holds _config.yml or hugo.toml)",
    )
    parser.add_argument("--trip", metavar="TRIP", help="fill this trip (id or slug) instead")
    parser.add_argument(
        "--start",
        type=argument_type(parse_date),
        metavar="YYYY-MM-DD",
        help="the date of Day 0 (default: the one that puts the post's first day on the post's "
        "date, or its first dated heading)",
    )
    parser.add_argument(
        "--tz",
        type=argument_type(check_timezone),
        help="the trip's time zone (default: the offset of the post's date)",
    )


def _check(args: argparse.Namespace) -> None:
    """Read and plan the whole post before the library opens: a bad post writes nothing. The
    plan is kept for the run, so the post is read once and what was checked is what is imported.
    """
    args.plan = plan_post_file(
        args.file, site_root=args.site_root, timezone=args.tz, first_day=args.start
    )


def _run(args: argparse.Namespace, service: JournalService) -> int:
    into_trip = service.find_trip(args.trip).id if args.trip is not None else None
    cancel = CancelToken()
    try:
        # A second Ctrl-C waits too: quitting while the staged copies are removed left them all.
        with cancel_on_interrupt(cancel, finish_in_flight=True):
            report = service.import_post(args.plan, into_trip=into_trip, cancel=cancel)
    except PostImportCancelledError:
        sys.stderr.write("journal: stopped by Ctrl-C; nothing of the post was imported.\n")
        return EXIT_INTERRUPTED
    if args.json:
        print_json(report)
        return 0
    verb = "Created" if report.created else "Filled"
    print(
        f"{verb} {report.trip.title!r} ({report.trip.slug}): "
        f"{counted(report.day_count, 'day')}, {counted(report.photo_count, 'photo')}."
    )
    for image in report.missing_images:
        print(
            f"  line {image.line}: {escape_controls(image.destination)} — "
            f"{escape_controls(image.reason)}; the link is kept."
        )
    for image in report.remote_images:
        print(f"  line {image.line}: {escape_controls(image.destination)} — {image.reason}.")
    for note in report.notes:
        print(f"  note: {escape_controls(note)}")
    if report.notes:
        print("  (--start gives Day 0's date, --tz the time zone; see journal import-post --help)")
    return 0


COMMANDS = (
    Command(
        "import-post",
        "create a trip from a Markdown post (YAML, TOML or JSON front matter, ## Day N sections, "
        "images in any syntax)",
        _configure,
        _run,
        check=_check,
        writes=True,
        creates_library=True,
    ),
)
