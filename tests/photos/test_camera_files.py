"""What real cameras, drones and phones leave on a card: 16-bit and greyscale TIFFs, AVIF, JPEGs
cut short. (Videos and sidecars beside the photos: ``tests/cli/test_camera_folders.py``.)"""

import random
import struct
from datetime import datetime
from pathlib import Path
from typing import cast

import pytest
from PIL import Image, features

from journal.photos.capture_time import TimeSource
from journal.photos.thumbnails import ThumbnailCache, ThumbSize
from journal.services import JournalService, TripInfo
from tests.photos.photo_files import exif_for, write_photo
from tests.photos.tiff_files import LONG, SHORT, Blob, Ifd, tiff_bytes


def _drone_tiffs(folder: Path) -> list[Path]:
    """What drones and scanners write: 16-bit RGB, 16-bit grey in both byte orders, 8-bit grey
    and a 32-bit float thermal band, each with its capture time in EXIF."""
    width, height = 8, 4
    pixels = struct.pack(f"<{width * height * 3}H", *([60000, 30000, 1000] * (width * height)))
    rgb16 = Ifd(
        {
            0x0100: (SHORT, width),
            0x0101: (SHORT, height),
            0x0102: (SHORT, [16, 16, 16]),
            0x0103: (SHORT, 1),
            0x0106: (SHORT, 2),
            0x0111: (LONG, Blob(pixels)),
            0x0115: (SHORT, 3),
            0x0116: (SHORT, height),
            0x0117: (LONG, len(pixels)),
            0x0132: (2, "2023:09:18 10:15:00"),
        }
    )
    paths = [folder / "rgb16.tif"]
    paths[0].write_bytes(tiff_bytes(rgb16))
    exif = exif_for(file_datetime="2023:09:18 10:15:00")
    for name, mode, raw_mode, data in (
        ("grey16.tif", "I;16", "I;16", struct.pack("<4H", 0, 20000, 40000, 65535)),
        ("grey16b.tif", "I;16B", "I;16B", struct.pack(">4H", 0, 20000, 40000, 65535)),
        ("grey8.tif", "L", "L", bytes([0, 80, 160, 255])),
        ("thermal.tif", "F", "F;32F", struct.pack("<4f", 21.5, 24.0, 30.5, 36.0)),
    ):
        path = folder / name
        Image.frombytes(mode, (4, 1), data, "raw", raw_mode).save(path, exif=exif)
        paths.append(path)
    return paths


def test_sixteen_bit_greyscale_and_float_tiffs_import_with_thumbnails(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    paths = _drone_tiffs(camera_roll)

    report = service.import_photos(seattle.id, [camera_roll])

    assert report.failures == ()
    photos = {photo.original_name: photo for photo in service.all_photos(seattle.id)}
    assert sorted(photos) == sorted(path.name for path in paths)
    cache = ThumbnailCache(service.library.root)
    for photo in photos.values():
        assert photo.local_time == datetime(2023, 9, 18, 10, 15)
        with Image.open(cache.thumbnail_path(photo, ThumbSize.THUMB)) as thumbnail:
            darkest, brightest = cast(tuple[int, int], thumbnail.convert("L").getextrema())
            if photo.original_name == "rgb16.tif":
                assert darkest == brightest  # one colour
            else:  # a ramp, not a black or white square
                assert darkest < 40, photo.original_name
                assert brightest > 200, photo.original_name


@pytest.mark.skipif(not features.check("avif"), reason="this Pillow has no AVIF codec")
def test_an_avif_still_imports(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    path = camera_roll / "phone.avif"
    exif = exif_for(original="2023:09:18 10:15:00", offset="-07:00", make="Google")
    Image.new("RGB", (64, 48), (200, 120, 40)).save(path, "AVIF", exif=exif.tobytes())

    [photo_id] = service.import_photos(seattle.id, [path]).imported

    photo = service.photo(photo_id)
    assert (photo.media_format, photo.width, photo.height) == ("AVIF", 64, 48)
    assert photo.time_source == TimeSource.EXIF_ORIGINAL
    assert photo.local_time == datetime(2023, 9, 18, 10, 15)
    assert photo.library_path.suffix == ".avif"
    thumbnail = ThumbnailCache(service.library.root).thumbnail_path(photo, ThumbSize.THUMB)
    with Image.open(thumbnail) as image:
        assert image.size == (64, 48)


def cut_jpeg(path: Path) -> Path:
    generator = random.Random(7)
    image = Image.frombytes("RGB", (96, 96), generator.randbytes(96 * 96 * 3))
    image.save(path, exif=exif_for(original="2023:09:18 10:15:00"))
    path.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 3])
    return path


def test_a_jpeg_missing_its_last_bytes_imports_reported_as_incomplete(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    cut = cut_jpeg(camera_roll / "pulled-out.jpg")
    write_photo(camera_roll / "fine.jpg", exif_for(original="2023:09:18 11:00:00"))
    # A JPEG followed by other data (a phone's motion photo) is whole.
    motion = write_photo(camera_roll / "motion.jpg", exif_for(original="2023:09:18 12:00:00"))
    motion.write_bytes(motion.read_bytes() + b"\x00\x00\x00\x18ftypmp42" + bytes(500))

    report = service.import_photos(seattle.id, [camera_roll])

    assert report.failures == ()
    assert report.incomplete == (cut,)
    assert [photo.original_name for photo in service.all_photos(seattle.id)] == [
        "pulled-out.jpg",
        "fine.jpg",
        "motion.jpg",
    ]


def test_a_refusal_never_names_a_class(
    camera_roll: Path, service: JournalService, seattle: TripInfo
) -> None:
    """A GIF is refused saying so, not "cannot read the image (PhotoRejectedError: …)"."""
    path = camera_roll / "anim.gif"
    Image.new("P", (8, 8)).save(path)

    [failure] = service.import_photos(seattle.id, [path]).failures

    assert failure.reason.startswith("GIF images are not accepted (only JPEG")
    assert "Error" not in failure.reason
