from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from journal.gui.app_icon import app_icon


def test_app_icon_offers_every_rendered_size(qapp: QApplication) -> None:
    icon = app_icon()

    assert not icon.isNull()
    sizes = icon.availableSizes()
    assert QSize(16, 16) in sizes
    assert QSize(512, 512) in sizes
    assert icon.pixmap(16, 16).size() == QSize(16, 16)
