"""``journal track`` end to end, and what ``journal photos --json`` then says of the photos."""

import json
from pathlib import Path

import pytest

from tests.cli.test_trip_commands import library_fingerprint, run, seattle_library
from tests.photos.photo_files import exif_for, write_photo
from tests.tracks.gpx_files import write_gpx
from tests.tracks.test_track_import import SEATTLE_START, walk

__all__ = ["seattle_library"]


@pytest.fixture
def imported(seattle_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    card = tmp_path / "card"
    write_photo(card / "walk.jpg", exif_for(original="2023:09:16 08:25:00"))
    write_photo(card / "own.jpg", exif_for(original="2023:09:16 08:26:00", gps=(47.0, -122.0)))
    write_photo(card / "late.jpg", exif_for(original="2023:09:16 11:00:00"))
    code, _, err = run(
        capsys, "import", "seattle-2023", str(card), "--library", str(seattle_library)
    )
    assert code == 0, err
    return seattle_library


def test_track_places_photos_and_photos_json_says_how(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gpx = write_gpx(tmp_path / "walk.gpx", segments=[walk(SEATTLE_START, 47.60, -122.34)])

    code, out, err = run(capsys, "track", "seattle-2023", str(gpx), "--library", str(imported))

    assert code == 0, err
    assert (
        f"{gpx}: imported track 'Test track', 7 points, 2023-09-16 15:00 to 2023-09-16 16:00 UTC."
        in out
    )
    assert (
        "Placed 1 photo without their own GPS by the tracks; 1 more taken further than 30m" in out
    )
    code, out, _ = run(capsys, "photos", "seattle-2023", "--json", "--library", str(imported))
    photos = {photo["name"]: photo for photo in json.loads(out)}
    assert photos["walk.jpg"]["position_source"] == "track"
    assert photos["walk.jpg"]["track_gap_seconds"] == 300
    assert photos["walk.jpg"]["place"]["city"] == "Seattle"
    assert photos["own.jpg"]["position_source"] == "own"
    assert photos["own.jpg"]["track_gap_seconds"] is None
    assert photos["late.jpg"]["position_source"] is None
    assert photos["late.jpg"]["place"] is None


def test_max_gap_option_reaches_further(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gpx = write_gpx(tmp_path / "walk.gpx", segments=[walk(SEATTLE_START, 47.60, -122.34)])

    code, out, err = run(
        capsys,
        "track",
        "seattle-2023",
        str(gpx),
        "--max-gap",
        "2h",
        "--json",
        "--library",
        str(imported),
    )

    assert code == 0, err
    record = json.loads(out)
    assert (record["placed"], record["unplaced"]) == (2, 0)
    assert len(record["changed_photos"]) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE gpx SYSTEM "http://example.invalid/x.dtd"><gpx/>',
            "declares a DTD or entities",
        ),
        ("<gpx><trk><trkseg><trkpt lat='1' lon='2'>", "is not a readable GPX file"),
    ],
)
def test_a_hostile_file_is_one_line_exit_2_and_nothing_written(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    bad = tmp_path / "bad.gpx"
    bad.write_text(content)
    before = library_fingerprint(imported)

    code, out, err = run(capsys, "track", "seattle-2023", str(bad), "--library", str(imported))

    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1
    assert library_fingerprint(imported) == before


def test_an_invalid_max_gap_is_refused_before_the_library_opens(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys,
        "track",
        "seattle-2023",
        str(tmp_path / "x.gpx"),
        "--max-gap",
        "soon",
        "--library",
        str(imported),
    )

    assert code == 2
    assert "Invalid maximum gap 'soon': write it like 30m, 1h, 90s or 1h30m." in err
