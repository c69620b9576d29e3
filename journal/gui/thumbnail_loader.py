"""Thumbnails for the gallery, the timeline covers and the preview, loaded off the UI thread.

A worker asks the core's ``ThumbnailCache`` for the cached JPEG (making it if missing) and decodes
it into a ``QImage`` scaled for the screen; the UI thread turns that into a ``QPixmap`` (which
must not be made anywhere else) and announces it with ``ready``. Views ask for an image whenever
they paint: the first ask starts the work and returns None (the view shows a placeholder), later
asks return the image. Memory stays bounded: least recently used images are dropped.
"""

import logging
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap

from journal.gui.background import TaskRunner
from journal.photos.library_files import open_library_file
from journal.photos.thumbnails import ThumbnailCache, ThumbSize
from journal.services import JournalService, PhotoInfo

log = logging.getLogger(__name__)

K = TypeVar("K")
V = TypeVar("V")

#: Logical pixels of a gallery cell's image; the timeline's covers use the same images.
THUMB_BOX = 150
#: Largest a photo is shown in the editor's preview or the viewer, in logical pixels.
PREVIEW_BOX = 1000
#: More than any cached thumbnail (an upright JPEG, ``ThumbSize``) takes: a bigger file in the
#: cache is not ours and is not read.
THUMBNAIL_BYTES = 16 * 1024 * 1024


class _Lru(Generic[K, V]):
    def __init__(self, capacity: int) -> None:
        self._items: OrderedDict[K, V] = OrderedDict()
        self._capacity = capacity

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._capacity:
            self._items.popitem(last=False)

    def discard(self, key: K) -> None:
        self._items.pop(key, None)


def decode_scaled(path: Path, box: int, ratio: float) -> QImage:
    """Decode an image file of the library into a QImage that fits ``box`` logical pixels (runs
    on a worker).

    The file is opened as a library file (``library_files``): a FIFO or a link in the
    thumbnail's place fails here at once rather than leaving the worker blocked (which froze
    File ▸ Quit, waiting for it). Qt decodes bytes already read, never a ``QIODevice`` made in
    Python: Qt reads such a device through its Python wrapper, which needs the interpreter lock
    while Qt's image-plugin lock is held, and the UI thread takes those two the other way round
    whenever it draws a standard icon (a message box): the app froze for good.
    """
    with open_library_file(path) as handle:
        data = handle.read(THUMBNAIL_BYTES + 1)
    if len(data) > THUMBNAIL_BYTES:
        raise OSError(f"Cannot read the thumbnail {path}: larger than a thumbnail can be")
    image = QImage.fromData(data)
    if image.isNull():
        raise OSError(f"Cannot read the thumbnail {path}: not an image Qt can decode")
    limit = round(box * ratio)
    if image.width() > limit or image.height() > limit:
        image = image.scaled(
            QSize(limit, limit),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    image.setDevicePixelRatio(ratio)
    return image


class ThumbnailLoader(QObject):
    #: (photo id): its thumbnail can now be had from ``pixmap``.
    ready = Signal(int)
    #: (photo id): its preview image can now be had from ``preview_image``.
    preview_ready = Signal(int)

    def __init__(
        self,
        service: JournalService,
        cache: ThumbnailCache,
        runner: TaskRunner,
        device_pixel_ratio: Callable[[], float],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._cache = cache
        self._runner = runner
        self._ratio = device_pixel_ratio
        self._pixmaps: _Lru[int, QPixmap] = _Lru(800)
        self._previews: _Lru[int, QImage] = _Lru(24)
        self._pending: set[tuple[int, ThumbSize]] = set()
        #: Photos whose thumbnail could not be made: asked once, then left as placeholders.
        self._broken: set[tuple[int, ThumbSize]] = set()

    def pixmap(self, photo: PhotoInfo) -> QPixmap | None:
        """The photo's gallery thumbnail, or None while it loads."""
        found = self._pixmaps.get(photo.id)
        if found is None:
            self._load(photo, ThumbSize.THUMB)
        return found

    def pixmap_by_id(self, photo_id: int) -> QPixmap | None:
        """Like ``pixmap`` for callers that hold only an id (timeline covers)."""
        found = self._pixmaps.get(photo_id)
        if found is None:
            self._load_by_id(photo_id, ThumbSize.THUMB)
        return found

    def preview_image(self, photo_id: int) -> QImage | None:
        """The photo at preview size for the editor's live preview, or None while it loads."""
        found = self._previews.get(photo_id)
        if found is None:
            self._load_by_id(photo_id, ThumbSize.PREVIEW)
        return found

    def forget(self, photo_ids: set[int] | frozenset[int]) -> None:
        """Drop images of photos that changed (deleted, or re-decoded after an edit)."""
        for photo_id in photo_ids:
            self._pixmaps.discard(photo_id)
            self._previews.discard(photo_id)

    def _load_by_id(self, photo_id: int, size: ThumbSize) -> None:
        key = (photo_id, size)
        if key in self._pending or key in self._broken:
            return
        self._pending.add(key)
        self._runner.database_call(
            lambda: self._service.photo(photo_id),
            lambda photo: self._start_decode(photo, size),
            lambda error: self._give_up(key, error),
        )

    def _load(self, photo: PhotoInfo, size: ThumbSize) -> None:
        key = (photo.id, size)
        if key in self._pending or key in self._broken:
            return
        self._pending.add(key)
        self._start_decode(photo, size)

    def _start_decode(self, photo: PhotoInfo, size: ThumbSize) -> None:
        ratio = self._ratio()
        box = THUMB_BOX if size is ThumbSize.THUMB else PREVIEW_BOX
        cache = self._cache

        def decode() -> QImage:
            return decode_scaled(cache.thumbnail_path(photo, size), box, ratio)

        self._runner.submit(
            self._runner.images,
            decode,
            lambda image: self._deliver(photo.id, size, image),
            lambda error: self._give_up((photo.id, size), error),
        )

    def _deliver(self, photo_id: int, size: ThumbSize, image: QImage) -> None:
        self._pending.discard((photo_id, size))
        if size is ThumbSize.THUMB:
            self._pixmaps.put(photo_id, QPixmap.fromImage(image))
            self.ready.emit(photo_id)
        else:
            self._previews.put(photo_id, image)
            self.preview_ready.emit(photo_id)

    def _give_up(self, key: tuple[int, ThumbSize], error: Exception) -> None:
        """A photo whose file is damaged or gone keeps its placeholder instead of retrying on
        every paint; the gallery's tooltip still names the file, and the log says why."""
        self._pending.discard(key)
        self._broken.add(key)
        log.warning("No %s image for photo %d: %s", key[1].name.lower(), key[0], error)
