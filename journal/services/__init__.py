"""Services: the operations the CLI and the GUI share, behind ``JournalService``."""

from journal.services.changes import Changes
from journal.services.facade import JournalService
from journal.services.photo_import import ImportReport
from journal.services.post_import_run import PostImportCancelledError, PostImportReport
from journal.services.snapshots import (
    CameraInfo,
    CameraKey,
    DatesPreview,
    DayInfo,
    DayMove,
    DaysOverview,
    PhotoInfo,
    TextPart,
    TextShowingPhotos,
    TripInfo,
)
from journal.services.trip_ops import NewTrip, TripEdit

__all__ = [
    "CameraInfo",
    "CameraKey",
    "Changes",
    "DatesPreview",
    "DayInfo",
    "DayMove",
    "DaysOverview",
    "ImportReport",
    "JournalService",
    "NewTrip",
    "PhotoInfo",
    "PostImportCancelledError",
    "PostImportReport",
    "TextPart",
    "TextShowingPhotos",
    "TripEdit",
    "TripInfo",
]
