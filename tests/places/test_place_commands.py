"""``journal places`` and the place in ``journal photos --json``, end to end on real photos."""

import json
from pathlib import Path

import pytest

from journal.places.finder import Place, Relation, place_finder
from journal.places.summaries import day_summary, trip_places
from tests.cli.test_trip_commands import run, seattle_library
from tests.photos.photo_files import exif_for, write_photo

__all__ = ["seattle_library"]


@pytest.fixture
def gps_roll(tmp_path: Path) -> Path:
    folder = tmp_path / "card"
    shots = [
        ("1-pike.jpg", "2023:09:17 09:00:00", (47.6097, -122.3422)),
        ("2-redmond.jpg", "2023:09:17 14:00:00", (47.674, -122.1215)),
        ("3-needle.jpg", "2023:09:17 19:00:00", (47.6205, -122.3493)),
        ("4-seoul.jpg", "2023:09:19 10:00:00", (37.5663, 126.9779)),
    ]
    for name, time, gps in shots:
        write_photo(folder / name, exif_for(original=time, offset="-07:00", gps=gps))
    write_photo(folder / "5-nogps.jpg", exif_for(original="2023:09:19 12:00:00", offset="-07:00"))
    return folder


def test_places_lists_each_day_with_its_route_and_the_trip_countries(
    seattle_library: Path, gps_roll: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = ["--library", str(seattle_library)]
    assert run(capsys, "import", "seattle-2023", str(gps_roll), *library)[0] == 0

    code, out, _ = run(capsys, "places", "seattle-2023", "--language", "en", *library)
    assert code == 0
    assert "Day 1  2023-09-17  Seattle → Redmond → Seattle" in out
    assert "Day 3  2023-09-19  Seoul" in out
    assert "Countries: United States, South Korea" in out
    assert "Cities: Seattle, Redmond, Seoul" in out

    code, out, _ = run(capsys, "places", "seattle-2023", "--json", "--language", "ko", *library)
    report = json.loads(out)
    assert report["cities"] == ["시애틀", "레드먼드", "서울"]
    assert report["photos_without_position"] == 1
    assert report["days"][1]["places"][0]["photos"] == 1


def test_photos_json_carries_each_photo_place(
    seattle_library: Path, gps_roll: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = ["--library", str(seattle_library)]
    run(capsys, "import", "seattle-2023", str(gps_roll), *library)
    code, out, err = run(capsys, "photos", "seattle-2023", "--json", "--language", "en", *library)
    assert (code, err) == (0, "")
    places = {photo["name"]: photo["place"] for photo in json.loads(out)}
    assert places["2-redmond.jpg"]["label"] == "Redmond, Washington, United States"
    assert places["4-seoul.jpg"]["country_code"] == "KR"
    assert places["5-nogps.jpg"] is None


def test_without_an_index_photos_still_lists_and_places_says_how_to_build_it(
    seattle_library: Path,
    gps_roll: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    library = ["--library", str(seattle_library)]
    run(capsys, "import", "seattle-2023", str(gps_roll), *library)
    monkeypatch.setenv("TRIP_JOURNAL_PLACES", str(tmp_path / "missing.sqlite"))
    place_finder.cache_clear()  # the installed index, opened by the tests before this one
    request.addfinalizer(place_finder.cache_clear)
    code, out, err = run(capsys, "photos", "seattle-2023", "--json", *library)
    assert code == 0
    assert all(photo["place"] is None for photo in json.loads(out))
    assert "no place names" in err
    code, _, err = run(capsys, "places", "seattle-2023", *library)
    assert code == 2
    assert "python -m journal.places.build" in err


def test_a_day_summary_shows_each_stop_and_returns() -> None:
    seattle = Place(Relation.IN, city="Seattle", country="United States")
    redmond = Place(Relation.NEAR, city="Redmond", country="United States")
    sea = Place(Relation.AT_SEA)
    assert day_summary([seattle, seattle, redmond, seattle]) == "Seattle → Redmond → Seattle"
    assert day_summary([seattle, sea]) == "Seattle → at sea"
    whole = trip_places([seattle, redmond, sea, seattle])
    assert (whole.countries, whole.cities) == (["United States"], ["Seattle", "Redmond"])
