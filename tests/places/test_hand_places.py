"""``journal place`` and ``journal place-search``, end to end on real photos and a real library:
a place by hand for a photo or a day without GPS, over a wrong automatic place, "same place as",
clearing it, and input that must be refused before anything is written."""

import hashlib
import json
from pathlib import Path

import pytest

from tests.cli.test_trip_commands import library_fingerprint, run, seattle_library
from tests.photos.photo_files import exif_for, write_photo

__all__ = ["seattle_library"]

TRIP = "seattle-2023"


@pytest.fixture
def library(seattle_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Photo 1 in Redmond (own GPS, -07:00), photo 2 in Seoul (own GPS), photo 3 without GPS or
    offset at 23:30 on the camera's clock, photo 4 without GPS, -07:00."""
    card = tmp_path / "card"
    write_photo(
        card / "1-redmond.jpg",
        exif_for(original="2023:09:17 14:00:00", offset="-07:00", gps=(47.674, -122.1215)),
    )
    write_photo(
        card / "2-seoul.jpg",
        exif_for(original="2023:09:19 10:00:00", offset="+09:00", gps=(37.5663, 126.9779)),
    )
    write_photo(card / "3-noclock.jpg", exif_for(original="2023:09:18 23:30:00"))
    write_photo(card / "4-nogps.jpg", exif_for(original="2023:09:18 12:00:00", offset="-07:00"))
    assert run(capsys, "import", TRIP, str(card), "--library", str(seattle_library))[0] == 0
    return seattle_library


def journal(capsys: pytest.CaptureFixture[str], library: Path, *argv: str) -> tuple[int, str, str]:
    return run(capsys, *argv, "--library", str(library), "--language", "en")


def photos(capsys: pytest.CaptureFixture[str], library: Path) -> dict[str, dict[str, object]]:
    code, out, _ = journal(capsys, library, "photos", TRIP, "--json")
    assert code == 0
    return {str(photo["name"]): photo for photo in json.loads(out)}


def photo_id(capsys: pytest.CaptureFixture[str], library: Path, name: str) -> str:
    return str(photos(capsys, library)[name]["id"])


def label(photo: dict[str, object]) -> object:
    place = photo["place"]
    return place["label"] if isinstance(place, dict) else None


def test_a_photo_without_gps_gets_a_place_typed_by_name(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = photo_id(capsys, library, "4-nogps.jpg")
    code, out, err = journal(capsys, library, "place", TRIP, target, "Sao Paulo")
    assert (code, err) == (0, "")
    assert "São Paulo, Brazil (by hand)" in out
    photo = photos(capsys, library)["4-nogps.jpg"]
    assert label(photo) == "São Paulo, Brazil"
    assert photo["place_source"] == photo["position_source"] == "hand"


def test_a_place_by_hand_gives_a_photo_without_an_offset_the_zone_there(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = photos(capsys, library)["3-noclock.jpg"]
    assert before["utc_offset"] == "-07:00"
    journal(capsys, library, "place", TRIP, str(before["id"]), "서울")
    after = photos(capsys, library)["3-noclock.jpg"]
    assert label(after) == "Seoul, South Korea"
    assert after["utc_offset"] == "+09:00"
    assert after["zone_source"] == "gps-position"


def test_a_place_by_hand_wins_over_gps_and_clearing_restores_the_automatic_place(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copies = sorted((library / "photos").rglob("*.jpg"))
    digests = [hashlib.sha256(path.read_bytes()).hexdigest() for path in copies]
    target = photo_id(capsys, library, "1-redmond.jpg")
    assert label(photos(capsys, library)["1-redmond.jpg"]) == "Redmond, Washington, United States"

    assert journal(capsys, library, "place", TRIP, target, "Tacoma")[0] == 0
    photo = photos(capsys, library)["1-redmond.jpg"]
    assert label(photo) == "Tacoma, Washington, United States"
    assert (photo["place_source"], photo["position_source"]) == ("hand", "own")
    code, out, _ = journal(capsys, library, "places", TRIP)
    assert "Day 1  2023-09-17  Tacoma" in out

    code, out, _ = journal(capsys, library, "place", TRIP, target, "--clear")
    assert code == 0
    assert "Redmond, Washington, United States (from its own position)" in out
    photo = photos(capsys, library)["1-redmond.jpg"]
    assert label(photo) == "Redmond, Washington, United States"
    assert (photo["place_source"], photo["position_source"]) == ("own", "own")
    assert copies
    assert digests == [hashlib.sha256(path.read_bytes()).hexdigest() for path in copies]


def test_clearing_a_photo_placed_by_hand_takes_its_position_back(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = photo_id(capsys, library, "3-noclock.jpg")
    journal(capsys, library, "place", TRIP, target, "Kyoto")
    code, out, _ = journal(capsys, library, "place", TRIP, target, "--clear")
    assert code == 0
    assert "has no place now" in out
    photo = photos(capsys, library)["3-noclock.jpg"]
    assert (photo["place"], photo["place_source"], photo["position_source"]) == (None, None, None)
    assert photo["utc_offset"] == "-07:00"


def test_same_place_as_another_photo(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = {name: str(photo["id"]) for name, photo in photos(capsys, library).items()}
    code, _, err = journal(
        capsys, library, "place", TRIP, ids["4-nogps.jpg"], "--same-as", ids["2-seoul.jpg"]
    )
    assert (code, err) == (0, "")
    assert label(photos(capsys, library)["4-nogps.jpg"]) == "Seoul, South Korea"
    code, _, err = journal(
        capsys, library, "place", TRIP, ids["1-redmond.jpg"], "--same-as", ids["3-noclock.jpg"]
    )
    assert code == 2
    assert "has no place to copy" in err


def test_a_day_gets_a_place_by_hand(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = journal(capsys, library, "place", TRIP, "day 4", "東京")
    assert code == 0
    assert "Day 4 (2023-09-20): Tokyo, Japan (by hand)" in out
    code, out, _ = journal(capsys, library, "places", TRIP, "--json")
    day = next(day for day in json.loads(out)["days"] if day["day_index"] == 4)
    assert day["summary"] == "Tokyo"
    assert day["place_by_hand"]["label"] == "Tokyo, Japan"
    journal(capsys, library, "place", TRIP, "2023-09-20", "--clear")
    code, out, _ = journal(capsys, library, "places", TRIP, "--json")
    assert all(day["day_index"] != 4 for day in json.loads(out)["days"])


def test_an_ambiguous_name_takes_the_largest_and_names_the_others(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = photo_id(capsys, library, "4-nogps.jpg")
    _, out, _ = journal(capsys, library, "place", TRIP, target, "Paris")
    assert "Paris, Île-de-France, France (by hand)" in out
    assert "Also called that: " in out
    assert "Paris, Texas, United States" in out
    _, out, _ = journal(capsys, library, "place-search", "Paris", "--json", "--limit", "3")
    texas = next(match for match in json.loads(out) if match["region"] == "Texas")
    journal(capsys, library, "place", TRIP, target, "--id", str(texas["id"]))
    assert label(photos(capsys, library)["4-nogps.jpg"]) == "Paris, Texas, United States"


def test_place_search_lists_places_largest_first(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = journal(capsys, library, "place-search", "kyoto")
    assert (code, err) == (0, "")
    assert out.splitlines()[0].split("  ")[1:3] == ["Kyoto, Japan", "1,463,723 people"]
    code, out, _ = journal(capsys, library, "place-search", "Qqqqzzz")
    assert (code, out) == (0, "No place is called 'Qqqqzzz' or a name beginning so.\n")


@pytest.mark.parametrize(
    "name",
    ["", "   ", "\x00\x1b\x07", "a" * 10_000],
    ids=["empty", "spaces", "control characters", "10,000 characters"],
)
def test_a_name_that_is_no_name_is_refused_before_anything_is_written(
    library: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    target = photo_id(capsys, library, "4-nogps.jpg")
    before = library_fingerprint(library)
    code, out, err = journal(capsys, library, "place", TRIP, target, name)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert len(err) < 200
    assert library_fingerprint(library) == before
    code, _, err = journal(capsys, library, "place-search", name)
    assert code == 2
    assert len(err) < 200


def test_an_unknown_name_photo_or_day_is_a_one_line_error(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = photo_id(capsys, library, "4-nogps.jpg")
    before = library_fingerprint(library)
    code, _, err = journal(capsys, library, "place", TRIP, target, "Qqqq\x1b[2Jzzz")
    assert code == 2
    assert err == (
        "journal: No place is called 'Qqqq\\x1b[2Jzzz'. Try the beginning of its name with "
        "`journal place-search`.\n"
    )
    assert journal(capsys, library, "place", TRIP, "99999", "Kyoto")[0] == 2
    assert journal(capsys, library, "place", TRIP, "day 40", "Kyoto")[0] == 2
    assert journal(capsys, library, "place", TRIP, target, "--id", "-3")[0] == 2
    assert library_fingerprint(library) == before
