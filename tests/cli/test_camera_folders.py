"""``journal import`` of a real camera folder: videos and sidecars are counted once as skipped,
a JPEG cut short is noted, and the import exits 0 when every photo made it."""

import json
from pathlib import Path

import pytest

from tests.cli.test_trip_commands import run, seattle_library
from tests.photos.camera_files_test_data import camera_card
from tests.photos.photo_files import exif_for, write_photo
from tests.photos.test_camera_files import cut_jpeg
from tests.photos.tiff_files import RawShot, raw_file

__all__ = ["seattle_library"]  # the fixture


def _import(
    capsys: pytest.CaptureFixture[str], library: Path, folder: Path, *options: str
) -> tuple[int, str]:
    code, out, _ = run(
        capsys, "import", "seattle-2023", str(folder), *options, "--library", str(library)
    )
    return code, out


def test_videos_and_sidecars_are_skipped_with_one_count_and_the_import_succeeds(
    seattle_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    camera_roll = tmp_path / "card"
    camera_card(camera_roll)

    code, out = _import(capsys, seattle_library, camera_roll)

    assert code == 0
    assert "Imported 2 photos" in out
    assert "Could not import" not in out
    assert out.count("Not photos, skipped (2 videos, 4 sidecars).") == 1


def test_the_json_report_lists_the_skipped_files(
    seattle_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    camera_roll = tmp_path / "card"
    camera_card(camera_roll)

    code, out = _import(capsys, seattle_library, camera_roll, "--json")

    record = json.loads(out)
    assert code == 0
    assert record["failures"] == []
    assert sorted(Path(path).name for path in record["skipped"]["video"]) == [
        "IMG_4711.MP4",
        "MVI_0003.MOV",
    ]
    assert len(record["skipped"]["sidecar"]) == 4


def test_an_incomplete_jpeg_is_a_note_not_a_failure(
    seattle_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    camera_roll = tmp_path / "card"
    camera_roll.mkdir()
    cut = cut_jpeg(camera_roll / "pulled-out.jpg")
    write_photo(camera_roll / "fine.jpg", exif_for(original="2023:09:18 11:00:00"))

    code, out = _import(capsys, seattle_library, camera_roll)

    assert code == 0
    assert "Imported 2 photos" in out
    assert (
        "Imported 1 incomplete file (the data stops early; the picture shows what is there):\n"
        f"  {cut}\n"
    ) in out


def test_photos_json_gives_each_photos_own_description_and_kept_raw(
    seattle_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    camera_roll = tmp_path / "card"
    exif = exif_for(original="2023:09:18 10:15:00")
    exif[0x010E] = "Ferry to Bainbridge"
    write_photo(camera_roll / "DSC_0042.JPG", exif)
    (camera_roll / "DSC_0042.NEF").write_bytes(
        raw_file("NEF", RawShot("NIKON CORPORATION", "D750", original="2023:09:18 10:15:00"))
    )
    _import(capsys, seattle_library, camera_roll)

    code, out, _ = run(
        capsys, "photos", "seattle-2023", "--json", "--library", str(seattle_library)
    )

    [photo] = json.loads(out)
    assert code == 0
    assert photo["name"] == "DSC_0042.JPG"
    assert photo["description"] == "Ferry to Bainbridge"
    assert photo["raw_library_path"].endswith(".nef")
