"""Commands that publish a trip: export (Jekyll, Hugo, plain Markdown) and front-matter.

``export`` opens the library read-only, so it works while the app has the library open; it
starts from the options the trip's last export in the app remembered and applies the ones given.
"""

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Never

from tqdm import tqdm

from journal.cli.command import Command
from journal.cli.output import print_json
from journal.errors import InvalidInputError
from journal.export import (
    ExportError,
    ExportFormat,
    ExportProgress,
    ExportReport,
    ExportSettings,
)
from journal.plurals import counted
from journal.readable_paths import escape_controls, readable_path
from journal.services import JournalService
from journal.services.export_ops import parse_front_matter

#: Exit code when the export was written but the link check found images that will not load.
EXIT_BROKEN_LINKS = 2


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("trip", metavar="TRIP", help="the trip's id or slug")
    parser.add_argument(
        "--format",
        required=True,
        choices=[item.value for item in ExportFormat],
        help="jekyll: _posts/ and assets/images/; hugo: a page bundle; markdown: slug.md + slug/",
    )
    parser.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="DIR",
        help="the site's root folder (Jekyll, Hugo) or any folder (markdown)",
    )
    parser.add_argument("--per-day", action=argparse.BooleanOptionalAction, help="one post per day")
    parser.add_argument(
        "--places-in-headings",
        action=argparse.BooleanOptionalAction,
        help="end each day heading with the day's places (Day 1 — Pike Place Market · Seattle)",
    )
    parser.add_argument(
        "--max-size", type=int, metavar="N", help="longest image side in pixels (default 1600)"
    )
    parser.add_argument("--quality", type=int, metavar="Q", help="JPEG quality, 30-100")
    parser.add_argument(
        "--keep-gps",
        action=argparse.BooleanOptionalAction,
        help="keep GPS coordinates in the images (removed by default)",
    )
    parser.add_argument(
        "--keep-originals",
        action=argparse.BooleanOptionalAction,
        help="copy the library files untouched: full size, all metadata including GPS",
    )
    parser.add_argument("--slug", help="the post's slug (default: the trip's)")
    parser.add_argument("--baseurl", help="Jekyll's baseurl, e.g. /blog")
    parser.add_argument(
        "--force", action="store_true", help="replace existing posts that have other content"
    )
    parser.add_argument(
        "--print", action="store_true", help="print the Markdown instead of writing anything"
    )


def _settings(args: argparse.Namespace, remembered: ExportSettings) -> ExportSettings:
    images = remembered.images
    image_changes = {
        name: value
        for name, value in (
            ("max_long_edge", args.max_size),
            ("quality", args.quality),
            ("keep_gps", args.keep_gps),
            ("keep_originals", args.keep_originals),
        )
        if value is not None
    }
    changes = {
        name: value
        for name, value in (
            ("per_day", args.per_day),
            ("places_in_headings", args.places_in_headings),
            ("slug", args.slug),
            ("baseurl", args.baseurl),
        )
        if value is not None
    }
    return dataclasses.replace(
        remembered,
        format=ExportFormat(args.format),
        folder=args.out.expanduser().absolute(),
        images=dataclasses.replace(images, **image_changes),
        **changes,
    ).checked()


class _ProgressBar:
    """A tqdm bar on stderr for the files being written."""

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled
        self._bar: tqdm[Never] | None = None

    def __call__(self, event: ExportProgress) -> None:
        if not self._enabled:
            return
        if self._bar is None:
            self._bar = tqdm(total=event.total, desc="Exporting", unit="file", file=sys.stderr)
        self._bar.update(event.done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _run_export(args: argparse.Namespace, service: JournalService) -> int:
    trip = service.find_trip(args.trip)
    settings = _settings(args, service.export_settings(trip.id))
    if args.print:
        sys.stdout.write(service.plan_export(trip.id, settings).markdown)
        return 0
    bar = _ProgressBar(enabled=not args.json and sys.stderr.isatty())
    try:
        report = service.export_trip(trip.id, settings, overwrite=args.force, progress=bar)
    finally:
        bar.close()
    if args.json:
        print_json(_report_json(report))
    else:
        _print_report(trip.title, settings, report)
    if report.broken_links:
        listed = "; ".join(str(link) for link in report.broken_links)
        sys.stderr.write(f"journal: the post shows images that will not load: {listed}\n")
        return EXIT_BROKEN_LINKS
    return 0


def _report_json(report: ExportReport) -> dict[str, object]:
    return {
        "folder": str(report.folder),
        "posts": [str(path) for path in report.posts],
        "images": report.images,
        "files_written": report.files_written,
        "files_unchanged": report.files_unchanged,
        "files_removed": report.files_removed,
        "broken_links": [
            {"post": str(link.post), "url": link.url, "reason": link.reason}
            for link in report.broken_links
        ],
        "notes": list(report.notes),
    }


def _print_report(title: str, settings: ExportSettings, report: ExportReport) -> None:
    posts = len(report.posts)
    print(
        f"Exported {escape_controls(title)} as {settings.format.label} into "
        f"{readable_path(report.folder)}: "
        f"{counted(posts, 'post')}, {counted(report.images, 'image')} "
        f"({counted(report.files_written, 'file')} written, {report.files_unchanged} unchanged)."
    )
    if report.files_removed:
        print(f"Removed {counted(report.files_removed, 'image')} the post no longer shows.")
    for post in report.posts:
        print(f"  {readable_path(post)}")
    for note in report.notes:
        print(f"Note: {note}")


def _check_export(args: argparse.Namespace) -> None:
    if args.max_size is not None and args.max_size <= 0:
        raise ExportError(f"Invalid --max-size {args.max_size}: give a size in pixels, e.g. 1600.")


# front-matter


def _configure_front_matter(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("trip", metavar="TRIP", help="the trip's id or slug")
    parser.add_argument(
        "file", metavar="FILE", help="YAML keys to add to the post's front matter, or - for stdin"
    )


def _check_front_matter(args: argparse.Namespace) -> None:
    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or "not UTF-8 text"
            raise InvalidInputError(f"Cannot read {args.file}: {reason}.") from None
    args.fields = parse_front_matter(text)


def _run_front_matter(args: argparse.Namespace, service: JournalService) -> int:
    trip = service.find_trip(args.trip)
    service.set_front_matter_template(trip.id, args.fields)
    if args.json:
        print_json({"trip": trip.slug, "front_matter": args.fields})
    else:
        keys = ", ".join(args.fields) or "none"
        print(f"Extra front matter of {escape_controls(trip.title)}: {escape_controls(keys)}.")
    return 0


COMMANDS = (
    Command(
        "export",
        "export a trip as a blog post (Jekyll, Hugo page bundle or plain Markdown)",
        _configure_export,
        _run_export,
        check=_check_export,
    ),
    Command(
        "front-matter",
        "set the extra front-matter keys of a trip's exported post from a YAML file",
        _configure_front_matter,
        _run_front_matter,
        check=_check_front_matter,
        writes=True,
    ),
)
