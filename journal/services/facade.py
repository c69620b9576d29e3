"""``JournalService``: the one door from the CLI and the GUI into the core.

Each method opens a short session on the library, runs one operation as one transaction and
returns plain snapshots or a ``Changes`` value; callers never hold ORM objects or sessions. The GUI
calls these methods from its database worker thread, never from the UI thread.
"""

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from journal.export import ExportPlan, ExportProgress, ExportReport, ExportSettings
from journal.export.exporter import plan_export, run_export
from journal.services import day_ops, export_ops, trip_ops
from journal.services.changes import Changes
from journal.services.snapshots import DayInfo, DaysOverview, TripInfo
from journal.services.trip_ops import NewTrip, TripEdit
from journal.store.library import Library


class JournalService:
    """Trips and their days in one library."""

    def __init__(self, library: Library) -> None:
        self.library = library

    # Queries

    def list_trips(self) -> list[TripInfo]:
        with self.library.session() as session:
            return trip_ops.list_trips(session)

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
        overview = self.days(trip_id)
        for info in (*overview.days, *overview.notes_outside_range):
            if info.date == day:
                return info
        return DayInfo.empty(day, overview.trip.day_index(day))

    # Mutations: one transaction each

    def create_trip(self, new: NewTrip) -> Changes:
        with self.library.session() as session:
            return trip_ops.create_trip(session, new)

    def edit_trip(self, trip_id: int, edit: TripEdit) -> Changes:
        with self.library.session() as session:
            return trip_ops.edit_trip(session, trip_id, edit)

    def rename_trip(self, trip_id: int, title: str) -> Changes:
        return self.edit_trip(trip_id, TripEdit(title=title))

    def set_trip_dates(self, trip_id: int, start: date, end: date) -> Changes:
        with self.library.session() as session:
            return trip_ops.set_trip_dates(session, trip_id, start, end)

    def delete_trip(self, trip_id: int) -> Changes:
        with self.library.session() as session:
            return trip_ops.delete_trip(session, trip_id)

    def set_day_text(self, trip_id: int, day: date, body: str, title: str | None = None) -> Changes:
        with self.library.session() as session:
            return day_ops.set_day_text(session, trip_id, day, body, title)

    # Export

    def export_settings(self, trip_id: int) -> ExportSettings:
        """The choices of the trip's last export from the app (defaults the first time)."""
        with self.library.session() as session:
            return export_ops.export_settings(session, trip_id)

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

    def plan_export(self, trip_id: int, settings: ExportSettings) -> ExportPlan:
        """The posts an export would write (for a preview) and the files it would replace."""
        export_ops.check_export_slug(settings)
        with self.library.session() as session:
            source = export_ops.export_source(session, trip_id, self.library.root)
        return plan_export(source, settings)

    def export_trip(
        self,
        trip_id: int,
        settings: ExportSettings,
        *,
        overwrite: bool = False,
        progress: Callable[[ExportProgress], None] | None = None,
    ) -> ExportReport:
        """Write the trip's post(s) and images; replacing other content needs ``overwrite``.

        Reads the library once, then works on files only; ``progress`` is called on this thread.
        """
        return run_export(
            self.plan_export(trip_id, settings), overwrite=overwrite, progress=progress
        )
