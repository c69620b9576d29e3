"""Importing a post as one operation: first its image files are staged (scanned, hashed,
thumbnailed and copied into ``photos/``) with no rows written, then one transaction makes the trip
(or widens the dates of the trip it fills), writes the photos' rows, places them on their days and
saves the text and the post's style (``post_import_ops``).

A cancel or a failure before that transaction commits leaves no trip, no rows and no text, and a
trip being filled keeps exactly what it had, its dates included. The copies this run wrote that
no row uses afterwards are removed again by ``JournalService.import_post``, only those and only
once no row of any trip refers to their bytes. No other import can be counting on such a copy
meanwhile: imports run one at a time (the app has one import thread, and the library's lock
keeps other processes out).
"""

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from journal.errors import JournalError
from journal.photos.day_assignment import TripClock
from journal.photos.disk_space import DiskFull, size_text
from journal.photos.import_progress import CancelToken, ImportPhase, ImportProgress, RateMeter
from journal.post_import.post_plan import PostPlan
from journal.readable_paths import readable_path
from journal.services import photo_days, validation
from journal.services.changes import Changes
from journal.services.photo_staging import (
    Duplicate,
    NoSpace,
    PhotoStaging,
    ProgressCallback,
    Staged,
    StagingTarget,
    copy_progress,
)
from journal.services.post_import_ops import MissingImage, StagedImages, apply_post, widened_dates
from journal.services.snapshots import TripInfo
from journal.services.trip_ops import get_trip
from journal.services.undo_steps import Recorder
from journal.store.library import Library


class PostImportCancelledError(JournalError):
    """The user stopped the import before it was saved: nothing of the post was kept."""


class PostImportDiskFullError(JournalError):
    """The disk filled while the post's images were copied: nothing of the post was kept."""


@dataclass(frozen=True)
class PostImportReport:
    trip: TripInfo
    created: bool
    day_count: int
    photo_count: int
    missing_images: tuple[MissingImage, ...]
    #: Images on the web, kept as links: each address once.
    remote_images: tuple[MissingImage, ...]
    notes: tuple[str, ...]
    #: What the import's transaction changed, for the views to refresh.
    changes: Changes


class PostImportRun:
    """One import of a planned post; use ``run`` once, then remove ``created`` where unused."""

    def __init__(
        self,
        library: Library,
        plan: PostPlan,
        into_trip: int | None = None,
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> None:
        self._library = library
        self._plan = plan
        self._into_trip = into_trip
        self._progress = progress
        self._cancel = cancel or CancelToken()
        #: Copies this run wrote where there was none: content hash to library path.
        self.created: dict[str, PurePosixPath] = {}

    def run(self) -> PostImportReport:
        plan = self._plan
        files = list(
            dict.fromkeys(
                image.file for section in plan.sections for image in section.images if image.file
            )
        )
        images = self._stage(files) if files else StagedImages({}, (), {})
        if self._cancel.cancelled:
            raise PostImportCancelledError("The post import was cancelled; nothing was changed.")
        with self._library.session() as session:
            recorder = Recorder(session, self._into_trip)
            applied = apply_post(session, plan, images, self._into_trip)
            changes = recorder.finish(applied.changes)
            # A cancel that came while the rows were written undoes them too (the session rolls
            # back), so a Ctrl-C until the very commit leaves nothing of the post.
            if self._cancel.cancelled:
                raise PostImportCancelledError(
                    "The post import was cancelled; nothing was changed."
                )
        return PostImportReport(
            trip=applied.trip,
            created=applied.created,
            day_count=applied.day_count,
            photo_count=applied.photo_count,
            missing_images=applied.missing_images,
            remote_images=tuple(
                MissingImage(image.destination, image.line, image.problem)
                for image in plan.remote_images
            ),
            notes=(*plan.notes, *applied.shared_notes),
            changes=changes,
        )

    def _stage(self, files: list[Path]) -> StagedImages:
        """Copy the post's images into the library, without rows; stop on a cancel."""
        with self._library.session() as session:
            target = self._staging_target(session)
        staging = PhotoStaging(
            self._library.root, target, progress=self._progress, cancel=self._cancel
        )
        self.created = staging.created
        scanned = staging.scan(files)
        digests: dict[Path, str] = {}
        staged: list[Staged] = []
        failed = {failure.path: failure.reason for failure in staging.failures}
        no_space: list[Path] = []
        meter = RateMeter(len(scanned), time.monotonic())
        for outcome in staging.stage(scanned):
            if isinstance(outcome, Staged | Duplicate):
                digests[outcome.path] = outcome.digest
                if isinstance(outcome, Staged):
                    staged.append(outcome)
            elif isinstance(outcome, NoSpace):
                no_space.append(outcome.path)
            else:
                failed[outcome.path] = outcome.reason
            meter.done += 1
            staging.emit(copy_progress(meter, outcome, time.monotonic()))
        staging.emit(ImportProgress(ImportPhase.DONE, len(scanned), len(scanned)))
        if no_space:
            full = DiskFull.measure(self._library.root, 0, tuple(no_space))
            raise PostImportDiskFullError(
                f"The disk is full ({size_text(full.free_bytes)} free on "
                f"{readable_path(full.folder)}); nothing of {self._plan.title!r} was imported. "
                "Free some space and import the post again."
            )
        return StagedImages(digests, staged, failed)

    def _staging_target(self, session: Session) -> StagingTarget:
        """The trip the photos go to as it will be: the post's new trip, or the filled trip
        with its dates widened, so the photos' days are derived as the rows will have them."""
        plan = self._plan
        if self._into_trip is None:
            zone = ZoneInfo(validation.check_timezone(plan.timezone))
            return StagingTarget.read(session, None, TripClock(zone, plan.start, plan.end))
        trip = get_trip(session, self._into_trip)
        start, end = widened_dates(trip, plan)
        clock = dataclasses.replace(photo_days.trip_clock(trip), start=start, end=end)
        return StagingTarget.read(session, trip, clock)
