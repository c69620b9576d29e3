"""What EXIF says about a photo: capture time, camera, GPS position and orientation.

Pillow's parser reads the EXIF block of every format we accept (JPEG APP1, PNG ``eXIf``, WebP,
HEIF, AVIF, TIFF's own tags). Two traps: ``getexif()`` on a PNG whose EXIF is not in an ``eXIf``
chunk before the pixels decodes the whole image looking for one, so it is not called there; and
EXIF is arbitrary bytes, so a corrupt block costs only its own data, never the photo: a block
Pillow refuses is ``ExifRejectedError``, and the caller gives exifread a try (``exifread_tags``).
What the IFDs say is read the same way from either parser's tags (``exif_reading``).
"""

import re
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from PIL import ExifTags, Image

from journal.photos.camera import CameraKey
from journal.photos.capture_time import (
    CaptureTime,
    TimeSource,
    checked_datetime,
    parse_exif_datetime,
    parse_offset,
)

Base = ExifTags.Base
GPS = ExifTags.GPS
#: Bytes of an EXIF block that holds no tag: "Exif\0\0", a TIFF header and an empty IFD.
_EMPTY_BLOCK = 6 + 8 + 6


@dataclass(frozen=True)
class GpsFix:
    latitude: float
    longitude: float
    altitude: float | None


@dataclass(frozen=True)
class ExifReading:
    #: DateTimeOriginal, DateTimeDigitized, IFD0 DateTime (the last save) and the GPS stamp, each
    #: with its subseconds and offset; None where absent or bogus.
    original: CaptureTime | None
    digitized: CaptureTime | None
    saved: CaptureTime | None
    gps_time: CaptureTime | None
    camera: CameraKey
    gps: GpsFix | None
    #: The orientation tag, 1 when absent or invalid.
    orientation: int
    #: TIFF keeps its XMP packet as an EXIF tag.
    xmp_packet: str
    #: IFD0 ImageDescription, as written (the caller drops camera boilerplate).
    description: str


#: A reading with nothing in it: what a file without EXIF has.
NO_EXIF = ExifReading(None, None, None, None, CameraKey("", "", ""), None, 1, "", "")


class ExifRejectedError(Exception):
    """Pillow's parser refused the EXIF block (another reader may still read it)."""


def read_exif(image: Image.Image, media_format: str) -> ExifReading:
    """The EXIF of an open image; ``ExifRejectedError`` when its block cannot be parsed."""
    exif = _exif(image, media_format)
    try:
        exif_ifd = dict(exif.get_ifd(ExifTags.IFD.Exif))
    # Pillow's parser meets arbitrary bytes here and fails in many ways (struct, value, syntax,
    # key errors); the caller decides whether another reader gets a try.
    except Exception as error:
        raise ExifRejectedError(str(error)) from error
    try:
        gps_ifd = dict(exif.get_ifd(ExifTags.IFD.GPSInfo))
    except Exception:  # a corrupt GPS block costs only the position
        gps_ifd = {}
    return exif_reading(exif, exif_ifd, gps_ifd)


def exif_reading(
    ifd0: Mapping[int, Any], exif_ifd: Mapping[int, Any], gps_ifd: Mapping[int, Any]
) -> ExifReading:
    """What the three IFDs say, by tag number, whichever parser read them."""
    return ExifReading(
        original=_exif_time(
            TimeSource.EXIF_ORIGINAL,
            exif_ifd.get(Base.DateTimeOriginal),
            exif_ifd.get(Base.SubsecTimeOriginal),
            exif_ifd.get(Base.OffsetTimeOriginal),
        ),
        digitized=_exif_time(
            TimeSource.EXIF_DIGITIZED,
            exif_ifd.get(Base.DateTimeDigitized),
            exif_ifd.get(Base.SubsecTimeDigitized),
            exif_ifd.get(Base.OffsetTimeDigitized),
        ),
        saved=_exif_time(
            TimeSource.EXIF_DATETIME,
            ifd0.get(Base.DateTime),
            exif_ifd.get(Base.SubsecTime),
            exif_ifd.get(Base.OffsetTime),
        ),
        gps_time=_gps_time(gps_ifd),
        camera=CameraKey(
            make=_text(ifd0.get(Base.Make)),
            model=_text(ifd0.get(Base.Model)),
            serial=_text(exif_ifd.get(Base.BodySerialNumber)),
        ),
        gps=_gps_fix(gps_ifd),
        orientation=_orientation(ifd0),
        xmp_packet=_text_block(ifd0.get(Base.XMLPacket)),
        description=_utf8_text(ifd0.get(Base.ImageDescription)),
    )


def _text_block(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value if isinstance(value, str) else ""


def _exif(image: Image.Image, media_format: str) -> Image.Exif:
    try:
        if media_format == "PNG" and "exif" not in image.info:
            exif = _png_raw_profile_exif(image.info.get("Raw profile type exif"))
        else:
            exif = image.getexif()
    except Exception as error:  # as above
        raise ExifRejectedError(str(error)) from error
    # Pillow gives an empty reading, without a word, for a block whose TIFF header it refuses.
    block = image.info.get("exif")
    if not exif and isinstance(block, bytes) and len(block) > _EMPTY_BLOCK:
        raise ExifRejectedError("Pillow read no tag from the EXIF block")
    return exif


def _png_raw_profile_exif(profile: object) -> Image.Exif:
    """EXIF as ImageMagick stores it in PNG text: a header of three lines, then hex."""
    exif = Image.Exif()
    if isinstance(profile, str):
        exif.load(bytes.fromhex("".join(profile.split("\n")[3:])))
    return exif


def _text(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return ""
    return " ".join(value.replace("\x00", " ").split())


def _utf8_text(value: object) -> str:
    """A text tag that editors write in UTF-8, which Pillow decoded as Latin-1: decoded again
    when its bytes are UTF-8 (an ASCII tag holds bytes; Latin-1 gives them back one for one)."""
    if isinstance(value, str) and not value.isascii():
        with suppress(UnicodeEncodeError, UnicodeDecodeError):
            value = value.encode("latin-1").decode("utf-8")
    return _text(value)


def _orientation(ifd0: Mapping[int, Any]) -> int:
    value = ifd0.get(Base.Orientation)
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _exif_time(
    source: TimeSource, text: object, subsec: object, offset: object
) -> CaptureTime | None:
    wall = parse_exif_datetime(text, subsec)
    return None if wall is None else CaptureTime(wall, source, parse_offset(offset))


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


def _gps_fix(gps_ifd: Mapping[int, Any]) -> GpsFix | None:
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


def _gps_time(gps_ifd: Mapping[int, Any]) -> CaptureTime | None:
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
