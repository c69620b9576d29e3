"""Bytes that are not UTF-8 inside a text cell (a disk damaged the words, not the structure):
every check SQLite has passes, and until now every read of the row failed. The library reads on
with U+FFFD in their place, and ``journal check`` says which trip, day and photo lost text."""

import json
import os
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from journal.cli import main
from journal.services import JournalService, NewTrip
from journal.services.recovery import recover_library
from journal.store.library import Library
from tests.photos.photo_files import exif_for, write_photo
from tests.store.test_recovery import damage_the_page_holding, write_days

DAY_TEXT = "Rain all day. MARKER-DAY-TEXT and then the ferry."
BAD_NAME = b"IMG_\xff9.jpg"  # a name that is not UTF-8, kept as bytes on purpose: not damage


def _library(root: Path, camera: Path) -> None:
    """One trip of three days, four photos on its second day, and the text of that day."""
    camera.mkdir()
    files = [
        write_photo(camera / f"IMG_{n:04d}.jpg", exif_for(original=f"2023:09:17 1{n}:00:00"))
        for n in range(3)
    ]
    odd = write_photo(camera / "odd.jpg", exif_for(original="2023:09:17 18:00:00"))
    os.rename(os.fsencode(odd), os.fsencode(camera) + b"/" + BAD_NAME)
    files.append(camera / os.fsdecode(BAD_NAME))
    with Library.open(root) as library:
        service = JournalService(library)
        trip = service.create_trip(NewTrip("Isles", date(2023, 9, 16), date(2023, 9, 18), "UTC"))
        assert trip.trip is not None
        assert len(service.import_photos(trip.trip.id, files).imported) == 4
        service.set_day_text(trip.trip.id, date(2023, 9, 17), DAY_TEXT)


def _damage(database: Path, found: bytes, damaged: bytes) -> None:
    """Overwrite the one place ``found`` is in the file with ``damaged``, as long."""
    data = database.read_bytes()
    assert data.count(found) == 1
    at = data.index(found)
    with database.open("r+b") as file:
        file.seek(at)
        file.write(damaged)


@pytest.fixture
def damaged_library(library_root: Path, tmp_path: Path) -> Path:
    """The text of Day 1 and the original name of a photo damaged in the database's pages."""
    _library(library_root, tmp_path / "card")
    database = library_root / "journal.db"
    assert not database.with_name("journal.db-wal").exists()  # all of it is in the file
    _damage(database, b"MARKER-DAY-TEXT", b"MARKER-\xff\xfe\xfd-TEXT")
    # The photo's path, then its name: damage the name.
    _damage(database, b"IMG_0001.jpgIMG_0001.jpg", b"IMG_0001.jpgIMG_\xc3\x28\xf0\x01.jpg")
    with closing(sqlite3.connect(database)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    return library_root


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Could not decode" not in captured.err
    return code, captured.out


def test_a_damaged_text_cell_reads_with_replacement_characters_everywhere(
    damaged_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = ("--library", str(damaged_library))

    code, out = cli(capsys, "photos", "isles", "--json", *library)
    assert code == 0
    names = sorted(photo["name"] for photo in json.loads(out))
    assert names == ["IMG_0000.jpg", "IMG_0002.jpg", "IMG_\\xff9.jpg", "IMG_\ufffd(\ufffd\x01.jpg"]

    code, out = cli(capsys, "days", "isles", *library)
    assert code == 0
    assert "Day 1 · Sun 17 Sep" in out

    code, _ = cli(
        capsys, "export", "isles", "--format", "hugo", "--out", str(tmp_path / "site"), *library
    )
    assert code == 0
    [post] = (tmp_path / "site").rglob("*.md")
    assert "Rain all day. MARKER-\ufffd\ufffd\ufffd-TEXT and then the ferry." in post.read_text()

    # What the app's gallery and editor read.
    with Library.open(damaged_library) as opened:
        service = JournalService(opened)
        trip = service.find_trip("isles")
        assert len(service.photos(trip.id, date(2023, 9, 17))) == 4
        assert service.day(trip.id, date(2023, 9, 17)).body.startswith(
            "Rain all day. MARKER-\ufffd"
        )
        service.set_day_text(trip.id, date(2023, 9, 17), "Retyped.")  # writes it back whole


def test_check_names_each_damaged_text_and_exits_1(
    damaged_library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = cli(capsys, "check", "--library", str(damaged_library))

    assert code == 1
    assert out.splitlines()[1:] == [
        "Damaged text in the database (bytes that are not UTF-8, shown as \ufffd):",
        "  Isles, Day 1: the text",
        "  Isles, photo 2 (IMG_\ufffd(\ufffd\\x01.jpg): the original name",
        "Retype what shows as \ufffd where you can; saving a text writes it back whole.",
        "Every photo file is intact.",
    ]
    code, out = cli(capsys, "check", "--json", "--library", str(damaged_library))
    assert json.loads(out)["damaged_text"] == [
        {"place": "Isles, Day 1", "field": "text"},
        {"place": "Isles, photo 2 (IMG_\ufffd(\ufffd\x01.jpg)", "field": "original name"},
    ]

    with Library.open(damaged_library) as opened:
        service = JournalService(opened)
        service.set_day_text(service.find_trip("isles").id, date(2023, 9, 17), "Retyped.")
    code, out = cli(capsys, "check", "--json", "--library", str(damaged_library))
    assert json.loads(out)["damaged_text"] == [
        {"place": "Isles, photo 2 (IMG_\ufffd(\ufffd\x01.jpg)", "field": "original name"}
    ]


def test_a_recovery_keeps_a_text_with_damaged_bytes(library_root: Path) -> None:
    """In a library that needs recovering, a day whose text also has a bad byte comes back
    with U+FFFD there rather than not at all."""
    with Library.open(library_root) as library:
        service = JournalService(library)
        trip = service.create_trip(NewTrip("Walk", date(2023, 1, 1), date(2023, 12, 31), "UTC"))
        assert trip.trip is not None
        bodies = write_days(service, trip.trip, 300)
    database = library_root / "journal.db"
    _damage(database, b"DAY-0010 ", b"DAY-\xff\xff10 ")
    damage_the_page_holding(database, b"DAY-0150 ")

    report = recover_library(library_root)

    assert report is not None
    with Library.open(library_root) as library:
        service = JournalService(library)
        walk = service.find_trip("walk")
        body = service.day(walk.id, date(2023, 1, 11)).body
        assert body == bodies[date(2023, 1, 11)].replace("DAY-0010", "DAY-\ufffd\ufffd10")
