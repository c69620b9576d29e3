"""``JournalService``: the one door from the CLI and the GUI into the core.

Each method opens a short session on the library, runs one operation as one transaction and
returns plain snapshots or a ``Changes`` value; callers never hold ORM objects or sessions. The GUI
calls these methods from its database worker thread, never from the UI thread.
"""

from datetime import date

from journal.services import day_ops, trip_ops
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
