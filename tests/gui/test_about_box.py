"""Help ▸ About names the version, the library, and credits the GeoNames data (CC BY 4.0 asks
for it wherever the place names show)."""

from journal.gui.main_window import MainWindow
from journal.identity import app_version
from tests.gui.message_boxes import MessageBoxAnswerer
from tests.gui.windows import MakeWindow


def test_about_credits_geonames_and_names_the_library(
    make_window: MakeWindow, message_boxes: MessageBoxAnswerer
) -> None:
    window: MainWindow = make_window()

    window.actions_.about.trigger()

    [about] = message_boxes.shown
    assert app_version() in about.text
    assert str(window.service.library.root) in about.text
    assert "GeoNames" in about.text
    assert "CC BY 4.0" in about.text
