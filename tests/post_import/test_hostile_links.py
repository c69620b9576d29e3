"""Hostile image links cost their own image, never the post (issue 11.14, review rows 4 and 15).

A post's site may hold a symlink loop, a folder or a pipe where an image should be, and its text
may link a name with a NUL in it, a name longer than any file system takes, a Windows path or a
URL no parser reads. Each used to end ``journal import-post`` with a traceback (or to be called
"file not found"); now each is reported with its own reason, its link kept, and the good images
are imported. The export's link check meets the same links and reasons the same way.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from journal.cli import main
from journal.services import JournalService
from journal.store.library import Library

#: A name longer than the 255 bytes Linux and macOS file systems allow.
LONG_NAME = "x" * 300 + ".jpg"

#: Each hostile link of ``hostile_link_site``'s post, with what the import says of it.
HOSTILE_LINKS = {
    "/img/loop-a.jpg": "cannot be read: a link loop",
    "/img/self.jpg": "cannot be read: a link loop",
    "/img/a%00.jpg": "not a valid file name",
    f"/img/{LONG_NAME}": "not a valid file name: too long",
    "/img/folder.jpg": "a folder, not an image",
    "/img/pipe.jpg": "not a regular file (a pipe, socket or device)",
    "C:/Windows/a.jpg": "a Windows path, which a web page cannot load",
    "C:\\Windows\\a.jpg": "a Windows path, which a web page cannot load",
    "http://[oops/a.jpg": "not a valid web address",
}


def hostile_link_site(tmp_path: Path) -> Path:
    """A Jekyll site whose one-day post links one real image and every ``HOSTILE_LINKS`` link,
    one per line from line 7; the post's path."""
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: Blog\n", encoding="utf-8")
    images = site / "img"
    images.mkdir()
    Image.new("RGB", (32, 24), (20, 160, 60)).save(images / "good.png")
    (images / "loop-a.jpg").symlink_to("loop-b.jpg")
    (images / "loop-b.jpg").symlink_to("loop-a.jpg")
    (images / "self.jpg").symlink_to("self.jpg")
    (images / "folder.jpg").mkdir()
    os.mkfifo(images / "pipe.jpg")
    links = "".join(f"![bad]({link})\n" for link in HOSTILE_LINKS)
    post = site / "_posts" / "2023-09-16-original.md"
    post.write_text(
        f"---\ntitle: Hostile\ndate: 2023-09-16\n---\n## Day 0\n![good](/img/good.png)\n{links}",
        encoding="utf-8",
    )
    return post


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_post_reports_each_hostile_link_and_imports_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = hostile_link_site(tmp_path)
    root = tmp_path / "library"

    code, out, err = run(capsys, "import-post", str(post), "--library", str(root))

    assert (code, err) == (0, "")
    assert out.startswith("Created 'Hostile' (hostile): 1 day, 1 photo.\n")
    reported = [line for line in out.splitlines() if line.startswith("  line ")]
    assert reported == [
        f"  line {line}: {link} — {reason}; the link is kept."
        for line, (link, reason) in enumerate(HOSTILE_LINKS.items(), start=7)
    ]
    with Library.open(root) as library:
        service = JournalService(library)
        [trip] = service.list_trips()
        [photo] = service.photos(trip.id, trip.start_date)
        text = service.day(trip.id, trip.start_date).body
    assert photo.original_name == "good.png"
    assert f"![good](photo:{photo.id})" in text
    for link in HOSTILE_LINKS:
        assert f"![bad]({link})" in text


def test_the_export_link_check_reports_the_same_links_in_the_same_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The imported trip, exported back into the site that holds the loops, folder and pipe, as
    the post it came from: the link check reads the links the text kept and says why each will
    not load."""
    post = hostile_link_site(tmp_path)
    root = tmp_path / "library"
    run(capsys, "import-post", str(post), "--library", str(root))
    site = post.parent.parent

    code, out, err = run(
        capsys,
        "export",
        "hostile",
        "--format",
        "jekyll",
        "--out",
        str(site),
        "--library",
        str(root),
        "--force",
    )

    assert code == 2, (out, err)
    assert "Exported Hostile as Jekyll post" in out, err
    assert err.startswith("journal: the post shows images that will not load: ")
    exported = post.name
    # The links as the written post's Markdown reads them: backslashes percent-encoded, and so is
    # the broken host's bracket, which leaves a web address the check cannot test offline.
    for link, reason in HOSTILE_LINKS.items():
        if link.startswith("http://"):
            assert link.replace("[", "%5B") not in err
        else:
            assert f"{exported}: {link.replace(chr(92), '%5C')} ({reason})" in err
    assert "/assets/images/hostile/day-0-01.png" not in err


def test_a_pipe_named_as_the_post_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    """Opening a pipe with no writer never returns: the old import hung here for good (and the
    app's Import Post dialog with it)."""
    pipe = tmp_path / "post.md"
    os.mkfifo(pipe)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "journal",
            "import-post",
            str(pipe),
            "--library",
            str(tmp_path / "lib"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"journal: Cannot read {pipe}: not a regular file (a pipe, socket or device).\n"
    )


def test_a_site_root_that_loops_is_refused_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = hostile_link_site(tmp_path)
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    code, out, err = run(
        capsys,
        "import-post",
        str(post),
        "--site-root",
        str(loop),
        "--library",
        str(tmp_path / "lib"),
    )
    assert (code, out) == (2, "")
    assert err == (
        f"journal: The site root {loop} cannot be read: a link loop; give the folder that holds "
        "the site's _config.yml or hugo.toml.\n"
    )
