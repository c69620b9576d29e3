"""Everything the import needs from a file before copying it, read from its header alone.

Pillow opens a file lazily: ``Image.open`` reads the header and the metadata segments, not the
pixels, so this costs a fraction of a millisecond per JPEG. One open gives the format, the size,
EXIF (``exif.py``), XMP (``xmp.py``) and PNG text; the capture time is the first of those that
has one, then the file name, then (untrusted) the file's modification time. pillow-heif already
rotated a HEIC's pixels, so its EXIF orientation is not applied again.
"""

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from stat import S_ISREG

from PIL import Image, UnidentifiedImageError

from journal.photos.camera import CameraKey
from journal.photos.capture_time import (
    CaptureTime,
    TimeSource,
    parse_iso_datetime,
    parse_rfc2822_datetime,
    utc_from_timestamp,
)
from journal.photos.exif import GpsFix, read_exif
from journal.photos.file_names import time_from_file_name
from journal.photos.formats import ACCEPTED_DESCRIPTION, EXTENSIONS, enable_heif, recorded_format
from journal.photos.xmp import time_from_xmp, xmp_packet

#: PNG text keywords that mean "when the picture was made" (the PNG spec's, then common variants).
_PNG_TIME_KEYS = ("Creation Time", "CreationTime", "Creation time", "DateTimeOriginal")


class PhotoRejectedError(Exception):
    """This file cannot be imported; the message says why, for the import's failure list."""


@dataclass(frozen=True)
class PhotoMetadata:
    media_format: str
    #: The size as displayed, i.e. after the orientation is applied.
    width: int
    height: int
    #: The EXIF orientation still to apply to the decoded pixels (1 when the decoder did it).
    orientation: int
    capture: CaptureTime
    camera: CameraKey
    gps: GpsFix | None


def read_metadata(path: Path) -> PhotoMetadata:
    """Read ``path``'s header; raise ``PhotoRejectedError`` for anything that cannot be imported."""
    enable_heif()
    try:
        stat = path.stat()
    except OSError as error:
        raise PhotoRejectedError(f"cannot read the file ({error.strerror})") from None
    if not S_ISREG(stat.st_mode):  # a FIFO or device would block or never end
        raise PhotoRejectedError("not a regular file")
    if stat.st_size == 0:
        raise PhotoRejectedError("the file is empty")
    try:
        with Image.open(path) as image:
            return _read_open_image(image, path, stat)
    except Image.DecompressionBombError as error:
        raise PhotoRejectedError(f"refused as a possible decompression bomb: {error}") from None
    except UnidentifiedImageError:
        raise PhotoRejectedError(
            f"not an image this app can read (it accepts {ACCEPTED_DESCRIPTION})"
        ) from None
    except OSError as error:
        reason = error.strerror or str(error) or type(error).__name__
        raise PhotoRejectedError(f"cannot read the image ({reason})") from None
    # Format plugins (pillow-heif's libheif among them) meet arbitrary bytes and may fail with
    # any exception; one bad file must be reported, never end the import.
    except Exception as error:
        raise PhotoRejectedError(
            f"cannot read the image ({type(error).__name__}: {error})"
        ) from None


def _read_open_image(image: Image.Image, path: Path, stat: os.stat_result) -> PhotoMetadata:
    pillow_format = image.format or "unknown"
    if pillow_format not in EXTENSIONS:
        raise PhotoRejectedError(
            f"{pillow_format} images are not accepted (only {ACCEPTED_DESCRIPTION})"
        )
    width, height = image.size
    if width * height > (Image.MAX_IMAGE_PIXELS or width * height):
        raise PhotoRejectedError(
            f"refused as a possible decompression bomb: {width}×{height} pixels is more than "
            f"the limit of {Image.MAX_IMAGE_PIXELS}"
        )
    media_format = recorded_format(pillow_format)
    exif = read_exif(image, media_format)
    # pillow-heif turns HEIC pixels upright while decoding and resets the tag; never rotate twice.
    orientation = 1 if media_format == "HEIF" else exif.orientation
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    capture = (
        exif.capture
        or time_from_xmp(xmp_packet(image, exif.xmp_packet))
        or _png_text_time(image, media_format)
        or _file_name_time(path)
        or _file_mtime(stat)
    )
    return PhotoMetadata(
        media_format=media_format,
        width=width,
        height=height,
        orientation=orientation,
        capture=capture,
        camera=exif.camera,
        gps=exif.gps,
    )


def _png_text_time(image: Image.Image, media_format: str) -> CaptureTime | None:
    if media_format != "PNG":
        return None
    for key in _PNG_TIME_KEYS:
        value = image.info.get(key)
        if not isinstance(value, str):
            continue
        parsed = parse_rfc2822_datetime(value) or parse_iso_datetime(value)
        if parsed is not None:
            return CaptureTime(parsed[0], TimeSource.PNG_TEXT, parsed[1])
    return None


def _file_name_time(path: Path) -> CaptureTime | None:
    found = time_from_file_name(path.name)
    return CaptureTime(found, TimeSource.FILE_NAME) if found is not None else None


def _file_mtime(stat: os.stat_result) -> CaptureTime:
    moment = utc_from_timestamp(stat.st_mtime) or datetime(1970, 1, 1)
    return CaptureTime(moment, TimeSource.FILE_MTIME)
