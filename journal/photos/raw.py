"""Camera RAW files: their capture time from exifread, their picture from the JPEG preview inside.

A RAW file holds the sensor's data, which takes a RAW developer to turn into a picture, and
beside it the camera's own JPEG rendering of the shot, full-size or nearly (what the camera's
screen shows). The gallery's thumbnail and the exported web image are made from that preview,
turned by the RAW's orientation: no RAW development, and the picture the photographer saw.

Which RAW files: NEF (Nikon), CR2 (Canon), ARW (Sony), DNG (Adobe, Leica, Pentax, phones), PEF
(Pentax), ORF (Olympus/OM System), RW2 (Panasonic) and RAF (Fujifilm). All but RAF are TIFF
structures (ORF and RW2 with a magic number of their own), which exifread reads: IFD0 and its
chain, SubIFDs, EXIF, GPS and maker notes. Their previews are found where the formats put them:

- a JPEG named by JPEGInterchangeFormat/Length in any IFD (ARW's IFD0, NEF's first SubIFD);
- a single JPEG strip (Compression 6 or 7) in any IFD (CR2's IFD0, DNG's preview SubIFD);
- Panasonic's JpgFromRaw tag (0x002E) in an RW2's IFD0;
- a RAF's header, which gives the offset and length of the camera's JPEG;
- failing those (ORF and PEF keep theirs in maker notes at offsets of their own), the biggest
  JPEG found in the file by its start marker.

Of those, the biggest that a browser can decode wins (baseline or progressive: CR2 and DNG keep
the sensor data as lossless JPEG, which is not a picture). A candidate is checked before it is
believed: it must lie inside the file and start with JPEG markers, so an offset pointing past the
end or at something else is passed over, and a RAW with no usable preview is refused with a
reason. What exifread cannot find in the RAW's own IFDs (a RAF has none it can read) is taken
from the EXIF of the preview, which cameras fill in too.

Canon's CR3 (an ISO media file) is not read: neither exifread nor Pillow handles it, and
nothing short of a RAW library (LibRaw) does.
"""

import io
from dataclasses import dataclass, replace
from typing import BinaryIO

from PIL import Image

from journal.photos.exif import NO_EXIF, ExifReading, ExifRejectedError, read_exif
from journal.photos.exifread_tags import Tags, exif_from_tags, exifread_tags, tag_value
from journal.photos.formats import RAW_EXTENSIONS, extension
from journal.photos.jpeg_markers import JpegLayout, end_of_image, jpeg_layout

#: RAW formats of other makers (or newer ones) the import recognises, to say they are not read.
UNREAD_RAW_EXTENSIONS = {
    ".cr3": "Canon CR3",
    ".crw": "Canon CRW",
    ".nrw": "Nikon NRW",
    ".srw": "Samsung SRW",
    ".x3f": "Sigma X3F",
    ".3fr": "Hasselblad 3FR",
    ".iiq": "Phase One IIQ",
    ".rwl": "Leica RWL",
    ".mrw": "Minolta MRW",
    ".srf": "Sony SRF",
    ".sr2": "Sony SR2",
    ".kdc": "Kodak KDC",
    ".dcr": "Kodak DCR",
    ".erf": "Epson ERF",
    ".mos": "Leaf MOS",
}
_TIFF_MAGIC = (b"II*\x00", b"MM\x00*")
_MAGIC = {
    "ORF": (b"IIRO", b"IIRS", b"MMOR"),
    "RW2": (b"IIU\x00",),
    "RAF": (b"FUJIFILMCCD-RAW",),
}
#: Where a RAF's header keeps the offset and length of its JPEG (big-endian 32-bit each).
_RAF_JPEG_POINTER = 84
_JPEG_INTERCHANGE_FORMAT = 0x0201
_STRIP_OFFSETS = 0x0111
_JPEG_COMPRESSIONS = (6, 7)
_PANASONIC_JPEG_FROM_RAW = "Image Tag 0x002E"
#: exifread's name for IFD0's XMP packet (tag 700), which it does not read when it is long.
_XMP_TAG = "Image ApplicationNotes"
#: Previews above this size are not believed (a full-size camera JPEG is well under).
MAX_PREVIEW_BYTES = 64 * 1024 * 1024
MAX_XMP_BYTES = 1024 * 1024
#: JPEG start markers tried when the preview is searched for; chunk of the search.
_MAX_SEARCHED = 256
_SEARCH_CHUNK = 4 * 1024 * 1024
_SOI = b"\xff\xd8\xff"


class RawRejectedError(ValueError):
    """This RAW file cannot be shown; the message says why."""


@dataclass(frozen=True)
class Preview:
    """The camera's JPEG inside a RAW file: where it lies and how big it is."""

    offset: int
    length: int
    layout: JpegLayout


@dataclass(frozen=True)
class RawReading:
    media_format: str
    #: The RAW's EXIF, completed from its preview's; ``orientation`` is the RAW's own.
    exif: ExifReading
    preview: Preview
    #: The XMP packet a DNG (or a RAW an editor wrote to) keeps in IFD0.
    xmp_packet: bytes


def raw_format(name: str, head: bytes) -> str | None:
    """The RAW format of a file named ``name`` whose first bytes are ``head``, None when it is
    not one of the RAW files read here (by extension, confirmed by the file's magic number)."""
    media_format = RAW_EXTENSIONS.get(extension(name))
    if media_format is None:
        return None
    return media_format if head.startswith(_MAGIC.get(media_format, _TIFF_MAGIC)) else None


def unread_raw_kind(name: str) -> str | None:
    """ "Canon CR3" for a RAW file of a kind not read here, by its extension."""
    return UNREAD_RAW_EXTENSIONS.get(extension(name))


def read_raw(handle: BinaryIO, media_format: str) -> RawReading:
    """The metadata and preview of the RAW file open as ``handle``; ``RawRejectedError`` when
    it has no preview a browser can show."""
    size = handle.seek(0, io.SEEK_END)
    tags: Tags = {} if media_format == "RAF" else exifread_tags(handle)
    candidates = _raf_candidates(handle) if media_format == "RAF" else _tiff_candidates(tags)
    preview = _biggest(handle, candidates, size) or _biggest(handle, _searched(handle, size), size)
    if preview is None:
        raise RawRejectedError(
            f"a {media_format} RAW file with no JPEG preview inside it that can be shown"
        )
    raw_exif = exif_from_tags(tags) if tags else NO_EXIF
    preview_exif = _preview_exif(handle, preview)
    return RawReading(
        media_format,
        _completed(raw_exif, preview_exif, has_orientation="Image Orientation" in tags),
        preview,
        _xmp(handle, tags, size),
    )


def preview_bytes(handle: BinaryIO, reading: RawReading) -> bytes:
    """The camera's JPEG inside the RAW file ``reading`` was read from."""
    handle.seek(reading.preview.offset)
    return handle.read(reading.preview.length)


def _raf_candidates(handle: BinaryIO) -> list[tuple[int, int]]:
    handle.seek(_RAF_JPEG_POINTER)
    pointer = handle.read(8)
    if len(pointer) < 8:
        return []
    return [(int.from_bytes(pointer[:4], "big"), int.from_bytes(pointer[4:], "big"))]


def _tiff_candidates(tags: Tags) -> list[tuple[int, int]]:
    """(offset, length) of every JPEG the IFDs point at."""
    found = []
    for key, tag in tags.items():
        if key == _PANASONIC_JPEG_FROM_RAW:
            found.append((tag.field_offset, tag.field_length))
            continue
        ifd = key.rpartition(" ")[0]
        if tag.tag == _JPEG_INTERCHANGE_FORMAT:
            offset = tag_value(tags, key)
            length = tag_value(tags, f"{ifd} JPEGInterchangeFormatLength")
        elif tag.tag == _STRIP_OFFSETS and (
            tag_value(tags, f"{ifd} Compression") in _JPEG_COMPRESSIONS
        ):
            offset = tag_value(tags, key)
            length = tag_value(tags, f"{ifd} StripByteCounts")
        else:
            continue
        if isinstance(offset, int) and isinstance(length, int):
            found.append((offset, length))
    return found


def _searched(handle: BinaryIO, size: int) -> list[tuple[int, int]]:
    """(offset, length) of the JPEG streams found by their start marker, for formats whose
    preview hides where only a maker's own offsets lead."""
    found: list[tuple[int, int]] = []
    position = 0
    tried = 0
    while position < size and tried < _MAX_SEARCHED:
        handle.seek(position)
        chunk = handle.read(_SEARCH_CHUNK + len(_SOI) - 1)
        start = chunk.find(_SOI)
        while start >= 0 and tried < _MAX_SEARCHED and start < _SEARCH_CHUNK:
            tried += 1
            offset = position + start
            layout = jpeg_layout(handle, offset, size)
            end = end_of_image(handle, layout, size) if layout and layout.displayable else None
            if end is not None:
                found.append((offset, end - offset))
            start = chunk.find(_SOI, start + 1)
        position += _SEARCH_CHUNK
    return found


def _biggest(handle: BinaryIO, candidates: list[tuple[int, int]], size: int) -> Preview | None:
    best: Preview | None = None
    for offset, length in candidates:
        if offset <= 0 or not 0 < length <= MAX_PREVIEW_BYTES or offset + length > size:
            continue  # outside the file, or not a length a preview has
        layout = jpeg_layout(handle, offset, offset + length)
        if layout is None or not layout.displayable:
            continue  # not a JPEG, or the lossless one that holds the sensor data
        if best is None or layout.width * layout.height > best.layout.width * best.layout.height:
            best = Preview(offset, length, layout)
    return best


def _preview_exif(handle: BinaryIO, preview: Preview) -> ExifReading:
    """The EXIF of the preview, read from its segments before the picture data."""
    handle.seek(preview.offset)
    head = handle.read(preview.layout.scan_start - preview.offset)
    try:
        with Image.open(io.BytesIO(head)) as image:
            return read_exif(image, "JPEG")
    except (ExifRejectedError, OSError, SyntaxError, ValueError):
        return NO_EXIF


def _completed(raw: ExifReading, preview: ExifReading, *, has_orientation: bool) -> ExifReading:
    """The RAW's EXIF, with what it lacks taken from its preview's."""
    camera = raw.camera if raw.camera.make or raw.camera.model else preview.camera
    return replace(
        raw,
        original=raw.original or preview.original,
        digitized=raw.digitized or preview.digitized,
        saved=raw.saved or preview.saved,
        gps_time=raw.gps_time or preview.gps_time,
        camera=camera,
        gps=raw.gps or preview.gps,
        orientation=raw.orientation if has_orientation else preview.orientation,
        description=raw.description or preview.description,
    )


def _xmp(handle: BinaryIO, tags: Tags, size: int) -> bytes:
    tag = tags.get(_XMP_TAG)
    if tag is None or not 0 < tag.field_length <= MAX_XMP_BYTES:
        return b""
    if not 0 < tag.field_offset <= size - tag.field_length:
        return b""
    handle.seek(tag.field_offset)
    return handle.read(tag.field_length)
