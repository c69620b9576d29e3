"""One place where every change to the library is told, and every view listens.

A user action that changes the library runs through ``ChangeHub.run_operation``: the work runs on
the runner's database thread (an import or the demo on the import thread), returns the
``Changes`` of what it did, or a report carrying them, and back on the UI thread the hub emits
``changed`` with them *before* the caller's ``on_done`` runs; the editor's text saves, which it
queues itself, are told through ``report``. Since every mutation's ``Changes`` arrive here, no
view is wired to the action that made them: the timeline, the gallery, the editor, the title and
the trips menu each refresh from ``changed`` what it names (as Anki reports every
``CollectionOp`` through ``operation_did_execute(changes, handler)``). Only while an import runs
do the views also re-read the trip as its batches land: that is progress, not an operation.

``changed`` also carries the operation's name ("Move 3 Photos to Day 2"): ``undo_stacks`` pushes
a command of that name for every change whose ``Changes`` carry an undo step. Text saves have
none; their commands are "Typing".
"""

from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal

from journal.gui.background import TaskRunner
from journal.services import Changes


class Reported(Protocol):
    """The report of a long operation (an import, the demo) and the ``Changes`` it made."""

    @property
    def changes(self) -> Changes: ...


R = TypeVar("R", bound=Changes | Reported)


class ChangeHub(QObject):
    #: (the ``Changes`` of an operation that went through, its name or ""), on the UI thread.
    #: A view that only refreshes connects a slot taking the first argument alone.
    changed = Signal(object, str)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner

    def run_operation(
        self,
        work: Callable[[], R],
        on_done: Callable[[R], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        *,
        name: str = "",
        pool: QThreadPool | None = None,
    ) -> None:
        """Run ``work`` (a service mutation) on the database thread, or on ``pool``; then report
        its ``Changes`` and call ``on_done`` with what it returned. A failure goes to
        ``on_error``, else to the runner's unhandled errors, and reports nothing."""

        def done(outcome: R) -> None:
            self.report(outcome if isinstance(outcome, Changes) else outcome.changes, name)
            if on_done is not None:
                on_done(outcome)

        target = self._runner.database if pool is None else pool
        self._runner.submit(target, work, done, on_error)

    def report(self, changes: Changes, name: str = "") -> None:
        """Tell every view about ``changes`` that came back another way (the editor's saves)."""
        self.changed.emit(changes, name)
