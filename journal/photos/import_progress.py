"""What an import reports while it runs, and how a caller stops it.

These are plain values so that the CLI can draw a progress bar from them and the GUI can forward
them across threads as they are.
"""

import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple


class ImportPhase(StrEnum):
    #: Reading each file's capture time: cheap, so every photo's day is known almost at once.
    SCAN = "scan"
    #: Hashing, copying and thumbnailing on a thread pool, committing rows in batches.
    COPY = "copy"
    DONE = "done"


@dataclass(frozen=True)
class PlannedPhoto:
    """Where a file will land, known after the scan and before its copy."""

    path: Path
    local_time: datetime | None
    day: date | None


class ImportFailure(NamedTuple):
    """A file that was not imported, and why, in words for the user."""

    path: Path
    reason: str


@dataclass(frozen=True)
class ImportProgress:
    phase: ImportPhase
    #: Files finished in this phase (imported, skipped or failed) and how many there are.
    done: int
    total: int
    current: Path | None = None
    #: Files per second in this phase so far, and the estimated seconds left in it.
    rate: float | None = None
    seconds_left: float | None = None
    #: SCAN: the file just read and the day it is planned for.
    planned: PlannedPhoto | None = None
    #: COPY: ids of the photos whose rows the last batch committed.
    committed_ids: tuple[int, ...] = ()
    #: The file just finished could not be imported (it is also in the final report).
    failure: ImportFailure | None = None


class CancelToken:
    """Ask a running import to stop; what finished before it stops stays imported."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass
class RateMeter:
    """Rate and time left of one phase, from the moment it started."""

    total: int
    started: float
    done: int = field(default=0)

    def estimate(self, now: float) -> tuple[float | None, float | None]:
        elapsed = now - self.started
        if self.done == 0 or elapsed <= 0:
            return None, None
        rate = self.done / elapsed
        return rate, (self.total - self.done) / rate
