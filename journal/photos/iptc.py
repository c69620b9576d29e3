"""What the IPTC IIM block says: when the picture was taken, and its caption.

News and stock workflows, scanning software and Photoshop's File Info write IPTC IIM records
(Photoshop's APP13 block in a JPEG, a tag in a TIFF); Pillow finds and splits them. DateCreated
(2:55, ``CCYYMMDD``) is only a capture time together with TimeCreated (2:60, ``HHMMSS±HHMM``):
a date alone would put the photo at midnight, which is no time it was taken. Text is UTF-8 when
the block says so (1:90) and usually when it does not; otherwise it is Latin-1.
"""

import re
from dataclasses import dataclass

from PIL import Image, ImageFile, IptcImagePlugin

from journal.photos.capture_time import CaptureTime, TimeSource, checked_datetime, parse_offset

_CODED_CHARACTER_SET = (1, 90)
_UTF8_DECLARED = b"\x1b%G"
_DATE_CREATED = (2, 55)
_TIME_CREATED = (2, 60)
_CAPTION = (2, 120)
_DATE = re.compile(rb"(\d{4})(\d{2})(\d{2})")
_TIME = re.compile(rb"(\d{2}):?(\d{2}):?(\d{2})([+-]\d{2}:?\d{2})?")


@dataclass(frozen=True)
class IptcReading:
    created: CaptureTime | None
    #: Caption-Abstract, as written.
    caption: str


NO_IPTC = IptcReading(None, "")


def read_iptc(image: Image.Image) -> IptcReading:
    """The IPTC of an open JPEG or TIFF (other formats keep theirs in XMP)."""
    if not isinstance(image, ImageFile.ImageFile):
        return NO_IPTC
    try:
        records = IptcImagePlugin.getiptcinfo(image)
    # Pillow's IIM parser meets arbitrary bytes; a corrupt block costs only itself.
    except Exception:
        return NO_IPTC
    if not records:
        return NO_IPTC
    utf8 = _first(records.get(_CODED_CHARACTER_SET)) == _UTF8_DECLARED
    return IptcReading(
        _created(_first(records.get(_DATE_CREATED)), _first(records.get(_TIME_CREATED))),
        _decoded(_first(records.get(_CAPTION)), utf8=utf8),
    )


def _first(value: bytes | list[bytes] | None) -> bytes:
    """A record's value; the first of a repeated one."""
    if isinstance(value, list):
        return value[0] if value else b""
    return value or b""


def _created(date_text: bytes, time_text: bytes) -> CaptureTime | None:
    date_match = _DATE.fullmatch(date_text.strip())
    time_match = _TIME.fullmatch(time_text.strip())
    if date_match is None or time_match is None:
        return None
    year, month, day = (int(part) for part in date_match.groups())
    hour, minute, second = (int(part) for part in time_match.groups()[:3])
    wall = checked_datetime(year, month, day, hour, minute, second)
    if wall is None:
        return None
    zone = time_match.group(4)
    offset = parse_offset(zone.decode("ascii")) if zone is not None else None
    return CaptureTime(wall, TimeSource.IPTC, offset)


def _decoded(value: bytes, *, utf8: bool) -> str:
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        text = value.decode("utf-8" if utf8 else "latin-1", "replace")
    return " ".join(text.replace("\x00", " ").split())
