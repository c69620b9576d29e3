"""The app on a library whose photo copy was replaced by a FIFO: the thumbnail worker fails that
photo at once, so File ▸ Quit, which waits for the workers, quits (it froze for good when a
worker sat opening the FIFO). The app runs in a process of its own, so the old code fails this
test by its time limit instead of hanging the suite."""

import os
from pathlib import Path

import pytest

from journal.photos.thumbnails import ThumbnailCache
from journal.services import JournalService, TripInfo
from tests.gui.app_process import run_app
from tests.photos.photo_files import exif_for, write_photo

#: Quits by the menu once the gallery shows the photo and its thumbnail has been asked for.
QUIT_ONCE_THE_GALLERY_SHOWS = """
def drive() -> None:
    if window.gallery_model.rowCount() == 0:
        QTimer.singleShot(50, drive)
        return
    QTimer.singleShot(500, window.actions_.quit.trigger)
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_quit_does_not_freeze_when_a_photo_copy_is_a_fifo(
    service: JournalService, seattle: TripInfo, tmp_path: Path
) -> None:
    original = write_photo(tmp_path / "roll" / "a.jpg", exif_for(original="2023:09:16 10:00:00"))
    [photo_id] = service.import_photos(seattle.id, [original]).imported
    photo = service.photo(photo_id)
    ThumbnailCache(service.library.root).remove(photo.content_hash)
    copy = service.photo_path(photo)
    copy.unlink()
    os.mkfifo(copy)
    service.library.close()  # the app takes the library's lock

    app = run_app(QUIT_ONCE_THE_GALLERY_SHOWS, service.library.root, tmp_path / "s.ini", timeout=60)

    assert app.returncode == 0, app.stderr
    assert "not a regular file (a FIFO)" in app.stderr  # the log says why there is no image
