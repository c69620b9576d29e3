"""Work handed to the ``TaskRunner`` runs on a pool thread, but is let go on the UI thread."""

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from journal.gui.background import TaskRunner


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    unhandled: list[Exception] = []
    task_runner = TaskRunner(unhandled.append)
    yield task_runner
    task_runner.shut_down()
    assert unhandled == []


class _Released:
    """Records the thread that drops the last reference to it."""

    def __init__(self, record: list[str]) -> None:
        self._record = record

    def __del__(self) -> None:
        self._record.append(threading.current_thread().name)


@pytest.mark.parametrize("fails", [False, True])
def test_what_the_work_holds_is_released_on_the_ui_thread(
    qtbot: QtBot, runner: TaskRunner, fails: bool
) -> None:
    """A closure may hold the only reference to a Qt object; released on the pool thread,
    PySide would tear its wrapper down there and could deadlock with the UI thread."""
    released: list[str] = []
    delivered: list[object] = []

    def submit() -> None:
        held = _Released(released)

        def work() -> str:
            assert held is not None
            if fails:
                raise ValueError("refused")
            return threading.current_thread().name

        # Only the error's words are kept: its traceback would keep ``held`` alive.
        runner.submit(runner.imports, work, delivered.append, lambda e: delivered.append(str(e)))

    submit()
    qtbot.waitUntil(lambda: bool(delivered))

    assert released == [threading.main_thread().name]
    if not fails:
        assert delivered != [threading.main_thread().name]  # it did run on the pool
