"""A new trip's zone is offered from its first photos, never changed without asking (defect 8:
the New Trip zone stayed UTC while the photos dropped into it carried GPS positions)."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from journal.services import JournalService, NewTrip, TripInfo
from tests.gui.message_boxes import MessageBoxAnswerer
from tests.gui.windows import MakeWindow
from tests.photos.photo_files import exif_for, write_photo

LISBON = (38.7223, -9.1393)
Button = QMessageBox.StandardButton


@pytest.fixture
def utc_trip(service: JournalService) -> TripInfo:
    changes = service.create_trip(NewTrip("Lisbon", date(2024, 5, 10), date(2024, 5, 12), "UTC"))
    assert changes.trip is not None
    return changes.trip


def _photo(folder: Path, name: str, time: str) -> Path:
    return write_photo(folder / name, exif_for(original=time, gps=LISBON), color=(len(name), 0, 0))


@pytest.mark.parametrize(("answer", "zone"), [(Button.Yes, "Europe/Lisbon"), (Button.No, "UTC")])
def test_the_zone_the_first_photos_were_taken_in_is_offered_once_and_set_only_on_yes(
    make_window: MakeWindow,
    service: JournalService,
    utc_trip: TripInfo,
    message_boxes: MessageBoxAnswerer,
    tmp_path: Path,
    answer: QMessageBox.StandardButton,
    zone: str,
) -> None:
    window = make_window()
    message_boxes.answer = answer

    window.photo_actions.import_paths([_photo(tmp_path, "tram.jpg", "2024:05:11 09:30:00")])

    assert service.trip(utc_trip.id).timezone == zone
    [offer] = message_boxes.shown
    assert offer.text.startswith("The photos of “Lisbon” were taken in Europe/Lisbon, but the")
    assert offer.default == Button.Yes

    window.photo_actions.import_paths([_photo(tmp_path, "castle.jpg", "2024:05:12 09:30:00")])
    assert len(service.all_photos(utc_trip.id)) == 2
    assert len(message_boxes.shown) == 1, "asked once, for the trip's first photos"
