"""What a link names, for a hostile post in a hostile folder: every failure is a reason in words,
never an exception (review rows 4 and 15 of issue 11)."""

import os
from pathlib import Path

import pytest

from journal.markdown.links import file_problem, resolve_image, split_link


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site whose ``img`` folder holds an image, two links looping into each other, a link to
    itself, a broken link, a folder and a pipe."""
    images = tmp_path / "site" / "img"
    images.mkdir(parents=True)
    (images / "a.jpg").write_bytes(b"stand-in")
    (images / "loop-a.jpg").symlink_to("loop-b.jpg")
    (images / "loop-b.jpg").symlink_to("loop-a.jpg")
    (images / "self.jpg").symlink_to("self.jpg")
    (images / "gone.jpg").symlink_to("nowhere.jpg")
    (images / "folder.jpg").mkdir()
    os.mkfifo(images / "pipe.jpg")
    return tmp_path / "site"


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("/img/loop-a.jpg", "cannot be read: a link loop"),
        ("/img/self.jpg", "cannot be read: a link loop"),
        ("/img/self.jpg/x.jpg", "cannot be read: a link loop"),
        ("/img/a%00.jpg", "not a valid file name"),
        ("/img/" + "x" * 300 + ".jpg", "not a valid file name: too long"),
        ("/img/" + "x/" * 3000 + "a.jpg", "not a valid file name: too long"),
        ("/img/folder.jpg", "a folder, not an image"),
        ("/img/pipe.jpg", "not a regular file (a pipe, socket or device)"),
        ("/img/gone.jpg", "file not found"),
        ("/img/a.jpg/b.jpg", "file not found"),
        ("C:/Windows/a.jpg", "a Windows path, which a web page cannot load"),
        ("C:\\Windows\\a.jpg", "a Windows path, which a web page cannot load"),
        ("d:a.jpg", "a Windows path, which a web page cannot load"),
        ("http://[oops/a.jpg", "not a valid web address"),
        ("//[oops/a.jpg", "not a valid web address"),
        ("https://example.org/a.jpg", "remote, kept as a link"),
        ("//example.org/a.jpg", "remote, kept as a link"),
        ("file:///etc/passwd", "a file: link, which a web page cannot load"),
        ("javascript:alert(1)", "a javascript: link, which a web page cannot load"),
    ],
)
def test_a_hostile_link_is_a_reason_not_an_exception(site: Path, link: str, reason: str) -> None:
    assert resolve_image(link, site_root=site, post_folder=site / "_posts") == reason


def test_a_good_link_is_the_file_it_names(site: Path) -> None:
    found = resolve_image("/img/a.jpg?v=2#top", site_root=site, post_folder=site / "_posts")
    assert found == (site / "img" / "a.jpg").resolve()


def test_file_problem_never_opens_what_it_judges(site: Path) -> None:
    """The pipe has no writer: opening it would block, so only ``stat`` may be used."""
    images = site / "img"
    assert file_problem(images / "a.jpg") is None
    assert file_problem(images / "pipe.jpg") == "not a regular file (a pipe, socket or device)"
    assert file_problem(Path("/dev/zero")) == "not a regular file (a pipe, socket or device)"
    assert file_problem(images / "self.jpg") == "cannot be read: a link loop"
    assert file_problem(images / "a\0.jpg") == "not a valid file name"


def test_split_link_reads_what_a_parser_can_and_none_otherwise() -> None:
    parts = split_link("C:/Windows/a.jpg")
    assert parts is not None
    assert (parts.scheme, parts.path) == ("c", "/Windows/a.jpg")
    assert split_link("http://[::1/a.jpg") is None
