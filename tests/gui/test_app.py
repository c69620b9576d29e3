from pytestqt.qtbot import QtBot

from journal.gui.main_window import MainWindow
from journal.services import JournalService


def test_main_window_shows_the_app_name_and_menus(qtbot: QtBot, service: JournalService) -> None:
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()

    assert window.windowTitle() == "Trip Journal"
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[0] == "&File"
    assert "&Help" in menus
