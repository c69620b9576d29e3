"""``trip-journal --self-check``: the core's self-check plus what only the GUI can prove.

A frozen app can lack a Qt plugin as easily as a codec: the platform plugin the window needs,
the image-format plugin that decodes the thumbnails, the icon files. So besides the core's steps
(``journal.self_check``) this opens the main window on the self-check's library, decodes the
thumbnails with Qt, and checks that the app icon was found. It prints one line per step and
returns the process's exit code.
"""

import sys
import tempfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QSize, QTimer
from PySide6.QtGui import QImage, QImageReader, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from journal.installed_files import app_icon_files
from journal.photos.thumbnails import ThumbnailCache, ThumbSize
from journal.self_check import CheckFailed, CoreSelfCheck, Step, run_steps
from journal.services import JournalService

#: Long enough for a slow first paint; a window still open after it is reported, not waited on.
WINDOW_TIMEOUT_MS = 20_000


def run_self_check(app: QApplication, make_window: Callable[[JournalService], QWidget]) -> int:
    """Run every step on a temporary library; 0 if all passed, 1 if not."""
    with (
        # Windows refuses to delete a file still open (a window's settings, a log): leaving
        # a temporary file behind must not turn a passed check into a crash.
        tempfile.TemporaryDirectory(
            prefix="trip-journal-self-check-", ignore_cleanup_errors=True
        ) as temp,
        closing(CoreSelfCheck(Path(temp))) as core,
    ):
        _keep_settings_in(Path(temp) / "settings")
        report = run_steps(
            [
                Step("app icon", lambda: _check_icon(app)),
                *core.steps(),
                Step("main window", lambda: _open_window(app, make_window, core.service)),
                Step("Qt image decoding", lambda: _decode_with_qt(core)),
            ]
        )
    print(report.text(), file=sys.stdout if report.passed else sys.stderr, flush=True)
    return 0 if report.passed else 1


def _keep_settings_in(folder: Path) -> None:
    """Send every ``QSettings()`` of this process to ``folder``.

    The window remembers things (its geometry, the last trip it showed); a self-check must not
    write those into the user's real settings, where the next normal start would read them. This
    is process-wide and never undone, which suits a process that exits after the check.
    """
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))


def _check_icon(app: QApplication) -> str:
    icon = app.windowIcon()
    sizes = sorted(size.width() for size in icon.availableSizes())
    files = app_icon_files()
    if icon.isNull() or not sizes or not files:
        raise CheckFailed("no app icon files were found (see journal/installed_files.py)")
    # icons/hicolor/NxN/apps/ID.png: say which install the icons came from.
    return f"{len(sizes)} sizes, {sizes[0]} to {sizes[-1]} px, from {files[0].parents[3]}"


class _ExposeWatcher(QObject):
    """Calls ``on_expose`` once, when the platform first puts the window on (a virtual) screen."""

    def __init__(self, on_expose: Callable[[], None]) -> None:
        super().__init__()
        self._on_expose: Callable[[], None] | None = on_expose

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Expose
            and isinstance(watched, QWindow)
            and watched.isExposed()
            and self._on_expose is not None
        ):
            on_expose, self._on_expose = self._on_expose, None
            QTimer.singleShot(0, on_expose)
        return False


def _open_window(
    app: QApplication, make_window: Callable[[JournalService], QWidget], service: JournalService
) -> str:
    window = make_window(service)
    painted: list[QSize] = []
    loop = QEventLoop()

    def paint_and_close() -> None:
        painted.append(window.grab().size())
        window.close()
        loop.quit()

    # A local loop rather than app.exec(): the window's first events (its first paint, whatever
    # it loads) run, then it closes, however many other windows the process has.
    watcher = _ExposeWatcher(paint_and_close)
    window.show()
    window.windowHandle().installEventFilter(watcher)
    QTimer.singleShot(WINDOW_TIMEOUT_MS, loop.quit)
    loop.exec()
    window.windowHandle().removeEventFilter(watcher)
    if not painted:
        window.close()
        raise CheckFailed(
            f"the window was not shown on the {app.platformName()!r} platform "
            f"within {WINDOW_TIMEOUT_MS // 1000} s"
        )
    if window.isVisible() or painted[0].isEmpty():
        raise CheckFailed(f"the window painted {painted[0]} and did not close")
    title = window.windowTitle()
    window.deleteLater()
    return f"{title!r} shown, painted at {painted[0].width()}x{painted[0].height()} and closed"


def _decode_with_qt(core: CoreSelfCheck) -> str:
    formats = {bytes(name.data()).decode() for name in QImageReader.supportedImageFormats()}
    if "jpeg" not in formats:
        raise CheckFailed(f"Qt has no JPEG image plugin; it reads only {sorted(formats)}")
    cache = ThumbnailCache(core.service.library.root)
    for photo in core.photos:
        path = cache.thumbnail_path(photo, ThumbSize.THUMB)
        if QImage(str(path)).isNull():
            raise CheckFailed(f"Qt cannot decode the thumbnail {path}")
    return f"Qt decoded {len(core.photos)} thumbnails"
