"""Everything the import needs from a file before copying it, read from its header alone.

Pillow opens a file lazily: ``Image.open`` reads the header and the metadata segments, not the
pixels, so this costs a fraction of a millisecond per JPEG. One open gives the format, the size,
EXIF (capture time, camera, GPS, orientation), XMP and PNG text.

Pitfalls handled here: ``getexif()`` on a PNG without an ``eXIf`` chunk before its pixels decodes
the whole image looking for one, so it is only called when Pillow saw the chunk; pillow-heif
already rotated a HEIC's pixels, so its EXIF orientation must not be applied again.
"""

import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from stat import S_ISREG
from typing import Any

from PIL import ExifTags, Image, UnidentifiedImageError

from journal.photos.capture_time import (
    CaptureTime,
    TimeSource,
    checked_datetime,
    parse_exif_datetime,
    parse_iso_datetime,
    parse_offset,
    parse_rfc2822_datetime,
    utc_from_timestamp,
)
from journal.photos.file_names import time_from_file_name
from journal.photos.formats import ACCEPTED_DESCRIPTION, EXTENSIONS, enable_heif, recorded_format

Base = ExifTags.Base
GPS = ExifTags.GPS

#: XMP properties holding the capture time, best first.
_XMP_TIME = re.compile(
    r"""<?(exif:DateTimeOriginal|photoshop:DateCreated|xmp:CreateDate|exif:DateTimeDigitized)"""
    r"""(?:\s*=\s*["']([^"']+)["']|>\s*([^<\s][^<]*)</)"""
)
_XMP_PREFERENCE = (
    "exif:DateTimeOriginal",
    "photoshop:DateCreated",
    "xmp:CreateDate",
    "exif:DateTimeDigitized",
)
#: PNG text keywords that mean "when the picture was made" (the PNG spec's, then common variants).
_PNG_TIME_KEYS = ("Creation Time", "CreationTime", "Creation time", "DateTimeOriginal")


class PhotoRejectedError(Exception):
    """This file cannot be imported; the message says why, for the import's failure list."""


@dataclass(frozen=True)
class Camera:
    make: str = ""
    model: str = ""
    serial: str = ""


@dataclass(frozen=True)
class GpsFix:
    latitude: float
    longitude: float
    altitude: float | None


@dataclass(frozen=True)
class PhotoMetadata:
    media_format: str
    #: The size as displayed, i.e. after the orientation is applied.
    width: int
    height: int
    #: The EXIF orientation still to apply to the decoded pixels (1 when the decoder did it).
    orientation: int
    capture: CaptureTime
    camera: Camera
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
    exif = _exif(image, media_format)
    exif_ifd = _ifd(exif, ExifTags.IFD.Exif)
    gps_ifd = _ifd(exif, ExifTags.IFD.GPSInfo)
    # pillow-heif turns HEIC pixels upright while decoding and resets the tag; never rotate twice.
    orientation = 1 if media_format == "HEIF" else _orientation(exif)
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    gps = _gps_fix(gps_ifd)
    capture = (
        _exif_time(exif, exif_ifd)
        or _gps_time(gps_ifd)
        or _xmp_time(_xmp_text(image, exif))
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
        camera=Camera(
            make=_text(exif.get(Base.Make)),
            model=_text(exif.get(Base.Model)),
            serial=_text(exif_ifd.get(Base.BodySerialNumber)),
        ),
        gps=gps,
    )


def _exif(image: Image.Image, media_format: str) -> Image.Exif:
    try:
        if media_format == "PNG" and "exif" not in image.info:
            return _png_raw_profile_exif(image.info.get("Raw profile type exif"))
        return image.getexif()
    # Pillow's EXIF parser meets arbitrary bytes here and fails in many ways (struct, value,
    # syntax, key errors); a corrupt EXIF block must only cost us its data, never the photo.
    except Exception:
        return Image.Exif()


def _png_raw_profile_exif(profile: object) -> Image.Exif:
    """EXIF as ImageMagick stores it in PNG text: a header of three lines, then hex."""
    exif = Image.Exif()
    if isinstance(profile, str):
        exif.load(bytes.fromhex("".join(profile.split("\n")[3:])))
    return exif


def _ifd(exif: Image.Exif, which: int) -> dict[int, Any]:
    try:
        return dict(exif.get_ifd(which))
    except Exception:  # a corrupt sub-IFD, as above: lose it, keep the photo
        return {}


def _text(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return ""
    return " ".join(value.replace("\x00", " ").split())


def _orientation(exif: Image.Exif) -> int:
    value = exif.get(Base.Orientation)
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _exif_time(exif: Image.Exif, exif_ifd: dict[int, Any]) -> CaptureTime | None:
    candidates = (
        (
            TimeSource.EXIF_ORIGINAL,
            exif_ifd.get(Base.DateTimeOriginal),
            exif_ifd.get(Base.SubsecTimeOriginal),
            exif_ifd.get(Base.OffsetTimeOriginal),
        ),
        (
            TimeSource.EXIF_DIGITIZED,
            exif_ifd.get(Base.DateTimeDigitized),
            exif_ifd.get(Base.SubsecTimeDigitized),
            exif_ifd.get(Base.OffsetTimeDigitized),
        ),
        (
            TimeSource.EXIF_DATETIME,
            exif.get(Base.DateTime),
            exif_ifd.get(Base.SubsecTime),
            exif_ifd.get(Base.OffsetTime),
        ),
    )
    for source, text, subsec, offset in candidates:
        wall = parse_exif_datetime(text, subsec)
        if wall is not None:
            return CaptureTime(wall, source, parse_offset(offset))
    return None


def _rational(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return number if number == number else None  # NaN from a 0/0 rational


def _degrees(parts: object, reference: object, negative: str) -> float | None:
    if not isinstance(parts, tuple) or len(parts) != 3:
        return None
    values = [_rational(part) for part in parts]
    if any(value is None for value in values):
        return None
    degrees, minutes, seconds = (value or 0.0 for value in values)
    result = degrees + minutes / 60 + seconds / 3600
    return -result if _text(reference).upper() == negative else result


def _gps_fix(gps_ifd: dict[int, Any]) -> GpsFix | None:
    latitude = _degrees(gps_ifd.get(GPS.GPSLatitude), gps_ifd.get(GPS.GPSLatitudeRef), "S")
    longitude = _degrees(gps_ifd.get(GPS.GPSLongitude), gps_ifd.get(GPS.GPSLongitudeRef), "W")
    if latitude is None or longitude is None:
        return None
    # (0, 0) is what a receiver without a fix writes far more often than a photo of that buoy.
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or latitude == longitude == 0:
        return None
    altitude = _rational(gps_ifd.get(GPS.GPSAltitude))
    if altitude is not None and gps_ifd.get(GPS.GPSAltitudeRef) in (1, b"\x01"):
        altitude = -altitude
    return GpsFix(latitude, longitude, altitude)


def _gps_time(gps_ifd: dict[int, Any]) -> CaptureTime | None:
    stamp = _text(gps_ifd.get(GPS.GPSDateStamp))
    clock = gps_ifd.get(GPS.GPSTimeStamp)
    match = re.fullmatch(r"(\d{4})[:\-](\d{2})[:\-](\d{2})", stamp)
    if match is None or not isinstance(clock, tuple) or len(clock) != 3:
        return None
    parts = [_rational(part) for part in clock]
    if any(part is None for part in parts):
        return None
    hours, minutes, seconds = (part or 0.0 for part in parts)
    if not (0 <= hours < 24 and 0 <= minutes < 60 and 0 <= seconds < 61):
        return None
    year, month, day = (int(part) for part in match.groups())
    midnight = checked_datetime(year, month, day, 0, 0, 0)
    if midnight is None:
        return None
    moment = midnight + timedelta(hours=hours, minutes=minutes, seconds=seconds)
    return CaptureTime(moment, TimeSource.GPS)


def _xmp_text(image: Image.Image, exif: Image.Exif) -> str:
    for candidate in (
        image.info.get("xmp"),
        image.info.get("XML:com.adobe.xmp"),
        exif.get(Base.XMLPacket),
    ):
        if isinstance(candidate, bytes):
            return candidate.decode("utf-8", "replace")
        if isinstance(candidate, str):
            return candidate
    return ""


def _xmp_time(xmp: str) -> CaptureTime | None:
    if not xmp:
        return None
    found: dict[str, str] = {}
    for match in _XMP_TIME.finditer(xmp):
        found.setdefault(match.group(1), match.group(2) or match.group(3))
    for name in _XMP_PREFERENCE:
        parsed = parse_iso_datetime(found[name]) if name in found else None
        if parsed is not None:
            return CaptureTime(parsed[0], TimeSource.XMP, parsed[1])
    return None


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
