"""Every place a real file keeps when it was taken, and its description: an original date beats
the date of the last save, in every format that carries XMP or IPTC."""

import struct
import zlib
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from journal.photos.capture_time import TimeSource
from journal.photos.formats import enable_heif
from journal.photos.metadata import read_metadata
from journal.services import JournalService, TripInfo
from tests.photos.photo_files import exif_for, write_photo, xmp_packet

#: What an editor leaves in IFD0 DateTime when it saves a photo years later.
SAVED = "2024:03:01 09:00:00"


def iim(records: dict[tuple[int, int], bytes]) -> bytes:
    """IPTC IIM records: tag marker, record, dataset, length, data."""
    return b"".join(
        struct.pack(">BBBH", 0x1C, record, dataset, len(data)) + data
        for (record, dataset), data in records.items()
    )


def with_iptc(path: Path, records: dict[tuple[int, int], bytes]) -> Path:
    """Put IPTC records into a JPEG as Photoshop does: an APP13 "Photoshop 3.0" block holding
    an 8BIM resource 0x0404."""
    data = iim(records)
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(data))
    resource += data + (b"\x00" if len(data) % 2 else b"")
    body = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + struct.pack(">H", len(body) + 2) + body
    jpeg = path.read_bytes()
    path.write_bytes(jpeg[:2] + segment + jpeg[2:])
    return path


def png_with_late_xmp(path: Path, xmp: str, *, compressed: bool) -> Path:
    """A PNG whose XMP iTXt chunk comes after the image data, as editors append it."""
    Image.new("RGB", (16, 8), (10, 20, 30)).save(path)
    text = zlib.compress(xmp.encode()) if compressed else xmp.encode()
    body = b"XML:com.adobe.xmp\x00" + bytes([int(compressed), 0]) + b"\x00\x00" + text
    chunk = struct.pack(">I", len(body)) + b"iTXt" + body
    chunk += struct.pack(">I", zlib.crc32(b"iTXt" + body) & 0xFFFFFFFF)
    data = path.read_bytes()
    end = data.rindex(b"IEND") - 4
    path.write_bytes(data[:end] + chunk + data[end:])
    return path


@pytest.mark.parametrize(
    ("properties", "source"),
    [
        ({"exif_DateTimeOriginal": "2019-07-24T14:05:00"}, TimeSource.XMP_ORIGINAL),
        ({"photoshop_DateCreated": "2019-07-24T14:05:00"}, TimeSource.XMP_DATE_CREATED),
        ({"xmp_CreateDate": "2019-07-24T14:05:00"}, TimeSource.XMP),
    ],
)
def test_an_xmp_original_date_beats_the_date_of_the_last_save(
    camera_roll: Path, properties: dict[str, str], source: TimeSource
) -> None:
    """A scan or an edited photo: IFD0 DateTime says when it was saved, XMP when it was taken."""
    path = write_photo(
        camera_roll / "scan.jpg",
        exif_for(file_datetime=SAVED, digitized=SAVED),
        xmp=xmp_packet(**properties),
    )

    capture = read_metadata(path).capture

    assert (capture.source, capture.wall_time) == (source, datetime(2019, 7, 24, 14, 5))


def test_the_exif_original_date_still_comes_first(camera_roll: Path) -> None:
    path = write_photo(
        camera_roll / "a.jpg",
        exif_for(original="2019:07:24 14:05:00", file_datetime=SAVED),
        xmp=xmp_packet(photoshop_DateCreated="2018-01-01T00:00:00"),
    )
    capture = read_metadata(path).capture
    assert (capture.source, capture.wall_time) == (
        TimeSource.EXIF_ORIGINAL,
        datetime(2019, 7, 24, 14, 5),
    )


def test_iptc_date_and_time_created_beat_the_last_save(camera_roll: Path) -> None:
    path = write_photo(camera_roll / "scan.jpg", exif_for(file_datetime=SAVED))
    with_iptc(path, {(2, 55): b"19870612", (2, 60): b"153000+0200"})

    capture = read_metadata(path).capture

    assert (capture.source, capture.wall_time, capture.offset_minutes) == (
        TimeSource.IPTC,
        datetime(1987, 6, 12, 15, 30),
        120,
    )


def test_an_iptc_date_without_a_time_is_not_a_capture_time(camera_roll: Path) -> None:
    path = write_photo(camera_roll / "scan.jpg", exif_for(file_datetime=SAVED))
    with_iptc(path, {(2, 55): b"19870612"})
    assert read_metadata(path).capture.source is TimeSource.EXIF_DATETIME


def test_gps_time_comes_before_the_last_save(camera_roll: Path) -> None:
    path = write_photo(
        camera_roll / "a.jpg",
        exif_for(file_datetime=SAVED, gps_stamp=("2019:07:24", (5, 5, 0))),
    )
    capture = read_metadata(path).capture
    assert (capture.source, capture.wall_time) == (TimeSource.GPS, datetime(2019, 7, 24, 5, 5))


@pytest.mark.parametrize(
    ("properties", "expected"),
    [
        ({"exif_GPSTimeStamp": "2019-07-24T05:05:00Z"}, datetime(2019, 7, 24, 5, 5)),
        ({"exif_GPSTimeStamp": "2019-07-24T14:05:00+09:00"}, datetime(2019, 7, 24, 5, 5)),
        (
            {"exif_GPSDateStamp": "2019:07:24", "exif_GPSTimeStamp": "05:05:00"},
            datetime(2019, 7, 24, 5, 5),
        ),
    ],
)
def test_an_xmp_gps_time_is_a_utc_gps_time(
    camera_roll: Path, properties: dict[str, str], expected: datetime
) -> None:
    path = write_photo(
        camera_roll / "a.webp", exif_for(file_datetime=SAVED), xmp=xmp_packet(**properties)
    )
    capture = read_metadata(path).capture
    assert (capture.source, capture.wall_time) == (TimeSource.XMP_GPS, expected)
    assert capture.source.is_instant


@pytest.mark.parametrize("image_format", ["PNG", "WEBP", "HEIF", "AVIF"])
def test_xmp_is_read_in_every_format_that_carries_it(camera_roll: Path, image_format: str) -> None:
    enable_heif()
    path = camera_roll / f"a.{image_format.lower()}"
    xmp = xmp_packet(exif_DateTimeOriginal="2019-07-24T14:05:00")
    if image_format == "PNG":
        write_photo(path, png_text={"XML:com.adobe.xmp": xmp})
    else:
        Image.new("RGB", (32, 16), (10, 20, 30)).save(path, image_format, xmp=xmp.encode())

    capture = read_metadata(path).capture

    assert (capture.source, capture.wall_time) == (
        TimeSource.XMP_ORIGINAL,
        datetime(2019, 7, 24, 14, 5),
    )


@pytest.mark.parametrize("compressed", [False, True])
def test_xmp_after_a_pngs_pixels_is_read(camera_roll: Path, compressed: bool) -> None:
    path = png_with_late_xmp(
        camera_roll / "edited.png",
        xmp_packet(photoshop_DateCreated="2019-07-24T14:05:00"),
        compressed=compressed,
    )
    with Image.open(path) as image:
        assert "XML:com.adobe.xmp" not in image.info  # what Pillow sees without decoding

    capture = read_metadata(path).capture

    assert (capture.source, capture.wall_time) == (
        TimeSource.XMP_DATE_CREATED,
        datetime(2019, 7, 24, 14, 5),
    )


def _described(path: Path, *, description: str | None = None, make: str = "") -> Path:
    exif = exif_for(original="2019:07:24 14:05:00", make=make or None)
    if description is not None:
        exif[0x010E] = description
    return write_photo(path, exif)


def test_the_description_comes_from_exif_then_iptc_then_xmp(camera_roll: Path) -> None:
    exif_one = _described(camera_roll / "a.jpg", description="Namsan tower at dusk")
    iptc_one = with_iptc(
        _described(camera_roll / "b.jpg", description="OLYMPUS DIGITAL CAMERA"),
        {(1, 90): b"\x1b%G", (2, 120): "Gyeongbokgung, 경복궁".encode()},
    )
    xmp_alt = (
        '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Han river</rdf:li>'
        "</rdf:Alt></dc:description>"
    )
    xmp_one = write_photo(camera_roll / "c.webp", xmp=_dc_packet(xmp_alt))
    title_one = write_photo(
        camera_roll / "d.png",
        png_text={"XML:com.adobe.xmp": _dc_packet("<dc:title>Market</dc:title>")},
    )

    assert read_metadata(exif_one).description == "Namsan tower at dusk"
    assert read_metadata(iptc_one).description == "Gyeongbokgung, 경복궁"
    assert read_metadata(xmp_one).description == "Han river"
    assert read_metadata(title_one).description == "Market"


@pytest.mark.parametrize(
    "boilerplate", ["OLYMPUS DIGITAL CAMERA", "SONY DSC", "   ", "DSCN0012.JPG", "Canon EOS R6"]
)
def test_camera_boilerplate_is_no_description(camera_roll: Path, boilerplate: str) -> None:
    path = _described(camera_roll / "a.jpg", description=boilerplate, make="Canon EOS R6")
    assert read_metadata(path).description == ""


def test_a_utf8_exif_description_reads_as_written(camera_roll: Path) -> None:
    """Phones write ImageDescription in UTF-8, which Pillow decodes as Latin-1."""
    exif = exif_for(original="2019:07:24 14:05:00")
    exif[0x010E] = "Café in Gangnam, 강남".encode()
    path = write_photo(camera_roll / "a.jpg", exif)
    assert read_metadata(path).description == "Café in Gangnam, 강남"


def test_the_description_is_kept_on_the_photo(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    path = _described(camera_roll / "a.jpg", description="Pike Place at opening")
    [photo_id] = service.import_photos(seattle.id, [path]).imported
    assert service.photo(photo_id).description == "Pike Place at opening"


def _dc_packet(body: str) -> str:
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"{body}</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
