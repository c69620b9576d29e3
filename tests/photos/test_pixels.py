"""The decoded, upright picture of a library file: what thumbnails and web copies are made from."""

import io
import random
import struct
from pathlib import Path

import pytest
from PIL import Image

from journal.photos.pixels import open_pixels
from tests.photos.photo_files import exif_for, write_photo


def _grey_ramp(mode: str, values: list[float], path: Path) -> Path:
    """A 16×1 greyscale TIFF of ``mode`` holding ``values`` left to right."""
    packing = {"I;16": "<16H", "I;16B": ">16H", "F": "<16f", "I": "<16i"}[mode]
    raw_mode = {"F": "F;32F", "I": "I;32S"}.get(mode, mode)
    data = struct.pack(packing, *values)
    Image.frombytes(mode, (16, 1), data, "raw", raw_mode).save(path)
    return path


@pytest.mark.parametrize("mode", ["I;16", "I;16B"])
def test_sixteen_bit_grey_in_either_byte_order_maps_its_full_range_onto_eight_bits(
    tmp_path: Path, mode: str
) -> None:
    path = _grey_ramp(mode, [index * 4096 for index in range(16)], tmp_path / "drone.tif")

    with path.open("rb") as source, open_pixels(source, "TIFF") as image:
        assert image.mode == "L"
        assert [image.getpixel((x, 0)) for x in (0, 8, 15)] == [0, 128, 240]


@pytest.mark.parametrize("mode", ["F", "I"])
def test_thermal_values_are_stretched_from_darkest_to_brightest(tmp_path: Path, mode: str) -> None:
    """A thermal band holds degrees (21.5-36.5), which as 0-255 would be a black square."""
    path = _grey_ramp(mode, [21 + index for index in range(16)], tmp_path / "thermal.tif")

    with path.open("rb") as source, open_pixels(source, "TIFF") as image:
        assert image.mode == "L"
        assert image.getpixel((0, 0)) == 0
        assert image.getpixel((15, 0)) == 255


def test_a_jpeg_missing_its_last_bytes_shows_what_is_there(tmp_path: Path) -> None:
    generator = random.Random(3)
    top = Image.frombytes("RGB", (64, 32), generator.randbytes(64 * 32 * 3))
    whole = Image.new("RGB", (64, 64), (0, 0, 0))
    whole.paste(top)
    buffer = io.BytesIO()
    whole.save(buffer, "JPEG", quality=95)
    cut = buffer.getvalue()[: len(buffer.getvalue()) * 3 // 4]

    with pytest.raises(OSError, match="truncated"), Image.open(io.BytesIO(cut)) as strict:
        strict.load()
    with open_pixels(io.BytesIO(cut), "JPEG") as image:
        assert image.size == (64, 64)
        assert image.getpixel((5, 5)) == pytest.approx(top.getpixel((5, 5)), abs=40)


def test_a_truncated_png_is_still_refused(tmp_path: Path) -> None:
    generator = random.Random(4)
    path = tmp_path / "cut.png"
    Image.frombytes("RGB", (64, 64), generator.randbytes(64 * 64 * 3)).save(path)
    cut = path.read_bytes()[: path.stat().st_size // 2]

    with pytest.raises(OSError, match="truncated"), open_pixels(io.BytesIO(cut), "PNG"):
        pass


def test_the_picture_is_upright(tmp_path: Path) -> None:
    path = write_photo(tmp_path / "turned.jpg", exif_for(orientation=6), size=(48, 32))

    with path.open("rb") as source, open_pixels(source, "JPEG") as image:
        assert image.size == (32, 48)
