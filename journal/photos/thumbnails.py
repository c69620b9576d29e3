"""Thumbnails for the gallery and previews for the viewer, cached on disk by content hash.

Making one is a decode, so the cheap path matters: ``open_pixels`` asks the decoder for a draft -
JPEG's DCT scaling decodes a 12-megapixel photo at 1/8 size, pillow-heif picks a HEIC's embedded
thumbnail (~50x faster than decoding the image) - and turns that small image upright; only then
does ``thumbnail`` resample it. The cache file is named by the photo's content hash, so it never
goes stale, and a second request for it makes nothing.

Library copies are read as library files (``library_files``): a FIFO or a link in ``photos/``
fails the thumbnail instead of blocking the worker that makes it. A cached thumbnail counts only
as a regular file; anything else in its place is removed and the thumbnail made again.
"""

import stat
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Protocol

from PIL import Image

from journal.atomic_files import atomic_writer
from journal.photos.library_files import open_library_file, remove_entry
from journal.photos.pixels import open_pixels
from journal.store.library import THUMBS_DIR
from journal.store.library_paths import library_file

JPEG_QUALITY = 85


class ThumbSize(Enum):
    """The two sizes the app shows: gallery cells and the single-photo viewer."""

    THUMB = 256
    PREVIEW = 1600

    @property
    def pixels(self) -> int:
        return self.value


class ThumbnailSubject(Protocol):
    """What the cache needs of a photo (``PhotoInfo`` has it)."""

    @property
    def content_hash(self) -> str: ...

    @property
    def library_path(self) -> PurePosixPath: ...

    @property
    def media_format(self) -> str: ...


class ThumbnailCache:
    """Thumbnails of a library's photos; safe to use from several threads at once.

    Two threads asking for the same missing thumbnail both make it and the second rename wins
    with identical bytes, which is cheaper than any lock around decoding.
    """

    def __init__(self, library_root: Path) -> None:
        self._library_root = library_root
        self._root = library_root / THUMBS_DIR

    def cached_path(self, content_hash: str, size: ThumbSize) -> Path:
        """Where the thumbnail of these bytes lives (whether or not it exists yet)."""
        return self._folder(size) / content_hash[:2] / f"{content_hash}.jpg"

    def folders(self) -> tuple[Path, ...]:
        """The folder of each size's thumbnails, fanned out like ``photos/``."""
        return tuple(map(self._folder, ThumbSize))

    def _folder(self, size: ThumbSize) -> Path:
        return self._root / size.name.lower()

    def thumbnail_path(self, photo: ThumbnailSubject, size: ThumbSize) -> Path:
        """The cached JPEG of ``photo`` at ``size``, made first if missing."""
        source = library_file(self._library_root, photo.library_path)
        return self.ensure(source, photo.content_hash, size, photo.media_format)

    def is_cached(self, content_hash: str, size: ThumbSize) -> bool:
        return _cached(self.cached_path(content_hash, size))

    def ensure(
        self, source: Path | BinaryIO, content_hash: str, size: ThumbSize, media_format: str
    ) -> Path:
        """Make the thumbnail of ``source`` (whose hash and format are known) unless it is cached.

        ``source`` is a library copy's path (opened as a library file), or a file already open
        (an original being imported, read from where it stands).
        """
        destination = self.cached_path(content_hash, size)
        if not _cached(destination):
            remove_entry(destination)  # a folder or a FIFO where the file goes
            if isinstance(source, Path):
                with open_library_file(source) as handle:
                    make_thumbnail(handle, destination, size, media_format)
            else:
                make_thumbnail(source, destination, size, media_format)
        return destination

    def remove(self, content_hash: str) -> None:
        for size in ThumbSize:
            remove_entry(self.cached_path(content_hash, size))


def make_thumbnail(source: BinaryIO, destination: Path, size: ThumbSize, media_format: str) -> None:
    """Write the photo read from ``source`` (a file of ``media_format``) scaled to fit ``size``
    square, upright, as a JPEG at ``destination``. A gallery thumbnail may come from the preview
    the camera embedded (``embedded_previews``); the viewer's preview, where a user judges
    sharpness, always comes from the photo itself.

    Raises ``OSError`` (corrupt data) like Pillow's decoders do.
    """
    pixels = size.pixels
    previews = size is ThumbSize.THUMB
    with open_pixels(source, media_format, fit=pixels, previews=previews) as image:
        image.thumbnail((pixels, pixels))
        rgb = _flattened(image)
        # A cache: written atomically but not synced (an fsync costs as much as the rest of the
        # write). A power cut can leave an empty file, which ``_cached`` treats as missing.
        with atomic_writer(destination, durable=False) as handle:
            rgb.save(handle, "JPEG", quality=JPEG_QUALITY)


def _cached(path: Path) -> bool:
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size > 0


def _flattened(image: Image.Image) -> Image.Image:
    """RGB for JPEG; transparency goes onto white, as a viewer shows a transparent PNG."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB") if image.mode != "RGB" else image
