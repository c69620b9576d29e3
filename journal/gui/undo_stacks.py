"""Edit ▸ Undo and Redo for every change: one history per trip, and one for the list of trips.

Every operation's ``Changes`` reach the ``ChangeHub``; those that carry an ``undo`` step become a
command on the stack of the trip they changed (a trip made or deleted: the trip list's stack),
named as the operation was ("Move 3 Photos to Day 2"). The change is done already when its
command is pushed, so the first ``redo`` does nothing; later ones, and every ``undo``, apply the
step through ``JournalService.revert`` on the database thread, which returns the step that takes
it back again, and report the result through the hub so every view refreshes the usual way.

The editor's saves are commands too: a run of typing in one text is one "Typing" command,
merged while it goes on, so Undo takes back the run and not half a word. The text waiting to
be saved is saved before an undo, so the undo sees (and takes back) what is on the screen.

Stacks are kept for the life of the window, so switching trips keeps each trip's history. Undo
acts on the list of trips' history while it was the last to change (a trip was just deleted),
else on the open trip's.
"""

import dataclasses
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoGroup, QUndoStack

from journal.gui.background import TaskRunner
from journal.gui.change_hub import ChangeHub
from journal.services import Changes, JournalService
from journal.services.undo_steps import TextStep, UndoStep

#: The command id shared by typing commands, which Qt merges while a run of typing goes on.
TYPING_ID = 1
TYPING = "Typing"
#: A pause in typing this long ends the run: the next keystrokes are undone apart.
TYPING_PAUSE_S = 5.0

#: The key of the list of trips' stack (a trip's stack is keyed by its id).
TRIP_LIST = None


class ServiceCommand(QUndoCommand):
    """A change already made: undo and redo apply its step and keep the inverse."""

    def __init__(self, stacks: "UndoStacks", name: str, step: UndoStep) -> None:
        super().__init__(name)
        self.stacks = stacks
        #: What the next undo or redo applies; replaced by its inverse on the database thread
        #: as each applies, so an undo and a redo queued back to back follow each other.
        self.step = step
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False  # pushed after the change was made: nothing to do yet
            return
        self.stacks.apply(self)

    def undo(self) -> None:
        self.stacks.apply(self)


class TypingCommand(ServiceCommand):
    """A run of typing in one text: later saves of the run merge into it, keeping its first
    step (the text before the run)."""

    def __init__(self, stacks: "UndoStacks", step: TextStep) -> None:
        super().__init__(stacks, TYPING, step)
        self.target = (step.trip_id, step.target)

    def id(self) -> int:
        return TYPING_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        return isinstance(other, TypingCommand) and self is self.stacks.typing_run


class UndoStacks(QObject):
    """The undo stacks of a window, fed by its ``ChangeHub``."""

    #: A text is about to be put back by an undo or redo: (trip id, ``TextTarget``).
    text_reverting = Signal(int, object)

    def __init__(
        self,
        service: JournalService,
        runner: TaskRunner,
        hub: ChangeHub,
        save_text: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._hub = hub
        self._save_text = save_text
        self.group = QUndoGroup(self)
        #: Edit ▸ Undo, once ``drive`` is given it.
        self._undo_action = QAction(self)
        self._stacks: dict[int | None, QUndoStack] = {}
        self._trip: int | None = None
        self._list_last = False
        #: The typing command later saves of the same run merge into, and when it last grew.
        self.typing_run: TypingCommand | None = None
        self._typed_at = 0.0
        hub.changed.connect(self._record)
        self.group.setActiveStack(self.stack(TRIP_LIST))

    def stack(self, trip_id: int | None) -> QUndoStack:
        """The history of trip ``trip_id`` (``TRIP_LIST``: of the list of trips)."""
        if trip_id not in self._stacks:
            stack = QUndoStack(self.group)
            self._stacks[trip_id] = stack
        return self._stacks[trip_id]

    def show_trip(self, trip_id: int | None) -> None:
        """The window shows trip ``trip_id`` (None: no trip): Undo acts on its history."""
        self._trip = trip_id
        self.typing_run = None
        self._activate()

    def drive(self, undo: QAction, redo: QAction) -> None:
        """Make ``undo`` and ``redo`` (Edit ▸ Undo, Redo) act on the active history, named
        after the command they would undo or redo ("Undo Move 3 Photos to Day 2")."""
        self._undo_action = undo
        undo.triggered.connect(self.undo)
        redo.triggered.connect(self.redo)
        for action, word, can, text in (
            (undo, "&Undo", self.group.canUndoChanged, self.group.undoTextChanged),
            (redo, "&Redo", self.group.canRedoChanged, self.group.redoTextChanged),
        ):
            action.setEnabled(False)
            can.connect(action.setEnabled)
            text.connect(
                lambda name, action=action, word=word: action.setText(f"{word} {name}".strip())
            )

    def typing_pending(self) -> None:
        """The user typed and the save is yet to come: Undo already takes that typing back."""
        self._undo_action.setEnabled(True)
        self._undo_action.setText(f"&Undo {TYPING}")

    def undo(self) -> None:
        self._after_saving(self.group.undo)

    def redo(self) -> None:
        self._after_saving(self.group.redo)

    def _after_saving(self, act: Callable[[], None]) -> None:
        """Save the text being written, then ``act`` once that save is recorded: the database
        thread runs in order, so a no-op queued behind the save answers after it."""
        self._save_text()
        self._runner.database_call(lambda: None, lambda _: act())

    def _activate(self) -> None:
        key = TRIP_LIST if self._list_last or self._trip is None else self._trip
        self.group.setActiveStack(self.stack(key))

    def _record(self, changes: Changes, name: str) -> None:
        step = changes.undo
        if step is None:
            return
        command: ServiceCommand
        if isinstance(step, TextStep):
            typing = TypingCommand(self, step)
            if not self._continues_run(typing):
                self.typing_run = typing
            self._typed_at = time.monotonic()
            command = typing
        else:
            command = ServiceCommand(self, name or "Change", step)
            self.typing_run = None
        self._list_last = step.trip_id is TRIP_LIST
        self.stack(step.trip_id).push(command)
        self._activate()

    def _continues_run(self, command: TypingCommand) -> bool:
        """Whether a save of typing belongs to the run going on: the same text, no pause."""
        run = self.typing_run
        paused = time.monotonic() - self._typed_at >= TYPING_PAUSE_S
        return run is not None and run.target == command.target and not paused

    def apply(self, command: ServiceCommand) -> None:
        """Undo or redo ``command``: apply its step on the database thread, keep the inverse,
        and report what changed (without a step: it is no new change to record)."""
        self.typing_run = None
        self._list_last = command.step.trip_id is TRIP_LIST
        if isinstance(command.step, TextStep):
            self.text_reverting.emit(command.step.trip_id, command.step.target)

        def revert() -> Changes:
            changes = self._service.revert(command.step)
            if changes.undo is not None:
                command.step = changes.undo
            return dataclasses.replace(changes, undo=None)

        self._hub.run_operation(revert, name=command.text())
