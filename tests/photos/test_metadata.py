"""Reading capture time, camera, GPS and orientation from real files, source by source."""

import os
import struct
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from journal.photos.capture_time import TimeSource
from journal.photos.metadata import PhotoRejectedError, read_metadata
from tests.photos.photo_files import exif_for, write_photo, xmp_packet


def test_date_time_original_with_subseconds_and_offset(camera_roll: Path) -> None:
    path = write_photo(
        camera_roll / "a.jpg",
        exif_for(
            original="2023:09:18 10:15:00",
            subsec="457",
            offset="+09:00",
            digitized="2023:09:18 11:00:00",
            file_datetime="2023:09:19 12:00:00",
        ),
    )

    capture = read_metadata(path).capture

    assert capture.source is TimeSource.EXIF_ORIGINAL
    assert capture.wall_time == datetime(2023, 9, 18, 10, 15, 0, 457000)
    assert capture.offset_minutes == 540
    assert capture.source.trusted


@pytest.mark.parametrize(
    "bogus", ["0000:00:00 00:00:00", "    :  :     :  :  ", "", "2023:13:45 10:00:00", "garbage"]
)
def test_bogus_original_times_fall_through_to_digitized(camera_roll: Path, bogus: str) -> None:
    path = write_photo(
        camera_roll / "a.jpg",
        exif_for(original=bogus, digitized="2023:09:18 11:00:00", digitized_offset="-07:00"),
    )

    capture = read_metadata(path).capture

    assert capture.source is TimeSource.EXIF_DIGITIZED
    assert capture.wall_time == datetime(2023, 9, 18, 11, 0)
    assert capture.offset_minutes == -420


def test_ifd0_date_time_when_nothing_better(camera_roll: Path) -> None:
    path = write_photo(camera_roll / "a.jpg", exif_for(file_datetime="2023:09:19 12:30:05"))
    capture = read_metadata(path).capture
    assert (capture.source, capture.wall_time) == (
        TimeSource.EXIF_DATETIME,
        datetime(2023, 9, 19, 12, 30, 5),
    )


def test_gps_date_and_time_stamp_is_utc(camera_roll: Path) -> None:
    path = write_photo(
        camera_roll / "a.jpg",
        exif_for(gps=(37.5665, 126.978), gps_stamp=("2023:09:18", (1, 15, 30.5))),
    )

    metadata = read_metadata(path)

    assert metadata.capture.source is TimeSource.GPS
    assert metadata.capture.wall_time == datetime(2023, 9, 18, 1, 15, 30, 500000)
    assert metadata.gps is not None
    assert metadata.gps.latitude == pytest.approx(37.5665, abs=1e-4)
    assert metadata.gps.longitude == pytest.approx(126.978, abs=1e-4)


def test_gps_position_west_and_south_is_negative(camera_roll: Path) -> None:
    path = write_photo(
        camera_roll / "a.jpg", exif_for(original="2023:09:18 10:00:00", gps=(-33.86, -70.65))
    )
    gps = read_metadata(path).gps
    assert gps is not None
    assert gps.latitude == pytest.approx(-33.86)
    assert gps.longitude == pytest.approx(-70.65)


@pytest.mark.parametrize(
    ("properties", "source", "expected", "offset"),
    [
        (
            {"exif_DateTimeOriginal": "2023-09-18T10:15:00+09:00"},
            TimeSource.XMP_ORIGINAL,
            datetime(2023, 9, 18, 10, 15),
            540,
        ),
        (
            {"photoshop_DateCreated": "2023-09-18T10:15:00.25"},
            TimeSource.XMP_DATE_CREATED,
            datetime(2023, 9, 18, 10, 15, 0, 250000),
            None,
        ),
        (
            {"xmp_CreateDate": "2023-09-18T10:15:00Z"},
            TimeSource.XMP,
            datetime(2023, 9, 18, 10, 15),
            0,
        ),
        # A bare date is not a capture time; the next property is used.
        (
            {"photoshop_DateCreated": "2023-09-18", "xmp_CreateDate": "2023-09-18T07:00:00-07:00"},
            TimeSource.XMP,
            datetime(2023, 9, 18, 7, 0),
            -420,
        ),
    ],
)
def test_xmp_capture_times(
    camera_roll: Path,
    properties: dict[str, str],
    source: TimeSource,
    expected: datetime,
    offset: int | None,
) -> None:
    path = write_photo(camera_roll / "a.jpg", xmp=xmp_packet(**properties))
    capture = read_metadata(path).capture
    assert (capture.source, capture.wall_time, capture.offset_minutes) == (
        source,
        expected,
        offset,
    )


def test_xmp_in_element_form(camera_roll: Path) -> None:
    packet = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
        'syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/">'
        "<exif:DateTimeOriginal>2023-09-18T10:15:00+02:00</exif:DateTimeOriginal>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    path = write_photo(camera_roll / "a.webp", xmp=packet)
    capture = read_metadata(path).capture
    assert (capture.source, capture.wall_time, capture.offset_minutes) == (
        TimeSource.XMP_ORIGINAL,
        datetime(2023, 9, 18, 10, 15),
        120,
    )


@pytest.mark.parametrize(
    ("text", "expected", "offset"),
    [
        ("Mon, 18 Sep 2023 10:15:00 +0900", datetime(2023, 9, 18, 10, 15), 540),
        ("2023-09-18T10:15:00", datetime(2023, 9, 18, 10, 15), None),
        ("2023:09:18 10:15:00", datetime(2023, 9, 18, 10, 15), None),
    ],
)
def test_png_creation_time_text(
    camera_roll: Path, text: str, expected: datetime, offset: int | None
) -> None:
    path = write_photo(camera_roll / "a.png", png_text={"Creation Time": text})
    capture = read_metadata(path).capture
    assert (capture.source, capture.wall_time, capture.offset_minutes) == (
        TimeSource.PNG_TEXT,
        expected,
        offset,
    )


def _break_png_pixels(path: Path) -> None:
    """Replace the IDAT data with garbage: any attempt to decode the pixels now fails."""
    data = bytearray(path.read_bytes())
    start = data.index(b"IDAT")
    length = struct.unpack(">I", data[start - 4 : start])[0]
    garbage = b"\xff" * length
    data[start + 4 : start + 4 + length] = garbage
    data[start + 4 + length : start + 8 + length] = struct.pack(
        ">I", zlib.crc32(b"IDAT" + garbage) & 0xFFFFFFFF
    )
    path.write_bytes(bytes(data))


def test_a_png_without_exif_is_never_decoded_for_metadata(camera_roll: Path) -> None:
    path = write_photo(camera_roll / "a.png", png_text={"Creation Time": "2023-09-18T10:15:00"})
    _break_png_pixels(path)
    with Image.open(path) as image, pytest.raises((OSError, SyntaxError)):
        image.getexif()  # what Pillow would do: decode everything looking for eXIf

    metadata = read_metadata(path)

    assert metadata.capture.source is TimeSource.PNG_TEXT


def test_a_png_with_exif_uses_it(camera_roll: Path) -> None:
    path = write_photo(
        camera_roll / "a.png", exif_for(original="2023:09:18 10:15:00", make="Google")
    )
    assert read_metadata(path).capture.source is TimeSource.EXIF_ORIGINAL


def test_a_png_with_imagemagick_exif_text_uses_it(camera_roll: Path) -> None:
    exif = exif_for(original="2023:09:18 10:15:00", make="Google").tobytes()
    hex_text = exif.hex()
    profile = f"\nexif\n{len(exif):8d}\n" + "\n".join(
        hex_text[i : i + 72] for i in range(0, len(hex_text), 72)
    )
    path = write_photo(camera_roll / "a.png", png_text={"Raw profile type exif": profile})

    capture = read_metadata(path).capture

    assert (capture.source, capture.wall_time) == (
        TimeSource.EXIF_ORIGINAL,
        datetime(2023, 9, 18, 10, 15),
    )


def test_file_name_then_file_date(camera_roll: Path) -> None:
    named = write_photo(camera_roll / "KakaoTalk_20230918_101500.jpg")
    plain = write_photo(camera_roll / "plain.jpg", mtime=datetime(2023, 9, 18, 12, 0))

    from_name = read_metadata(named).capture
    from_mtime = read_metadata(plain).capture

    assert (from_name.source, from_name.wall_time) == (
        TimeSource.FILE_NAME,
        datetime(2023, 9, 18, 10, 15),
    )
    assert from_name.source.trusted
    assert from_mtime.source is TimeSource.FILE_MTIME
    assert not from_mtime.source.trusted
    # Stored as the UTC instant: the local 12:00 written by write_photo, converted.
    moment = datetime(2023, 9, 18, 12, 0).timestamp()
    assert from_mtime.wall_time == datetime.fromtimestamp(moment, UTC).replace(tzinfo=None)


def test_camera_make_model_and_serial(camera_roll: Path) -> None:
    path = write_photo(
        camera_roll / "a.jpg",
        exif_for(
            original="2023:09:18 10:00:00", make="Canon\x00", model="Canon EOS R6 ", serial="0123"
        ),
    )
    camera = read_metadata(path).camera
    assert (camera.make, camera.model, camera.serial) == ("Canon", "Canon EOS R6", "0123")


@pytest.mark.parametrize("orientation", range(1, 9))
def test_orientation_and_displayed_size(camera_roll: Path, orientation: int) -> None:
    path = write_photo(camera_roll / "a.jpg", exif_for(orientation=orientation), size=(60, 40))
    metadata = read_metadata(path)
    assert metadata.orientation == orientation
    expected = (40, 60) if orientation >= 5 else (60, 40)
    assert (metadata.width, metadata.height) == expected


def test_heic_orientation_is_left_to_the_decoder(camera_roll: Path) -> None:
    path = write_photo(
        camera_roll / "a.heic",
        exif_for(original="2023:09:18 10:00:00", orientation=6),
        size=(60, 40),
    )
    metadata = read_metadata(path)
    assert metadata.media_format == "HEIF"
    assert metadata.orientation == 1
    with Image.open(path) as image:
        assert (metadata.width, metadata.height) == image.size
    assert metadata.capture.wall_time == datetime(2023, 9, 18, 10, 0)


@pytest.mark.parametrize(("name", "media_format"), [("a.tif", "TIFF"), ("a.webp", "WEBP")])
def test_tiff_and_webp(camera_roll: Path, name: str, media_format: str) -> None:
    path = write_photo(camera_roll / name, exif_for(file_datetime="2023:09:18 10:00:00"))
    metadata = read_metadata(path)
    assert metadata.media_format == media_format
    assert metadata.capture.wall_time == datetime(2023, 9, 18, 10, 0)


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
def test_corrupt_exif_costs_only_the_exif(camera_roll: Path) -> None:
    path = write_photo(camera_roll / "IMG_20230918_101500.jpg")
    data = path.read_bytes()
    # An APP1 Exif segment whose TIFF header points far outside it.
    payload = b"Exif\x00\x00MM\x00\x2a\x7f\xff\xff\xf0" + b"\x00" * 20
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    path.write_bytes(data[:2] + segment + data[2:])

    metadata = read_metadata(path)

    assert metadata.capture.source is TimeSource.FILE_NAME
    assert metadata.orientation == 1


def test_not_images_are_refused_with_a_reason(camera_roll: Path) -> None:
    empty = camera_roll / "empty.jpg"
    empty.write_bytes(b"")
    text = camera_roll / "notes.jpg"
    text.write_text("not a photo")
    gif = camera_roll / "anim.gif"
    Image.new("P", (4, 4)).save(gif)
    fifo = camera_roll / "pipe.jpg"
    os.mkfifo(fifo)

    with pytest.raises(PhotoRejectedError, match="the file is empty"):
        read_metadata(empty)
    with pytest.raises(PhotoRejectedError, match="not an image this app can read"):
        read_metadata(text)
    with pytest.raises(PhotoRejectedError, match="GIF images are not accepted"):
        read_metadata(gif)
    with pytest.raises(PhotoRejectedError, match="not a regular file"):
        read_metadata(fifo)


def test_xmp_in_png_and_tiff(camera_roll: Path) -> None:
    packet = xmp_packet(exif_DateTimeOriginal="2023-09-18T10:15:00+09:00")
    png = write_photo(camera_roll / "a.png", png_text={"XML:com.adobe.xmp": packet})
    tiff = camera_roll / "a.tif"
    Image.new("RGB", (8, 8)).save(tiff, tiffinfo={700: packet.encode()})

    for path in (png, tiff):
        capture = read_metadata(path).capture
        assert (capture.source, capture.wall_time, capture.offset_minutes) == (
            TimeSource.XMP_ORIGINAL,
            datetime(2023, 9, 18, 10, 15),
            540,
        ), path.name
