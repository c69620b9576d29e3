"""The GUI's rule against text read as HTML, checked over its source.

A ``QLabel`` or a ``QMessageBox`` left to guess its text format reads a trip title or a file name
that looks like HTML as HTML (``test_rich_text_safety`` shows what that did). So labels and
message boxes are made only by ``journal.gui.plain_text``, which always sets the format, and a
progress dialog's label is one of them; a new widget that guesses fails here before it ships.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import journal.gui

GUI = Path(journal.gui.__file__).parent
#: The one module allowed to make labels and message boxes.
MAKER = GUI / "plain_text.py"
#: Widgets that guess their text's format unless told.
GUESSING = {"QLabel", "QMessageBox"}
#: Static functions that make such a widget and leave it guessing.
GUESSING_STATICS = {
    ("QMessageBox", "question"),
    ("QMessageBox", "information"),
    ("QMessageBox", "warning"),
    ("QMessageBox", "critical"),
    ("QMessageBox", "about"),
    ("QInputDialog", "getText"),
    ("QInputDialog", "getItem"),
    ("QInputDialog", "getInt"),
    ("QInputDialog", "getDouble"),
    ("QInputDialog", "getMultiLineText"),
}


def guessing_widgets(source: str) -> Iterator[tuple[int, str]]:
    """(line, call) of each call in ``source`` that makes a widget guessing its text format."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if isinstance(function, ast.Name) and function.id in GUESSING:
            yield node.lineno, function.id
        elif (
            isinstance(function, ast.Attribute)
            and isinstance(function.value, ast.Name)
            and (function.value.id, function.attr) in GUESSING_STATICS
        ):
            yield node.lineno, f"{function.value.id}.{function.attr}"
        elif (
            isinstance(function, ast.Name)
            and function.id == "QProgressDialog"
            and node.args
            and not (isinstance(node.args[0], ast.Constant) and node.args[0].value == "")
        ):
            yield node.lineno, "QProgressDialog with a label text"


def test_only_plain_text_makes_labels_and_message_boxes() -> None:
    offences = [
        f"{path.relative_to(GUI)}:{line}: {call}"
        for path in sorted(GUI.glob("*.py"))
        if path != MAKER
        for line, call in guessing_widgets(path.read_text(encoding="utf-8"))
    ]

    assert offences == []


def test_the_rule_finds_each_kind_of_guessing_widget() -> None:
    source = (
        "QLabel(title)\n"
        "QMessageBox.warning(None, 'x', text)\n"
        "QProgressDialog(f'Importing {name}', 'Cancel', 0, 0)\n"
        "QProgressDialog('', 'Cancel', 0, 0)\n"
        "plain_label(title)\n"
    )

    assert sorted(guessing_widgets(source)) == [
        (1, "QLabel"),
        (2, "QMessageBox.warning"),
        (3, "QProgressDialog with a label text"),
    ]
