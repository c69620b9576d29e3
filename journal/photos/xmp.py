"""Capture times in XMP packets, which editors and some phones write instead of EXIF.

A packet is untrusted XML from the file; the few properties needed are picked out with a
pattern (in both the attribute and the element form RDF allows) rather than handed to an XML
parser, which would have to be hardened against entity expansion first.
"""

import re

from PIL import Image

from journal.photos.capture_time import CaptureTime, TimeSource, parse_iso_datetime

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


def xmp_packet(image: Image.Image, tiff_packet: str = "") -> str:
    """The XMP packet of a JPEG, WebP or HEIF (``xmp``), a PNG (iTXt) or a TIFF (its tag)."""
    for candidate in (image.info.get("xmp"), image.info.get("XML:com.adobe.xmp"), tiff_packet):
        if isinstance(candidate, bytes):
            return candidate.decode("utf-8", "replace")
        if isinstance(candidate, str):
            return candidate
    return ""


def time_from_xmp(xmp: str) -> CaptureTime | None:
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
