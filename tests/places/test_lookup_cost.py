"""A lookup is answered from memory: SQLite is read when the index opens and for a place's names
the first time, never once per position (a statement costs more than the 20 µs a lookup may)."""

import random
from pathlib import Path

import pytest

from journal.places import finder as finder_module
from journal.places.finder import PlaceFinder
from journal.places.index_file import find_index, open_index


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


def test_a_split_cell_names_every_position_as_the_whole_cell_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The tenth-of-a-degree squares hold every place that reaches into them: a lookup in a
    split cell (dense Tokyo, Paris, the date line at Fiji) gives what weighing the whole cell
    gives, across square and cell edges."""
    rng = random.Random(15)
    positions = [
        (centre_lat + rng.uniform(-0.6, 0.6), min(centre_lon + rng.uniform(-0.6, 0.6), 180.0))
        for centre_lat, centre_lon in [(35.68, 139.77), (48.86, 2.35), (-16.78, 179.6)]
        for _ in range(400)
    ]
    positions += [(35.7, 139.7), (35.0, 139.0), (48.9, 2.3), (-16.8, 180.0)]
    split = PlaceFinder(open_index(find_index()))
    for position in positions:
        split.place_at(*position)
    named_in_squares = [split.place_at(*position) for position in positions]
    monkeypatch.setattr(finder_module, "SPLIT_ABOVE", 10**9)
    whole = PlaceFinder(open_index(find_index()))
    assert named_in_squares == [whole.place_at(*position) for position in positions]
