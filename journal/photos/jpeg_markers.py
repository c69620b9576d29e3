"""The layout of a JPEG stream, read from its markers without decoding it.

Two questions need it: whether a JPEG has its end (a file cut short imports as "incomplete"), and
which of the JPEG streams inside a RAW file is its preview (the biggest one a browser can show:
baseline or progressive, not the lossless JPEG that holds a CR2's or DNG's sensor data).

The walk reads segment headers only, each read bounded by ``limit`` (the end of the file or of
the stream) and the number of segments bounded too, so hostile bytes cost a few reads: a segment
length that points backwards, past the end or into a loop ends the walk with None.
"""

from dataclasses import dataclass
from typing import BinaryIO

START_OF_IMAGE = b"\xff\xd8"
END_OF_IMAGE = b"\xff\xd9"
#: Frames a browser decodes: baseline, extended sequential and progressive Huffman.
DISPLAYABLE_FRAMES = frozenset({0xC0, 0xC1, 0xC2})
#: Start-of-frame markers (C4 is DHT, C8 is reserved, CC is DAC).
_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_START_OF_SCAN = 0xDA
#: Markers that stand alone, with no length: TEM and the restart markers.
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
#: Far more segments than any real JPEG has before its first scan (EXIF, XMP, ICC in chunks...).
_MAX_SEGMENTS = 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class JpegLayout:
    #: The start-of-frame marker's second byte (0xC0 baseline, 0xC2 progressive, 0xC3 lossless).
    frame: int
    width: int
    height: int
    #: Where the entropy-coded data of the first scan starts.
    scan_start: int

    @property
    def displayable(self) -> bool:
        return self.frame in DISPLAYABLE_FRAMES and self.width > 0 and self.height > 0


def jpeg_layout(handle: BinaryIO, start: int, limit: int) -> JpegLayout | None:
    """The frame and first scan of the JPEG stream at ``start``, which may not go past ``limit``;
    None when there is no JPEG there or its markers are broken."""
    if _read(handle, start, 2, limit) != START_OF_IMAGE:
        return None
    position = start + 2
    frame: tuple[int, int, int] | None = None
    for _ in range(_MAX_SEGMENTS):
        header = _read(handle, position, 4, limit)
        if len(header) < 2 or header[0] != 0xFF:
            return None
        marker = header[1]
        if marker == 0xFF:  # a fill byte before the marker
            position += 1
            continue
        if marker in _STANDALONE:
            position += 2
            continue
        if len(header) < 4:
            return None
        length = int.from_bytes(header[2:4], "big")
        if length < 2:
            return None
        if marker in _FRAMES:
            body = _read(handle, position + 4, 5, limit)
            if len(body) < 5:
                return None
            frame = (marker, int.from_bytes(body[3:5], "big"), int.from_bytes(body[1:3], "big"))
        elif marker == _START_OF_SCAN:
            if frame is None:
                return None
            return JpegLayout(*frame, scan_start=position + 2 + length)
        position += 2 + length
    return None


def end_of_image(handle: BinaryIO, layout: JpegLayout, limit: int) -> int | None:
    """Where the stream laid out as ``layout`` ends (just past its end-of-image marker), or None
    when the data stops first: a file cut short.

    Entropy-coded data never holds ``FF D9`` (an ``FF`` byte in it is followed by ``00`` or a
    restart marker), and what lies between the scans of a progressive JPEG is marker segments, so
    the first ``FF D9`` after the first scan is the end.
    """
    position = layout.scan_start
    while position < limit:
        chunk = _read(handle, position, min(_CHUNK, limit - position) + 1, limit)
        found = chunk.find(END_OF_IMAGE)
        if found >= 0:
            return position + found + 2
        if len(chunk) < 2:
            return None
        position += len(chunk) - 1  # the last byte may be the FF of a marker cut in two
    return None


def _read(handle: BinaryIO, position: int, size: int, limit: int) -> bytes:
    if position < 0 or position >= limit:
        return b""
    handle.seek(position)
    return handle.read(min(size, limit - position))
