"""The drag payload for photos dragged out of the gallery, and reading dropped files.

Photos travel as their ids and alt texts (caption, else the file's own description; never a file
name) in a private MIME type, so a drop on a day can move them and a drop in the editor can write
``![alt](photo:ID)`` without asking the library.
Files dragged in from a file manager arrive as local URLs.
"""

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import QMimeData, QUrl

PHOTOS_MIME = "application/x-trip-journal-photos"


@dataclass(frozen=True)
class DraggedPhoto:
    id: int
    #: What the reference in the text says: ``PhotoInfo.alt_text``.
    alt: str


@dataclass(frozen=True)
class PhotoDrag:
    trip_id: int
    photos: tuple[DraggedPhoto, ...]

    @property
    def ids(self) -> list[int]:
        return [photo.id for photo in self.photos]


def photo_mime_data(trip_id: int, photos: Sequence[DraggedPhoto]) -> QMimeData:
    data = QMimeData()
    payload = {"trip": trip_id, "photos": [{"id": p.id, "alt": p.alt} for p in photos]}
    data.setData(PHOTOS_MIME, json.dumps(payload).encode("utf-8"))
    data.setText("\n".join(f"photo:{photo.id}" for photo in photos))
    return data


def read_photo_drag(data: QMimeData) -> PhotoDrag | None:
    """The photos a drag carries, or None when it carries something else."""
    if not data.hasFormat(PHOTOS_MIME):
        return None
    try:
        payload = json.loads(bytes(data.data(PHOTOS_MIME).data()).decode("utf-8"))
        photos = tuple(
            DraggedPhoto(int(item["id"]), str(item["alt"])) for item in payload["photos"]
        )
        return PhotoDrag(int(payload["trip"]), photos)
    except (ValueError, KeyError, TypeError):
        return None


def dropped_paths(data: QMimeData) -> list[Path]:
    """Local files and folders a drop carries (remote URLs cannot be imported offline)."""
    if not data.hasUrls():
        return []
    return [_local_path(url) for url in data.urls() if url.isLocalFile()]


def _local_path(url: QUrl) -> Path:
    """The file a URL names, byte for byte: file managers percent-encode a name's raw bytes,
    and ``toLocalFile`` decodes them as UTF-8, turning a byte that is not into U+FFFD (a path
    that does not exist). On POSIX the bytes are kept as ``os.fsdecode`` keeps them."""
    if os.name != "posix":
        return Path(url.toLocalFile())
    encoded = url.path(QUrl.ComponentFormattingOption.FullyEncoded)
    return Path(os.fsdecode(unquote_to_bytes(encoded)))
