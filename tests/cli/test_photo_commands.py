"""``journal import``, ``photos``, ``cameras`` and ``camera-offset`` end to end, in-process."""

import json
import signal
import sys
from pathlib import Path

import pytest

from journal.cli import main
from journal.cli.interrupts import cancel_on_interrupt
from journal.photos.formats import ACCEPTED_DESCRIPTION
from journal.photos.import_progress import CancelToken
from tests.cli.test_trip_commands import library_fingerprint, run, seattle_library
from tests.photos.photo_files import exif_for, write_photo

__all__ = ["seattle_library"]  # the fixture, shared with the trip command tests


@pytest.fixture
def camera_roll(tmp_path: Path) -> Path:
    folder = tmp_path / "card"
    for hour in (1, 9, 17):
        write_photo(
            folder / f"canon{hour:02d}.jpg",
            exif_for(
                original=f"2023:09:18 {hour:02d}:00:00",
                make="Canon",
                model="Canon EOS R6",
                serial="0123",
            ),
        )
    write_photo(
        folder / "phone.jpg",
        exif_for(original="2023:09:17 20:00:00", offset="-07:00", make="Apple", model="iPhone 14"),
    )
    write_photo(folder / "old.jpg", exif_for(original="2023:08:01 10:00:00"))
    (folder / "readme.txt").write_text("not a photo")
    return folder


def test_import_prints_a_summary_with_each_failure_and_exits_1(
    seattle_library: Path,
    camera_roll: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, err = run(
        capsys, "import", "seattle-2023", str(camera_roll), "--library", str(seattle_library)
    )

    assert code == 1
    assert "Imported 5 photos into Seattle 2023 (1 outside the trip's dates, in Unassigned)." in out
    assert "Could not import 1:" in out
    assert f"{camera_roll / 'readme.txt'}: not an image this app can read" in out
    # The progress bars, on stderr.
    assert "Reading" in err
    assert "Copying" in err
    assert "photo/s" in err

    code, out, _ = run(
        capsys,
        "import",
        "seattle-2023",
        str(camera_roll / "phone.jpg"),
        "--library",
        str(seattle_library),
    )
    assert code == 0
    assert "Imported 0 photos" in out
    assert "Skipped 1 already in the trip." in out


def test_import_draws_no_progress_bars_into_a_log_file(
    seattle_library: Path, camera_roll: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "import", "seattle-2023", str(camera_roll), "--library", str(seattle_library)
    )

    assert code == 1
    assert "Imported 5 photos" in out
    assert err == ""


def test_import_json_report(
    seattle_library: Path, camera_roll: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys,
        "import",
        "seattle-2023",
        str(camera_roll),
        "--json",
        "--library",
        str(seattle_library),
    )

    report = json.loads(out)
    assert code == 1
    assert len(report["imported"]) == 5
    assert report["unassigned"] == 1
    assert report["duplicates"] == []
    assert report["failures"] == [
        {
            "path": str(camera_roll / "readme.txt"),
            "reason": f"not an image this app can read (it accepts {ACCEPTED_DESCRIPTION})",
        }
    ]
    assert report["cancelled"] is False
    assert err == ""


def test_photos_json_lists_day_time_offset_and_source(
    seattle_library: Path, camera_roll: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "import", "seattle-2023", str(camera_roll), "--library", str(seattle_library))

    code, out, _ = run(
        capsys, "photos", "seattle-2023", "--json", "--library", str(seattle_library)
    )

    assert code == 0
    photos = {photo["name"]: photo for photo in json.loads(out)}
    assert photos["phone.jpg"]["day"] == "2023-09-17"
    assert photos["phone.jpg"]["day_index"] == 1
    assert photos["phone.jpg"]["local_time"] == "2023-09-17T20:00:00"
    assert photos["phone.jpg"]["utc_offset"] == "-07:00"
    assert photos["phone.jpg"]["time_source"] == "exif-original"
    assert photos["phone.jpg"]["time_trusted"] is True
    assert photos["old.jpg"]["day"] is None
    assert list(photos)[-1] == "old.jpg"  # Unassigned comes last

    code, out, _ = run(
        capsys, "photos", "seattle-2023", "--day", "2", "--library", str(seattle_library)
    )
    assert [line.split()[-1] for line in out.splitlines()] == [
        "canon01.jpg",
        "canon09.jpg",
        "canon17.jpg",
    ]
    code, out, _ = run(
        capsys, "photos", "seattle-2023", "--unassigned", "--library", str(seattle_library)
    )
    assert "old.jpg" in out


def test_cameras_and_camera_offset(
    seattle_library: Path, camera_roll: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "import", "seattle-2023", str(camera_roll), "--library", str(seattle_library))

    code, out, _ = run(capsys, "cameras", "seattle-2023", "--library", str(seattle_library))
    assert code == 0
    assert out.splitlines()[0].split() == ["1", "Canon", "EOS", "R6", "(#0123)", "3", "photos"]

    before = library_fingerprint(seattle_library)
    code, out, _ = run(
        capsys,
        "camera-offset",
        "seattle-2023",
        "1",
        "-16h",
        "--dry-run",
        "--library",
        str(seattle_library),
    )
    assert code == 0
    assert "would move 2 photos" in out
    assert "canon01.jpg: 2023-09-18 → 2023-09-17" in out
    assert library_fingerprint(seattle_library) == before

    code, out, _ = run(
        capsys,
        "camera-offset",
        "seattle-2023",
        "canon",
        "-16h",
        "--json",
        "--library",
        str(seattle_library),
    )
    result = json.loads(out)
    assert result["applied"] is True
    assert result["offset_seconds"] == -16 * 3600
    assert len(result["moves"]) == 2

    _, out, _ = run(capsys, "cameras", "seattle-2023", "--json", "--library", str(seattle_library))
    assert json.loads(out)[0]["offset_seconds"] == -16 * 3600


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["camera-offset", "seattle-2023", "1", "+9 hours"], "Invalid clock correction"),
        (["camera-offset", "seattle-2023", "nikon", "+9h"], "No camera 'nikon'"),
        (["camera-offset", "seattle-2023", "1", "+999999d"], "at most 100 years"),
        (["camera-offset", "seattle-2023", "1"], "Give either CAMERA and OFFSET"),
        (["camera-offset", "seattle-2023", "--photo", "1"], "Give either CAMERA and OFFSET"),
        (
            ["camera-offset", "seattle-2023", "--photo", "1", "--actual-time", "9am"],
            "Invalid time '9am'",
        ),
        (["photos", "seattle-2023", "--day", "9"], "there is no Day 9"),
        (["import", "nowhere", "."], "There is no trip 'nowhere'"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    seattle_library: Path,
    camera_roll: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    run(capsys, "import", "seattle-2023", str(camera_roll), "--library", str(seattle_library))
    before = library_fingerprint(seattle_library)

    code, _, err = run(capsys, *argv, "--library", str(seattle_library))

    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert library_fingerprint(seattle_library) == before


def test_main_is_the_entry_point(seattle_library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["photos", "seattle-2023", "--library", str(seattle_library)]) == 0
    assert "No photos" in capsys.readouterr().out


def test_the_first_ctrl_c_stops_a_recovery_cleanly_and_the_second_quits(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cancel = CancelToken()
    with cancel_on_interrupt(cancel):
        signal.raise_signal(signal.SIGINT)
        assert cancel.cancelled
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)
    assert "Stopping after the photos in progress" in capsys.readouterr().err
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_camera_offset_from_a_photos_actual_time(
    seattle_library: Path, camera_roll: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "import", "seattle-2023", str(camera_roll), "--library", str(seattle_library))
    _, out, _ = run(capsys, "photos", "seattle-2023", "--json", "--library", str(seattle_library))
    canon01 = next(photo["id"] for photo in json.loads(out) if photo["name"] == "canon01.jpg")

    code, out, _ = run(
        capsys,
        "camera-offset",
        "seattle-2023",
        "--photo",
        str(canon01),
        "--actual-time",
        "2023-09-17 09:00",
        "--library",
        str(seattle_library),
    )

    assert code == 0
    assert "Canon EOS R6 (#0123): clock -16h; moved 2 photos to another day." in out


def test_days_and_cameras_say_1_photo_not_1_photos(
    seattle_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = write_photo(
        tmp_path / "one.jpg", exif_for(original="2023:09:18 10:00:00", make="Canon", model="R6")
    )
    old = write_photo(tmp_path / "old.jpg", exif_for(original="2023:08:01 10:00:00"))
    run(capsys, "import", "seattle-2023", str(one), str(old), "--library", str(seattle_library))

    _, days, _ = run(capsys, "days", "seattle-2023", "--library", str(seattle_library))
    _, cameras, _ = run(capsys, "cameras", "seattle-2023", "--library", str(seattle_library))

    day_2 = next(line for line in days.splitlines() if line.startswith("Day 2"))
    assert day_2.split()[-2:] == ["1", "photo"]
    assert "Unassigned: 1 photo\n" in days
    assert "1 photos" not in days
    assert [line.split()[-2:] for line in cameras.splitlines()] == [["1", "photo"]] * 2
