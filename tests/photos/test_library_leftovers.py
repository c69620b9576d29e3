"""``journal check`` reports the copies and thumbnails no photo uses (left by an import killed
between a copy and its row), with their count and size; ``--repair`` removes the thumbnails, and
the copies (perhaps the only copy of a photo whose row was lost) go only with
``--remove-unused-copies``."""

import json
from pathlib import Path

import pytest

from journal.photos.disk_space import size_text
from journal.photos.storage import content_hash, copy_path_for
from journal.photos.thumbnails import ThumbnailCache, ThumbSize
from journal.services import JournalService, TripInfo
from journal.store.library import Library
from tests.cli.test_trip_commands import run
from tests.photos.photo_files import exif_for, write_photo


@pytest.fixture
def leftovers(
    service: JournalService, seattle: TripInfo, camera_roll: Path, tmp_path: Path
) -> dict[str, Path]:
    """Two imported photos; two copies and a thumbnail whose rows never came, a link among them;
    and files in the library's folders that are not named like copies."""
    for name in ("kept-1.jpg", "kept-2.jpg"):
        write_photo(camera_roll / name, exif_for(original="2023:09:18 10:00:00"), color=(9, 9, 9))
    write_photo(camera_roll / "kept-2.jpg", color=(20, 30, 40))
    service.import_photos(seattle.id, [camera_roll])
    root = service.library.root
    found: dict[str, Path] = {}
    for name, color in (("orphan-1", (200, 0, 0)), ("orphan-2", (0, 200, 0))):
        source = write_photo(tmp_path / "killed" / f"{name}.jpg", color=color)
        digest = content_hash(source)
        found[name] = root / copy_path_for(digest, "JPEG")
        found[name].parent.mkdir(parents=True, exist_ok=True)
        found[name].write_bytes(source.read_bytes())
    outside = write_photo(tmp_path / "elsewhere.jpg", color=(1, 1, 1))
    found["link"] = root / copy_path_for("ab" * 32, "JPEG")
    found["link"].parent.mkdir(parents=True, exist_ok=True)
    found["link"].symlink_to(outside)
    found["outside"] = outside
    cache = ThumbnailCache(root)
    found["thumbnail"] = cache.cached_path(content_hash(found["orphan-1"]), ThumbSize.THUMB)
    found["thumbnail"].parent.mkdir(parents=True, exist_ok=True)
    found["thumbnail"].write_bytes(b"x" * 1000)
    found["notes"] = found["link"].parent / "notes.txt"
    found["notes"].write_text("not a copy")
    found["loose"] = service.library.photos_dir / f"{'cd' * 32}.jpg"  # not in its fan-out folder
    found["loose"].write_bytes(b"loose")
    service.library.close()  # the command takes the library's lock
    return found


def test_check_reports_the_files_no_photo_uses_with_their_count_and_size(
    service: JournalService, leftovers: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    size = sum(leftovers[name].stat().st_size for name in ("orphan-1", "orphan-2"))

    code, out, _ = run(capsys, "check", "--library", str(service.library.root))

    assert code == 0
    assert (
        f"Found 3 copies no photo uses ({size_text(size)}): they may be photos whose rows were "
        "lost (an older journal.db put back knows nothing of the photos imported since); journal "
        "check --remove-unused-copies deletes them."
    ) in out
    assert "Found 1 thumbnail of no photo (1.0 kB): journal check --repair removes them." in out
    assert all(path.exists() or path.is_symlink() for path in leftovers.values())


def test_a_repair_removes_thumbnails_of_nothing_but_keeps_the_copies_no_photo_uses(
    service: JournalService, leftovers: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy without a row may be all that is left of a photo (an older journal.db put back):
    a repair, which people run to mend things, must not delete it."""
    root = service.library.root

    code, out, _ = run(capsys, "check", "--repair", "--json", "--library", str(root))

    assert code == 0
    report = json.loads(out)["leftovers"]
    assert (report["copies"]["removed"], report["thumbnails"]["removed"]) == (0, 1)
    assert not leftovers["thumbnail"].exists()
    for name in ("orphan-1", "orphan-2", "outside", "notes", "loose"):
        assert leftovers[name].exists()
    assert leftovers["link"].is_symlink()


def test_removing_unused_copies_removes_exactly_the_files_no_photo_uses(
    service: JournalService,
    seattle: TripInfo,
    leftovers: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = service.library.root

    code, out, _ = run(
        capsys,
        "check",
        "--repair",
        "--remove-unused-copies",
        "--json",
        "--library",
        str(root),
    )

    assert code == 0
    report = json.loads(out)["leftovers"]
    assert sorted(report["copies"]["paths"]) == sorted(
        leftovers[name].relative_to(root).as_posix() for name in ("orphan-1", "orphan-2", "link")
    )
    assert (report["copies"]["removed"], report["thumbnails"]["removed"]) == (3, 1)
    for name in ("orphan-1", "orphan-2", "link", "thumbnail"):
        assert not leftovers[name].exists()
        assert not leftovers[name].is_symlink()
    for name in ("outside", "notes", "loose"):
        assert leftovers[name].exists()
    with Library.open(root, read_only=True) as library:
        kept = JournalService(library).all_photos(seattle.id)
    assert len(kept) == 2
    for photo in kept:
        assert content_hash(root / photo.library_path) == photo.content_hash
        assert ThumbnailCache(root).is_cached(photo.content_hash, ThumbSize.THUMB)
    _, again, _ = run(capsys, "check", "--library", str(root))
    assert "no photo uses" not in again
    assert "of no photo" not in again
