"""The main window."""

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from journal.identity import APP_NAME, app_version
from journal.services import JournalService


class MainWindow(QMainWindow):
    def __init__(self, service: JournalService) -> None:
        super().__init__()
        self.service = service
        self.setWindowTitle(APP_NAME)
        self.resize(1200, 800)
        self._build_menus()
        placeholder = QLabel(
            "<h2>Welcome to Trip Journal</h2><p>Create a trip with <b>File ▸ New Trip</b>.</p>"
        )
        self.setCentralWidget(placeholder)
        self.statusBar().showMessage(f"Library: {service.library.root}")

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction(f"&About {APP_NAME}", self)
        about.triggered.connect(self._show_about)
        help_menu.addAction(about)

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {app_version()}<br>Library: {self.service.library.root}",
        )
