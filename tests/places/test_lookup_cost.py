"""A lookup is answered from memory: SQLite is read when the index opens and for a place's names
the first time, never once per position (a statement costs more than the 20 µs a lookup may)."""

from pathlib import Path

from journal.places.finder import PlaceFinder
from journal.places.index_file import open_index


def test_positions_of_places_already_named_run_no_sql(small_index: Path) -> None:
    connection = open_index(small_index)
    finder = PlaceFinder(connection)
    positions = [(47.6097 + step / 1000, -122.3422 - step / 1000) for step in range(20)]
    first = [finder.place_at(*position) for position in positions]
    statements: list[str] = []
    connection.set_trace_callback(statements.append)
    again = [finder.place_at(*position) for position in positions]
    assert statements == []
    assert again == first
    assert {place.city for place in again} == {"Seattle"}
