"""``journal check [--repair]`` end to end: what it reports, what it repairs, its exit codes."""

import json
import sys
from pathlib import Path

import pytest

from tests.cli.test_trip_commands import run, seattle_library
from tests.photos.photo_files import exif_for, write_photo

__all__ = ["seattle_library"]


@pytest.fixture
def imported(
    seattle_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> dict[str, Path]:
    """Two imported photos' library copies, by original name."""
    card = tmp_path / "card"
    for name, hour in (("keep.jpg", 9), ("lost.jpg", 10)):
        write_photo(card / name, exif_for(original=f"2023:09:18 {hour}:00:00"), color=(hour, 9, 9))
    run(capsys, "import", "seattle-2023", str(card), "--library", str(seattle_library))
    _, out, _ = run(capsys, "photos", "seattle-2023", "--json", "--library", str(seattle_library))
    return {photo["name"]: seattle_library / photo["library_path"] for photo in json.loads(out)}


def test_check_reports_a_damaged_file_with_its_photo_and_exits_1_then_repair_fixes_it(
    seattle_library: Path,
    imported: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    library = ["--library", str(seattle_library)]
    code, out, _ = run(capsys, "check", *library)
    assert (code, out.splitlines()[-1]) == (0, "Every photo file is intact.")

    copy = imported["keep.jpg"]
    data = bytearray(copy.read_bytes())
    data[100] ^= 0xFF
    copy.write_bytes(bytes(data))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)

    code, out, err = run(capsys, "check", *library)

    assert code == 1
    relative = copy.relative_to(seattle_library).as_posix()
    assert f"Damaged: {relative} — keep.jpg (photo 1) in Seattle 2023, Day 2" in out
    assert "1 file missing or damaged: run journal check --repair" in out
    assert "Checking" in err  # the progress bar, on a terminal

    code, out, _ = run(capsys, "check", "--repair", *library)

    assert code == 0
    assert f"  restored from {tmp_path / 'card' / 'keep.jpg'}" in out
    assert "Repaired 1 file; every photo file is intact now." in out
    assert copy.read_bytes() == (tmp_path / "card" / "keep.jpg").read_bytes()


def test_what_a_repair_cannot_restore_is_named_with_the_way_to_bring_it_back(
    seattle_library: Path,
    imported: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    imported["lost.jpg"].unlink()
    (tmp_path / "card" / "lost.jpg").unlink()

    code, out, _ = run(capsys, "check", "--repair", "--json", "--library", str(seattle_library))

    assert code == 1
    [bad] = json.loads(out)["bad"]
    assert bad["problem"] == "missing"
    assert bad["repaired_from"] is None
    assert bad["unrepaired_reason"] == f"{tmp_path / 'card' / 'lost.jpg'} is gone"
    assert bad["photos"][0]["name"] == "lost.jpg"
    assert bad["photos"][0]["trip"] == "seattle-2023"

    code, out, _ = run(capsys, "check", "--repair", "--library", str(seattle_library))
    assert code == 1
    assert "could not be repaired: import each photo's original again" in out
