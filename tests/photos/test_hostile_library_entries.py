"""A library copy in ``photos/`` (or a thumbnail) replaced by something that is not a file - a FIFO,
a socket, a folder, a link to ``/dev/zero`` or to a file outside the library - is never opened
blocking, read into memory or written through: ``check`` says what stands there, ``check
--repair``, an import or a delete replace or remove the entry itself, an export fails that photo
with a clear message. What could hang or fill memory runs in a process of its own
(``bounded_process``), so the old code fails these tests instead of hanging them."""

import os
import socket
import stat
from collections.abc import Callable
from contextlib import chdir
from dataclasses import dataclass
from pathlib import Path

import pytest

from journal.photos.storage import content_hash
from journal.photos.thumbnails import ThumbnailCache, ThumbSize
from journal.services import JournalService, PhotoInfo, TripInfo
from journal.services.library_check import FileProblem
from journal.store.library import Library
from tests.photos.bounded_process import run_journal, run_python
from tests.photos.photo_files import exif_for, write_photo

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and sockets are POSIX")


def _fifo(copy: Path, _outside: Path) -> None:
    os.mkfifo(copy)


def _link_to_dev_zero(copy: Path, _outside: Path) -> None:
    copy.symlink_to("/dev/zero")


def _link_outside(copy: Path, outside: Path) -> None:
    copy.symlink_to(outside)


def _folder(copy: Path, _outside: Path) -> None:
    copy.mkdir()


def _socket(copy: Path, _outside: Path) -> None:
    with chdir(copy.parent), socket.socket(socket.AF_UNIX) as server:
        server.bind(copy.name)  # relative: a socket's path is limited to ~100 bytes


#: What replaces each photo's copy, and how ``journal check`` names it.
REPLACEMENTS: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "a.jpg": (_fifo, "a FIFO"),
    "b.jpg": (_link_to_dev_zero, "a link to /dev/zero"),
    "c.jpg": (_link_outside, "a link to {outside}"),
    "d.jpg": (_folder, "a folder"),
    "e.jpg": (_socket, "a socket"),
}


@dataclass
class HostileLibrary:
    root: Path
    trip: TripInfo
    photos: dict[str, PhotoInfo]
    camera_roll: Path
    #: A photo outside the library that one copy was replaced by a link to.
    outside: Path

    def copy(self, name: str) -> Path:
        return self.root / self.photos[name].library_path

    def replace(self, name: str, replacement: Callable[[Path, Path], None]) -> None:
        self.copy(name).unlink()
        replacement(self.copy(name), self.outside)

    def only(self, name: str) -> None:
        """Put every other replaced copy back, so that ``name`` is the one met."""
        for other in REPLACEMENTS:
            if other != name:
                copy = self.copy(other)
                if stat.S_ISDIR(copy.lstat().st_mode):
                    copy.rmdir()
                else:
                    copy.unlink()
                copy.write_bytes((self.camera_roll / other).read_bytes())


@pytest.fixture
def hostile(
    tmp_path: Path, camera_roll: Path, seattle: TripInfo, service: JournalService
) -> HostileLibrary:
    """The Seattle trip with one photo per replacement (and one left intact), each copy replaced
    and each thumbnail removed (so showing one reads the copy); the library closed."""
    for number, name in enumerate([*REPLACEMENTS, "intact.jpg"]):
        write_photo(
            camera_roll / name,
            exif_for(original=f"2023:09:18 1{number}:00:00"),
            color=(number * 40, 90, 30),
        )
    service.import_photos(seattle.id, [camera_roll])
    photos = {photo.original_name: photo for photo in service.all_photos(seattle.id)}
    outside = write_photo(tmp_path / "elsewhere" / "private.jpg", color=(1, 2, 3))
    library = HostileLibrary(service.library.root, seattle, photos, camera_roll, outside)
    thumbnails = ThumbnailCache(library.root)
    for name, (replacement, _) in REPLACEMENTS.items():
        library.replace(name, replacement)
        thumbnails.remove(photos[name].content_hash)
    service.library.close()
    return library


def test_check_says_what_stands_in_place_of_each_copy_without_opening_it(
    hostile: HostileLibrary,
) -> None:
    outside_bytes = hostile.outside.read_bytes()

    result = run_journal(hostile.root, "check")

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for name, (_, kind) in REPLACEMENTS.items():
        photo = hostile.photos[name]
        expected = kind.format(outside=hostile.outside)
        assert (
            f"Not a regular file ({expected}): {photo.library_path} — {name} (photo {photo.id})"
        ) in result.stdout
    assert "intact.jpg" not in result.stdout
    assert hostile.outside.read_bytes() == outside_bytes
    assert hostile.copy("d.jpg").is_dir()  # a check writes nothing


def test_check_repair_replaces_each_entry_itself_from_its_original(
    hostile: HostileLibrary,
) -> None:
    outside_bytes = hostile.outside.read_bytes()

    result = run_journal(hostile.root, "check", "--repair")

    assert result.returncode == 0, result.stdout + result.stderr
    for name in REPLACEMENTS:
        assert f"  restored from {hostile.camera_roll / name}" in result.stdout
        copy = hostile.copy(name)
        assert stat.S_ISREG(copy.lstat().st_mode)
        assert content_hash(copy) == hostile.photos[name].content_hash
    assert f"Made {len(REPLACEMENTS)} missing thumbnails." in result.stdout
    # The link was replaced, never written through.
    assert hostile.outside.read_bytes() == outside_bytes
    again = run_journal(hostile.root, "check")
    assert (again.returncode, again.stdout.splitlines()[-1]) == (0, "Every photo file is intact.")


def test_a_folder_with_files_in_place_of_a_copy_is_named_as_the_problem_not_the_original(
    hostile: HostileLibrary,
) -> None:
    hostile.only("d.jpg")
    folder = hostile.copy("d.jpg")
    (folder / "keep.txt").write_text("someone's notes")

    with Library.open(hostile.root) as library:
        report = JournalService(library).check_library(repair=True)

    [bad] = [file for file in report.bad if file.photos[0].original_name == "d.jpg"]
    assert (bad.problem, bad.detail, bad.repaired_from) == (
        FileProblem.NOT_REGULAR,
        "a folder",
        None,
    )
    assert bad.unrepaired_reason == (
        f"the library's copy {bad.library_path} is a folder with files in it; "
        "move it out of the library and repair again"
    )
    assert (folder / "keep.txt").read_text() == "someone's notes"


@pytest.mark.parametrize(
    ("options", "name", "kind"),
    [
        ((), "a.jpg", "a FIFO"),  # a web copy would decode it
        (("--keep-originals",), "b.jpg", "a link to /dev/zero"),  # the original, read whole
    ],
)
def test_an_export_fails_at_once_on_a_copy_that_is_not_a_file(
    hostile: HostileLibrary, tmp_path: Path, options: tuple[str, ...], name: str, kind: str
) -> None:
    hostile.only(name)
    out = tmp_path / "site"
    slug = hostile.trip.slug

    result = run_journal(
        hostile.root, "export", slug, "--format", "markdown", "--out", str(out), *options
    )

    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"journal: Cannot read the photo {name} (library file ")
    assert f"): not a regular file ({kind}). " in result.stderr
    assert "Traceback" not in result.stderr


def test_no_thumbnail_is_made_from_a_copy_that_is_not_a_file(hostile: HostileLibrary) -> None:
    shown = run_python(
        """
import sys
from pathlib import Path
from journal.photos.thumbnails import ThumbnailCache, ThumbSize
from journal.services import JournalService
from journal.store.library import Library

with Library.open(Path(sys.argv[1]), read_only=True) as library:
    service = JournalService(library)
    cache = ThumbnailCache(library.root)
    for photo in service.all_photos(int(sys.argv[2])):
        try:
            cache.thumbnail_path(photo, ThumbSize.THUMB)
        except OSError as error:
            print(photo.original_name, error)
        else:
            print(photo.original_name, "made")
""",
        str(hostile.root),
        str(hostile.trip.id),
    )

    assert shown.returncode == 0, shown.stderr
    expected = {
        name: f"not a regular file ({kind.format(outside=hostile.outside)})"
        for name, (_, kind) in REPLACEMENTS.items()
    }
    assert dict(line.split(" ", 1) for line in shown.stdout.splitlines()) == {
        **expected,
        "intact.jpg": "made",
    }


def test_a_thumbnail_replaced_by_a_link_is_made_again_never_read_through_it(
    hostile: HostileLibrary,
) -> None:
    photo = hostile.photos["intact.jpg"]
    cache = ThumbnailCache(hostile.root)
    cached = cache.cached_path(photo.content_hash, ThumbSize.THUMB)
    cached.unlink()
    cached.symlink_to(hostile.outside)
    outside_bytes = hostile.outside.read_bytes()

    shown = cache.thumbnail_path(photo, ThumbSize.THUMB)

    assert shown == cached
    assert stat.S_ISREG(cached.lstat().st_mode)
    assert cached.read_bytes() != outside_bytes
    assert hostile.outside.read_bytes() == outside_bytes


def test_deleting_photos_removes_whatever_stands_in_place_of_their_copies(
    hostile: HostileLibrary,
) -> None:
    outside_bytes = hostile.outside.read_bytes()
    with Library.open(hostile.root) as library:
        service = JournalService(library)
        service.delete_photos(hostile.trip.id, [hostile.photos[name].id for name in REPLACEMENTS])
        service.empty_trash()
        left = [photo.original_name for photo in service.all_photos(hostile.trip.id)]

    assert left == ["intact.jpg"]
    for name in REPLACEMENTS:
        assert not os.path.lexists(hostile.copy(name))
    assert hostile.outside.read_bytes() == outside_bytes


def test_importing_the_original_again_replaces_a_folder_in_place_of_its_copy(
    hostile: HostileLibrary,
) -> None:
    with Library.open(hostile.root) as library:
        service = JournalService(library)
        report = service.import_photos(hostile.trip.id, [hostile.camera_roll / "d.jpg"])

    assert report.failures == ()
    assert report.restored == (hostile.camera_roll / "d.jpg",)
    assert content_hash(hostile.copy("d.jpg")) == hostile.photos["d.jpg"].content_hash
