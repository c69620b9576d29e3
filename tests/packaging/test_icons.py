"""The app icon: the committed PNG, .ico and .icns files are what resources/make_icons.py makes
from the SVG, at the sizes launchers, Windows and macOS ask for."""

from pathlib import Path

import pytest
from PIL import IcoImagePlugin, Image, ImageChops
from PySide6.QtWidgets import QApplication

from journal.identity import ICON_NAME
from journal.installed_files import ICON_SIZES, icon_file
from tests.packaging.conftest import RESOURCES, load_script

make_icons = load_script("resources/make_icons.py")


@pytest.fixture(scope="module")
def icons(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh run of the icon script (which renders with Qt), into a temporary folder."""
    root = tmp_path_factory.mktemp("icons")
    make_icons.write_icons(RESOURCES / f"{ICON_NAME}.svg", root)
    return root


@pytest.mark.parametrize("size", ICON_SIZES)
def test_committed_png_has_its_size_and_transparent_corners(size: int) -> None:
    with Image.open(icon_file(RESOURCES, size)) as png:
        assert png.size == (size, size)
        assert png.mode == "RGBA"
        alpha = png.getchannel("A")
        assert alpha.getpixel((0, 0)) == 0
        # The notebook fills most of the square: the icon is bold, not a speck.
        opaque = sum(alpha.histogram()[129:])
        assert opaque > 0.7 * size * size


@pytest.mark.parametrize("size", ICON_SIZES)
def test_committed_png_matches_a_fresh_render_of_the_svg(icons: Path, size: int) -> None:
    with (
        Image.open(icon_file(RESOURCES, size)) as committed,
        Image.open(icon_file(icons, size)) as fresh,
    ):
        difference = ImageChops.difference(committed.convert("RGBA"), fresh.convert("RGBA"))
    # A few levels of antialiasing noise between Qt versions are fine; a changed drawing is not.
    assert max(difference.tobytes()) <= 8, (
        "resources/icons is stale: run `python resources/make_icons.py` and commit the result"
    )


def test_ico_holds_every_windows_size(icons: Path) -> None:
    for root in (RESOURCES, icons):
        with Image.open(make_icons.bundle_icon_path(root, ".ico")) as ico:
            assert ico.format == "ICO"
            sizes = ico.info["sizes"]
            assert sizes == {(size, size) for size in make_icons.ICO_SIZES}


def test_ico_sizes_are_the_renders_for_that_size_not_a_scaled_largest() -> None:
    with Image.open(make_icons.bundle_icon_path(RESOURCES, ".ico")) as ico:
        assert isinstance(ico, IcoImagePlugin.IcoImageFile)
        small = ico.ico.getimage((16, 16)).convert("RGBA")
    with Image.open(icon_file(RESOURCES, 16)) as png:
        assert small.tobytes() == png.convert("RGBA").tobytes()


def test_icns_holds_the_retina_sizes(icons: Path) -> None:
    for root in (RESOURCES, icons):
        with Image.open(make_icons.bundle_icon_path(root, ".icns")) as icns:
            assert icns.format == "ICNS"
            assert icns.size == (1024, 1024)
            assert {(16, 16, 2), (128, 128, 1), (512, 512, 1)} <= set(icns.info["sizes"])


def test_render_refuses_a_file_that_is_not_svg(icons: Path, tmp_path: Path) -> None:
    not_svg = tmp_path / "icon.svg"
    not_svg.write_text("not a drawing", encoding="utf-8")

    with pytest.raises(ValueError, match="not an SVG"):
        make_icons.render(not_svg, 16)
