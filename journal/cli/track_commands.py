"""``journal track``: import GPS tracks (GPX) into a trip and place its photos on them."""

import argparse
import sys
from datetime import datetime
from pathlib import Path

from journal.cli import EXIT_INTERRUPTED
from journal.cli.command import Command, argument_type
from journal.cli.interrupts import cancel_on_interrupt
from journal.cli.output import print_json
from journal.errors import InvalidInputError
from journal.photos.clock_offsets import format_clock_offset, parse_clock_offset
from journal.photos.import_progress import CancelToken
from journal.plurals import counted
from journal.readable_paths import escape_controls, path_text, readable_path
from journal.services import JournalService
from journal.services.track_ops import ImportedTrack, TrackImportReport, check_max_gap
from journal.tracks.timeline import DEFAULT_MAX_GAP_SECONDS


def _parse_max_gap(text: str) -> int:
    """A duration as people write it: 30m, 1h, 90s, 1h30m."""
    try:
        seconds = parse_clock_offset(text)
    except InvalidInputError:
        raise InvalidInputError(
            f"Invalid maximum gap {text!r}: write it like 30m, 1h, 90s or 1h30m."
        ) from None
    return check_max_gap(seconds)


MAX_GAP = argument_type(_parse_max_gap)


def _configure_track(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("trip", metavar="TRIP", help="the trip's id or slug")
    parser.add_argument(
        "files", metavar="FILE", nargs="+", type=Path, help="GPX files (tracks, routes, waypoints)"
    )
    parser.add_argument(
        "--max-gap",
        type=MAX_GAP,
        default=DEFAULT_MAX_GAP_SECONDS,
        metavar="TIME",
        help="place a photo only this close in time to a fix (default 30m, as exiftool)",
    )


def _run_track(args: argparse.Namespace, service: JournalService) -> int:
    trip = service.find_trip(args.trip)
    cancel = CancelToken()
    with cancel_on_interrupt(cancel):
        report = service.import_tracks(
            trip.id, args.files, max_gap_seconds=args.max_gap, cancel=cancel
        )
    if report.cancelled:
        sys.stderr.write(
            "journal: stopped by Ctrl-C before the tracks were stored; nothing was imported.\n"
        )
        return EXIT_INTERRUPTED
    if args.json:
        print_json(_track_record(trip.slug, report))
        return 0
    for track in report.tracks:
        print(_track_line(track))
    gap = format_clock_offset(args.max_gap).lstrip("+")
    line = f"Placed {counted(report.placed, 'photo')} without their own GPS by the tracks"
    if report.unplaced:
        line += f"; {report.unplaced} more taken further than {gap} from any fix stay unplaced"
    print(f"{line}.")
    if report.changes.days:
        print(
            f"{counted(len(report.changes.days), 'day')} changed: photos moved between days "
            "by their time zone on the track."
        )
    return 0


def _track_line(track: ImportedTrack) -> str:
    name = escape_controls(track.name)
    where = readable_path(track.path)
    if track.already_imported:
        return f"{where}: track {name!r} was imported already; photos matched again."
    span = ""
    if track.first_utc is not None and track.last_utc is not None:
        span = f", {_utc_text(track.first_utc)} to {_utc_text(track.last_utc)} UTC"
    line = f"{where}: imported track {name!r}, {counted(track.point_count, 'point')}{span}."
    if track.untimed_count:
        line += (
            f" {counted(track.untimed_count, 'point')} without a time are kept for the route "
            "but place no photo."
        )
    return line


def _utc_text(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def _track_record(trip: str, report: TrackImportReport) -> dict[str, object]:
    return {
        "trip": trip,
        "tracks": [
            {
                "path": path_text(track.path),
                "name": track.name,
                "points": track.point_count,
                "untimed_points": track.untimed_count,
                "first_utc": track.first_utc,
                "last_utc": track.last_utc,
                "already_imported": track.already_imported,
            }
            for track in report.tracks
        ],
        "placed": report.placed,
        "unplaced": report.unplaced,
        "changed_photos": sorted(report.changes.photos),
        "changed_days": sorted(report.changes.days),
    }


COMMANDS = (
    Command(
        "track",
        "import GPS tracks (GPX) and place the trip's photos without GPS on them by time",
        _configure_track,
        _run_track,
        writes=True,
    ),
)
