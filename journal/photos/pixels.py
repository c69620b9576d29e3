"""The picture of a library file, decoded and right side up, whatever its format.

The gallery's thumbnails and the export's web copies show the same picture, so both take it from
here: ``open_pixels`` decodes the file (JPEG at the smallest DCT scale that still covers the size
asked for, a HEIC's embedded thumbnail when it is big enough), turns it upright by its EXIF
orientation and brings high bit depths into the 8-bit range every later step expects:

- 16-bit greyscale (scanners, drones) is scaled by 1/256, its full range onto 8 bits; 32-bit
  integer and floating-point images (thermal and multispectral drone bands hold temperatures or
  reflectances, not 0-65535) are stretched from their darkest to their brightest value, so what
  they hold shows instead of a black or white square.
- A JPEG that lost its last bytes (a card pulled out mid-write, a download cut short) shows what
  is there: when the strict decode says the file is truncated, the bytes are decoded again with an
  end-of-image marker after them, and libjpeg fills the missing rows with grey. Pillow's own switch
  for this (``ImageFile.LOAD_TRUNCATED_IMAGES``) is global to the process and would also let
  damaged files of other threads pass unseen, so it is left off.
"""

import io
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO, cast

from PIL import ExifTags, Image, ImageOps

from journal.photos.embedded_previews import ifd1_preview, seek_preview_frame, trusted
from journal.photos.formats import RAW_FORMATS, enable_heif
from journal.photos.jpeg_markers import END_OF_IMAGE
from journal.photos.raw import preview_bytes, read_raw

#: EXIF orientation -> the transposition that makes the picture upright (for a RAW's preview,
#: whose own EXIF, if any, does not know how the RAW was turned).
_TRANSPOSITIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
#: 16-bit greyscale modes, and the raw mode that reads each one's bytes as 32-bit integers.
_SIXTEEN_BIT_RAW_MODES = {"I;16": "I;16", "I;16L": "I;16", "I;16B": "I;16B", "I;16N": "I;16N"}


@contextmanager
def open_pixels(
    source: BinaryIO, media_format: str, *, fit: int | None = None, previews: bool = False
) -> Iterator[Image.Image]:
    """The photo read from ``source`` (a file of ``media_format``, at its start), decoded,
    upright and in an 8-bit mode; for a RAW file, its embedded JPEG preview turned by the RAW's
    orientation (``raw.py``).

    With ``fit``, the decoder may take a cheaper path that still gives at least ``fit`` pixels
    on the long edge (the caller resizes). With ``previews`` too, a JPEG's embedded preview that
    covers ``fit`` is decoded instead of the photo (``embedded_previews``): for the gallery, never
    for what is published. Raises ``OSError`` or ``ValueError`` for data that
    cannot be decoded, like Pillow.
    """
    enable_heif()
    image = _decoded(source, media_format, fit, previews)
    try:
        yield image
    finally:
        image.close()


def _decoded(
    source: BinaryIO, media_format: str, fit: int | None, previews: bool = False
) -> Image.Image:
    if media_format in RAW_FORMATS:
        reading = read_raw(source, media_format)
        preview = io.BytesIO(preview_bytes(source, reading))
        return _upright(preview, fit, orientation=reading.exif.orientation)
    start = source.tell()
    if previews and fit is not None and media_format == "JPEG":
        embedded = _embedded_preview(source, fit)
        if embedded is not None:
            return embedded
        source.seek(start)
    try:
        return _upright(source, fit)
    except OSError as error:
        if media_format != "JPEG" or "truncated" not in str(error):
            raise
    source.seek(start)
    return _upright(io.BytesIO(source.read() + END_OF_IMAGE), fit)


def _upright(source: BinaryIO, fit: int | None, orientation: int | None = None) -> Image.Image:
    """The image decoded and turned by ``orientation``, or by its own EXIF's when None; turned in
    place, since a copy of a big PNG costs as much as its decoding. (Leaving the ``with`` lets go
    of the file, not of the pixels already loaded.)"""
    with Image.open(source) as image:
        if fit is not None:
            image.draft(None, fitted(image.size, fit))
        image.load()
        if orientation is None:
            ImageOps.exif_transpose(image, in_place=True)
        elif orientation in _TRANSPOSITIONS:
            return _eight_bit(image.transpose(_TRANSPOSITIONS[orientation]))
        return _eight_bit(image)


def _embedded_preview(source: BinaryIO, fit: int) -> Image.Image | None:
    """The photo's embedded preview decoded and turned by the photo's orientation, or None when
    it has none that can stand for it (or the preview's data is damaged: the photo decides)."""
    try:
        with Image.open(source) as image:
            if not trusted(image):
                return None
            orientation = image.getexif().get(ExifTags.Base.Orientation)
            thumbnail = ifd1_preview(image, fit)
            if thumbnail is not None:
                return _upright(io.BytesIO(thumbnail), fit, orientation or 1)
            if not seek_preview_frame(image, fit):
                return None
            image.draft(None, fitted(image.size, fit))
            image.load()
            turn = _TRANSPOSITIONS.get(orientation) if isinstance(orientation, int) else None
            return _eight_bit(image.transpose(turn) if turn else image)
    # A damaged preview (or MPF directory) is no reason to refuse a photo: the photo is decoded
    # instead, and it fails on its own if it is damaged too.
    except (OSError, ValueError, SyntaxError, EOFError, struct.error, KeyError, IndexError):
        return None


def fitted(size: tuple[int, int], pixels: int) -> tuple[int, int]:
    """``size`` scaled down (never up) to fit ``pixels`` on its long edge."""
    width, height = size
    scale = min(1.0, pixels / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _eight_bit(image: Image.Image) -> Image.Image:
    if image.mode in _SIXTEEN_BIT_RAW_MODES:
        raw_mode = _SIXTEEN_BIT_RAW_MODES[image.mode]
        wide = Image.frombytes("I", image.size, image.tobytes(), "raw", raw_mode)
        return wide.point(lambda value: value / 256).convert("L")
    if image.mode in ("I", "F"):
        low, high = cast(tuple[float, float], image.getextrema())
        scale = 255 / (high - low) if high > low else 0
        return image.point(lambda value: (value - low) * scale).convert("L")
    return image
