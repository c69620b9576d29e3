"""Services: the operations the CLI and the GUI share, behind ``JournalService``."""

from journal.services.changes import Changes
from journal.services.facade import JournalService
from journal.services.snapshots import DayInfo, DaysOverview, TripInfo
from journal.services.trip_ops import NewTrip, TripEdit

__all__ = [
    "Changes",
    "DayInfo",
    "DaysOverview",
    "JournalService",
    "NewTrip",
    "TripEdit",
    "TripInfo",
]
