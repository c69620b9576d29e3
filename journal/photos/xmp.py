"""Capture times in XMP packets, which editors and some phones write instead of EXIF.

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

from xml.parsers import expat

from PIL import Image

from journal.photos.capture_time import CaptureTime, TimeSource, parse_iso_datetime

#: Bytes of a packet that are parsed; the rest is ignored (standard XMP is far smaller).
MAX_PACKET_BYTES = 1024 * 1024

_EXIF = "http://ns.adobe.com/exif/1.0/"
_PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
_XMP = "http://ns.adobe.com/xap/1.0/"
#: Expat reports a name in a namespace as ``URI`` + this + local name.
_SEPARATOR = " "
#: XMP properties holding the capture time, best first, as expat names them.
_PREFERENCE = tuple(
    f"{uri}{_SEPARATOR}{name}"
    for uri, name in (
        (_EXIF, "DateTimeOriginal"),
        (_PHOTOSHOP, "DateCreated"),
        (_XMP, "CreateDate"),
        (_EXIF, "DateTimeDigitized"),
    )
)


class _DeclarationRefusedError(Exception):
    """The packet declares a document type (and perhaps entities): not read at all."""


def xmp_packet(image: Image.Image, tiff_packet: str = "") -> bytes:
    """The XMP packet of a JPEG, WebP or HEIF (``xmp``), a PNG (iTXt) or a TIFF (its tag)."""
    for candidate in (image.info.get("xmp"), image.info.get("XML:com.adobe.xmp"), tiff_packet):
        if isinstance(candidate, bytes) and candidate:
            return candidate
        if isinstance(candidate, str) and candidate:
            return candidate.encode("utf-8")
    return b""


def time_from_xmp(packet: bytes) -> CaptureTime | None:
    if not packet:
        return None
    found = _capture_properties(packet[:MAX_PACKET_BYTES], complete=len(packet) <= MAX_PACKET_BYTES)
    for name in _PREFERENCE:
        parsed = parse_iso_datetime(found[name]) if name in found else None
        if parsed is not None:
            return CaptureTime(parsed[0], TimeSource.XMP, parsed[1])
    return None


def _capture_properties(data: bytes, *, complete: bool) -> dict[str, str]:
    """The first value of each capture-time property in ``data``, by expanded name.

    A packet that is not well-formed keeps what was read before the error, as a truncated one
    (``complete`` False) keeps what was read before the cut."""
    found: dict[str, str] = {}
    # While inside a property element: its name, and the text of each element open within it.
    reading: str | None = None
    texts: list[list[str]] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal reading
        for attribute, value in attributes.items():
            if attribute in _PREFERENCE and value.strip():
                found.setdefault(attribute, value.strip())
        if reading is None and name in _PREFERENCE and name not in found:
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
