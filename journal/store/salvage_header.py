"""Mending the obvious fields of a damaged database header, on the salvage's private copy.

The first 100 bytes of a SQLite file say what it is (a 16-byte magic string) and how to read
the rest (its page size above all). When only they are damaged, SQLite refuses the whole file -
"file is not a database" - although every page of trips and text is intact, and a recovery
would read nothing back. So when the copy cannot be read, the fields whose right value is fixed
or can be found are written back: the magic string, the format versions and the payload
fractions (always 64, 32, 32), and the page size. The right page size is the one that agrees
with the page count the header keeps and the file's size; failing that, every power of two from
512 to 65,536 is tried. The first header under which SQLite reads the schema and the first page
of each table is kept; if none is, the copy gets its own header back.

Only ever the copy: the damaged original keeps every byte.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import BinaryIO

HEADER_SIZE = 100
MAGIC = b"SQLite format 3\0"
#: Every page size SQLite allows; the header writes 65,536 as 1.
PAGE_SIZES = tuple(2**power for power in range(9, 17))
#: The maximum and minimum embedded payload fractions and the leaf payload fraction.
PAYLOAD_FRACTIONS = bytes((64, 32, 32))
#: The file format versions: 1 for a rollback journal, 2 for WAL.
LEGACY, WAL = 1, 2


def mend_header(copy: Path) -> None:
    """Make ``copy`` readable by mending its header, if it is not and a mended header helps."""
    if readable(copy):
        return
    with copy.open("r+b") as file:
        original = file.read(HEADER_SIZE)
        if len(original) < HEADER_SIZE:
            return
        file_size = file.seek(0, 2)
        header = bytearray(original)
        header[:16] = MAGIC
        version = WAL if copy.with_name(copy.name + "-wal").exists() else LEGACY
        for at in (18, 19):
            if header[at] not in (LEGACY, WAL):
                header[at] = version
        header[21:24] = PAYLOAD_FRACTIONS
        for page_size in _likely_page_sizes(original, file_size):
            header[16:18] = (1 if page_size == 65536 else page_size).to_bytes(2, "big")
            _write_header(file, header)
            if readable(copy):
                return
        _write_header(file, original)


def readable(database: Path) -> bool:
    """Whether SQLite reads ``database``'s schema, a Trip Journal one, and the first page of
    each of its tables (read-only: a wrong page size must not make SQLite write)."""
    try:
        with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as connection:
            tables = [
                name
                for (name,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type='table'"
                )
            ]
            for table in tables:
                connection.execute(f'SELECT * FROM "{table}" LIMIT 1').fetchall()
    except sqlite3.DatabaseError:
        return False
    return "trips" in tables


def _likely_page_sizes(header: bytes, file_size: int) -> Iterator[int]:
    """Page sizes to try, the likeliest first: the one the header's page count and the file's
    size agree on, the one the header says, those the file's size is a multiple of, the rest."""
    page_count = int.from_bytes(header[28:32], "big")
    # The page count is valid only while the change counter matches its "valid for" field.
    counted = header[24:28] == header[92:96] and page_count > 0
    stated = int.from_bytes(header[16:18], "big")
    stated = 65536 if stated == 1 else stated
    candidates = [size for size in PAGE_SIZES if counted and size * page_count == file_size]
    candidates += [stated] if stated in PAGE_SIZES else []
    candidates += [size for size in PAGE_SIZES if file_size % size == 0]
    candidates += PAGE_SIZES
    return iter(dict.fromkeys(candidates))


def _write_header(file: BinaryIO, header: bytes | bytearray) -> None:
    file.seek(0)
    file.write(header)
    file.flush()
