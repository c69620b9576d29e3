"""A file name that is not valid UTF-8 (normal on old cards and network shares) is imported like
any other: its path is kept exactly, shown readably, and the rest of the import never notices."""

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from journal.cli import main
from journal.services import JournalService, TripInfo
from tests.cli.test_trip_commands import run, seattle_library
from tests.photos.photo_files import exif_for, write_photo

__all__ = ["seattle_library"]

#: The 51st of 100 files: "IMG_" 0xFF "050.jpg", a Latin-1 ÿ as an old camera wrote it.
BAD_NAME = b"IMG_\xff050.jpg"
READABLE_NAME = "IMG_\\xff050.jpg"


def _card_with_a_bad_name(folder: Path) -> Path:
    """100 photos, the one in the middle named with a byte that is not UTF-8."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(100):
        write_photo(
            folder / f"IMG_{index:03d}.jpg",
            exif_for(original=f"2023:09:18 10:{index // 60:02d}:{index % 60:02d}"),
            size=(16, 12),
            color=(index, 255 - index, 40),
        )
    try:
        os.rename(os.fsencode(folder / "IMG_050.jpg"), os.fsencode(folder) + b"/" + BAD_NAME)
    except OSError:  # macOS and Windows file systems refuse such names; Linux keeps any bytes
        pytest.skip("this file system refuses names that are not UTF-8")
    return folder / os.fsdecode(BAD_NAME)


def _library_files(root: Path) -> list[Path]:
    return [path for path in (root / "photos").rglob("*") if path.is_file()]


def test_the_import_brings_in_every_file_and_keeps_the_name_exactly(
    service: JournalService, seattle: TripInfo, tmp_path: Path
) -> None:
    bad = _card_with_a_bad_name(tmp_path / "card")

    report = service.import_photos(seattle.id, [tmp_path / "card"])

    assert report.failures == ()
    assert len(report.imported) == 100
    photos = service.all_photos(seattle.id)
    [photo] = [photo for photo in photos if photo.original_name == READABLE_NAME]
    # The path round-trips to the very bytes the file system has, and opens the file again.
    assert os.fsencode(photo.original_path) == os.fsencode(bad)
    assert Path(photo.original_path).read_bytes() == service.photo_path(photo).read_bytes()
    assert len(_library_files(service.library.root)) == 100  # no orphan copies
    # Only that path is stored as bytes; every other stays text, as before.
    with sqlite3.connect(service.library.database_path) as raw:
        types = dict(
            raw.execute("SELECT original_name, typeof(original_path) FROM photos").fetchall()
        )
    raw.close()
    assert types.pop(READABLE_NAME) == "blob"
    assert set(types.values()) == {"text"}
    # Importing again finds the same bytes: nothing new, nothing refused.
    again = service.import_photos(seattle.id, [tmp_path / "card"])
    assert (again.imported, again.failures, again.duplicate_count) == ((), (), 100)


def test_the_cli_imports_it_and_shows_it_readably_in_text_and_json(
    seattle_library: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    card = tmp_path / "card"
    _card_with_a_bad_name(card)
    notes = card / os.fsdecode(b"notes\xe9.txt")
    notes.write_text("not a photo")
    library = ["--library", str(seattle_library)]
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # with progress bars

    code, out, err = run(capsys, "import", "seattle-2023", str(card), *library)

    assert code == 1, err  # the text file only
    assert "Imported 100 photos into Seattle 2023." in out
    assert f"  {card}/notes\\xe9.txt: not an image this app can read" in out
    assert "Traceback" not in err
    assert len(_library_files(seattle_library)) == 100

    code, out, _ = run(capsys, "import", "seattle-2023", str(card), "--json", *library)
    report = json.loads(out)
    assert report["failures"][0]["path"] == f"{card}/notes\\xe9.txt"
    assert f"{card}/{READABLE_NAME}" in report["duplicates"]

    code, out, _ = run(capsys, "photos", "seattle-2023", "--json", *library)
    assert code == 0
    [photo] = [photo for photo in json.loads(out) if photo["name"] == READABLE_NAME]
    assert photo["original_path"] == f"{card}/{READABLE_NAME}"
    code, out, _ = run(capsys, "photos", "seattle-2023", *library)
    assert READABLE_NAME in out

    site = tmp_path / "site"
    code, out, err = run(
        capsys, "export", "seattle-2023", "--format", "jekyll", "--out", str(site), *library
    )
    assert code == 0, err
    [post] = (site / "_posts").iterdir()
    # Shown, and not described by its file name (issue 13): no alt text says nothing wrong.
    text = post.read_text(encoding="utf-8")
    assert text.count("![](/assets/images/seattle-2023/day-2-") == 100
    assert "IMG_" not in text


def test_main_never_prints_a_traceback_for_it(seattle_library: Path, tmp_path: Path) -> None:
    card = tmp_path / "card"
    _card_with_a_bad_name(card)
    assert main(["import", "seattle-2023", str(card), "--library", str(seattle_library)]) == 0
