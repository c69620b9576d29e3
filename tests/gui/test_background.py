"""Work handed to the ``TaskRunner`` runs on a pool thread, but is let go on the UI thread; its
progress and outcome come back on the UI thread, in order. An inline runner (the tests') runs
each task at once, except image work, which Qt asks for while it paints."""

import threading
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from journal.gui.background import TaskRunner


@pytest.fixture
def threaded_runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    unhandled: list[Exception] = []
    task_runner = TaskRunner()
    task_runner.unhandled_error.connect(unhandled.append)
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
    qtbot: QtBot, threaded_runner: TaskRunner, fails: bool
) -> None:
    """A closure may hold the only reference to a Qt object; released on the pool thread,
    PySide would tear its wrapper down there and could deadlock with the UI thread."""
    runner = threaded_runner
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


def _count_to_three(report: Callable[[int], None]) -> str:
    for step in (1, 2, 3):
        report(step)
    return threading.current_thread().name


def test_progress_comes_to_the_ui_thread_before_the_outcome(
    qtbot: QtBot, threaded_runner: TaskRunner
) -> None:
    heard: list[tuple[object, str]] = []

    def note(what: object) -> None:
        heard.append((what, threading.current_thread().name))

    threaded_runner.submit_reporting(threaded_runner.exports, _count_to_three, note, note)
    qtbot.waitUntil(lambda: len(heard) == 4)

    ui = threading.main_thread().name
    assert heard[:3] == [(1, ui), (2, ui), (3, ui)]
    worker, delivered_on = heard[3]
    assert (worker != ui, delivered_on) == (True, ui)


def test_an_inline_runner_delivers_before_submit_returns() -> None:
    runner = TaskRunner(inline=True)
    heard: list[object] = []
    unhandled: list[Exception] = []
    runner.unhandled_error.connect(unhandled.append)

    runner.submit_reporting(runner.exports, _count_to_three, heard.append, heard.append)
    assert heard == [1, 2, 3, threading.main_thread().name]

    def refuse() -> None:
        raise ValueError("refused")

    runner.database_call(refuse, heard.append, lambda error: heard.append(str(error)))
    runner.database_call(refuse)
    assert heard[-1] == "refused"
    assert [str(error) for error in unhandled] == ["refused"]
    runner.shut_down()


def test_an_inline_runner_keeps_threads_for_images(qtbot: QtBot) -> None:
    """Views ask for thumbnails while Qt paints them: one delivered at once would change the
    model or document being painted."""
    runner = TaskRunner(inline=True)
    delivered: list[str] = []

    runner.submit(runner.images, lambda: threading.current_thread().name, delivered.append)
    assert delivered == []
    qtbot.waitUntil(lambda: bool(delivered))

    assert delivered != [threading.main_thread().name]
    runner.shut_down()
