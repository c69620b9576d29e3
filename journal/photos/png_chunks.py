"""XMP and EXIF that a PNG keeps after its pixels.

Pillow reads a PNG's text and ``eXIf`` chunks when they come before the image data, and those
after it only when the image is decoded - too late, and too dear, for an import that reads
headers. Writers are free to put them at the end (editors that add metadata to a finished file
append it), so ``late_metadata`` walks the chunk headers after the first IDAT, seeking past the
data, and reads the XMP packet (iTXt ``XML:com.adobe.xmp``) and the EXIF block found there. The
walk is bounded by the file's end and a count of chunks; a broken length ends it.
"""

import struct
import zlib
from dataclasses import dataclass
from typing import BinaryIO

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_XMP_KEYWORD = b"XML:com.adobe.xmp"
#: More chunks than a PNG written by anything but an attacker has.
_MAX_CHUNKS = 100_000
#: Largest chunk read whole (the XMP limit of ``xmp.py``, with room for EXIF).
_MAX_READ = 4 * 1024 * 1024


@dataclass(frozen=True)
class LateMetadata:
    xmp: bytes = b""
    exif: bytes = b""


def late_metadata(handle: BinaryIO, size: int) -> LateMetadata:
    """The XMP packet and EXIF block in the chunks after the PNG's image data."""
    handle.seek(0)
    if handle.read(len(_SIGNATURE)) != _SIGNATURE:
        return LateMetadata()
    position = len(_SIGNATURE)
    seen_data = False
    xmp = exif = b""
    for _ in range(_MAX_CHUNKS):
        handle.seek(position)
        header = handle.read(8)
        if len(header) < 8:
            break
        length, kind = struct.unpack(">I4s", header)
        if kind == b"IEND" or position + 12 + length > size:
            break
        if kind == b"IDAT":
            seen_data = True
        elif seen_data and length <= _MAX_READ and kind in (b"iTXt", b"eXIf"):
            body = handle.read(length)
            if kind == b"eXIf":
                exif = exif or body
            else:
                xmp = xmp or _itxt_xmp(body)
        position += 12 + length
    return LateMetadata(xmp, exif)


def _itxt_xmp(body: bytes) -> bytes:
    keyword, _, rest = body.partition(b"\x00")
    if keyword != _XMP_KEYWORD or len(rest) < 2:
        return b""
    compressed = rest[0] == 1
    # Language tag and translated keyword, each ended by a NUL, come before the text.
    parts = rest[2:].split(b"\x00", 2)
    if len(parts) < 3:
        return b""
    text = parts[2]
    if not compressed:
        return text
    try:
        return zlib.decompressobj().decompress(text, _MAX_READ)
    except zlib.error:
        return b""
