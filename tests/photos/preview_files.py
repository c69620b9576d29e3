"""JPEGs that carry their camera's previews, as Sony, Nikon and Fujifilm write them.

Pillow can save an MPO, but marks every frame "Undefined"; a camera marks its preview a "large
thumbnail", and a phone's gain or depth map stays "Undefined". So the MPF (CIPA DC-007) segment is
written here: an APP2 ``MPF\\0`` segment after the EXIF, holding a big-endian TIFF header and an MP
Index IFD whose entries give each image's type, size and offset (from that TIFF header), and the
preview JPEGs appended after the photo's end-of-image marker.
"""

import io
import struct

from PIL import Image

PRIMARY = 0x20030000  # representative image, "Baseline MP Primary Image"
LARGE_THUMBNAIL_VGA = 0x010001
LARGE_THUMBNAIL_FULL_HD = 0x010002
UNDEFINED = 0x000000  # what a gain map or depth map is marked


def jpeg_bytes(image: Image.Image, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def with_mpf_frames(primary: bytes, frames: list[tuple[int, bytes]]) -> bytes:
    """``primary`` (a JPEG) followed by ``frames`` (MP type, JPEG bytes) and the MPF index that
    lists them, placed after the primary's APP0/APP1 segments like a camera places it."""
    count = 1 + len(frames)
    entries_offset = 8 + 2 + 3 * 12 + 4  # TIFF header, IFD count, three tags, next-IFD offset
    tiff_length = entries_offset + 16 * count
    segment_length = 2 + 4 + tiff_length  # length field, "MPF\0", TIFF part
    position = _after_app_segments(primary)
    tiff_start = position + 4 + 4
    primary_size = len(primary) + 2 + segment_length
    entries = struct.pack(">IIIHH", PRIMARY, primary_size, 0, 0, 0)
    cursor = primary_size
    for mp_type, data in frames:
        entries += struct.pack(">IIIHH", mp_type, len(data), cursor - tiff_start, 0, 0)
        cursor += len(data)
    ifd = struct.pack(">H", 3)
    ifd += struct.pack(">HHI4s", 0xB000, 7, 4, b"0100")
    ifd += struct.pack(">HHII", 0xB001, 4, 1, count)
    ifd += struct.pack(">HHII", 0xB002, 7, 16 * count, entries_offset)
    ifd += struct.pack(">I", 0)
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + ifd + entries
    segment = b"\xff\xe2" + struct.pack(">H", segment_length) + b"MPF\x00" + tiff
    return primary[:position] + segment + primary[position:] + b"".join(d for _, d in frames)


def _after_app_segments(jpeg: bytes) -> int:
    """Where the first segment after SOI and the APP0/APP1 segments starts."""
    position = 2
    while jpeg[position : position + 2] in (b"\xff\xe0", b"\xff\xe1"):
        (length,) = struct.unpack(">H", jpeg[position + 2 : position + 4])
        position += 2 + length
    return position


def with_exif_thumbnail(jpeg: bytes, thumbnail: bytes, orientation: int = 1) -> bytes:
    """``jpeg`` with an APP1 EXIF holding ``orientation`` in IFD0 and ``thumbnail`` as the IFD1
    JPEG thumbnail (Pillow reads IFD1 but does not write it)."""
    ifd0_offset = 8
    ifd1_offset = ifd0_offset + 2 + 12 + 4
    thumbnail_offset = ifd1_offset + 2 + 3 * 12 + 4
    tiff = b"II\x2a\x00" + struct.pack("<I", ifd0_offset)
    tiff += struct.pack("<H", 1) + struct.pack("<HHIHH", 0x0112, 3, 1, orientation, 0)
    tiff += struct.pack("<I", ifd1_offset)
    tiff += struct.pack("<H", 3)
    tiff += struct.pack("<HHIHH", 0x0103, 3, 1, 6, 0)  # compression: JPEG
    tiff += struct.pack("<HHII", 0x0201, 4, 1, thumbnail_offset)
    tiff += struct.pack("<HHII", 0x0202, 4, 1, len(thumbnail))
    tiff += struct.pack("<I", 0) + thumbnail
    payload = b"Exif\x00\x00" + tiff
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + segment + jpeg[2:]
