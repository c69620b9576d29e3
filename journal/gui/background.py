"""Run work off the UI thread and get its result, or its exception, back on the UI thread.

The window must never freeze, so every call into the core goes through one ``TaskRunner``:
``main`` builds it and hands it to the window, which hands it to every pane and dialog (a test
hands in one that runs work inline, see below). Four pools exist, each for a reason:

- ``database``: one thread, so the library sees one mutation at a time in the order the user made
  them (an autosave queued before a day switch is written before the switch reads the new day);
  every quick write goes here (``ChangeHub.run_operation`` sends the user's actions);
- ``imports``: one thread of its own, because an import (of photos, of a post, the demo's) runs
  for minutes and commits in batches, the only writes off the database thread, and quick
  writes such as autosave must interleave with it instead of waiting behind it;
- ``exports``: one thread of its own, because an export reads the library and writes a site for as
  long as its images take: it must neither wait behind an import nor hold up the database thread;
- ``images``: several threads that decode thumbnails into ``QImage`` (never ``QPixmap``, which
  belongs to the UI thread).

A worker only computes; the ``TaskRunner`` (a ``QObject`` living on the UI thread) owns the signals
that carry outcomes and progress back, so the callbacks always run on the UI thread, and no worker
holds the last reference to a Qt object made for one task (see ``_Callbacks.work``).

``TaskRunner(inline=True)`` runs each task at once on the calling thread and delivers its outcome
before ``submit`` returns, as MusicBrainz Picard's test suite swaps in a thread pool that runs each
runnable at once: the GUI tests use it, so they need not wait for threads that only stand between
an action and its effect. Image work keeps its threads even then: views ask for thumbnails while
Qt paints them (a model's ``data``, a document's ``loadResource``), and an image delivered at once
would change that model or document in the middle of its paint.
"""

import itertools
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")
P = TypeVar("P")


#: Niceness added to background threads that chew through photos (imports, thumbnails).
BACKGROUND_NICENESS = 10


def yield_cpu_to_the_ui() -> None:
    """Lower the calling thread's CPU priority, and that of the threads it starts.

    An import keeps every core busy hashing, copying and decoding; at normal priority the UI
    thread must queue for a core behind it and the window stutters. Linux schedules threads as
    tasks with their own nice value (inherited by threads they start), so this touches only the
    worker. Elsewhere thread priorities are left to Qt's defaults.
    """
    if sys.platform.startswith("linux"):
        tid = threading.get_native_id()
        current = os.getpriority(os.PRIO_PROCESS, tid)
        if current < BACKGROUND_NICENESS:
            os.setpriority(os.PRIO_PROCESS, tid, BACKGROUND_NICENESS)


@dataclass(frozen=True)
class _Callbacks(Generic[T]):
    on_result: Callable[[T], None] | None
    on_error: Callable[[Exception], None] | None
    on_progress: Callable[[Any], None] | None
    #: The work itself, kept here so that its last reference goes on the UI thread. A closure
    #: may hold the only reference to a Qt object (a dialog, say); were it released on the pool
    #: thread, PySide would tear that object's wrapper down there, disconnecting its signals
    #: while waiting for the GIL - a deadlock with the UI thread changing connections.
    work: Callable[[], T]


class _Task(QRunnable):
    """Calls ``work`` on a pool thread and hands the outcome to the runner's signal."""

    def __init__(
        self, runner: "TaskRunner", task_id: int, work: Callable[[], Any], background: bool
    ) -> None:
        super().__init__()
        self._runner = runner
        self._task_id = task_id
        self._work: Callable[[], Any] | None = work
        self._background = background

    def run(self) -> None:
        if self._background:
            yield_cpu_to_the_ui()
        # This thread lets go of the work and its outcome before the UI thread can have them,
        # so that their last references go there (see ``_Callbacks.work``).
        work, self._work = self._work, None
        assert work is not None, "a task runs once"
        # No local name holds the outcome: the UI thread may take it before this one returns.
        try:
            self._runner.keep_outcome(self._task_id, _Outcome(work(), None))
        except Exception as error:  # delivered to the UI thread, where it is shown or logged
            self._runner.keep_outcome(self._task_id, _Outcome(None, error))
        del work
        self._runner.finished.emit(self._task_id)


@dataclass(frozen=True)
class _Outcome:
    value: Any
    error: Exception | None


class TaskRunner(QObject):
    """The one door to background work; create it on the UI thread."""

    #: A task id whose outcome is waiting: emitted on a pool thread, delivered on the UI thread.
    finished = Signal(int)
    #: (task id, progress event): emitted on a pool thread, delivered on the UI thread before
    #: the task's outcome (both travel in order through this one object).
    progressed = Signal(int, object)
    #: An exception that no ``on_error`` took: the window shows it.
    unhandled_error = Signal(object)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        image_threads: int | None = None,
        inline: bool = False,
    ) -> None:
        super().__init__(parent)
        self._inline = inline
        self._ids = itertools.count(1)
        self._pending: dict[int, _Callbacks[Any]] = {}
        #: Outcomes handed over by pool threads, taken on the UI thread (dict operations are
        #: atomic under the GIL).
        self._outcomes: dict[int, _Outcome] = {}
        self._shut_down = False
        self.database = QThreadPool(self)
        self.database.setMaxThreadCount(1)
        self.imports = QThreadPool(self)
        self.imports.setMaxThreadCount(1)
        self.exports = QThreadPool(self)
        self.exports.setMaxThreadCount(1)
        self.images = QThreadPool(self)
        if image_threads is not None:
            self.images.setMaxThreadCount(image_threads)
        self.finished.connect(self._deliver)
        self.progressed.connect(self._deliver_progress)

    def submit(
        self,
        pool: QThreadPool,
        work: Callable[[], T],
        on_result: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        *,
        priority: int = 0,
    ) -> None:
        """Run ``work`` on ``pool``; ``on_result`` or ``on_error`` is then called on the UI thread.

        Without ``on_error`` an exception goes to ``unhandled_error`` (which the window uses to
        show a ``JournalError``'s message), so no failure passes in silence.
        """
        self._start(pool, next(self._ids), _Callbacks(on_result, on_error, None, work), priority)

    def submit_reporting(
        self,
        pool: QThreadPool,
        work: Callable[[Callable[[P], None]], T],
        on_progress: Callable[[P], None],
        on_result: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """``submit`` for work that reports progress: ``work`` gets a function to call, on its
        thread, with each event, and ``on_progress`` gets them on the UI thread, all before the
        outcome. The events travel through this runner, which outlives every task: a signal of
        the dialog that asked, referenced from the worker, could be torn down on the worker's
        thread (see ``_Callbacks.work``)."""
        task_id = next(self._ids)

        def report(event: P) -> None:
            self.progressed.emit(task_id, event)

        def reporting() -> T:
            return work(report)

        self._start(pool, task_id, _Callbacks(on_result, on_error, on_progress, reporting), 0)

    def database_call(
        self,
        work: Callable[[], T],
        on_result: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """``submit`` on the database pool, the only place the GUI talks to the library."""
        self.submit(self.database, work, on_result, on_error)

    def wait_for_database(self, timeout_ms: int = 30_000) -> bool:
        """Block until queued database work is done; used on close so no text is left unsaved."""
        return self.database.waitForDone(timeout_ms)

    def shut_down(self, timeout_ms: int = 30_000) -> None:
        """Drop image work nobody will see, wait for writes to finish, then accept no more.

        Outcomes still queued for delivery are dropped too: their window is closing, and the
        library they would read next may already be closed.
        """
        self._shut_down = True
        self.images.clear()
        for pool in (self.database, self.imports, self.exports, self.images):
            pool.waitForDone(timeout_ms)
        self._pending.clear()
        self._outcomes.clear()

    def report_unhandled(self, error: Exception) -> None:
        """Hand ``error`` to ``unhandled_error``: for an ``on_error`` that only deals with some
        errors itself."""
        self.unhandled_error.emit(error)

    def keep_outcome(self, task_id: int, outcome: "_Outcome") -> None:
        """Pool thread: leave ``outcome`` for the UI thread, which ``finished`` then tells."""
        self._outcomes[task_id] = outcome

    def _start(
        self, pool: QThreadPool, task_id: int, callbacks: _Callbacks[Any], priority: int
    ) -> None:
        if self._shut_down:
            return
        self._pending[task_id] = callbacks
        inline = self._inline and pool is not self.images
        # Inline, the task runs on the UI thread, whose priority must stay as it is.
        task = _Task(self, task_id, callbacks.work, pool is not self.database and not inline)
        if inline:
            task.run()
        else:
            pool.start(task, priority)

    @Slot(int, object)
    def _deliver_progress(self, task_id: int, event: object) -> None:
        callbacks = self._pending.get(task_id)
        if callbacks is not None and callbacks.on_progress is not None:
            callbacks.on_progress(event)

    @Slot(int)
    def _deliver(self, task_id: int) -> None:
        outcome = self._outcomes.pop(task_id, None)
        callbacks = self._pending.pop(task_id, None)
        if callbacks is None or outcome is None:
            return
        if outcome.error is not None:
            if callbacks.on_error is not None:
                callbacks.on_error(outcome.error)
            else:
                self.unhandled_error.emit(outcome.error)
        elif callbacks.on_result is not None:
            callbacks.on_result(outcome.value)
