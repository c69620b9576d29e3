"""Gallery thumbnails from the preview a camera embeds, and every way a preview can lie.

The photo and its preview are painted different colours, so the thumbnail tells which one it was
made from: a lying preview must never reach the gallery, and the viewer and the export always
show the photo itself.
"""

import io
from pathlib import Path

import pytest
from PIL import Image

from journal.photos.pixels import open_pixels
from journal.photos.thumbnails import ThumbnailCache, ThumbSize, make_thumbnail
from journal.services import JournalService, TripInfo
from tests.photos.photo_files import exif_for
from tests.photos.preview_files import (
    LARGE_THUMBNAIL_FULL_HD,
    LARGE_THUMBNAIL_VGA,
    UNDEFINED,
    jpeg_bytes,
    with_exif_thumbnail,
    with_mpf_frames,
)

PHOTO_COLOUR = (220, 30, 30)
PREVIEW_COLOUR = (30, 30, 220)
PHOTO_SIZE = (1200, 800)


def _camera_jpeg(
    preview_size: tuple[int, int] = (600, 400),
    *,
    mp_type: int = LARGE_THUMBNAIL_FULL_HD,
    exif: Image.Exif | None = None,
) -> bytes:
    photo = Image.new("RGB", PHOTO_SIZE, PHOTO_COLOUR)
    preview = Image.new("RGB", preview_size, PREVIEW_COLOUR)
    options = {"exif": exif} if exif is not None else {}
    return with_mpf_frames(jpeg_bytes(photo, **options), [(mp_type, jpeg_bytes(preview))])


def _thumbnail_of(data: bytes, tmp_path: Path, size: ThumbSize = ThumbSize.THUMB) -> Image.Image:
    destination = tmp_path / f"thumb-{size.name}.jpg"
    make_thumbnail(io.BytesIO(data), destination, size, "JPEG")
    with Image.open(destination) as thumb:
        return thumb.convert("RGB")


def _made_from_preview(thumb: Image.Image) -> bool:
    red, _, blue = thumb.getpixel((thumb.width // 2, thumb.height // 2))  # type: ignore[misc]
    assert abs(int(red) - int(blue)) > 100, "the thumbnail is neither the photo nor the preview"
    return int(blue) > int(red)


def test_a_cameras_large_thumbnail_makes_the_gallery_thumbnail(tmp_path: Path) -> None:
    thumb = _thumbnail_of(_camera_jpeg(), tmp_path)

    assert _made_from_preview(thumb)
    assert thumb.size == (256, 171)


def test_the_smallest_preview_that_covers_the_cell_is_chosen(tmp_path: Path) -> None:
    photo = jpeg_bytes(Image.new("RGB", PHOTO_SIZE, PHOTO_COLOUR))
    too_small = jpeg_bytes(Image.new("RGB", (240, 160), (30, 220, 30)))
    enough = jpeg_bytes(Image.new("RGB", (300, 200), PREVIEW_COLOUR))
    bigger = jpeg_bytes(Image.new("RGB", (900, 600), (30, 220, 30)))
    data = with_mpf_frames(
        photo,
        [
            (LARGE_THUMBNAIL_VGA, too_small),
            (LARGE_THUMBNAIL_FULL_HD, bigger),
            (LARGE_THUMBNAIL_VGA, enough),
        ],
    )

    assert _made_from_preview(_thumbnail_of(data, tmp_path))


def test_the_preview_is_turned_by_the_photos_orientation(tmp_path: Path) -> None:
    data = _camera_jpeg(exif=exif_for(orientation=6, original="2023:09:18 10:00:00"))

    thumb = _thumbnail_of(data, tmp_path)

    assert _made_from_preview(thumb)
    assert thumb.size == (171, 256)


@pytest.mark.parametrize(
    ("preview_size", "mp_type", "exif", "why"),
    [
        ((600, 338), LARGE_THUMBNAIL_FULL_HD, None, "a 16:9 preview of a 3:2 photo"),
        ((400, 400), LARGE_THUMBNAIL_FULL_HD, None, "a cropped photo's stale preview"),
        ((600, 400), UNDEFINED, None, "a phone's gain map, same shape"),
        ((1200, 800), LARGE_THUMBNAIL_FULL_HD, None, "a stereo pair's second eye"),
        ((180, 120), LARGE_THUMBNAIL_VGA, None, "too small for the cell"),
        (
            (600, 400),
            LARGE_THUMBNAIL_FULL_HD,
            exif_for(original="2023:09:18 10:00:00", file_datetime="2024:01:05 21:14:00"),
            "edited after it was shot",
        ),
    ],
)
def test_a_preview_that_cannot_stand_for_the_photo_is_passed_over(
    tmp_path: Path,
    preview_size: tuple[int, int],
    mp_type: int,
    exif: Image.Exif | None,
    why: str,
) -> None:
    thumb = _thumbnail_of(_camera_jpeg(preview_size, mp_type=mp_type, exif=exif), tmp_path)

    assert not _made_from_preview(thumb), why
    assert thumb.size == (256, 171)


def test_a_camera_that_wrote_both_times_alike_keeps_its_preview(tmp_path: Path) -> None:
    exif = exif_for(original="2023:09:18 10:00:00", file_datetime="2023:09:18 10:00:00")

    assert _made_from_preview(_thumbnail_of(_camera_jpeg(exif=exif), tmp_path))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-200],  # the preview cut short: the card was pulled
        lambda data: data[: len(data) - 300] + bytes(300),  # the preview's bytes zeroed
        lambda data: data.replace(b"MPF\x00MM", b"MPF\x00MX", 1),  # a broken MPF header
    ],
    ids=["truncated", "zeroed", "bad-header"],
)
def test_a_damaged_preview_falls_back_to_the_photo(tmp_path: Path, damage: object) -> None:
    assert callable(damage)
    data = damage(_camera_jpeg((600, 400)))

    thumb = _thumbnail_of(data, tmp_path)

    assert not _made_from_preview(thumb)


def test_an_mpf_entry_pointing_past_the_file_falls_back_to_the_photo(tmp_path: Path) -> None:
    data = bytearray(_camera_jpeg())
    entries = data.index(b"\x00\x01\x00\x02")  # the preview's MP type, then size and offset
    data[entries + 8 : entries + 12] = (0x7FFFFFF0).to_bytes(4, "big")

    assert not _made_from_preview(_thumbnail_of(bytes(data), tmp_path))


def test_a_big_exif_thumbnail_stands_for_the_photo_and_a_small_one_does_not(
    tmp_path: Path,
) -> None:
    photo = jpeg_bytes(Image.new("RGB", PHOTO_SIZE, PHOTO_COLOUR))
    big = jpeg_bytes(Image.new("RGB", (384, 256), PREVIEW_COLOUR))
    small = jpeg_bytes(Image.new("RGB", (160, 107), PREVIEW_COLOUR))

    turned = _thumbnail_of(with_exif_thumbnail(photo, big, orientation=8), tmp_path)
    assert _made_from_preview(turned)
    assert turned.size == (171, 256)
    assert not _made_from_preview(_thumbnail_of(with_exif_thumbnail(photo, small), tmp_path))


def test_the_viewer_and_the_export_decode_the_photo_itself(tmp_path: Path) -> None:
    data = _camera_jpeg((1800, 1200))

    assert not _made_from_preview(_thumbnail_of(data, tmp_path, ThumbSize.PREVIEW))
    with open_pixels(io.BytesIO(data), "JPEG", fit=1600) as pixels:
        assert not _made_from_preview(pixels.convert("RGB"))


def test_an_imported_cameras_jpeg_gets_its_thumbnail_from_the_preview(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    exif = exif_for(original="2023:09:18 10:00:00", make="SONY", model="ILCE-7M3")
    source = camera_roll / "DSC00001.JPG"
    source.write_bytes(_camera_jpeg(exif=exif))

    [photo_id] = service.import_photos(seattle.id, [source]).imported
    photo = service.photo(photo_id)

    cache = ThumbnailCache(service.library.root)
    with Image.open(cache.thumbnail_path(photo, ThumbSize.THUMB)) as thumb:
        assert _made_from_preview(thumb.convert("RGB"))
    assert (photo.width, photo.height) == PHOTO_SIZE
    assert service.library.file_path(photo.library_path).read_bytes() == source.read_bytes()
