"""A second app on a library that is open elsewhere says so clearly and exits."""

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from journal.gui import app
from journal.store.library import Library
from tests.gui.message_boxes import MessageBoxAnswerer


def test_a_locked_library_is_explained_and_the_app_exits(
    library: Library, library_root: Path, message_boxes: MessageBoxAnswerer
) -> None:
    assert app.main(["trip-journal", "--library", str(library_root)]) == 1

    [shown] = message_boxes.shown
    assert shown.icon is QMessageBox.Icon.Critical
    assert "is open in another Trip Journal process" in shown.text
    assert "Close it there and try again." in shown.text
