"""Camera RAW files: imported as photos, dated by exifread, shown from their JPEG preview, and
paired with the JPEG of the same shot. Written as each format lays itself out (``tiff_files``)."""

import hashlib
import io
import struct
from datetime import datetime
from pathlib import Path

import exifread
import pytest
from PIL import Image

from journal.photos.capture_time import TimeSource
from journal.photos.import_progress import ImportProgress
from journal.photos.metadata import PhotoRejectedError, read_metadata
from journal.photos.pixels import open_pixels
from journal.photos.thumbnails import ThumbnailCache, ThumbSize
from journal.services import JournalService, TripInfo
from journal.services.library_leftovers import find_leftovers
from tests.photos.bounded_process import run_python
from tests.photos.photo_files import exif_for, write_photo
from tests.photos.tiff_files import (
    ASCII,
    LONG,
    RATIONAL,
    Blob,
    Ifd,
    RawShot,
    preview_jpeg,
    raw_file,
    tiff_bytes,
)

#: Each format with the Make its camera writes.
MAKES = {
    "NEF": "NIKON CORPORATION",
    "CR2": "Canon",
    "ARW": "SONY",
    "DNG": "Leica Camera AG",
    "PEF": "RICOH IMAGING COMPANY, LTD.",
    "ORF": "OLYMPUS CORPORATION",
    "RW2": "Panasonic",
    "RAF": "FUJIFILM",
}


def _raw(folder: Path, media_format: str, name: str = "DSC_0042", **shot: object) -> Path:
    path = folder / f"{name}.{media_format}"
    shot_details = RawShot(MAKES[media_format], "Model 7", **shot)  # type: ignore[arg-type]
    path.write_bytes(raw_file(media_format, shot_details))
    return path


def _blue_corner(image: Image.Image) -> tuple[int, int]:
    """Which corner holds the blue block ``preview_jpeg`` puts top-left (before rotation)."""
    rgb = image.convert("RGB")
    width, height = rgb.size
    corners = {(0, 0): (1, 1), (1, 0): (width - 2, 1), (0, 1): (1, height - 2)}
    corners[(1, 1)] = (width - 2, height - 2)

    def blueness(xy: tuple[int, int]) -> int:
        red, green, blue = rgb.getpixel(xy)  # type: ignore[misc]
        return int(blue) - int(red) - int(green)

    return max(corners, key=lambda corner: blueness(corners[corner]))


@pytest.mark.parametrize("media_format", sorted(MAKES))
def test_exifread_reads_the_raw_like_files_as_their_format(
    camera_roll: Path, media_format: str
) -> None:
    """The fixtures are what they claim: exifread finds the camera and the time in each TIFF
    structure (a RAF's EXIF lives in its JPEG, which exifread does not look into)."""
    path = _raw(camera_roll, media_format)
    with path.open("rb") as handle:
        tags = exifread.process_file(handle, details=False)
    if media_format == "RAF":
        assert tags == {}
    elif media_format == "RW2":
        assert str(tags["Image Make"]) == "Panasonic"
    else:
        assert str(tags["Image Make"]) == MAKES[media_format]
        assert str(tags["EXIF DateTimeOriginal"]) == "2023:09:18 10:15:00"


@pytest.mark.parametrize("media_format", sorted(MAKES))
def test_a_raw_file_imports_dated_and_shown_from_its_preview(
    service: JournalService, seattle: TripInfo, camera_roll: Path, media_format: str
) -> None:
    path = _raw(camera_roll, media_format, orientation=6, preview_size=(320, 240))

    report = service.import_photos(seattle.id, [path])

    assert report.failures == ()
    [photo] = service.all_photos(seattle.id)
    assert photo.media_format == media_format
    assert photo.time_source == TimeSource.EXIF_ORIGINAL  # not IFD0's later DateTime
    assert photo.local_time == datetime(2023, 9, 18, 10, 15)
    assert photo.camera.make == MAKES[media_format]
    assert (photo.width, photo.height) == (240, 320)  # the preview's size, turned upright
    # The copy is content-addressed like every other, with the format's extension.
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert photo.library_path.name == f"{digest}.{media_format.lower()}"
    assert service.photo_path(photo).read_bytes() == path.read_bytes()
    thumbnail = ThumbnailCache(service.library.root).thumbnail_path(photo, ThumbSize.THUMB)
    with Image.open(thumbnail) as image:
        assert image.size == (192, 256)  # the 320×240 preview turned by orientation 6
        assert _blue_corner(image) == (1, 0)  # top-left of the preview, turned clockwise


def test_the_pixels_of_a_raw_are_its_biggest_displayable_preview(camera_roll: Path) -> None:
    """A CR2 holds a thumbnail, the full-size preview and the sensor data as lossless JPEG (the
    biggest of all, and no picture): the preview is what shows, whole."""
    path = _raw(camera_roll, "CR2", preview_size=(600, 400))
    with path.open("rb") as handle, open_pixels(handle, "CR2") as image:
        assert image.size == (600, 400)
        assert _blue_corner(image) == (0, 0)


def test_raw_and_jpeg_of_one_shot_are_one_photo_keeping_the_raw(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    raw = _raw(camera_roll, "NEF", "DSC_0042", original="2023:09:18 10:15:00")
    jpeg = write_photo(camera_roll / "DSC_0042.JPG", exif_for(original="2023:09:18 10:15:00"))
    # Same name, another time: two shots, two photos. Same time, another name: two photos.
    _raw(camera_roll, "NEF", "DSC_0043", original="2023:09:18 11:00:00")
    write_photo(camera_roll / "DSC_0043.JPG", exif_for(original="2023:09:18 11:00:05"))
    _raw(camera_roll, "NEF", "DSC_0044", original="2023:09:18 12:00:00")

    events: list[ImportProgress] = []
    report = service.import_photos(seattle.id, [camera_roll], progress=events.append)

    assert report.failures == ()
    # The days the scan announces count each shot once, as the gallery will.
    assert sum(event.planned is not None for event in events) == 4
    photos = {photo.original_name: photo for photo in service.all_photos(seattle.id)}
    assert sorted(photos) == [
        "DSC_0042.JPG",
        "DSC_0043.JPG",
        "DSC_0043.NEF",
        "DSC_0044.NEF",
    ]
    shown = photos["DSC_0042.JPG"]
    assert shown.media_format == "JPEG"
    assert shown.raw_library_path is not None
    kept = service.library.file_path(shown.raw_library_path)
    assert kept.read_bytes() == raw.read_bytes()
    assert kept.name == hashlib.sha256(raw.read_bytes()).hexdigest() + ".nef"
    assert photos["DSC_0043.JPG"].raw_library_path is None
    assert service.photo_path(shown).read_bytes() == jpeg.read_bytes()

    # The RAW is the photo's: not a copy no photo uses, a duplicate when imported again alone,
    # and gone with its photo.
    assert find_leftovers(service.library).copies.paths == ()
    again = service.import_photos(seattle.id, [raw])
    assert (again.imported, again.duplicates) == ((), (raw,))
    service.delete_photos(seattle.id, [shown.id])
    service.empty_trash()
    assert not kept.exists()


def test_journal_check_verifies_and_restores_the_kept_raw(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    raw = _raw(camera_roll, "ARW", "DSC_0042", original="2023:09:18 10:15:00")
    write_photo(camera_roll / "DSC_0042.JPG", exif_for(original="2023:09:18 10:15:00"))
    service.import_photos(seattle.id, [camera_roll])
    [photo] = service.all_photos(seattle.id)
    assert photo.raw_library_path is not None
    kept = service.library.file_path(photo.raw_library_path)
    clean = service.check_library()
    assert (clean.files, clean.photos, clean.bad, clean.thumbnails_missing) == (2, 1, (), 0)
    kept.unlink()

    report = service.check_library(repair=True)

    [bad] = report.bad
    assert (bad.library_path, bad.photos[0].original_name) == (photo.raw_library_path, raw.name)
    assert bad.repaired_from == str(raw)
    assert kept.read_bytes() == raw.read_bytes()
    assert report.thumbnails_made == 0


def test_exifread_reads_an_exif_block_pillow_refuses(camera_roll: Path) -> None:
    """An EXIF block whose TIFF header has the wrong magic number (0 instead of 42): Pillow
    reads nothing from the whole block; exifread does not check it and reads the time."""
    path = write_photo(
        camera_roll / "scan.jpg",
        exif_for(original="2023:09:18 10:15:00", make="EPSON", file_datetime="2024:01:01 00:00"),
    )
    data = bytearray(path.read_bytes())
    header = data.index(b"Exif\x00\x00MM\x00*") + 6
    data[header + 2 : header + 4] = b"\x00\x00"
    path.write_bytes(bytes(data))
    with Image.open(path) as image:
        assert len(image.info["exif"]) > 100
        assert not image.getexif()

    metadata = read_metadata(path)

    assert metadata.capture.source is TimeSource.EXIF_ORIGINAL
    assert metadata.capture.wall_time == datetime(2023, 9, 18, 10, 15)
    assert metadata.camera.make == "EPSON"


def test_a_canon_cr3_is_refused_saying_what_to_do(camera_roll: Path) -> None:
    path = camera_roll / "IMG_0001.CR3"
    path.write_bytes(b"\x00\x00\x00\x18ftypcrx \x00\x00\x00\x01crx isom" + bytes(100))
    with pytest.raises(PhotoRejectedError, match=r"Canon CR3 RAW file.*import the camera's JPEG"):
        read_metadata(path)


# Hostile RAW files: a clear refusal or a fallback, never a hang or a traceback.


def _ifd0(**extra: tuple[int, object]) -> dict[int, tuple[int, object]]:
    return {0x010F: (ASCII, "NIKON CORPORATION"), 0x0110: (ASCII, "D750")} | {
        int(tag[1:], 16): value for tag, value in extra.items()
    }


def test_a_preview_pointing_outside_the_file_or_at_no_jpeg_is_refused(camera_roll: Path) -> None:
    png = io.BytesIO()
    Image.new("RGB", (64, 48)).save(png, "PNG")
    outside = tiff_bytes(Ifd(_ifd0(x0201=(LONG, 10_000_000), x0202=(LONG, 5000))))
    not_jpeg = tiff_bytes(Ifd(_ifd0(x0201=(LONG, Blob(png.getvalue())), x0202=(LONG, 300))))
    cut = raw_file("NEF", RawShot("NIKON CORPORATION", "D750", preview_size=(800, 600)))
    for name, data in (("outside", outside), ("not-jpeg", not_jpeg), ("cut", cut[:2000])):
        path = camera_roll / f"{name}.NEF"
        path.write_bytes(data)
        with pytest.raises(PhotoRejectedError, match="NEF RAW file with no JPEG preview"):
            read_metadata(path)


def test_looping_ifds_and_huge_counts_end_at_once(camera_roll: Path) -> None:
    """IFD0 whose next IFD and SubIFD are itself; an EXIF IFD of 4,000 entries each claiming
    999 rationals (exifread reads them one by one); a string claiming four billion bytes. Read
    in a child with a time limit, so that a hang fails the test instead of the suite."""
    preview = preview_jpeg((160, 120))
    looping = bytearray(
        tiff_bytes(Ifd(_ifd0(x0201=(LONG, Blob(preview)), x0202=(LONG, len(preview)))))
    )
    first = struct.unpack_from("<I", looping, 4)[0]
    count = struct.unpack_from("<H", looping, first)[0]
    struct.pack_into("<I", looping, first + 2 + 12 * count, first)  # next IFD: itself
    greedy = Ifd({0x9000 + index: (RATIONAL, [1, 1]) for index in range(4000)})
    huge = bytearray(
        tiff_bytes(
            Ifd(
                _ifd0(
                    x0201=(LONG, Blob(preview)),
                    x0202=(LONG, len(preview)),
                    x8769=(LONG, greedy),
                    x010E=(ASCII, "x" * 40),
                )
            )
        )
    )
    # Every rational entry now claims 999 values; the description four billion bytes.
    start = 0
    while (found := huge.find(struct.pack("<HI", RATIONAL, 2), start)) >= 0:
        struct.pack_into("<I", huge, found + 2, 999)
        start = found + 6
    description = huge.find(struct.pack("<HHI", 0x010E, ASCII, 41))
    struct.pack_into("<I", huge, description + 4, 0xFFFFFFFF)
    files = []
    for name, data in (("loop.NEF", looping), ("huge.NEF", huge)):
        path = camera_roll / name
        path.write_bytes(bytes(data))
        files.append(str(path))

    child = run_python(
        "import sys, time\n"
        "from pathlib import Path\n"
        "from journal.photos.metadata import read_metadata\n"
        "for name in sys.argv[1:]:\n"
        "    start = time.monotonic()\n"
        "    metadata = read_metadata(Path(name))\n"
        "    print(metadata.media_format, metadata.width, time.monotonic() - start < 5)\n",
        *files,
    )

    assert child.returncode == 0, child.stderr
    # Both import, shown from their preview (the budget-spent one found by searching for it).
    assert child.stdout.splitlines() == ["NEF 160 True", "NEF 160 True"]
    assert child.stderr == ""  # exifread's warnings stay out of the terminal
