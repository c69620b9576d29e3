"""Photos made web-ready: resized, orientation baked into the pixels, HEIC turned into JPEG, and
metadata rebuilt from scratch so that nothing but what the user chose to keep is published.

The pixels are those the gallery shows (``photos.pixels``): a RAW file's embedded preview, a
16-bit TIFF brought to 8 bits, a JPEG that lost its last bytes as far as it goes. A RAW file is
never published as it is, even when originals are kept: no browser shows one.

Building fresh EXIF (rather than deleting GPS tags from the camera's) is deliberate: location
also hides in maker notes, XMP and IPTC, which a delete-list would miss. The output is a pure
function of the library file and the options, so exporting again produces identical bytes; and
each web copy carries a *render key* (a digest of exactly those inputs, in EXIF ImageUniqueID),
so an export over an up-to-date folder recognises its copies from their headers instead of
decoding and re-encoding every photo again.
"""

import hashlib
import io
import math
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from PIL import Image

from journal.export.errors import ExportError
from journal.export.settings import ImageOptions
from journal.export.source import SourcePhoto
from journal.photos.formats import RAW_FORMATS, enable_heif
from journal.photos.library_files import open_library_file
from journal.photos.pixels import fitted, open_pixels

_ORIGINAL_SUFFIX = {"JPEG": ".jpg", "HEIF": ".heic", "PNG": ".png", "WEBP": ".webp", "TIFF": ".tif"}
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_DATETIME = 0x0132
_DATETIME_ORIGINAL = 0x9003
_OFFSET_TIME_ORIGINAL = 0x9011
_IMAGE_UNIQUE_ID = 0xA420
_ORIENTATION = 0x0112
#: Bump when a change here makes web copies differ for the same inputs, so they are redone.
_WEB_COPY_VERSION = 1


def exported_suffix(media_format: str, options: ImageOptions) -> str:
    """PNG stays PNG (screenshots, transparency); every other web copy is a JPEG."""
    if _kept_as_is(media_format, options):
        return _ORIGINAL_SUFFIX.get(media_format, ".jpg")
    return ".png" if media_format == "PNG" else ".jpg"


def render_key(photo: SourcePhoto, options: ImageOptions) -> str:
    """A digest of everything a web copy depends on: the library file and the options."""
    inputs = "|".join(
        str(item)
        for item in (
            _WEB_COPY_VERSION,
            photo.content_hash,
            photo.media_format,
            options.max_long_edge,
            options.quality,
            options.keep_gps,
            options.keep_capture_date,
            photo.local_time if options.keep_capture_date else None,
            photo.utc_offset_minutes if options.keep_capture_date else None,
        )
    )
    return hashlib.sha256(inputs.encode()).hexdigest()[:32]


def is_current_web_copy(path: Path, photo: SourcePhoto, options: ImageOptions) -> bool:
    """Whether ``path`` is already the web copy ``exported_image`` would make (headers only)."""
    if _kept_as_is(photo.media_format, options):
        return False
    try:
        with Image.open(path) as existing:
            recorded = existing.getexif().get_ifd(_EXIF_IFD).get(_IMAGE_UNIQUE_ID)
    except (OSError, ValueError, SyntaxError):
        return False
    return bool(recorded == render_key(photo, options))


def exported_image(photo: SourcePhoto, options: ImageOptions) -> bytes:
    """The bytes of the file the post will show for ``photo``.

    The library copy is opened as a library file: a FIFO or a link to ``/dev/zero`` in its place
    fails this photo at once instead of blocking or filling memory.
    """
    try:
        with open_library_file(photo.path) as source:
            if _kept_as_is(photo.media_format, options):
                return source.read()
            return _web_copy(source, photo, options)
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ExportError(
            f"Cannot read the photo {photo.original_name} (library file {photo.path}): {error}. "
            "Re-import it or remove it from the trip."
        ) from error


def _kept_as_is(media_format: str, options: ImageOptions) -> bool:
    return options.keep_originals and media_format not in RAW_FORMATS


def _web_copy(source: BinaryIO, photo: SourcePhoto, options: ImageOptions) -> bytes:
    source_exif, icc_profile = _source_metadata(source)
    source.seek(0)
    with open_pixels(source, photo.media_format, fit=options.max_long_edge) as image:
        image.thumbnail((options.max_long_edge, options.max_long_edge), Image.Resampling.LANCZOS)
        # Dropping ``info`` keeps XMP, IPTC and comments (any of which may hold a place) out.
        image.info = {}
        as_png = photo.media_format == "PNG"
        web = image if as_png or image.mode in ("RGB", "L") else image.convert("RGB")
        exif = _published_exif(photo, source_exif, options)
        buffer = io.BytesIO()
        extra = {"icc_profile": icc_profile} if icc_profile else {}
        if as_png:
            web.save(buffer, format="PNG", exif=exif, optimize=True, **extra)
        else:
            web.save(
                buffer, format="JPEG", exif=exif, quality=options.quality, optimize=True, **extra
            )
    return buffer.getvalue()


def _source_metadata(source: BinaryIO) -> tuple[Image.Exif, bytes | None]:
    """The file's EXIF (for its GPS, when kept) and colour profile, from its header. A RAW file
    Pillow cannot open has neither here; its preview carries no profile of its own either."""
    enable_heif()
    try:
        with Image.open(source) as opened:
            return opened.getexif(), opened.info.get("icc_profile")
    except (OSError, ValueError, SyntaxError):
        return Image.Exif(), None


def _published_exif(photo: SourcePhoto, source: Image.Exif, options: ImageOptions) -> Image.Exif:
    """Only the capture time (the corrected local time the journal shows) and, if asked, GPS;
    plus the render key, which says nothing about the photo or its place."""
    exif = Image.Exif()
    exif.get_ifd(_EXIF_IFD)[_IMAGE_UNIQUE_ID] = render_key(photo, options)
    if options.keep_capture_date and photo.local_time is not None:
        stamp = photo.local_time.strftime("%Y:%m:%d %H:%M:%S")
        exif[_DATETIME] = stamp
        details = exif.get_ifd(_EXIF_IFD)
        details[_DATETIME_ORIGINAL] = stamp
        if photo.utc_offset_minutes is not None:
            details[_OFFSET_TIME_ORIGINAL] = _offset_text(photo.utc_offset_minutes)
    if options.keep_gps:
        gps = source.get_ifd(_GPS_IFD)
        if gps:
            exif.get_ifd(_GPS_IFD).update(gps)
    return exif


def _offset_text(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(int(timedelta(minutes=minutes).total_seconds()) // 60), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def web_copy_size(photo: SourcePhoto, options: ImageOptions) -> tuple[int, int] | None:
    """The width and height of the image ``exported_image`` makes of ``photo``, for the
    ``width`` and ``height`` a post may give an image so that the page does not jump as it
    loads; None if the file cannot be read (the export then reports it). It follows
    ``_web_copy`` step by step: the same draft scale, orientation and rounding, from the file's
    header alone where it can (a RAW's preview has to be decoded to be measured)."""
    if photo.media_format in RAW_FORMATS:
        return _decoded_size(photo, options)
    enable_heif()
    try:
        with Image.open(photo.path) as opened:
            if not options.keep_originals:
                opened.draft(None, fitted(opened.size, options.max_long_edge))
            width, height = opened.size
            orientation = opened.getexif().get(_ORIENTATION)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    if options.keep_originals:
        return width, height
    return _thumbnail_size(width, height, options.max_long_edge)


def _decoded_size(photo: SourcePhoto, options: ImageOptions) -> tuple[int, int] | None:
    try:
        with (
            open_library_file(photo.path) as source,
            open_pixels(source, photo.media_format, fit=options.max_long_edge) as image,
        ):
            width, height = image.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    return _thumbnail_size(width, height, options.max_long_edge)


def _thumbnail_size(width: int, height: int, edge: int) -> tuple[int, int]:
    """The size ``Image.thumbnail((edge, edge))`` gives a ``width`` × ``height`` image: the
    aspect kept, each side rounded to whichever integer keeps it best."""
    if edge >= width and edge >= height:
        return width, height
    aspect = width / height
    if aspect <= 1:
        return _nearest(edge * aspect, lambda n: abs(aspect - n / edge)), edge
    return edge, _nearest(edge / aspect, lambda n: abs(aspect - edge / n) if n else 0)


def _nearest(number: float, error: Callable[[int], float]) -> int:
    return max(min(math.floor(number), math.ceil(number), key=error), 1)
