"""Photos made web-ready: resized, orientation baked into the pixels, HEIC turned into JPEG, and
metadata rebuilt from scratch so that nothing but what the user chose to keep is published.

Building fresh EXIF (rather than deleting GPS tags from the camera's) is deliberate: location
also hides in maker notes, XMP and IPTC, which a delete-list would miss. The output is a pure
function of the library file and the options, so exporting again produces identical bytes.
"""

import io
from datetime import timedelta
from functools import cache

import pillow_heif
from PIL import Image, ImageOps

from journal.export.errors import ExportError
from journal.export.settings import ImageOptions
from journal.export.source import SourcePhoto

_ORIGINAL_SUFFIX = {"JPEG": ".jpg", "HEIF": ".heic", "PNG": ".png", "WEBP": ".webp", "TIFF": ".tif"}
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_DATETIME = 0x0132
_DATETIME_ORIGINAL = 0x9003
_OFFSET_TIME_ORIGINAL = 0x9011


@cache
def _register_heif() -> None:
    pillow_heif.register_heif_opener()


def exported_suffix(media_format: str, options: ImageOptions) -> str:
    """PNG stays PNG (screenshots, transparency); every other web copy is a JPEG."""
    if options.keep_originals:
        return _ORIGINAL_SUFFIX.get(media_format, ".jpg")
    return ".png" if media_format == "PNG" else ".jpg"


def exported_image(photo: SourcePhoto, options: ImageOptions) -> bytes:
    """The bytes of the file the post will show for ``photo``."""
    try:
        if options.keep_originals:
            return photo.path.read_bytes()
        return _web_copy(photo, options)
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ExportError(
            f"Cannot read the photo {photo.original_name} (library file {photo.path}): {error}. "
            "Re-import it or remove it from the trip."
        ) from error


def _web_copy(photo: SourcePhoto, options: ImageOptions) -> bytes:
    _register_heif()
    with Image.open(photo.path) as opened:
        source_exif = opened.getexif()
        icc_profile = opened.info.get("icc_profile")
        image = ImageOps.exif_transpose(opened)
    image.thumbnail((options.max_long_edge, options.max_long_edge), Image.Resampling.LANCZOS)
    # Dropping ``info`` keeps XMP, IPTC and comments (any of which may hold a place) out.
    image.info = {}
    as_png = photo.media_format == "PNG"
    if not as_png and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    exif = _published_exif(photo, source_exif, options)
    buffer = io.BytesIO()
    extra = {"icc_profile": icc_profile} if icc_profile else {}
    if as_png:
        image.save(buffer, format="PNG", exif=exif, optimize=True, **extra)
    else:
        image.save(
            buffer, format="JPEG", exif=exif, quality=options.quality, optimize=True, **extra
        )
    return buffer.getvalue()


def _published_exif(photo: SourcePhoto, source: Image.Exif, options: ImageOptions) -> Image.Exif:
    """Only the capture time (the corrected local time the journal shows) and, if asked, GPS."""
    exif = Image.Exif()
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
