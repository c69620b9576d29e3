"""At start-up, a damaged library is explained and its recovery offered (``services.recovery``).

The recovery imports every photo of the library again, which takes minutes for thousands, so it
runs on a thread of its own while a progress dialog (with Cancel) keeps the app responsive: the UI
thread only reads the worker's counters, every tenth of a second. There is no window yet, and
nothing else to do until the library is recovered, so a plain thread is all that is needed.
"""

import threading

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from journal.errors import LibraryDamagedError
from journal.gui import plain_text
from journal.identity import APP_NAME
from journal.photos.import_progress import CancelToken
from journal.services.recovery import RecoveryReport, recover_library

#: How often the progress dialog shows the worker's progress.
POLL_MS = 100


def offer_recovery(damaged: LibraryDamagedError) -> bool:
    """Explain the damage and recover the library if the user agrees; True once it is recovered
    (it can then be opened). A recovery that fails or is cancelled raises its ``JournalError``."""
    explanation = (
        f"The library {damaged.root} is damaged.\n\n"
        f"{damaged.problem[:1].upper()}{damaged.problem[1:]}. Nothing has been written to it.\n\n"
        "Recovering builds a new database from what the damaged one still holds and from the "
        "photos in the library; photos whose trip is lost go to a new trip, “Recovered”. The "
        "damaged database is kept beside the new one."
    )
    if not plain_text.ask(None, plain_text.Icon.Warning, APP_NAME, explanation, "Recover", "Quit"):
        return False
    report = _recover_with_progress(damaged)
    if report is not None:  # None: the library turned out sound meanwhile
        plain_text.information(None, APP_NAME, "\n".join(report.summary()))
    return True


class _Worker:
    """The recovery on its own thread; its counters and outcome are read by the UI thread."""

    def __init__(self, damaged: LibraryDamagedError) -> None:
        self.cancel = CancelToken()
        self.done = self.total = 0
        self.report: RecoveryReport | None = None
        self.error: BaseException | None = None
        self._root = damaged.root
        self.thread = threading.Thread(target=self._run, name="library-recovery")

    def _run(self) -> None:
        try:
            self.report = recover_library(self._root, progress=self._progress, cancel=self.cancel)
        except BaseException as error:  # handed to the UI thread, which raises it there
            self.error = error

    def _progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total


def _recover_with_progress(damaged: LibraryDamagedError) -> RecoveryReport | None:
    worker = _Worker(damaged)
    dialog = QProgressDialog("", "Cancel", 0, 0)
    dialog.setLabel(plain_text.plain_label(f"Recovering the library {damaged.root}…"))
    dialog.setWindowTitle(APP_NAME)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(worker.cancel.cancel)
    loop = QEventLoop()
    timer = QTimer(interval=POLL_MS)

    def show_progress() -> None:
        if not worker.thread.is_alive():
            loop.quit()
        elif worker.cancel.cancelled:
            dialog.setLabelText("Stopping after the photos in progress…")
        elif worker.total:
            dialog.setMaximum(worker.total)
            dialog.setValue(worker.done)

    timer.timeout.connect(show_progress)
    worker.thread.start()
    timer.start()
    dialog.show()
    loop.exec()
    timer.stop()
    dialog.close()
    worker.thread.join()
    if worker.error is not None:
        raise worker.error
    return worker.report
