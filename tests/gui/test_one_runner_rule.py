"""The GUI's rule of one task runner, checked over its source.

Every thread the GUI starts belongs to the ``TaskRunner`` of ``journal/gui/background.py``, which
``main`` builds and the window hands on: a dialog with a pool of its own would write the library
beside the database thread and keep its own copy of the runner (the Export dialog did). So thread
pools are made only there, and a module that makes one elsewhere fails here. GUI modules stay
small enough to read whole: none grows past ``MAX_LINES``.
"""

import ast
from pathlib import Path

import journal.gui

GUI = Path(journal.gui.__file__).parent
#: The one module allowed to make thread pools.
RUNNER = GUI / "background.py"
MAX_LINES = 400


def pools_made(source: str) -> list[int]:
    """Lines of ``source`` that make a ``QThreadPool`` (or a ``concurrent.futures`` executor)."""
    made = {"QThreadPool", "ThreadPoolExecutor", "ProcessPoolExecutor"}
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id in made)
            or (isinstance(node.func, ast.Attribute) and node.func.attr in made)
        )
    ]


def test_only_the_task_runner_makes_thread_pools() -> None:
    offences = [
        f"{path.relative_to(GUI)}:{line}"
        for path in sorted(GUI.glob("*.py"))
        if path != RUNNER
        for line in pools_made(path.read_text(encoding="utf-8"))
    ]

    assert offences == []
    assert pools_made(RUNNER.read_text(encoding="utf-8"))  # the rule looks where pools are made


def test_the_rule_finds_each_way_of_making_a_pool() -> None:
    source = (
        "pool = QThreadPool(self)\n"
        "pool = QtCore.QThreadPool()\n"
        "executor = concurrent.futures.ThreadPoolExecutor(4)\n"
        "runner.submit(runner.imports, work)\n"
    )

    assert pools_made(source) == [1, 2, 3]


def test_no_gui_module_is_over_the_line_limit() -> None:
    sizes = {
        path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in GUI.glob("*.py")
    }

    assert {name: lines for name, lines in sizes.items() if lines > MAX_LINES} == {}
