"""Web-ready copies: resized, orientation in the pixels, HEIC as JPEG, no location published."""

import dataclasses
import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pillow_heif
import pytest
from PIL import Image

from journal.export import ExportError, ImageOptions
from journal.export.images import exported_image, exported_suffix, is_current_web_copy
from journal.export.source import SourcePhoto
from tests.export.conftest import make_photo

EXIFTOOL = shutil.which("exiftool")


def source(path: Path, media_format: str = "JPEG") -> SourcePhoto:
    return SourcePhoto(
        id=1,
        path=path,
        content_hash="0" * 64,
        original_name=path.name,
        media_format=media_format,
        caption="",
        local_time=datetime(2023, 9, 17, 8, 30, 5),
        utc_offset_minutes=-420,
    )


def export_to(tmp_path: Path, photo: SourcePhoto, options: ImageOptions, name: str) -> Path:
    target = tmp_path / name
    target.write_bytes(exported_image(photo, options))
    return target


def test_gps_is_stripped_by_default_and_the_capture_time_kept(tmp_path: Path) -> None:
    original = make_photo(tmp_path / "gps.jpg", size=(3000, 2000))
    with Image.open(original) as opened:
        assert opened.getexif().get_ifd(0x8825)  # the test photo really has GPS

    exported = export_to(tmp_path, source(original), ImageOptions(), "out.jpg")

    with Image.open(exported) as image:
        assert image.format == "JPEG"
        assert image.size == (1600, 1067)
        exif = image.getexif()
        assert not exif.get_ifd(0x8825)
        assert 0x010F not in exif  # camera make: not kept either
        assert exif.get_ifd(0x8769)[0x9003] == "2023:09:17 08:30:05"
        assert exif.get_ifd(0x8769)[0x9011] == "-07:00"
        assert "xmp" not in image.info


@pytest.mark.skipif(EXIFTOOL is None, reason="exiftool is not installed (libimage-exiftool-perl)")
def test_exiftool_finds_no_location_in_an_exported_image(tmp_path: Path) -> None:
    original = make_photo(tmp_path / "gps.jpg")
    exported = export_to(tmp_path, source(original), ImageOptions(), "out.jpg")
    assert EXIFTOOL is not None

    def gps_tags(path: Path) -> dict[str, object]:
        result = subprocess.run(
            [EXIFTOOL, "-json", "-gps:all", "-a", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        [tags] = json.loads(result.stdout)
        return {key: value for key, value in tags.items() if key != "SourceFile"}

    assert "GPSLatitude" in gps_tags(original)
    assert gps_tags(exported) == {}


def test_keep_gps_keeps_the_coordinates(tmp_path: Path) -> None:
    original = make_photo(tmp_path / "gps.jpg")
    exported = export_to(tmp_path, source(original), ImageOptions(keep_gps=True), "out.jpg")
    with Image.open(exported) as image:
        gps = image.getexif().get_ifd(0x8825)
    assert gps[1] == "N"
    assert gps[2] == (37.0, 33.0, 59.0)


def test_orientation_is_baked_into_the_pixels(tmp_path: Path) -> None:
    # Orientation 6: the camera was turned; viewers rotate 90° clockwise to show it upright.
    original = make_photo(tmp_path / "turned.jpg", size=(96, 64), orientation=6)

    exported = export_to(tmp_path, source(original), ImageOptions(), "out.jpg")

    with Image.open(exported) as image:
        assert image.size == (64, 96)
        assert image.getexif().get(0x0112, 1) == 1
        # The black marker of the stored top-left corner is now at the top right.
        gray = image.convert("L")
        assert gray.getpixel((60, 3)) == pytest.approx(0, abs=40)
        assert gray.getpixel((3, 3)) == pytest.approx(76, abs=30)  # red in gray


def test_small_photos_are_not_enlarged_and_capture_date_can_be_dropped(tmp_path: Path) -> None:
    original = make_photo(tmp_path / "small.jpg", size=(200, 100))
    options = ImageOptions(keep_capture_date=False, max_long_edge=1600)
    exported = export_to(tmp_path, source(original), options, "out.jpg")
    with Image.open(exported) as image:
        assert image.size == (200, 100)
        exif = image.getexif()
        assert 0x0132 not in exif
        assert set(exif.get_ifd(0x8769)) == {0xA420}  # only the render key


def test_heic_becomes_jpeg(tmp_path: Path) -> None:
    heic = tmp_path / "IMG_0001.heic"
    pillow_heif.register_heif_opener()
    Image.new("RGB", (120, 80), "orange").save(heic, format="HEIF")

    photo = source(heic, "HEIF")
    exported = export_to(
        tmp_path, photo, ImageOptions(), "out" + exported_suffix("HEIF", ImageOptions())
    )

    assert exported.suffix == ".jpg"
    with Image.open(exported) as image:
        assert image.format == "JPEG"
        assert image.size == (120, 80)


def test_png_stays_png_and_keep_originals_copies_bytes(tmp_path: Path) -> None:
    png = make_photo(tmp_path / "screen.png", image_format="PNG")
    assert exported_suffix("PNG", ImageOptions()) == ".png"
    with Image.open(export_to(tmp_path, source(png, "PNG"), ImageOptions(), "out.png")) as image:
        assert image.format == "PNG"
        assert not image.getexif().get_ifd(0x8825)
    jpeg = make_photo(tmp_path / "original.jpg")
    assert exported_image(source(jpeg), ImageOptions(keep_originals=True)) == jpeg.read_bytes()


def test_the_same_photo_and_options_give_the_same_bytes(tmp_path: Path) -> None:
    original = make_photo(tmp_path / "a.jpg", size=(2400, 1800))
    options = ImageOptions(max_long_edge=800, quality=70)
    assert exported_image(source(original), options) == exported_image(source(original), options)


def test_a_damaged_library_file_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8 not really a jpeg")
    with pytest.raises(ExportError, match=r"Cannot read the photo broken\.jpg"):
        exported_image(source(broken), ImageOptions())


def test_a_web_copy_is_recognised_as_current_only_for_the_same_inputs(tmp_path: Path) -> None:
    original = make_photo(tmp_path / "a.jpg")
    photo = source(original)
    options = ImageOptions()
    exported = export_to(tmp_path, photo, options, "out.jpg")

    assert is_current_web_copy(exported, photo, options)
    assert not is_current_web_copy(exported, photo, ImageOptions(max_long_edge=1024))
    assert not is_current_web_copy(exported, photo, ImageOptions(keep_gps=True))
    changed = dataclasses.replace(photo, content_hash="1" * 64)
    assert not is_current_web_copy(exported, changed, options)
    assert not is_current_web_copy(tmp_path / "missing.jpg", photo, options)
    assert not is_current_web_copy(original, photo, options)
