"""Services: the operations the CLI and the GUI share, behind ``JournalService``."""

from journal.photos.camera import CameraKey
from journal.services.changes import Changes
from journal.services.facade import JournalService
from journal.services.photo_import import ImportReport
from journal.services.post_import_run import PostImportCancelledError, PostImportReport
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
from journal.services.trip_ops import NewTrip, TripEdit
from journal.texts import TextPart, TextTarget

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
    "TextTarget",
    "TripEdit",
    "TripInfo",
]
