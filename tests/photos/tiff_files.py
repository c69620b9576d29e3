"""TIFF structures written by hand: RAW-like camera files with an embedded JPEG preview.

Each RAW format the import reads is a TIFF structure laid out its maker's way; ``raw_file`` lays
one out the way its format does (IFD0 and its chain, SubIFDs, the EXIF IFD, the preview where the
real files keep it), so that exifread reads it as it reads the real format. The sensor data is a
few bytes of filler: nothing reads it.
"""

import io
import struct
from dataclasses import dataclass, field
from fractions import Fraction

from PIL import Image

BYTE, ASCII, SHORT, LONG, RATIONAL, UNDEFINED = 1, 2, 3, 4, 5, 7


@dataclass
class Blob:
    """Bytes placed in the file; the entry holds their offset (as a LONG)."""

    data: bytes


@dataclass
class Ifd:
    """An IFD: tag -> (type, value). A value may be an ``Ifd`` (a pointer to it), a list of
    ``Ifd`` (SubIFDs), or a ``Blob``."""

    entries: dict[int, tuple[int, object]] = field(default_factory=dict)
    next: "Ifd | None" = None


def _packed(kind: int, value: object, order: str) -> bytes:
    if kind == ASCII:
        assert isinstance(value, str)
        return value.encode("utf-8") + b"\x00"
    if kind in (BYTE, UNDEFINED):
        assert isinstance(value, bytes)
        return value
    values = value if isinstance(value, list | tuple) else [value]
    if kind == SHORT:
        return struct.pack(f"{order}{len(values)}H", *values)
    if kind == LONG:
        return struct.pack(f"{order}{len(values)}I", *values)
    if kind == RATIONAL:
        parts = []
        for number in values:
            fraction = Fraction(str(number)).limit_denominator(10000)
            parts += [fraction.numerator, fraction.denominator]
        return struct.pack(f"{order}{len(parts)}I", *parts)
    raise ValueError(kind)


class _Writer:
    def __init__(self, order: str, header: bytes) -> None:
        self.order = order
        self.out = bytearray(header)

    def _align(self) -> None:
        if len(self.out) % 2:
            self.out += b"\x00"

    def place(self, data: bytes) -> int:
        self._align()
        offset = len(self.out)
        self.out += data
        return offset

    def ifd(self, ifd: Ifd) -> int:
        """Write ``ifd`` (and what it points at); its offset."""
        self._align()
        start = len(self.out)
        count = len(ifd.entries)
        self.out += bytes(2 + 12 * count + 4)
        struct.pack_into(f"{self.order}H", self.out, start, count)
        for index, (tag, (kind, value)) in enumerate(sorted(ifd.entries.items())):
            if isinstance(value, Ifd):
                kind, data = LONG, _packed(LONG, self.ifd(value), self.order)
                count_of = 1
            elif isinstance(value, list) and value and isinstance(value[0], Ifd):
                offsets = [self.ifd(sub) for sub in value]
                kind, data, count_of = LONG, _packed(LONG, offsets, self.order), len(offsets)
            elif isinstance(value, Blob):
                kind, data, count_of = LONG, _packed(LONG, self.place(value.data), self.order), 1
            else:
                data = _packed(kind, value, self.order)
                size = {BYTE: 1, ASCII: 1, UNDEFINED: 1, SHORT: 2, LONG: 4, RATIONAL: 8}[kind]
                count_of = len(data) // size
            if len(data) > 4:
                data = _packed(LONG, self.place(data), self.order)
            entry = start + 2 + 12 * index
            struct.pack_into(f"{self.order}HHI", self.out, entry, tag, kind, count_of)
            self.out[entry + 8 : entry + 12] = data.ljust(4, b"\x00")
        if ifd.next is not None:
            struct.pack_into(f"{self.order}I", self.out, start + 2 + 12 * count, self.ifd(ifd.next))
        return start


def tiff_bytes(ifd0: Ifd, *, order: str = "<", magic: bytes | None = None) -> bytes:
    """A TIFF structure with ``ifd0`` first; ``magic`` replaces the 4-byte "II*\\0" header
    (ORF's "IIRO", RW2's "IIU\\0")."""
    header = magic or (b"II*\x00" if order == "<" else b"MM\x00*")
    writer = _Writer(order, header + b"\x00\x00\x00\x00")
    offset = writer.ifd(ifd0)
    struct.pack_into(f"{order}I", writer.out, 4, offset)
    return bytes(writer.out)


def preview_jpeg(size: tuple[int, int], color: tuple[int, int, int] = (30, 160, 90)) -> bytes:
    """A camera-like JPEG preview with a blue marker top-left (to check orientation)."""
    image = Image.new("RGB", size, color)
    image.paste((0, 0, 255), (0, 0, max(2, size[0] // 8), max(2, size[1] // 8)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def lossless_like_jpeg(size: tuple[int, int]) -> bytes:
    """The start of a lossless JPEG (SOF3), as CR2 and DNG keep their sensor data: a frame a
    browser cannot show, which must never be taken for the preview."""
    width, height = size
    frame = struct.pack(">BHHB", 14, height, width, 2) + b"\x01\x11\x00\x02\x11\x00"
    scan = b"\x02\x01\x00\x02\x00\x01\x00\x00"
    return (
        b"\xff\xd8"
        + b"\xff\xc3"
        + struct.pack(">H", 2 + len(frame))
        + frame
        + b"\xff\xda"
        + struct.pack(">H", 2 + len(scan))
        + scan
        + bytes(4000)
        + b"\xff\xd9"
    )


@dataclass
class RawShot:
    """What a RAW-like file records of its shot."""

    make: str
    model: str
    original: str = "2023:09:18 10:15:00"
    orientation: int = 1
    preview_size: tuple[int, int] = (320, 240)
    serial: str | None = None
    description: str | None = None


def _exif_ifd(shot: RawShot) -> Ifd:
    exif = Ifd({0x9003: (ASCII, shot.original), 0x9004: (ASCII, shot.original)})
    if shot.serial is not None:
        exif.entries[0xA431] = (ASCII, shot.serial)
    return exif


def _ifd0_common(shot: RawShot) -> dict[int, tuple[int, object]]:
    entries: dict[int, tuple[int, object]] = {
        0x010F: (ASCII, shot.make),
        0x0110: (ASCII, shot.model),
        0x0112: (SHORT, shot.orientation),
        0x0132: (ASCII, "2024:01:02 03:04:05"),  # a later save, which must not win
        0x8769: (LONG, _exif_ifd(shot)),
    }
    if shot.description is not None:
        entries[0x010E] = (ASCII, shot.description)
    return entries


def _thumbnail_strip() -> dict[int, tuple[int, object]]:
    """A tiny uncompressed RGB image, as NEF's and DNG's IFD0 hold."""
    return {
        0x00FE: (LONG, 1),
        0x0100: (SHORT, 4),
        0x0101: (SHORT, 3),
        0x0102: (SHORT, [8, 8, 8]),
        0x0103: (SHORT, 1),
        0x0106: (SHORT, 2),
        0x0111: (LONG, Blob(bytes(4 * 3 * 3))),
        0x0115: (SHORT, 3),
        0x0117: (LONG, 36),
    }


def _sensor(compression: int, photometric: int = 32803) -> Ifd:
    return Ifd(
        {
            0x00FE: (LONG, 0),
            0x0103: (SHORT, compression),
            0x0106: (SHORT, photometric),
            0x0111: (LONG, Blob(bytes(64))),
            0x0117: (LONG, 64),
        }
    )


def _jpeg_pointer(preview: bytes) -> dict[int, tuple[int, object]]:
    return {0x0201: (LONG, Blob(preview)), 0x0202: (LONG, len(preview))}


def _jpeg_strip(preview: bytes, compression: int) -> dict[int, tuple[int, object]]:
    return {
        0x0103: (SHORT, compression),
        0x0111: (LONG, Blob(preview)),
        0x0117: (LONG, len(preview)),
    }


def raw_file(media_format: str, shot: RawShot) -> bytes:
    """A RAW-like file of ``media_format`` laid out as the real format is."""
    preview = preview_jpeg(shot.preview_size)
    thumbnail = preview_jpeg((160, 120), (200, 200, 200))
    common = _ifd0_common(shot)
    if media_format == "NEF":  # IFD0: a thumbnail; SubIFD0: the preview; SubIFD1: the sensor
        subifds = [Ifd({0x00FE: (LONG, 1), **_jpeg_pointer(preview)}), _sensor(34713)]
        return tiff_bytes(Ifd({**common, **_thumbnail_strip(), 0x014A: (LONG, subifds)}))
    if media_format == "CR2":  # IFD0: full-size JPEG strip; IFD1: thumbnail; IFD3: lossless
        sensor = Ifd(_jpeg_strip(lossless_like_jpeg((6000, 4000)), 6))
        ifd1 = Ifd(_jpeg_pointer(thumbnail), next=Ifd({0x0103: (SHORT, 1)}, next=sensor))
        data = tiff_bytes(Ifd({**common, **_jpeg_strip(preview, 6)}, next=ifd1))
        return data[:8] + b"CR\x02\x00" + data[12:]  # CR2's own mark after the header
    if media_format == "ARW":  # IFD0: the preview by pointer; SubIFD: the sensor
        return tiff_bytes(
            Ifd({**common, **_jpeg_pointer(preview), 0x014A: (LONG, [_sensor(32767)])})
        )
    if media_format == "DNG":  # IFD0: thumbnail; SubIFDs: sensor (lossless JPEG), preview
        sensor = Ifd({0x00FE: (LONG, 0), **_jpeg_strip(lossless_like_jpeg((6000, 4000)), 7)})
        shown = Ifd({0x00FE: (LONG, 1), **_jpeg_strip(preview, 7)})
        ifd0 = {**common, **_thumbnail_strip(), 0xC612: (BYTE, b"\x01\x04\x00\x00")}
        return tiff_bytes(Ifd({**ifd0, 0x014A: (LONG, [sensor, shown])}))
    if media_format == "PEF":  # the preview where Pentax keeps it: reached only by searching
        return tiff_bytes(Ifd({**common, 0x0111: (LONG, Blob(bytes(64) + preview))}))
    if media_format == "ORF":  # Olympus's magic; the preview only in the maker note's data
        return tiff_bytes(Ifd({**common, 0x0111: (LONG, Blob(preview))}), magic=b"IIRO")
    if media_format == "RW2":  # Panasonic's magic; the JPEG (with EXIF) in tag 0x002E
        with_exif = _with_exif(preview, shot)
        ifd0 = {
            0x010F: (ASCII, shot.make),
            0x0110: (ASCII, shot.model),
            0x0112: (SHORT, shot.orientation),
            0x002E: (UNDEFINED, with_exif),
        }
        return tiff_bytes(Ifd(ifd0), magic=b"IIU\x00")
    if media_format == "RAF":  # Fujifilm's header pointing at a JPEG that carries the EXIF
        jpeg = _with_exif(preview, shot)
        header = bytearray(b"FUJIFILMCCD-RAW 0201FF383501".ljust(100, b"\x00"))
        struct.pack_into(">II", header, 84, len(header), len(jpeg))
        return bytes(header) + jpeg + bytes(256)
    raise ValueError(media_format)


def _with_exif(jpeg: bytes, shot: RawShot) -> bytes:
    """``jpeg`` re-saved with the shot's EXIF in it (RAF and RW2 keep their EXIF there)."""
    exif = Image.Exif()
    exif[0x010F] = shot.make
    exif[0x0110] = shot.model
    exif[0x0112] = shot.orientation
    exif.get_ifd(0x8769)[0x9003] = shot.original
    buffer = io.BytesIO()
    with Image.open(io.BytesIO(jpeg)) as image:
        image.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()
