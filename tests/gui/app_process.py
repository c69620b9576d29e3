"""The app in a process of its own, on a real library: for what would hang or abort a test's
own process (a FIFO read on the UI thread, ``/dev/zero`` read until memory runs out)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

#: Opens the main window on the library ``argv[1]`` with the settings file ``argv[2]``; the
#: script after it defines ``drive()``, which runs once the event loop does and quits the app.
WINDOW_ON_LIBRARY = """
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest

from journal.gui.app import create_application
from journal.gui.background import TaskRunner
from journal.gui.main_window import MainWindow
from journal.gui.preferences import Preferences
from journal.services import JournalService
from journal.store.library import Library

app = create_application(["trip-journal"])
window = MainWindow(
    JournalService(Library.open(Path(sys.argv[1]))),
    Preferences(QSettings(sys.argv[2], QSettings.Format.IniFormat)),
    TaskRunner(),
)
window.show()
"""


def run_app(
    drive: str, library_root: Path, settings: Path, **options: Any
) -> subprocess.CompletedProcess[str]:
    """Run the app on ``library_root`` with the ``drive()`` function of ``drive`` (Python
    source); ``options`` go to ``subprocess.run`` (a ``timeout``, a ``preexec_fn``)."""
    script = (
        f"{WINDOW_ON_LIBRARY}\n{textwrap.dedent(drive)}\nQTimer.singleShot(0, drive)\napp.exec()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script, str(library_root), str(settings)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
        **options,
    )
