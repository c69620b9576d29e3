"""``journal check [--repair] [--remove-unused-copies]``: every photo file of the library against
its hash, and the files no photo uses."""

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Never

from tqdm import tqdm

from journal.cli.command import Command
from journal.cli.output import print_json
from journal.photos.disk_space import size_text
from journal.plurals import counted
from journal.readable_paths import escape_controls, path_text, readable_path
from journal.services import JournalService
from journal.services.library_check import (
    BadFile,
    CheckProgressCallback,
    LibraryCheckReport,
    PhotoUse,
)
from journal.services.library_leftovers import Leftovers

#: Exit code when a file is missing or damaged (and, with --repair, could not be restored).
EXIT_PROBLEMS = 1


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--repair",
        action="store_true",
        help="restore missing or damaged files from their originals, make missing thumbnails "
        "and remove thumbnails of no photo",
    )
    parser.add_argument(
        "--remove-unused-copies",
        action="store_true",
        help="delete the copies in photos/ that no photo uses (they may be the only copy of "
        "photos whose rows were lost: see the report first)",
    )


def _run(args: argparse.Namespace, service: JournalService) -> int:
    with _progress_bar(enabled=not args.json and sys.stderr.isatty()) as progress:
        report = service.check_library(
            repair=args.repair,
            remove_unused_copies=args.remove_unused_copies,
            progress=progress,
        )
    if args.json:
        print_json(_record(report))
    else:
        _print_report(report, args.repair, args.remove_unused_copies)
    return EXIT_PROBLEMS if report.still_bad or report.damaged_text else 0


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[CheckProgressCallback]:
    """A tqdm bar on stderr while files are hashed, only on a terminal (as ``import`` does)."""
    bar: tqdm[Never] | None = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if not enabled:
            return
        if bar is None:
            bar = tqdm(total=total, desc="Checking", unit="file", file=sys.stderr)
        bar.update(done - bar.n)

    try:
        yield update
    finally:
        if bar is not None:
            bar.close()


def _uses(file: BadFile) -> str:
    return "; ".join(_use(photo) for photo in file.photos)


def _use(photo: PhotoUse) -> str:
    return escape_controls(f"{photo.original_name} (photo {photo.photo_id}) in {photo.place}")


def _print_report(report: LibraryCheckReport, repair: bool, remove_copies: bool) -> None:
    print(
        f"Checked {counted(report.files, 'library file')} "
        f"({counted(report.photos, 'photo')}) against their SHA-256."
    )
    if not report.complete:
        print("Stopped before the end.")
    for file in report.bad:
        detail = f" ({file.detail})" if file.detail else ""
        print(f"{file.problem.capitalize()}{detail}: {file.library_path} — {_uses(file)}")
        if file.repaired_from is not None:
            print(f"  restored from {readable_path(file.repaired_from)}")
        elif repair:
            print(f"  not repaired: {file.unrepaired_reason}")
    if report.thumbnails_made:
        print(f"Made {counted(report.thumbnails_made, 'missing thumbnail')}.")
    elif report.thumbnails_missing:
        print(
            f"{counted(report.thumbnails_missing, 'thumbnail')} missing from the cache "
            "(made when shown, or now with --repair)."
        )
    if report.damaged_text:
        print("Damaged text in the database (bytes that are not UTF-8, shown as �):")
        for text in report.damaged_text:
            print(f"  {escape_controls(text.place)}: the {text.field}")
        print("Retype what shows as � where you can; saving a text writes it back whole.")
    if report.leftovers is not None:
        _print_leftovers(report.leftovers.copies, remove_copies, _UNUSED_COPIES)
        _print_leftovers(report.leftovers.thumbnails, repair, _UNUSED_THUMBNAILS)
    still_bad = report.still_bad
    if not report.bad:
        print("Every photo file is intact.")
    elif not still_bad:
        print(f"Repaired {counted(len(report.bad), 'file')}; every photo file is intact now.")
    elif repair:
        print(
            f"{counted(len(still_bad), 'file')} could not be repaired: import each photo's "
            "original again (journal import TRIP FILE) and its copy is restored."
        )
    else:
        print(
            f"{counted(len(still_bad), 'file')} missing or damaged: run journal check --repair "
            "to restore them from the originals they were imported from."
        )


@dataclass(frozen=True)
class _LeftoverWords:
    noun: str
    plural: str
    #: What to say of them when they were only found.
    found_advice: str


_UNUSED_COPIES = _LeftoverWords(
    "copy no photo uses",
    "copies no photo uses",
    "they may be photos whose rows were lost (an older journal.db put back knows nothing of the "
    "photos imported since); journal check --remove-unused-copies deletes them",
)
_UNUSED_THUMBNAILS = _LeftoverWords(
    "thumbnail of no photo", "thumbnails of no photo", "journal check --repair removes them"
)


def _print_leftovers(files: Leftovers, removing: bool, words: _LeftoverWords) -> None:
    """One line for the copies or thumbnails no photo uses: found, or removed."""
    if not files.paths:
        return
    found = f"{counted(len(files.paths), words.noun, words.plural)} ({size_text(files.size)})"
    if not removing:
        print(f"Found {found}: {words.found_advice}.")
        return
    print(f"Removed {found}.")
    kept = len(files.paths) - files.removed
    if kept:
        print(f"{kept} of them could not be removed: check the permissions in the library.")


def _record(report: LibraryCheckReport) -> dict[str, object]:
    return {
        "files": report.files,
        "photos": report.photos,
        "complete": report.complete,
        "bad": [
            {
                "library_path": file.library_path,
                "problem": file.problem,
                "detail": file.detail,
                "photos": [
                    {
                        "id": photo.photo_id,
                        "trip": photo.trip.slug,
                        "day": photo.day,
                        "place": photo.place,
                        "name": photo.original_name,
                        "original_path": path_text(photo.original_path),
                    }
                    for photo in file.photos
                ],
                "repaired_from": (
                    path_text(file.repaired_from) if file.repaired_from is not None else None
                ),
                "unrepaired_reason": file.unrepaired_reason,
            }
            for file in report.bad
        ],
        "thumbnails_missing": report.thumbnails_missing,
        "thumbnails_made": report.thumbnails_made,
        "damaged_text": [
            {"place": text.place, "field": text.field} for text in report.damaged_text
        ],
        "leftovers": report.leftovers,
    }


COMMANDS = (
    Command(
        "check",
        "check every photo file of the library against its hash (--repair restores them)",
        _configure,
        _run,
        # A repair writes files, and a check must not race an import or a delete.
        writes=True,
    ),
)
