"""Commands on a trip's photos: import, photos, cameras, camera-offset."""

import argparse
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Never

from tqdm import tqdm

from journal.cli import EXIT_INTERRUPTED
from journal.cli.command import Command, argument_type
from journal.cli.interrupts import cancel_on_interrupt
from journal.cli.output import print_json, print_table
from journal.cli.place_commands import (
    add_language_option,
    photo_places_or_warning,
    place_record,
    place_source,
)
from journal.errors import InvalidInputError
from journal.photos.clock_offsets import format_clock_offset, parse_clock_offset
from journal.photos.import_progress import CancelToken, ImportPhase, ImportProgress
from journal.places.finder import Place
from journal.plurals import counted
from journal.readable_paths import escape_controls, path_text, readable_path
from journal.services import CameraInfo, ImportReport, JournalService, PhotoInfo, TripInfo
from journal.services.day_ops import resolve_day
from journal.services.snapshots import format_offset

CLOCK_OFFSET = argument_type(parse_clock_offset)


def _parse_actual_time(text: str) -> datetime:
    """A local wall time as the user knows it; an offset, if typed, adds nothing to that."""
    try:
        return datetime.fromisoformat(text.strip()).replace(tzinfo=None)
    except ValueError:
        raise InvalidInputError(
            f"Invalid time {text!r}: write it as YYYY-MM-DD HH:MM, e.g. 2023-09-18 10:15."
        ) from None


ACTUAL_TIME = argument_type(_parse_actual_time)

#: Exit code of an import that imported what it could but had files it could not import.
EXIT_SOME_FAILED = 1


def _trip_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("trip", metavar="TRIP", help="the trip's id or slug")


def _day_label(trip: TripInfo, photo: PhotoInfo) -> str:
    if photo.day_date is None:
        return "Unassigned"
    return f"Day {trip.day_index(photo.day_date)}"


# import


def _configure_import(parser: argparse.ArgumentParser) -> None:
    _trip_argument(parser)
    parser.add_argument(
        "paths", metavar="PATH", nargs="+", type=Path, help="photo files or folders (recursive)"
    )


class _ProgressBars:
    """One tqdm bar per phase on stderr: count, rate and time left.

    Only on a terminal: redrawn into a log file or a pipe, a bar is hundreds of lines of noise
    around the summary that matters (scripts have ``--json``).
    """

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled
        self._bar: tqdm[Never] | None = None
        self._phase: ImportPhase | None = None

    def __call__(self, event: ImportProgress) -> None:
        if not self._enabled:
            return
        if event.phase is not self._phase:
            self.close()
            self._phase = event.phase
            if event.phase is ImportPhase.DONE:
                return
            description = "Reading" if event.phase is ImportPhase.SCAN else "Copying"
            self._bar = tqdm(
                total=event.total, desc=description, unit="photo", file=sys.stderr, leave=True
            )
        if self._bar is not None:
            self._bar.update(event.done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _run_import(args: argparse.Namespace, service: JournalService) -> int:
    trip = service.find_trip(args.trip)
    cancel = CancelToken()
    bars = _ProgressBars(enabled=not args.json and sys.stderr.isatty())
    try:
        with cancel_on_interrupt(cancel, finish_in_flight=True):
            report = service.import_photos(trip.id, args.paths, progress=bars, cancel=cancel)
    finally:
        bars.close()
    if args.json:
        print_json(_import_record(trip, report))
    else:
        _print_import_summary(trip, report)
    if report.cancelled:
        sys.stderr.write(f"journal: {_stopped_line(report)}\n")
        return EXIT_INTERRUPTED
    if report.disk_full is not None:
        sys.stderr.write(f"journal: {report.disk_full.message}\n")
    return EXIT_SOME_FAILED if report.failures else 0


def _import_record(trip: TripInfo, report: ImportReport) -> dict[str, object]:
    return {
        "trip": trip.slug,
        "imported": report.imported,
        "duplicates": [path_text(path) for path in report.duplicates],
        "restored": [path_text(path) for path in report.restored],
        "unassigned": report.unassigned,
        "failures": [
            {"path": path_text(failure.path), "reason": failure.reason}
            for failure in report.failures
        ],
        "skipped": {
            kind.value: [path_text(path) for path in paths]
            for kind, paths in report.skipped.items()
        },
        "incomplete": [path_text(path) for path in report.incomplete],
        "cancelled": report.cancelled,
        "disk_full": report.disk_full.message if report.disk_full else None,
    }


def _stopped_line(report: ImportReport) -> str:
    """What a Ctrl-C left: said also when nothing was imported, so a script never mistakes it
    for a finished import."""
    if not report.imported:
        return "stopped by Ctrl-C before any photo was imported; nothing was added."
    return (
        f"stopped by Ctrl-C; the {counted(len(report.imported), 'photo')} imported before it "
        "are kept. Run the same import again to finish it."
    )


def _print_import_summary(trip: TripInfo, report: ImportReport) -> None:
    count = len(report.imported)
    line = f"Imported {counted(count, 'photo')} into {escape_controls(trip.title)}"
    if report.unassigned:
        line += f" ({report.unassigned} outside the trip's dates, in Unassigned)"
    print(line + ".")
    if report.duplicate_count:
        print(f"Skipped {report.duplicate_count} already in the trip.")
    if report.skipped_line:
        print(report.skipped_line)
    if report.incomplete:
        print(
            f"Imported {counted(len(report.incomplete), 'incomplete file')} (the data stops "
            "early; the picture shows what is there):"
        )
        for path in report.incomplete:
            print(f"  {readable_path(path)}")
    if report.restored:
        print(
            f"Restored the library's missing or damaged copy of "
            f"{counted(len(report.restored), 'photo')} from:"
        )
        for path in report.restored:
            print(f"  {readable_path(path)}")
    refused = report.refused
    if refused:
        print(f"Could not import {len(refused)}:")
        for failure in refused:
            print(f"  {readable_path(failure.path)}: {failure.reason}")


# photos


def _configure_photos(parser: argparse.ArgumentParser) -> None:
    _trip_argument(parser)
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--day", help="only this day: its number (0 is the first) or its date")
    which.add_argument("--unassigned", action="store_true", help="only the Unassigned tray")
    add_language_option(parser)


def _photo_record(trip: TripInfo, photo: PhotoInfo, place: Place | None) -> dict[str, object]:
    return {
        "id": photo.id,
        "name": photo.original_name,
        "day": photo.day_date,
        "day_index": trip.day_index(photo.day_date) if photo.day_date else None,
        "position": photo.position,
        "local_time": photo.local_time,
        "utc_offset": (
            format_offset(photo.utc_offset_minutes)
            if photo.utc_offset_minutes is not None
            else None
        ),
        "captured_utc": photo.captured_utc,
        "time_source": photo.time_source,
        "time_trusted": photo.time_trusted,
        "zone_source": photo.zone_source,
        "camera": photo.camera.label,
        "format": photo.media_format,
        "width": photo.width,
        "height": photo.height,
        "caption": photo.caption,
        "description": photo.description,
        "raw_library_path": photo.raw_library_path,
        "pinned": photo.pinned,
        "library_path": photo.library_path,
        "original_path": path_text(photo.original_path),
        "place": place_record(place),
        "place_source": place_source(photo) if place else None,
        "position_source": photo.position_source,
        "track_gap_seconds": photo.track_gap_seconds,
    }


def _run_photos(args: argparse.Namespace, service: JournalService) -> int:
    trip = service.find_trip(args.trip)
    if args.unassigned:
        photos = service.photos(trip.id, None)
    elif args.day is not None:
        photos = service.photos(trip.id, resolve_day(trip, args.day))
    else:
        photos = service.all_photos(trip.id)
    if args.json:
        places = photo_places_or_warning(photos, args.language)
        print_json([_photo_record(trip, photo, places.get(photo.id)) for photo in photos])
        return 0
    if not photos:
        print(f"No photos. Add some with: journal import {trip.slug} FOLDER")
        return 0
    print_table(
        [
            (
                str(photo.id),
                _day_label(trip, photo),
                f"{photo.local_time:%Y-%m-%d %H:%M:%S}" if photo.local_time else "-",
                photo.time_description,
                photo.original_name,
            )
            for photo in photos
        ]
    )
    return 0


# cameras, camera-offset


def _run_cameras(args: argparse.Namespace, service: JournalService) -> int:
    trip = service.find_trip(args.trip)
    cameras = service.cameras(trip.id)
    if args.json:
        print_json(
            [
                {
                    "number": number,
                    "label": info.camera.label,
                    "camera": info.camera,
                    "photo_count": info.photo_count,
                    "offset_seconds": info.offset_seconds,
                }
                for number, info in enumerate(cameras, start=1)
            ]
        )
        return 0
    if not cameras:
        print("No photos yet, so no cameras.")
        return 0
    print_table(
        [
            (
                str(number),
                info.camera.label,
                counted(info.photo_count, "photo"),
                f"clock {format_clock_offset(info.offset_seconds)}" if info.offset_seconds else "",
            )
            for number, info in enumerate(cameras, start=1)
        ]
    )
    return 0


def _configure_camera_offset(parser: argparse.ArgumentParser) -> None:
    # argparse takes "-16h" for an option unless it looks like a negative number; teach it that
    # clock corrections are numbers too (the parser has no options that look like them).
    parser._negative_number_matcher = re.compile(r"^-\d[\dhms:]*$")
    _trip_argument(parser)
    parser.add_argument(
        "camera", metavar="CAMERA", nargs="?", help="its number in `journal cameras`, or its name"
    )
    parser.add_argument(
        "offset",
        metavar="OFFSET",
        nargs="?",
        type=CLOCK_OFFSET,
        help="how far to move its photos: +9h for a clock 9 hours behind, -30m, 0 to undo",
    )
    parser.add_argument(
        "--photo",
        type=int,
        metavar="ID",
        help="instead of CAMERA OFFSET: a photo (id from `journal photos`) whose real time ...",
    )
    parser.add_argument(
        "--actual-time",
        type=ACTUAL_TIME,
        metavar="TIME",
        help="... you know, e.g. '2023-09-18 10:15'; its camera's clock is corrected to match",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="only show which photos would change day"
    )


def _check_camera_offset(args: argparse.Namespace) -> None:
    by_camera = args.camera is not None and args.offset is not None
    by_photo = args.photo is not None and args.actual_time is not None
    if by_camera == by_photo or (by_photo and args.camera is not None):
        raise InvalidInputError(
            "Give either CAMERA and OFFSET (e.g. 1 +9h) or --photo ID --actual-time TIME."
        )


def find_camera(cameras: list[CameraInfo], reference: str) -> CameraInfo:
    """A camera named by its number in the listing or by (part of) its label."""
    text = reference.strip()
    if text.isdigit() and 1 <= int(text) <= len(cameras):
        return cameras[int(text) - 1]
    exact = [info for info in cameras if info.camera.label.lower() == text.lower()]
    partial = [info for info in cameras if text.lower() in info.camera.label.lower()]
    matches = exact or partial
    if len(matches) == 1:
        return matches[0]
    names = "; ".join(f"{n}: {info.camera.label}" for n, info in enumerate(cameras, start=1))
    if not matches:
        raise InvalidInputError(f"No camera {reference!r} in this trip. Cameras: {names}.")
    raise InvalidInputError(f"{reference!r} names several cameras; use a number. {names}.")


def _run_camera_offset(args: argparse.Namespace, service: JournalService) -> int:
    trip = service.find_trip(args.trip)
    if args.photo is not None:
        photo = service.photo(args.photo)
        if photo.trip_id != trip.id:
            raise InvalidInputError(f"Photo {args.photo} is not in {trip.title}.")
        camera, args.offset = service.offset_for_actual_time(args.photo, args.actual_time)
    else:
        camera = find_camera(service.cameras(trip.id), args.camera).camera
    moves = service.preview_camera_offset(trip.id, camera, args.offset)
    if not args.dry_run:
        service.set_camera_offset(trip.id, camera, args.offset)
    if args.json:
        print_json(
            {
                "camera": camera.label,
                "offset_seconds": args.offset,
                "applied": not args.dry_run,
                "moves": moves,
            }
        )
        return 0
    verb = "would move" if args.dry_run else "moved"
    correction = format_clock_offset(args.offset)
    print(
        f"{escape_controls(camera.label)}: clock {correction}; "
        f"{verb} {counted(len(moves), 'photo')} to another day."
    )
    for move in moves:
        old = move.old_day.isoformat() if move.old_day else "Unassigned"
        new = move.new_day.isoformat() if move.new_day else "Unassigned"
        print(f"  {escape_controls(move.original_name)}: {old} → {new}")
    return 0


COMMANDS = (
    Command(
        "import",
        "import photos (files or folders) into a trip",
        _configure_import,
        _run_import,
        writes=True,
    ),
    Command(
        "photos", "list a trip's photos with their day and time", _configure_photos, _run_photos
    ),
    Command("cameras", "list the cameras a trip's photos came from", _trip_argument, _run_cameras),
    Command(
        "camera-offset",
        "correct a camera's clock (e.g. +9h) and move its photos to their days",
        _configure_camera_offset,
        _run_camera_offset,
        check=_check_camera_offset,
        writes=True,
    ),
)
