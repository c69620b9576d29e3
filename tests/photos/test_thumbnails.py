"""Thumbnails and previews: the right size, upright, cached by content, made once."""

from pathlib import Path

import pytest
from PIL import Image

from journal.photos.pixels import open_pixels
from journal.photos.thumbnails import ThumbnailCache, ThumbSize
from journal.services import JournalService, PhotoInfo, TripInfo
from tests.photos.photo_files import exif_for, write_photo


def _import_one(service: JournalService, trip: TripInfo, path: Path) -> PhotoInfo:
    [photo_id] = service.import_photos(trip.id, [path]).imported
    return service.photo(photo_id)


def _blue_corner(image: Image.Image) -> tuple[int, int]:
    """Which corner holds the blue marker pixel ``write_photo`` puts top-left (before rotation)."""
    width, height = image.size
    corners = {(0, 0): (0, 0), (1, 0): (width - 1, 0), (0, 1): (0, height - 1)}
    corners[(1, 1)] = (width - 1, height - 1)
    rgb = image.convert("RGB")

    def blueness(xy: tuple[int, int]) -> int:
        red, green, blue = rgb.getpixel(xy)  # type: ignore[misc]
        return int(blue) - int(red) - int(green)

    return max(corners, key=lambda corner: blueness(corners[corner]))


def test_import_makes_the_gallery_thumbnail_and_a_second_request_makes_none(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    photo = _import_one(
        service,
        seattle,
        write_photo(camera_roll / "a.jpg", exif_for(original="2023:09:18 10:00"), size=(800, 600)),
    )
    cache = ThumbnailCache(service.library.root)
    expected = cache.cached_path(photo.content_hash, ThumbSize.THUMB)
    assert expected.exists()  # made during the import
    made = expected.stat().st_mtime_ns

    path = cache.thumbnail_path(photo, ThumbSize.THUMB)

    assert path == expected
    assert path.stat().st_mtime_ns == made
    with Image.open(path) as thumb:
        assert thumb.format == "JPEG"
        assert thumb.size == (256, 192)


def test_an_empty_cached_thumbnail_left_by_a_power_cut_is_made_again(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    photo = _import_one(
        service,
        seattle,
        write_photo(camera_roll / "a.jpg", exif_for(original="2023:09:18 10:00"), size=(800, 600)),
    )
    cache = ThumbnailCache(service.library.root)
    cache.cached_path(photo.content_hash, ThumbSize.THUMB).write_bytes(b"")

    path = cache.thumbnail_path(photo, ThumbSize.THUMB)

    with Image.open(path) as thumb:
        assert thumb.size == (256, 192)


def test_preview_is_made_on_demand_at_1600_pixels(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    photo = _import_one(
        service, seattle, write_photo(camera_roll / "a.jpg", exif_for(), size=(2400, 1200))
    )
    cache = ThumbnailCache(service.library.root)
    assert not cache.cached_path(photo.content_hash, ThumbSize.PREVIEW).exists()

    with Image.open(cache.thumbnail_path(photo, ThumbSize.PREVIEW)) as preview:
        assert preview.size == (1600, 800)


@pytest.mark.parametrize(
    ("orientation", "corner"),
    [
        (1, (0, 0)),
        (2, (1, 0)),
        (3, (1, 1)),
        (4, (0, 1)),
        (5, (0, 0)),
        (6, (1, 0)),
        (7, (1, 1)),
        (8, (0, 1)),
    ],
)
def test_thumbnails_are_upright_for_every_orientation(
    service: JournalService,
    seattle: TripInfo,
    camera_roll: Path,
    orientation: int,
    corner: tuple[int, int],
) -> None:
    source = write_photo(
        camera_roll / f"o{orientation}.png",
        exif_for(orientation=orientation, make="Test"),
        size=(40, 20),
    )
    photo = _import_one(service, seattle, source)

    with Image.open(
        ThumbnailCache(service.library.root).thumbnail_path(photo, ThumbSize.THUMB)
    ) as thumb:
        expected_size = (20, 40) if orientation >= 5 else (40, 20)
        assert thumb.size == expected_size
        assert (photo.width, photo.height) == expected_size
        assert _blue_corner(thumb) == corner


def test_heic_is_not_turned_twice(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    source = write_photo(
        camera_roll / "a.heic", exif_for(original="2023:09:18 10:00", orientation=6), size=(64, 32)
    )
    photo = _import_one(service, seattle, source)
    with Image.open(source) as decoded:
        decoded_size = decoded.size

    with Image.open(
        ThumbnailCache(service.library.root).thumbnail_path(photo, ThumbSize.THUMB)
    ) as thumb:
        assert thumb.size == decoded_size
    assert photo.orientation == 1


def test_transparent_png_thumbnails_on_white(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    source = camera_roll / "logo.png"
    Image.new("RGBA", (32, 32), (0, 0, 0, 0)).save(source)
    photo = _import_one(service, seattle, source)

    with Image.open(
        ThumbnailCache(service.library.root).thumbnail_path(photo, ThumbSize.THUMB)
    ) as thumb:
        assert thumb.mode == "RGB"
        assert thumb.getpixel((5, 5)) == (255, 255, 255)


def test_jpeg_decodes_at_an_eighth_and_heic_uses_its_embedded_thumbnail(
    camera_roll: Path,
) -> None:
    jpeg = write_photo(camera_roll / "big.jpg", exif_for(), size=(2048, 1536))
    heic = camera_roll / "phone.heic"
    Image.new("RGB", (1024, 768), (10, 200, 30)).save(heic, "HEIF", thumbnails=[320])
    plain_heic = write_photo(camera_roll / "plain.heic", exif_for(), size=(1024, 768))

    with jpeg.open("rb") as source, open_pixels(source, "JPEG", fit=256) as image:
        assert image.size == (256, 192)  # DCT scaling: 2048 / 8
    with heic.open("rb") as source, open_pixels(source, "HEIF", fit=256) as image:
        assert image.size == (320, 240)  # the embedded thumbnail, not the 1024 px image
    with plain_heic.open("rb") as source, open_pixels(source, "HEIF", fit=256) as image:
        assert image.size == (1024, 768)  # no thumbnail to use: the full decode
    with (
        jpeg.open("rb") as source,
        open_pixels(source, "JPEG", fit=ThumbSize.PREVIEW.pixels) as image,
    ):
        assert image.size == (2048, 1536)  # 1/2 would be smaller than the preview


def test_deleting_a_trip_removes_its_files(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    photo = _import_one(service, seattle, write_photo(camera_roll / "a.jpg", exif_for()))
    thumbnail = ThumbnailCache(service.library.root).cached_path(
        photo.content_hash, ThumbSize.THUMB
    )
    assert thumbnail.exists()

    service.delete_trip(seattle.id)
    service.empty_trash()

    assert not service.photo_path(photo).exists()
    assert not thumbnail.exists()


def test_sixteen_bit_grey_tiff_thumbnails_at_the_right_brightness(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    source = camera_roll / "scan.tif"
    Image.new("I;16", (40, 20), 32768).save(source)  # mid grey in 16 bits
    photo = _import_one(service, seattle, source)

    path = ThumbnailCache(service.library.root).thumbnail_path(photo, ThumbSize.THUMB)
    with Image.open(path) as thumb:
        red, green, blue = thumb.getpixel((20, 10))  # type: ignore[misc]
        assert thumb.mode == "RGB"
        assert red == green == blue
        assert abs(red - 128) <= 4
