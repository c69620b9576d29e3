"""The core self-check: it passes on a working install and says which step broke when one does."""

import tempfile
from contextlib import closing
from pathlib import Path

import pytest

from journal import self_check
from journal.self_check import (
    CheckFailed,
    CoreSelfCheck,
    Step,
    run_core_self_check,
    run_steps,
    verify_jekyll_post,
)


def test_core_self_check_passes_and_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    report = run_core_self_check()

    assert report.passed, report.text()
    assert [result.name for result in report.results] == [
        "photo codecs",
        "library",
        "import",
        "thumbnails",
        "export",
    ]
    assert "JPEG on Day 0 and HEIF on Day 1" in report.text()
    assert report.text().endswith("Self-check passed.")
    assert list(tmp_path.iterdir()) == []


def test_a_photo_the_codecs_cannot_read_fails_the_import_step(tmp_path: Path) -> None:
    with closing(CoreSelfCheck(tmp_path)) as check:
        make_photos, open_library, import_photos, *later = check.steps()
        make_photos.run()
        check.heic_file.write_bytes(check.heic_file.read_bytes()[:200])

        report = run_steps([open_library, import_photos, *later])

    assert not report.passed
    failed = report.results[-1]
    assert failed.name == "import"
    assert "IMG_0002.HEIC" in failed.detail
    assert report.skipped == ("thumbnails", "export")
    assert "skip  export: an earlier step failed" in report.text()
    assert report.text().endswith("Self-check FAILED.")


def test_post_check_notices_an_image_the_export_did_not_write(tmp_path: Path) -> None:
    with closing(CoreSelfCheck(tmp_path)) as check:
        assert run_steps(check.steps()).passed
        post = next((tmp_path / "site" / "_posts").iterdir())
        image = next((tmp_path / "site" / "assets").rglob("day-1-*.jpg"))
        image.unlink()

        with pytest.raises(CheckFailed, match="which the export did not write"):
            verify_jekyll_post(post, tmp_path / "site", check.trip.title)


def test_an_unexpected_error_fails_its_step_with_the_traceback() -> None:
    def broken() -> str:
        raise ModuleNotFoundError("No module named 'pillow_heif'")

    report = run_steps([Step("first", lambda: "fine"), Step("second", broken)])

    assert [result.passed for result in report.results] == [True, False]
    detail = report.results[1].detail
    assert detail.startswith("ModuleNotFoundError: No module named 'pillow_heif'")
    assert "Traceback" in detail


def test_main_prints_the_report_and_exits_0(capsys) -> None:
    assert self_check.main() == 0

    out = capsys.readouterr().out
    assert out.startswith("ok    photo codecs: wrote and read back a JPEG and a HEIC")
    assert out.rstrip().endswith("Self-check passed.")


def test_no_steps_is_not_a_pass() -> None:
    assert not run_steps([]).passed
