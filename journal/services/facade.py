"""``JournalService``: the one door from the CLI and the GUI into the core.

Each method opens a short session on the library, runs one operation as one transaction and
returns plain snapshots or a ``Changes`` value; callers never hold ORM objects or sessions. The GUI
calls these methods from its database worker thread, never from the UI thread.
"""

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from journal.export import ExportPlan, ExportProgress, ExportReport, ExportSettings
from journal.export.exporter import plan_export, run_export
from journal.photos.camera import CameraKey
from journal.photos.import_progress import CancelToken, ImportProgress
from journal.places.finder import PlaceMatch, place_finder
from journal.post_import.post_origin import PostOrigin
from journal.post_import.post_plan import PostPlan, plan_post_file
from journal.services import (
    culling_ops,
    day_ops,
    export_ops,
    hand_places,
    photo_ops,
    post_origins,
    track_ops,
    trip_ops,
)
from journal.services.changes import Changes
from journal.services.library_check import (
    CheckProgressCallback,
    LibraryCheckReport,
    check_library,
)
from journal.services.photo_import import ImportReport, PhotoImport
from journal.services.post_import_run import PostImportReport, PostImportRun
from journal.services.snapshots import (
    CameraInfo,
    DatesPreview,
    DayInfo,
    DayMove,
    DaysOverview,
    PhotoInfo,
    TextShowingPhotos,
    TripInfo,
)
from journal.services.track_ops import TrackImportReport, TrackProgress
from journal.services.trash import empty_trash, remove_files
from journal.services.trip_ops import NewTrip, TripEdit
from journal.services.trip_summaries import TripSummary, trip_summaries
from journal.services.undo_steps import Recorder, UndoStep, recorded, text_saved, trashing
from journal.store.library import Library
from journal.texts import TextTarget
from journal.tracks.timeline import DEFAULT_MAX_GAP_SECONDS


class JournalService:
    """Trips, their days and their photos in one library."""

    def __init__(self, library: Library) -> None:
        self.library = library

    # Queries

    def list_trips(self) -> list[TripInfo]:
        with self.library.session() as session:
            return trip_ops.list_trips(session)

    def trip_summaries(self) -> list[TripSummary]:
        """Every trip with its photo count and cover, for the list of trips."""
        with self.library.session() as session:
            return trip_summaries(session)

    def trip(self, trip_id: int) -> TripInfo:
        with self.library.session() as session:
            return TripInfo.of(trip_ops.get_trip(session, trip_id))

    def find_trip(self, reference: str) -> TripInfo:
        """The trip named by id or slug."""
        with self.library.session() as session:
            return TripInfo.of(trip_ops.find_trip(session, reference))

    def days(self, trip_id: int) -> DaysOverview:
        with self.library.session() as session:
            return day_ops.days_overview(session, trip_id)

    def day(self, trip_id: int, day: date) -> DayInfo:
        with self.library.session() as session:
            return day_ops.day_info(session, trip_id, day)

    def text(self, trip_id: int, target: TextTarget) -> tuple[str, str]:
        """(title, body) of one text of the trip; the intro and the closing have no title."""
        with self.library.session() as session:
            return day_ops.text(session, trip_id, target)

    def photos(self, trip_id: int, day: date | None) -> list[PhotoInfo]:
        """One day's photos in their order; ``None`` is the Unassigned tray."""
        with self.library.session() as session:
            return photo_ops.photos(session, trip_id, day)

    def all_photos(self, trip_id: int) -> list[PhotoInfo]:
        with self.library.session() as session:
            return photo_ops.all_photos(session, trip_id)

    def photo(self, photo_id: int) -> PhotoInfo:
        with self.library.session() as session:
            return photo_ops.photo(session, photo_id)

    def photo_path(self, photo: PhotoInfo) -> Path:
        """The absolute path of the library's copy of ``photo``."""
        return self.library.file_path(photo.library_path)

    def cameras(self, trip_id: int) -> list[CameraInfo]:
        """The cameras the trip's photos came from, most photos first, with their corrections."""
        with self.library.session() as session:
            return photo_ops.cameras(session, trip_id)

    def preview_camera_offset(
        self, trip_id: int, camera: CameraKey, offset_seconds: int
    ) -> list[DayMove]:
        """The photos whose day a camera correction would change; nothing is written."""
        with self.library.session() as session:
            return photo_ops.preview_camera_offset(session, trip_id, camera, offset_seconds)

    def offset_for_actual_time(self, photo_id: int, actual: datetime) -> tuple[CameraKey, int]:
        """The clock correction for this photo's camera that makes its local time ``actual``."""
        with self.library.session() as session:
            return photo_ops.offset_for_actual_time(session, photo_id, actual)

    # Mutations: one transaction each (an import commits in short batches of them)

    # Every mutation's ``Changes`` carry its ``undo`` step; ``revert`` applies one.

    def revert(self, step: UndoStep) -> Changes:
        """Undo (or redo) one change; the result carries the step that takes this back."""
        with self.library.session() as session:
            return step.apply(session)

    def create_trip(self, new: NewTrip) -> Changes:
        with self.library.session() as session:
            return recorded(session, None, lambda: trip_ops.create_trip(session, new))

    def edit_trip(self, trip_id: int, edit: TripEdit) -> Changes:
        with self.library.session() as session:
            return recorded(session, trip_id, lambda: trip_ops.edit_trip(session, trip_id, edit))

    def edit_trip_and_dates(self, trip_id: int, edit: TripEdit, start: date, end: date) -> Changes:
        """Fields and dates together, as the properties dialog saves them: all or nothing."""
        with self.library.session() as session:
            return recorded(
                session,
                trip_id,
                lambda: trip_ops.edit_trip_and_dates(session, trip_id, edit, start, end),
            )

    def rename_trip(self, trip_id: int, title: str) -> Changes:
        return self.edit_trip(trip_id, TripEdit(title=title))

    def set_trip_dates(self, trip_id: int, start: date, end: date) -> Changes:
        with self.library.session() as session:
            return recorded(
                session, trip_id, lambda: trip_ops.set_trip_dates(session, trip_id, start, end)
            )

    def preview_trip_dates(
        self, trip_id: int, start: date, end: date, timezone: str | None = None
    ) -> DatesPreview:
        """The photos and text that new dates (and zone) would move onto or off the trip's
        days, to ask before they go; nothing is written."""
        with self.library.session() as session:
            return trip_ops.preview_trip_dates(session, trip_id, start, end, timezone)

    def delete_trip(self, trip_id: int) -> Changes:
        """Put a trip with its days and photos in the trash (see ``trash``)."""
        with self.library.session() as session:
            return recorded(session, trip_id, lambda: trip_ops.delete_trip(session, trip_id))

    def empty_trash(self) -> int:
        """Delete removed photos and deleted trips for good, with the files only they used;
        return how many photos went. Their undo steps then bring nothing back."""
        return empty_trash(self.library)

    def set_text(
        self, trip_id: int, target: TextTarget, body: str, title: str | None = None
    ) -> Changes:
        """Replace one text of the trip (and a day's title unless ``title`` is None)."""
        with self.library.session() as session:
            return text_saved(
                session,
                trip_id,
                target,
                lambda: day_ops.set_text(session, trip_id, target, body, title),
            )

    def set_day_text(self, trip_id: int, day: date, body: str, title: str | None = None) -> Changes:
        """``set_text`` of one day's text."""
        return self.set_text(trip_id, TextTarget.of_day(day), body, title)

    def import_photos(
        self,
        trip_id: int,
        paths: Sequence[Path],
        *,
        progress: Callable[[ImportProgress], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> ImportReport:
        """Import files and folders (recursively) into the trip; see ``photo_import``.

        ``progress`` is called on this thread. Bad files are reported in the result, not raised.
        Its undo puts the photos it added in the trash.
        """
        run = PhotoImport(self.library, trip_id, progress=progress, cancel=cancel)
        report = run.run(paths)
        undo = trashing(trip_id, report.imported)
        return dataclasses.replace(report, changes=dataclasses.replace(report.changes, undo=undo))

    def import_tracks(
        self,
        trip_id: int,
        paths: Sequence[Path],
        *,
        max_gap_seconds: int = DEFAULT_MAX_GAP_SECONDS,
        progress: Callable[[TrackProgress], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> TrackImportReport:
        """Import GPX files into the trip and place its photos without GPS on them by time; see
        ``track_ops``. A file that cannot be used raises ``TrackFileError`` and nothing is
        imported; a cancel (honoured while the files are read) leaves the library as it was.
        ``progress`` is called on this thread; ``report.changes`` names the photos that moved.
        """
        track_ops.check_max_gap(max_gap_seconds)
        self.trip(trip_id)
        files = track_ops.read_track_files(paths, progress=progress, cancel=cancel)
        if files is None:
            return TrackImportReport(cancelled=True)
        with self.library.session() as session:
            # Undo puts the photos it placed back where they were; the track itself stays (a
            # second import of the same file is recognised by its hash).
            recorder = Recorder(session, trip_id)
            report = track_ops.import_tracks(session, trip_id, files, max_gap_seconds)
            changes = recorder.finish(report.changes)
        return dataclasses.replace(report, changes=changes)

    # Places by hand (``hand_places``)

    def search_places(self, text: str, language: str = "en", limit: int = 10) -> list[PlaceMatch]:
        """Places whose name (in any script) is or begins with ``text``, best first."""
        return place_finder().search(text, language, limit)

    def set_place(self, trip_id: int, target: int | date, place_id: int | None) -> Changes:
        """Give photo ``target`` (an id) or day ``target`` (a date) the place ``place_id`` (from
        ``search_places``) by hand; None takes the place by hand back."""
        choice = hand_places.chosen_place(place_finder(), place_id) if place_id else None
        with self.library.session() as session:
            return recorded(
                session,
                trip_id,
                lambda: hand_places.set_place(session, trip_id, target, choice),
            )

    def set_place_like_photo(self, trip_id: int, target: int | date, photo_id: int) -> Changes:
        """Give photo or day ``target`` the place of photo ``photo_id`` ("same place as")."""
        with self.library.session() as session:
            choice = hand_places.place_like_photo(session, place_finder(), trip_id, photo_id)
            return recorded(
                session,
                trip_id,
                lambda: hand_places.set_place(session, trip_id, target, choice),
            )

    def day_places(self, trip_id: int) -> dict[date, tuple[int, str]]:
        """The days of the trip given a place by hand: place id and label when chosen."""
        with self.library.session() as session:
            return hand_places.day_places(session, trip_id)

    def plan_post(
        self,
        post: Path,
        *,
        site_root: Path | None = None,
        timezone: str | None = None,
        first_day: date | None = None,
    ) -> PostPlan:
        """What importing the Markdown post at ``post`` would make: reads the post and finds its
        images, writes nothing. Without ``site_root`` the site is guessed (the plan says which);
        ``first_day`` puts Day 0 on that date, ``timezone`` replaces the zone of the post's date.
        """
        return plan_post_file(post, site_root=site_root, timezone=timezone, first_day=first_day)

    def import_post(
        self,
        plan: PostPlan,
        *,
        into_trip: int | None = None,
        progress: Callable[[ImportProgress], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> PostImportReport:
        """Make the trip of ``plan``, or fill ``into_trip`` with it; see ``post_import_run``.

        The images are copied first, then everything else is one transaction: a cancel
        (``PostImportCancelledError``) or a failure leaves no trip and changes no trip, and the
        copies this import wrote that no photo uses are removed again. ``progress`` is called on
        this thread; the report's ``changes`` say what to refresh.
        """
        run = PostImportRun(self.library, plan, into_trip, progress=progress, cancel=cancel)
        try:
            return run.run()
        finally:
            if run.created:
                with self.library.session() as session:
                    unused = photo_ops.unused_files(session, run.created)
                remove_files(self.library, unused)

    def move_photos(
        self, trip_id: int, photo_ids: Sequence[int], day: date | None, index: int | None = None
    ) -> Changes:
        """Place photos on a day (None: Unassigned) by hand; they stay there (pinned)."""
        with self.library.session() as session:
            return recorded(
                session,
                trip_id,
                lambda: photo_ops.move_photos(session, trip_id, photo_ids, day, index),
            )

    def reorder_photos(self, trip_id: int, day: date | None, ordered_ids: Sequence[int]) -> Changes:
        with self.library.session() as session:
            return recorded(
                session,
                trip_id,
                lambda: photo_ops.reorder_photos(session, trip_id, day, ordered_ids),
            )

    def set_caption(self, photo_id: int, caption: str) -> Changes:
        with self.library.session() as session:
            trip_id = photo_ops.photo(session, photo_id).trip_id
            return recorded(
                session, trip_id, lambda: photo_ops.set_caption(session, photo_id, caption)
            )

    def texts_showing(self, trip_id: int, photo_ids: Sequence[int]) -> list[TextShowingPhotos]:
        """The trip's texts that show any of these photos, in the post's order: what
        ``delete_photos`` would take out of the text, for the question asked before it."""
        with self.library.session() as session:
            return photo_ops.texts_showing(session, trip_id, photo_ids)

    def delete_photos(self, trip_id: int, photo_ids: Sequence[int]) -> Changes:
        """Put photos in the trash and take their references out of the trip's text (in the
        same transaction, so no text is left showing a photo that is gone); undo brings both
        back. Their library copies and thumbnails go when the trash is emptied."""
        with self.library.session() as session:
            return recorded(
                session, trip_id, lambda: photo_ops.delete_photos(session, trip_id, photo_ids)
            )

    # Culling (see ``culling_ops``)

    def _recorded(
        self, trip_id: int, operation: Callable[..., Changes], *arguments: object
    ) -> Changes:
        """``operation(session, trip_id, *arguments)`` in one transaction, with its undo."""
        with self.library.session() as session:
            return recorded(session, trip_id, lambda: operation(session, trip_id, *arguments))

    def set_flagged(self, trip_id: int, photo_ids: Sequence[int], flagged: bool) -> Changes:
        return self._recorded(trip_id, culling_ops.set_flagged, photo_ids, flagged)

    def set_rating(self, trip_id: int, photo_ids: Sequence[int], rating: int) -> Changes:
        return self._recorded(trip_id, culling_ops.set_rating, photo_ids, rating)

    def set_hidden(self, trip_id: int, photo_ids: Sequence[int], hidden: bool) -> Changes:
        """Keep photos on their day but out of the exported post (or put them back)."""
        return self._recorded(trip_id, culling_ops.set_hidden, photo_ids, hidden)

    def set_day_cover(self, trip_id: int, day: date, photo_id: int | None) -> Changes:
        return self._recorded(trip_id, culling_ops.set_day_cover, day, photo_id)

    def set_trip_cover(self, trip_id: int, photo_id: int | None) -> Changes:
        return self._recorded(trip_id, culling_ops.set_trip_cover, photo_id)

    def set_camera_offset(self, trip_id: int, camera: CameraKey, offset_seconds: int) -> Changes:
        """Correct a camera's clock for this trip; its photos move to their corrected days."""
        with self.library.session() as session:
            return recorded(
                session,
                trip_id,
                lambda: photo_ops.set_camera_offset(session, trip_id, camera, offset_seconds),
            )

    # Upkeep

    def check_library(
        self,
        *,
        repair: bool = False,
        remove_unused_copies: bool = False,
        progress: CheckProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> LibraryCheckReport:
        """Hash every library photo file against its rows; with ``repair``, restore damaged or
        missing ones from their originals; ``remove_unused_copies`` deletes copies no photo
        uses. Holds no transaction while it reads the files."""
        return check_library(
            self.library,
            repair=repair,
            remove_unused_copies=remove_unused_copies,
            progress=progress,
            cancel=cancel,
        )

    # Export

    def export_settings(self, trip_id: int) -> ExportSettings:
        """The choices of the trip's last export from the app (defaults the first time)."""
        with self.library.session() as session:
            return export_ops.export_settings(session, trip_id)

    def post_origin(self, trip_id: int) -> PostOrigin | None:
        """Where the trip's post came from, if the trip was imported from one."""
        with self.library.session() as session:
            return post_origins.origin_of(trip_ops.get_trip(session, trip_id))

    def save_export_settings(self, trip_id: int, settings: ExportSettings) -> Changes:
        with self.library.session() as session:
            return export_ops.save_export_settings(session, trip_id, settings)

    def front_matter_template(self, trip_id: int) -> dict[str, Any]:
        """Extra front-matter keys written into the trip's post."""
        with self.library.session() as session:
            return export_ops.front_matter_template(session, trip_id)

    def set_front_matter_template(self, trip_id: int, fields: Mapping[str, Any]) -> Changes:
        with self.library.session() as session:
            return export_ops.set_front_matter_template(session, trip_id, fields)

    def plan_export(
        self,
        trip_id: int,
        settings: ExportSettings,
        *,
        front_matter: Mapping[str, Any] | None = None,
    ) -> ExportPlan:
        """The posts an export would write (for a preview) and the files it would replace.

        ``front_matter`` previews extra keys not saved yet; None uses the trip's template.
        """
        export_ops.check_export_slug(settings)
        with self.library.session() as session:
            source = export_ops.export_source(session, trip_id, self.library)
        if front_matter is not None:
            source = dataclasses.replace(
                source, front_matter=export_ops.check_front_matter(front_matter)
            )
        return plan_export(source, settings)

    def export_trip(
        self,
        trip_id: int,
        settings: ExportSettings,
        *,
        overwrite: bool = False,
        front_matter: Mapping[str, Any] | None = None,
        progress: Callable[[ExportProgress], None] | None = None,
    ) -> ExportReport:
        """Write the trip's post(s) and images; replacing other content needs ``overwrite``.

        Reads the library once, then works on files only; ``progress`` is called on this thread.
        """
        plan = self.plan_export(trip_id, settings, front_matter=front_matter)
        return run_export(plan, overwrite=overwrite, progress=progress)
