"""The files a camera writes are published as the gallery shows them (issue 13 items 11, 14, 16):
a RAW file as its embedded preview turned upright, a 16-bit TIFF in 8 bits, a JPEG cut short as
far as it goes, and a photo's own description as its alt text, from import through export."""

import io
import struct
from pathlib import Path
from typing import cast

import pytest
from PIL import Image

from journal.export import ExportFormat, ExportSettings, ImageOptions
from journal.export.exporter import plan_export
from journal.export.images import exported_image, exported_suffix, web_copy_size
from journal.export.source import SourcePhoto
from journal.services import JournalService, TripInfo
from journal.services.export_ops import export_source
from tests.photos.photo_files import exif_for, write_photo
from tests.photos.test_raw import MAKES, _blue_corner, _raw


def _exported(service: JournalService, trip: TripInfo) -> dict[str, SourcePhoto]:
    with service.library.session() as session:
        source = export_source(session, trip.id, service.library)
    return {photo.original_name: photo for photo in source.photos.values()}


@pytest.mark.parametrize("media_format", sorted(MAKES))
@pytest.mark.parametrize("keep_originals", [False, True])
def test_a_raw_is_published_as_its_preview_upright_never_as_raw_bytes(
    service: JournalService,
    seattle: TripInfo,
    camera_roll: Path,
    media_format: str,
    keep_originals: bool,
) -> None:
    raw = _raw(camera_roll, media_format, orientation=6, preview_size=(320, 240))
    service.import_photos(seattle.id, [raw])
    [photo] = _exported(service, seattle).values()
    options = ImageOptions(keep_originals=keep_originals, max_long_edge=200)

    published = exported_image(photo, options)

    assert exported_suffix(photo.media_format, options) == ".jpg"
    with Image.open(io.BytesIO(published)) as image:
        assert image.format == "JPEG"
        assert image.size == (150, 200)  # the 320×240 preview turned by orientation 6, fitted
        assert _blue_corner(image) == (1, 0)
        assert image.getexif().get(0x0112) is None  # turned in the pixels, not by a tag
    assert web_copy_size(photo, options) == (150, 200)


def test_a_sixteen_bit_grey_tiff_is_published_in_eight_bits_with_its_contrast(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    tiff = camera_roll / "drone.tif"
    data = struct.pack("<4H", 0, 20000, 40000, 65535)
    Image.frombytes("I;16", (4, 1), data, "raw", "I;16").save(
        tiff, exif=exif_for(file_datetime="2023:09:18 10:15:00")
    )
    service.import_photos(seattle.id, [tiff])
    [photo] = _exported(service, seattle).values()

    with Image.open(io.BytesIO(exported_image(photo, ImageOptions()))) as image:
        assert (image.format, image.mode, image.size) == ("JPEG", "L", (4, 1))
        darkest, brightest = cast(tuple[int, int], image.getextrema())
    assert darkest < 40  # the full range shows: not a black square
    assert brightest > 215


def test_a_jpeg_cut_short_is_published_as_far_as_it_goes(
    service: JournalService, seattle: TripInfo, camera_roll: Path
) -> None:
    whole = write_photo(
        camera_roll / "cut.jpg", exif_for(original="2023:09:18 10:00:00"), size=(64, 64)
    )
    whole.write_bytes(whole.read_bytes()[:-40])
    report = service.import_photos(seattle.id, [whole])
    assert report.incomplete == (whole,)
    [photo] = _exported(service, seattle).values()

    with Image.open(io.BytesIO(exported_image(photo, ImageOptions()))) as image:
        assert (image.format, image.size) == ("JPEG", (64, 64))


def test_a_photos_own_description_is_its_alt_text_in_the_post(
    service: JournalService, seattle: TripInfo, camera_roll: Path, tmp_path: Path
) -> None:
    exif = exif_for(original="2023:09:17 10:00:00")
    exif[0x010E] = "Pike Place at dawn"  # ImageDescription
    described = write_photo(camera_roll / "DSCN0012.jpg", exif)
    service.import_photos(seattle.id, [described])
    [photo_info] = service.all_photos(seattle.id)
    service.set_day_text(seattle.id, seattle.start_date, f"![](photo:{photo_info.id})\n")
    with service.library.session() as session:
        source = export_source(session, seattle.id, service.library)
    assert [photo.description for photo in source.photos.values()] == ["Pike Place at dawn"]

    text = plan_export(source, ExportSettings(ExportFormat.HUGO, tmp_path)).markdown

    assert "Pike Place at dawn" in text
    assert "DSCN0012" not in text
