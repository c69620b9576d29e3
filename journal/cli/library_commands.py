"""Commands on the library folder itself: ``recover``.

A damaged library cannot be opened, so these are handed the folder, not an open library.
"""

import argparse
import sys
from pathlib import Path
from typing import Never

from tqdm import tqdm

from journal.cli import EXIT_INTERRUPTED
from journal.cli.command import FolderCommand
from journal.cli.interrupts import cancel_on_interrupt
from journal.cli.output import print_json
from journal.cli.photo_commands import EXIT_SOME_FAILED
from journal.errors import RecoveryCancelledError
from journal.photos.import_progress import CancelToken
from journal.services.recovery import RecoveryReport, recover_library


class _ProgressBar:
    """A tqdm bar on stderr while photos are imported, only on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled
        self._bar: tqdm[Never] | None = None

    def __call__(self, done: int, total: int) -> None:
        if not self._enabled:
            return
        if self._bar is None:
            self._bar = tqdm(total=total, desc="Recovering", unit="photo", file=sys.stderr)
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _run_recover(args: argparse.Namespace, root: Path) -> int:
    cancel = CancelToken()
    bar = _ProgressBar(enabled=not args.json and sys.stderr.isatty())
    try:
        with cancel_on_interrupt(cancel):
            report = recover_library(root, progress=bar, cancel=cancel)
    except RecoveryCancelledError as cancelled:  # by Ctrl-C: exit as a command SIGINT ended
        sys.stderr.write(f"journal: {cancelled}\n")
        return EXIT_INTERRUPTED
    finally:
        bar.close()
    if args.json:
        print_json(_report_record(report))
    elif report is None:
        print(f"The library {root} is sound; there is nothing to recover.")
    else:
        print("\n".join(report.summary()))
    return EXIT_SOME_FAILED if report is not None and report.failures else 0


def _report_record(report: RecoveryReport | None) -> dict[str, object]:
    if report is None:
        return {"recovered": False}
    trip = report.recovered_trip
    return {
        "recovered": True,
        "problem": report.problem,
        "reindexed": report.reindexed,
        "damaged_copy": str(report.damaged_copy) if report.damaged_copy else None,
        "trips": report.trips,
        "days": report.days,
        "photos": report.photos,
        "recovered_trip": trip.slug if trip is not None else None,
        "recovered_photos": report.recovered_photos,
        "failures": [
            {"path": str(failure.path), "reason": failure.reason} for failure in report.failures
        ],
    }


def _configure_recover(_parser: argparse.ArgumentParser) -> None:
    """``recover`` takes only the common options (``--library``, ``--json``)."""


COMMANDS = (
    FolderCommand(
        "recover",
        "rebuild a damaged library's database from what it still holds and its photos "
        "(the damaged file is kept)",
        _configure_recover,
        _run_recover,
    ),
)
