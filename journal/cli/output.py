"""Printing results: JSON for scripts (``--json``), aligned plain text for people.

Plain text shows what users and their files named things - titles, file names, camera models -
and any of those can hold control characters: a line break that splits a table row, an escape
sequence that recolours or rewrites the terminal. Table cells are always written with those
escaped (``escape_controls``, as paths are), and the commands' single lines escape the user's text
they show the same way. JSON needs none of it: it escapes control characters itself, exactly.
"""

import dataclasses
import json
import sys
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any

from journal.readable_paths import escape_controls


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, PurePosixPath):  # a photo's library path: the text the library stores
        return value.as_posix()
    if isinstance(value, frozenset | set):
        return sorted(_plain(item) for item in value)
    raise TypeError(f"Cannot write {type(value).__name__} as JSON")


def to_plain(value: Any) -> Any:
    """Dataclasses (snapshots) become dicts, recursively."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {key: to_plain(item) for key, item in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {key: to_plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(item) for item in value]
    return value


def print_json(value: Any) -> None:
    json.dump(to_plain(value), sys.stdout, ensure_ascii=False, indent=2, default=_plain)
    sys.stdout.write("\n")


def print_table(rows: Sequence[Sequence[str]]) -> None:
    """Columns padded to their widest cell (CJK characters count double, as terminals show
    them); every cell one line, its control characters escaped."""
    if not rows:
        return
    rows = [[escape_controls(cell) for cell in row] for row in rows]
    widths = [max(display_width(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        cells = [
            cell + " " * (width - display_width(cell))
            for cell, width in zip(row, widths, strict=True)
        ]
        print("  ".join(cells).rstrip())


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
