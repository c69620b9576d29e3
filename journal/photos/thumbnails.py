"""Thumbnails for the gallery and previews for the viewer, cached on disk by content hash.

Making one is a decode, so the cheap path matters: first ask the decoder for a draft - JPEG's DCT
scaling decodes a 12-megapixel photo at 1/8 size, pillow-heif picks a HEIC's embedded thumbnail
(~50x faster than decoding the image) - and only then resample with ``thumbnail``.
``exif_transpose`` comes after the resize, where it turns 256 pixels instead of 12 million. The
cache file is named by the photo's content hash, so it never goes stale, and a second request
for it makes nothing.

Library copies are read as library files (``library_files``): a FIFO or a link in ``photos/``
fails the thumbnail instead of blocking the worker that makes it. A cached thumbnail counts only
as a regular file; anything else in its place is removed and the thumbnail made again.
"""

import stat
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Protocol

from PIL import Image, ImageOps

from journal.atomic_files import atomic_writer
from journal.photos.formats import enable_heif
from journal.photos.library_files import open_library_file, remove_entry
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
        return self.ensure(source, photo.content_hash, size)

    def is_cached(self, content_hash: str, size: ThumbSize) -> bool:
        return _cached(self.cached_path(content_hash, size))

    def ensure(self, source: Path | BinaryIO, content_hash: str, size: ThumbSize) -> Path:
        """Make the thumbnail of ``source`` (whose hash is known) unless it is cached.

        ``source`` is a library copy's path (opened as a library file), or a file already open
        (an original being imported, read from where it stands).
        """
        destination = self.cached_path(content_hash, size)
        if not _cached(destination):
            remove_entry(destination)  # a folder or a FIFO where the file goes
            if isinstance(source, Path):
                with open_library_file(source) as handle:
                    make_thumbnail(handle, destination, size.pixels)
            else:
                make_thumbnail(source, destination, size.pixels)
        return destination

    def remove(self, content_hash: str) -> None:
        for size in ThumbSize:
            remove_entry(self.cached_path(content_hash, size))


def make_thumbnail(source: BinaryIO, destination: Path, pixels: int) -> None:
    """Write the image read from ``source`` scaled to fit ``pixels`` square, upright, as a JPEG
    at ``destination``.

    Raises ``OSError`` (truncated or corrupt data) like Pillow's decoders do.
    """
    with drafted(source, pixels) as image:
        image.thumbnail((pixels, pixels))
        upright = ImageOps.exif_transpose(image)
        rgb = _flattened(upright)
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


@contextmanager
def drafted(source: BinaryIO, pixels: int) -> Iterator[Image.Image]:
    """``source`` opened with the cheapest decode that still covers ``pixels`` on its long edge.

    The draft asks for the size the result will have: JPEG then decodes at 1/8 scale where that
    is still large enough, and a HEIC's embedded thumbnail qualifies when it covers it.
    (``thumbnail`` alone asks for twice the size, which costs JPEG a 1/4-scale decode.)
    """
    enable_heif()
    with Image.open(source) as image:
        image.draft(None, _fitted(image.size, pixels))
        yield image


def _fitted(size: tuple[int, int], pixels: int) -> tuple[int, int]:
    width, height = size
    scale = min(1.0, pixels / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _flattened(image: Image.Image) -> Image.Image:
    """RGB for JPEG; transparency goes onto white, as a viewer shows a transparent PNG."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # Pillow has no direct 16-bit to RGB conversion; scale to 8 bits first.
        return image.point(lambda value: value / 256).convert("L").convert("RGB")
    return image.convert("RGB") if image.mode != "RGB" else image
