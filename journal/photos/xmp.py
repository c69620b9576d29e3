"""Capture times, GPS time and descriptions in XMP packets, which editors, scanning software and
some phones write instead of EXIF.

A packet is untrusted XML from the file, so it is read with expat (the XML parser in Python's
standard library, linear in the input) under three rules:

- at most ``MAX_PACKET_BYTES`` are parsed, and what lies beyond is ignored: XMP in a JPEG is at
  most 64 KB, and a PNG's or TIFF's may be any size, which cost minutes with the pattern this
  replaced;
- a packet with a document type declaration is refused, because that is where entities are
  declared ("billion laughs" expands internal ones; expat would not fetch external ones, but
  XMP never needs either);
- properties are matched by namespace URI, not by prefix (a packet may bind ``exif`` to any
  prefix), in both forms RDF allows: an attribute of ``rdf:Description`` or an element, whose
  value may be wrapped in ``rdf:Seq``/``rdf:Alt``/``rdf:li`` (the first item counts).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from xml.parsers import expat

from PIL import Image

from journal.photos.capture_time import CaptureTime, TimeSource, parse_iso_datetime

#: Bytes of a packet that are parsed; the rest is ignored (standard XMP is far smaller).
MAX_PACKET_BYTES = 1024 * 1024

_EXIF = "http://ns.adobe.com/exif/1.0/"
_PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
_XMP = "http://ns.adobe.com/xap/1.0/"
_DC = "http://purl.org/dc/elements/1.1/"
#: Expat reports a name in a namespace as ``URI`` + this + local name.
_SEPARATOR = " "


def _name(uri: str, local: str) -> str:
    return f"{uri}{_SEPARATOR}{local}"


#: The XMP properties holding a capture time, and the source each is recorded as.
_TIMES = {
    _name(_EXIF, "DateTimeOriginal"): TimeSource.XMP_ORIGINAL,
    _name(_PHOTOSHOP, "DateCreated"): TimeSource.XMP_DATE_CREATED,
    _name(_XMP, "CreateDate"): TimeSource.XMP,
    _name(_EXIF, "DateTimeDigitized"): TimeSource.XMP_DIGITIZED,
}
_GPS_TIME = _name(_EXIF, "GPSTimeStamp")
_GPS_DATE = _name(_EXIF, "GPSDateStamp")
_DESCRIPTION = _name(_DC, "description")
_TITLE = _name(_DC, "title")
_WANTED = frozenset([*_TIMES, _GPS_TIME, _GPS_DATE, _DESCRIPTION, _TITLE])
_GPS_DATE_TEXT = re.compile(r"(\d{4})[:\-](\d{2})[:\-](\d{2})")


@dataclass(frozen=True)
class XmpReading:
    #: The capture times the packet holds, by source (``XMP_ORIGINAL``, ``XMP_GPS``...).
    times: Mapping[TimeSource, CaptureTime]
    #: ``dc:description`` and ``dc:title`` (their first, normally the default-language, item).
    description: str
    title: str


NO_XMP = XmpReading({}, "", "")


class _DeclarationRefusedError(Exception):
    """The packet declares a document type (and perhaps entities): not read at all."""


def xmp_packet(image: Image.Image, *elsewhere: str | bytes) -> bytes:
    """The XMP packet of a JPEG, WebP, HEIF or AVIF (``xmp``) or a PNG (iTXt), else the first
    of ``elsewhere`` (a TIFF's tag, a PNG's chunk after the pixels)."""
    for candidate in (image.info.get("xmp"), image.info.get("XML:com.adobe.xmp"), *elsewhere):
        if isinstance(candidate, bytes) and candidate:
            return candidate
        if isinstance(candidate, str) and candidate:
            return candidate.encode("utf-8")
    return b""


def read_xmp(packet: bytes) -> XmpReading:
    if not packet:
        return NO_XMP
    found = _properties(packet[:MAX_PACKET_BYTES], complete=len(packet) <= MAX_PACKET_BYTES)
    times: dict[TimeSource, CaptureTime] = {}
    for name, source in _TIMES.items():
        parsed = parse_iso_datetime(found[name]) if name in found else None
        if parsed is not None:
            times[source] = CaptureTime(parsed[0], source, parsed[1])
    gps = _gps_time(found.get(_GPS_TIME, ""), found.get(_GPS_DATE, ""))
    if gps is not None:
        times[TimeSource.XMP_GPS] = gps
    return XmpReading(times, found.get(_DESCRIPTION, ""), found.get(_TITLE, ""))


def _gps_time(stamp: str, date_stamp: str) -> CaptureTime | None:
    """``exif:GPSTimeStamp`` is a date and time in XMP (UTC when it names no zone); a writer that
    split it as EXIF does gives the date in ``exif:GPSDateStamp``."""
    date_match = _GPS_DATE_TEXT.fullmatch(date_stamp.strip())
    if date_match is not None and ":" in stamp and "T" not in stamp and "-" not in stamp:
        stamp = "{}-{}-{}T{}".format(*date_match.groups(), stamp.strip())
    parsed = parse_iso_datetime(stamp) if stamp else None
    if parsed is None:
        return None
    wall, offset = parsed
    return CaptureTime(wall - timedelta(minutes=offset or 0), TimeSource.XMP_GPS)


def _properties(data: bytes, *, complete: bool) -> dict[str, str]:
    """The first value of each wanted property in ``data``, by expanded name.

    A packet that is not well-formed keeps what was read before the error, as a truncated one
    (``complete`` False) keeps what was read before the cut."""
    found: dict[str, str] = {}
    # While inside a property element: its name, and the text of each element open within it.
    reading: str | None = None
    texts: list[list[str]] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal reading
        for attribute, value in attributes.items():
            if attribute in _WANTED and value.strip():
                found.setdefault(attribute, value.strip())
        if reading is None and name in _WANTED and name not in found:
            reading = name
        if reading is not None:
            texts.append([])

    def end(name: str) -> None:
        nonlocal reading
        if reading is None:
            return
        text = "".join(texts.pop()).strip()
        if text:
            found.setdefault(reading, text)  # the innermost text first: an rdf:li's
        if not texts:
            reading = None

    def characters(data: str) -> None:
        if texts:
            texts[-1].append(data)

    def refuse(*_: object) -> None:
        raise _DeclarationRefusedError

    parser = expat.ParserCreate(namespace_separator=_SEPARATOR)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, complete)
    except expat.ExpatError:
        pass
    except _DeclarationRefusedError:
        return {}
    return found
