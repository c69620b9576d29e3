"""Never lose a word: the text being edited is saved shortly after the last keystroke.

``DraftSaver`` is told when the text changed; ``SAVE_DELAY_MS`` after the last change it reads
the draft and queues one write on the database thread. Someone who types on without a pause
that long would never reach it, so a save also comes ``MAX_WAIT_MS`` after the first change not
yet saved (a debounce with a maximum wait): a crash loses at most that much typing. A switch of
day or trip, and closing the window, ``flush`` at once. Because the database pool has a single
thread, writes land in the order they were made, so a flush followed by a load of another day
can never read before the write. A failed save keeps the draft dirty and says why.
"""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from journal.gui.background import TaskRunner
from journal.services import Changes, JournalService, TextTarget

SAVE_DELAY_MS = 500
#: The longest typing goes unsaved while it never pauses for ``SAVE_DELAY_MS``.
MAX_WAIT_MS = 2000


#: Where a draft goes: one text of one trip.
DraftTarget = tuple[int, TextTarget]


@dataclass(frozen=True)
class Draft:
    target: DraftTarget
    body: str
    #: The day's title; None for a text that has none (the intro, the closing).
    title: str | None


def save_draft(service: JournalService, draft: Draft) -> Changes:
    """Write a draft through the services (runs on the database thread)."""
    trip_id, target = draft.target
    return service.set_text(trip_id, target, draft.body, draft.title)


class DraftSaver(QObject):
    """Debounced saving of the draft that ``read_draft`` returns (None: nothing to save)."""

    #: The ``Changes`` of a save, for the views to refresh (word counts, titles).
    saved = Signal(object)
    #: A save failed; the message is for the user.
    failed = Signal(str)

    def __init__(
        self,
        service: JournalService,
        runner: TaskRunner,
        read_draft: Callable[[], Draft | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._read_draft = read_draft
        self._dirty = False
        self._in_flight = 0
        #: Drafts whose write failed, retried on the next flush (the text may be gone from view).
        self._unsaved: list[Draft] = []
        self._pause = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._max_wait = QTimer(self, singleShot=True, interval=MAX_WAIT_MS)
        for timer in (self._pause, self._max_wait):
            timer.timeout.connect(self.flush)

    @property
    def idle(self) -> bool:
        """Nothing waits to be written and no write is under way."""
        return not self._dirty and self._in_flight == 0 and not self._unsaved

    def changed(self) -> None:
        """The text was edited: save it once typing pauses, or ``MAX_WAIT_MS`` from now if
        this is the first change since the last save."""
        self._dirty = True
        self._pause.start()
        if not self._max_wait.isActive():
            self._max_wait.start()

    def discard(self) -> None:
        """Forget pending edits (the text was replaced by what the library holds)."""
        self._stop_timers()
        self._dirty = False

    def flush(self) -> None:
        """Queue the pending draft for writing now."""
        self._stop_timers()
        drafts, self._unsaved = self._unsaved, []
        if self._dirty:
            self._dirty = False
            draft = self._read_draft()
            if draft is not None:
                drafts.append(draft)
        for draft in drafts:
            self._write(draft)

    def _stop_timers(self) -> None:
        self._pause.stop()
        self._max_wait.stop()

    def _write(self, draft: Draft) -> None:
        self._in_flight += 1

        def failed(error: Exception) -> None:
            self._in_flight -= 1
            self._unsaved.append(draft)
            self.failed.emit(f"Could not save the text: {error}")

        self._runner.database_call(lambda: save_draft(self._service, draft), self._on_saved, failed)

    def _on_saved(self, changes: Changes) -> None:
        self._in_flight -= 1
        self.saved.emit(changes)
