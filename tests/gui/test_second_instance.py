"""A second app on a library that is open elsewhere says so clearly and exits."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from journal.gui import app
from journal.store.library import Library


def test_a_locked_library_is_explained_and_the_app_exits(
    library: Library, library_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))

    assert app.main(["trip-journal", "--library", str(library_root)]) == 1

    assert len(shown) == 1
    assert "is open in another Trip Journal process" in shown[0]
    assert "Close it there and try again." in shown[0]
