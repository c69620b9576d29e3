"""The place index as a grid of one-degree cells, each holding its places packed in one blob.

A lookup that asks SQLite (even an R*Tree) costs tens of microseconds, three times the issue's
budget of 20 µs; so the finder reads every cell's blob once when it opens the index (a few MB,
milliseconds), unpacks a cell the first time a position falls in or near it, and then scores
candidates in Python. A cell holds every place whose area (``geometry.reach_km``) overlaps it,
so the places a position is *in* are all in the position's own cell. Each unpacked cell is then
split into tenth-of-a-degree squares, so that a lookup in the middle of Tokyo weighs a few dozen
places rather than the thousand of its whole cell.

The builder and the finder cut the globe with the same two functions (``fine_index`` and
``coarse_of``), so an area lands in exactly the cells the finder looks in.
"""

import math
import struct
from collections.abc import Iterable, Iterator

from journal.places.geometry import Box, boxes_around, reach_km

#: id, latitude, longitude, population, region id (0: none).
_ENTRY = struct.Struct("<iddii")

#: A place as a lookup weighs it: id, latitude, longitude, population, reach in km, region id.
Entry = tuple[int, float, float, int, float, int | None]

#: Tenths of a degree per cell side.
FINE_PER_COARSE = 10
_FINE_LAT = (-90 * FINE_PER_COARSE, 90 * FINE_PER_COARSE - 1)
_FINE_LON = (-180 * FINE_PER_COARSE, 180 * FINE_PER_COARSE - 1)


def fine_index(degrees: float, *, longitude: bool) -> int:
    """The tenth-of-a-degree row (or column) a latitude (or longitude) falls in; the last one
    takes the pole (and the date line's east side) too."""
    low, high = _FINE_LON if longitude else _FINE_LAT
    return min(max(math.floor(degrees * FINE_PER_COARSE), low), high)


def coarse_of(fine: int) -> int:
    return fine // FINE_PER_COARSE


def cell_key(row: int, column: int) -> int:
    """One integer for a one-degree cell (row and column are coarse indexes)."""
    return (row + 90) * 360 + (column + 180)


def fine_ranges(box: Box) -> tuple[range, range]:
    """The tenth-of-a-degree rows and columns a box covers."""
    south, north, west, east = box
    return (
        range(fine_index(south, longitude=False), fine_index(north, longitude=False) + 1),
        range(fine_index(west, longitude=True), fine_index(east, longitude=True) + 1),
    )


def coarse_keys(box: Box) -> Iterator[int]:
    """The one-degree cells a box overlaps."""
    rows, columns = fine_ranges(box)
    for row in range(coarse_of(rows.start), coarse_of(rows.stop - 1) + 1):
        for column in range(coarse_of(columns.start), coarse_of(columns.stop - 1) + 1):
            yield cell_key(row, column)


def place_boxes(entry: Entry) -> Iterator[Box]:
    return boxes_around(entry[1], entry[2], entry[4])


def pack(entries: Iterable[Entry]) -> bytes:
    return b"".join(
        _ENTRY.pack(place_id, latitude, longitude, population, region_id or 0)
        for place_id, latitude, longitude, population, _, region_id in entries
    )


def unpack(blob: bytes) -> list[Entry]:
    """The places of a cell (``struct.error`` for a blob that is not a whole number of them)."""
    return [
        (place_id, latitude, longitude, population, reach_km(population), region_id or None)
        for place_id, latitude, longitude, population, region_id in _ENTRY.iter_unpack(blob)
    ]


def split_fine(entries: Iterable[Entry], key: int) -> dict[tuple[int, int], list[Entry]]:
    """The places of one-degree cell ``key`` by the tenth-of-a-degree square they overlap."""
    row, column = divmod(key, 360)
    row_span = range((row - 90) * FINE_PER_COARSE, (row - 89) * FINE_PER_COARSE)
    column_span = range((column - 180) * FINE_PER_COARSE, (column - 179) * FINE_PER_COARSE)
    squares: dict[tuple[int, int], list[Entry]] = {}
    for entry in entries:
        for box in place_boxes(entry):
            rows, columns = fine_ranges(box)
            for fine_row in range(max(rows.start, row_span.start), min(rows.stop, row_span.stop)):
                for fine_column in range(
                    max(columns.start, column_span.start), min(columns.stop, column_span.stop)
                ):
                    squares.setdefault((fine_row, fine_column), []).append(entry)
    return squares
