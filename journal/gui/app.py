"""``trip-journal``: start the app on a library.

Nothing happens at import time; ``main`` builds the services on the library the command line or
environment names, and the one ``TaskRunner`` the whole GUI runs its work on, and hands them to
the window, so tests can build the same window on a temporary library and an inline runner. A
second launch on a library hands its files to the app already open on it, which raises its
window (``single_instance``); only when that app does not answer (an older version, another
host) is the library's lock explained. A damaged library is explained and its recovery offered
before the window opens.
"""

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from journal.errors import JournalError, LibraryDamagedError, LibraryLockedError
from journal.gui import plain_text
from journal.gui.app_icon import app_icon
from journal.gui.recovery_dialog import offer_recovery
from journal.gui.single_instance import InstanceServer, hand_over, server_name
from journal.identity import APP_ID, APP_NAME, app_version
from journal.library_location import ENVIRONMENT_VARIABLE, library_folder
from journal.services import JournalService
from journal.store.library import Library

if TYPE_CHECKING:
    from journal.gui.main_window import MainWindow


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="trip-journal", description=f"{APP_NAME} app")
    parser.add_argument(
        "--library",
        metavar="PATH",
        help=f"library folder (default: ${ENVIRONMENT_VARIABLE}, else the user data folder)",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PHOTO",
        help="photos or folders to import into the open trip (an app already running on the "
        "library takes them and comes forward)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {app_version()}")
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="offscreen, on a temporary library: open the window, import generated photos, "
        "export a post, then exit 0 if all worked (checks an installed or bundled app)",
    )
    return parser.parse_args(argv)


#: How long a Python thread may hold the GIL while another waits (the default is 5 ms). Imports
#: and thumbnails run Python on several threads; the UI thread, whose slots are short, then waits
#: for the interpreter at most about this long per busy thread instead of 5 ms.
GIL_SWITCH_INTERVAL = 0.001

#: How long a launch that finds its library locked keeps trying to reach the app holding it.
STARTING_APP_GRACE_SECONDS = 2.0


def create_application(argv: Sequence[str]) -> QApplication:
    """The application object (the existing one when a test harness already made it)."""
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(app_version())
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    return app


def keep_startup_objects_out_of_collections() -> None:
    """Exclude everything alive once the window exists (modules, Qt wrappers, the window)
    from the cyclic garbage collector's full collections.

    A full collection walks every tracked object while holding the interpreter, so every
    thread, the UI thread included, waits for it. During an import, allocations trigger one
    every few seconds; with the start-up objects in it, one took 22-57 ms and the window
    stalled (``bench/gui_bench.py``). Those objects live as long as the app anyway.
    """
    gc.freeze()


def open_library(root: Path) -> Library | None:
    """The library at ``root``; a damaged one is explained and, if the user agrees, recovered
    first (None if not)."""
    try:
        return Library.open(root)
    except LibraryDamagedError as damaged:
        if not offer_recovery(damaged):
            return None
    return Library.open(root)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv if argv is None else argv)
    options = parse_arguments(arguments[1:])
    if options.self_check:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = create_application(arguments[:1])
    from journal.gui.background import TaskRunner
    from journal.gui.main_window import MainWindow
    from journal.gui.preferences import Preferences

    if options.self_check:
        from journal.gui.self_check import run_self_check

        return run_self_check(
            app, lambda service: MainWindow(service, Preferences(QSettings()), TaskRunner())
        )
    root = library_folder(options.library, os.environ)
    name = server_name(root)
    if hand_over(name, options.paths):
        return 0
    try:
        library = open_library(root)
    except LibraryLockedError as error:
        # The app holding the library may still be starting: it listens once its window is up.
        if hand_over(name, options.paths, wait_seconds=STARTING_APP_GRACE_SECONDS):
            return 0
        plain_text.critical(None, APP_NAME, str(error))
        return 1
    except JournalError as error:
        plain_text.critical(None, APP_NAME, str(error))
        return 1
    if library is None:
        return 1
    window = MainWindow(JournalService(library), Preferences(QSettings()), TaskRunner())
    server = serve_launches(window, name, options.paths)
    keep_startup_objects_out_of_collections()
    window.show()
    try:
        return app.exec()
    finally:
        server.close()
        library.close()


def serve_launches(window: "MainWindow", name: str, paths: list[Path]) -> InstanceServer:
    """Import the files this launch named, and listen for later launches on the library."""
    from journal.gui.launch_requests import LaunchRequests

    launches = LaunchRequests(window)
    server = InstanceServer(name, window)
    server.arrived.connect(launches.bring_forward)
    server.listen()
    launches.import_later(paths)
    return server


if __name__ == "__main__":
    sys.exit(main())
