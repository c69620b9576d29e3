"""Fixtures for photo tests: a folder to write camera files into."""

from pathlib import Path

import pytest


@pytest.fixture
def camera_roll(tmp_path: Path) -> Path:
    """Where tests write the files they import (outside the library)."""
    folder = tmp_path / "camera roll"
    folder.mkdir()
    return folder
