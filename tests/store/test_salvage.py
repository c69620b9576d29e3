"""Reading a damaged table row by row: the rows on a damaged page are stepped over, not the rest."""

import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import cast

import pytest

from journal.store import salvage

ROWS = 2000


@pytest.fixture
def damaged_table(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """A table of 2,000 rows, one of whose leaf pages in the middle is random bytes."""
    database = tmp_path / "notes.db"
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        connection.executemany(
            "INSERT INTO notes VALUES (?, ?)",
            [(n, f"note {n} " + "x" * 300) for n in range(1, 2001)],
        )
    data = bytearray(database.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    table_leaves = [
        page for page in range(1, len(data) // page_size) if data[page * page_size] == 0x0D
    ]
    middle = table_leaves[len(table_leaves) // 2] * page_size
    data[middle : middle + page_size] = random.Random(5).randbytes(page_size)
    database.write_bytes(bytes(data))
    with closing(sqlite3.connect(database)) as connection:
        yield connection


def read_ids(connection: sqlite3.Connection) -> list[int]:
    ids = [row["id"] for row in salvage.readable_rows(connection, "notes")]
    assert all(isinstance(row_id, int) for row_id in ids)
    return cast(list[int], ids)


def test_the_rows_of_a_damaged_page_are_stepped_over(damaged_table: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.DatabaseError):
        damaged_table.execute("SELECT * FROM notes").fetchall()

    ids = read_ids(damaged_table)

    missing = sorted(set(range(1, ROWS + 1)) - set(ids))
    assert ids == sorted(ids)
    assert 0 < len(missing) < 20
    assert missing == list(range(missing[0], missing[-1] + 1))  # one page's worth, nothing else


def test_a_table_is_given_up_after_too_many_failed_reads(
    damaged_table: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(salvage, "MAX_FAILED_READS", 2)

    ids = read_ids(damaged_table)

    assert ids == list(range(1, len(ids) + 1))
    assert len(ids) < ROWS / 2 + 20
