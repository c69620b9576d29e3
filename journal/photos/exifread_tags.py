"""EXIF read by exifread: the reader of TIFF-based RAW files, and the second opinion wherever
Pillow refuses a file's EXIF block.

exifread walks every IFD of a TIFF structure (the IFD0 chain, SubIFDs, EXIF, GPS) and the maker
notes of the common brands, which is where RAW files keep their capture time, orientation, serial
number and previews, and it does not insist on the details Pillow checks (a TIFF header's magic
number). It is also a pure-Python parser meeting arbitrary bytes, which it trusts more than is
safe: an IFD whose 65,535 entries each claim a thousand values, or a string "count" of four
billion, makes it read for minutes. So it reads through ``_BudgetedReader``, which ends the
reading after ``READ_BUDGET`` bytes or ``READ_CALLS`` reads (real RAW files need well under a
tenth of either), and it is told not to assemble thumbnails (which copies the data over and over)
nor to log (its warnings would reach the terminal).
"""

import logging
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from typing import Any, BinaryIO, cast

import exifread
from exifread.core.ifd_tag import IfdTag

from journal.photos.exif import ExifReading, exif_reading

#: Bytes exifread may read from one file, and reads it may make.
READ_BUDGET = 16 * 1024 * 1024
READ_CALLS = 200_000
#: exifread's names for the IFDs ``exif_reading`` wants, as its tag keys start.
_IFD0 = "Image"
_EXIF_IFD = "EXIF"
_GPS_IFD = "GPS"
#: Field types holding text, and those holding numbers that are read one by one.
_ASCII = 2
_BYTE_LIKE = frozenset({1, 6, 7})

Tags = Mapping[str, IfdTag]


class _BudgetSpentError(Exception):
    """The file made exifread read more than any real one does."""


class _BudgetedReader:
    """The file-like exifread reads from, which refuses to read past a budget."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._bytes = READ_BUDGET
        self._calls = READ_CALLS

    def read(self, size: int = -1) -> bytes:
        self._calls -= 1
        if self._calls < 0 or self._bytes <= 0:
            raise _BudgetSpentError
        wanted = self._bytes if size < 0 else min(size, self._bytes)
        data = self._handle.read(wanted)
        self._bytes -= len(data)
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._handle.seek(max(0, offset) if whence == 0 else offset, whence)

    def tell(self) -> int:
        return self._handle.tell()


@cache
def _quiet() -> None:
    """exifread logs what it finds wrong in a file; the import reports files its own way."""
    logger = logging.getLogger("exifread")
    logger.addHandler(logging.NullHandler())
    logger.propagate = False


def exifread_tags(handle: BinaryIO) -> dict[str, IfdTag]:
    """Every tag exifread finds in the file open as ``handle`` (maker notes too); empty when it
    finds none or the file spends the budget."""
    _quiet()
    try:
        reader = cast(BinaryIO, _BudgetedReader(handle))  # what exifread calls of a file
        tags = exifread.process_file(reader, details=True, extract_thumbnail=False)
    # A third-party parser on arbitrary bytes: any failure means "no EXIF from this reader".
    except Exception:
        return {}
    return {key: tag for key, tag in tags.items() if isinstance(tag, IfdTag)}


def exif_from_tags(tags: Tags) -> ExifReading:
    """What exifread's tags say, read exactly as Pillow's are (``exif_reading``)."""
    reading = exif_reading(_ifd(tags, _IFD0), _ifd(tags, _EXIF_IFD), _ifd(tags, _GPS_IFD))
    if reading.camera.serial:
        return reading
    return replace(reading, camera=replace(reading.camera, serial=_maker_note_serial(tags)))


def tag_value(tags: Tags, key: str) -> Any:
    """One tag's value as Pillow gives it (text, a number, or a tuple of them), None if absent."""
    tag = tags.get(key)
    return None if tag is None else _value(tag)


def _ifd(tags: Tags, name: str) -> dict[int, Any]:
    """One IFD's tags by number (``EXIF SubIFD0 …`` is another IFD than ``EXIF …``)."""
    prefix = f"{name} "
    return {
        tag.tag: _value(tag)
        for key, tag in tags.items()
        if key.startswith(prefix) and not key[len(prefix) :].startswith("SubIFD")
    }


def _value(tag: IfdTag) -> Any:
    values = tag.values
    if tag.field_type == _ASCII or isinstance(values, str | bytes):
        return values
    if not isinstance(values, list):
        return values
    if tag.field_type in _BYTE_LIKE and len(values) != 1:
        return bytes(value for value in values if isinstance(value, int) and 0 <= value < 256)
    return values[0] if len(values) == 1 else tuple(values)


def _maker_note_serial(tags: Tags) -> str:
    value = tag_value(tags, "MakerNote SerialNumber")
    return " ".join(str(value).split()) if isinstance(value, str | int) else ""
