"""Everything the import needs from a file before copying it, read from its header alone.

Pillow opens a file lazily: ``Image.open`` reads the header and the metadata segments, not the
pixels, so this costs a fraction of a millisecond per JPEG. One open gives the format, the size,
EXIF (``exif.py``; exifread's reading when Pillow refuses the block), XMP (``xmp.py``), IPTC
(``iptc.py``) and PNG text (and what a PNG keeps after its pixels: ``png_chunks.py``). A RAW
file is read by ``raw.py`` instead (exifread, and the size of its JPEG preview). The capture
time is the first of ``TimeSource``'s order that the file has: every date of when the picture
was taken before the date it was last saved, then the file name, then (untrusted) the file's
modification time. pillow-heif already rotated a HEIC's pixels, so its EXIF orientation is not
applied again.
"""

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from stat import S_ISREG
from typing import BinaryIO

from PIL import Image, UnidentifiedImageError

from journal.photos.camera import CameraKey
from journal.photos.capture_time import (
    CaptureTime,
    TimeSource,
    parse_iso_datetime,
    parse_rfc2822_datetime,
    utc_from_timestamp,
)
from journal.photos.descriptions import photo_description
from journal.photos.exif import ExifReading, ExifRejectedError, GpsFix, read_exif
from journal.photos.exifread_tags import exif_from_tags, exifread_tags
from journal.photos.file_names import time_from_file_name
from journal.photos.formats import ACCEPTED_DESCRIPTION, EXTENSIONS, enable_heif, recorded_format
from journal.photos.iptc import NO_IPTC, IptcReading, read_iptc
from journal.photos.jpeg_markers import END_OF_IMAGE, end_of_image, jpeg_layout
from journal.photos.library_files import open_original
from journal.photos.png_chunks import LateMetadata, late_metadata
from journal.photos.raw import RawRejectedError, raw_format, read_raw, unread_raw_kind
from journal.photos.xmp import XmpReading, read_xmp, xmp_packet

#: PNG text keywords that mean "when the picture was made" (the PNG spec's, then common variants).
_PNG_TIME_KEYS = ("Creation Time", "CreationTime", "Creation time", "DateTimeOriginal")
#: Bytes read to tell a RAW file by its magic number.
_MAGIC_BYTES = 16


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
    #: The photo's own description (EXIF, IPTC or XMP), "" when it has none worth showing.
    description: str = ""
    #: A JPEG whose data stops before its end (imported, showing what is there).
    incomplete: bool = False


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
        with open_original(path) as handle:
            media_format = raw_format(path.name, handle.read(_MAGIC_BYTES))
            if media_format is not None:
                return _read_raw(handle, media_format, path, stat)
            kind = unread_raw_kind(path.name)
            if kind is not None:
                raise PhotoRejectedError(
                    f"a {kind} RAW file, which this app cannot read (it reads NEF, CR2, ARW, "
                    "DNG, ORF, RW2, RAF and PEF); import the camera's JPEG of the shot instead"
                )
            handle.seek(0)
            with Image.open(handle) as image:
                return _read_open_image(image, handle, path, stat)
    except PhotoRejectedError:
        raise
    except Image.DecompressionBombError as error:
        raise PhotoRejectedError(f"refused as a possible decompression bomb: {error}") from None
    except UnidentifiedImageError:
        raise PhotoRejectedError(
            f"not an image this app can read (it accepts {ACCEPTED_DESCRIPTION})"
        ) from None
    # Format plugins (pillow-heif's libheif among them) meet arbitrary bytes and may fail with
    # any exception; one bad file must be reported, never end the import.
    except Exception as error:
        raise PhotoRejectedError(f"cannot read the image ({error_reason(error)})") from None


def error_reason(error: BaseException) -> str:
    """What went wrong, in the words of the library that said it; never a class name."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or "the decoder gave no reason"


def _read_open_image(
    image: Image.Image, handle: BinaryIO, path: Path, stat: os.stat_result
) -> PhotoMetadata:
    pillow_format = image.format or "unknown"
    if pillow_format not in EXTENSIONS:
        raise PhotoRejectedError(
            f"{pillow_format} images are not accepted (only {ACCEPTED_DESCRIPTION})"
        )
    width, height = image.size
    _refuse_bomb(width, height)
    media_format = recorded_format(pillow_format)
    late = LateMetadata()
    if media_format == "PNG" and not ("exif" in image.info and xmp_packet(image)):
        late = late_metadata(handle, stat.st_size)
        if late.exif and "exif" not in image.info:
            image.info["exif"] = late.exif  # where Pillow's PNG reader looks for it
    exif = _exif(image, media_format, handle)
    # pillow-heif turns HEIC pixels upright while decoding and resets the tag; never rotate twice.
    orientation = 1 if media_format == "HEIF" else exif.orientation
    png_time = _png_text_time(image, media_format)
    return _metadata(
        media_format,
        (width, height),
        orientation,
        exif,
        read_xmp(xmp_packet(image, exif.xmp_packet, late.xmp)),
        read_iptc(image),
        png_time,
        path,
        stat,
        incomplete=media_format == "JPEG" and not _has_its_end(handle, stat.st_size),
    )


def _read_raw(
    handle: BinaryIO, media_format: str, path: Path, stat: os.stat_result
) -> PhotoMetadata:
    try:
        raw = read_raw(handle, media_format)
    except RawRejectedError as error:
        raise PhotoRejectedError(str(error)) from None
    layout = raw.preview.layout
    _refuse_bomb(layout.width, layout.height)
    return _metadata(
        media_format,
        (layout.width, layout.height),
        raw.exif.orientation,
        raw.exif,
        read_xmp(raw.xmp_packet),
        NO_IPTC,
        None,
        path,
        stat,
    )


def _metadata(
    media_format: str,
    size: tuple[int, int],
    orientation: int,
    exif: ExifReading,
    xmp: XmpReading,
    iptc: IptcReading,
    png_time: CaptureTime | None,
    path: Path,
    stat: os.stat_result,
    *,
    incomplete: bool = False,
) -> PhotoMetadata:
    width, height = size
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    times = xmp.times
    capture = (
        exif.original
        or times.get(TimeSource.XMP_ORIGINAL)
        or times.get(TimeSource.XMP_DATE_CREATED)
        or iptc.created
        or times.get(TimeSource.XMP)
        or exif.digitized
        or times.get(TimeSource.XMP_DIGITIZED)
        or exif.gps_time
        or times.get(TimeSource.XMP_GPS)
        or exif.saved
        or png_time
        or _file_name_time(path)
        or _file_mtime(stat)
    )
    description = photo_description(
        (exif.description, iptc.caption, xmp.description, xmp.title), exif.camera
    )
    return PhotoMetadata(
        media_format=media_format,
        width=width,
        height=height,
        orientation=orientation,
        capture=capture,
        camera=exif.camera,
        gps=exif.gps,
        description=description,
        incomplete=incomplete,
    )


def _refuse_bomb(width: int, height: int) -> None:
    if width * height > (Image.MAX_IMAGE_PIXELS or width * height):
        raise PhotoRejectedError(
            f"refused as a possible decompression bomb: {width}×{height} pixels is more than "
            f"the limit of {Image.MAX_IMAGE_PIXELS}"
        )


def _exif(image: Image.Image, media_format: str, handle: BinaryIO) -> ExifReading:
    """Pillow's reading of the EXIF, or exifread's where Pillow refuses the block."""
    try:
        return read_exif(image, media_format)
    except ExifRejectedError:
        position = handle.tell()
        try:
            return exif_from_tags(exifread_tags(handle))
        finally:
            handle.seek(position)


def _has_its_end(handle: BinaryIO, size: int) -> bool:
    """Whether a JPEG's data runs to its end-of-image marker: the last two bytes nearly always,
    else (data after the image: a phone's motion video, a maker's trailer) after its scans."""
    position = handle.tell()
    try:
        handle.seek(size - len(END_OF_IMAGE))
        if handle.read(len(END_OF_IMAGE)) == END_OF_IMAGE:
            return True
        layout = jpeg_layout(handle, 0, size)
        return layout is None or end_of_image(handle, layout, size) is not None
    finally:
        handle.seek(position)


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
