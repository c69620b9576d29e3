"""``journal export`` and ``journal front-matter`` end to end, in-process, on real libraries."""

import json
from datetime import date
from pathlib import Path

import pytest

from journal.cli import main
from journal.services import JournalService, NewTrip, TripEdit
from journal.store.library import Library
from tests.export.conftest import make_photo


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def library_root(tmp_path: Path) -> Path:
    """A library holding 'seoul-2024': an intro, Day 0 with a photo (with GPS), Day 1 text."""
    root = tmp_path / "lib"
    with Library.open(root) as library:
        service = JournalService(library)
        trip = service.create_trip(
            NewTrip("서울 여행", date(2024, 5, 1), date(2024, 5, 2), "Asia/Seoul", slug="seoul")
        ).trip
        assert trip is not None
        photo = make_photo(tmp_path / "IMG_0001.jpg", size=(640, 480), taken="2024:05:01 11:00:00")
        [photo_id] = service.import_photos(trip.id, [photo]).imported
        service.edit_trip(trip.id, TripEdit(intro="봄의 서울."))
        service.set_day_text(trip.id, date(2024, 5, 1), f"경복궁.\n\n![](photo:{photo_id})\n")
        service.set_day_text(trip.id, date(2024, 5, 2), "북촌.")
    return root


def export(
    capsys: pytest.CaptureFixture[str], root: Path, out: Path, *extra: str
) -> tuple[int, str, str]:
    return run(capsys, "export", "seoul", "--out", str(out), "--library", str(root), *extra)


def test_export_writes_the_post_and_a_second_run_changes_nothing(
    library_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    code, out, err = export(capsys, library_root, site, "--format", "jekyll")

    assert (code, err) == (0, "")
    assert "Exported 서울 여행 as Jekyll post" in out
    post = site / "_posts" / "2024-05-01-seoul.md"
    assert "\n\n![](/assets/images/seoul/day-0-01.jpg)\n" in post.read_text(encoding="utf-8")
    assert (site / "assets" / "images" / "seoul" / "day-0-01.jpg").is_file()

    code, out, _ = export(capsys, library_root, site, "--format", "jekyll", "--json")
    assert code == 0
    result = json.loads(out)
    assert (result["files_written"], result["files_unchanged"]) == (0, 2)
    assert result["posts"] == [str(post)]
    assert result["broken_links"] == []


def test_replacing_a_changed_post_needs_force(
    library_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    assert export(capsys, library_root, site, "--format", "hugo")[0] == 0
    post = site / "content" / "posts" / "seoul" / "index.md"
    notes = tmp_path / "day1.md"
    notes.write_text("북촌 한옥마을.", encoding="utf-8")
    assert run(capsys, "set-text", "seoul", "1", str(notes), "--library", str(library_root))[0] == 0
    before = post.read_bytes()

    code, _, err = export(capsys, library_root, site, "--format", "hugo")
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert f"{post}, which already exists with other content" in err  # one file: "exists"
    assert "--force" in err
    assert post.read_bytes() == before

    code, out, _ = export(capsys, library_root, site, "--format", "hugo", "--force")
    assert code == 0
    assert "북촌 한옥마을." in post.read_text(encoding="utf-8")
    assert ": 1 post, 1 image (1 file written, 1 unchanged).\n" in out


def test_options_reach_the_images_and_the_post(
    library_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PIL import Image

    code, _, _ = export(
        capsys,
        library_root,
        tmp_path / "out",
        "--format",
        "markdown",
        "--per-day",
        "--max-size",
        "320",
        "--keep-gps",
        "--slug",
        "spring",
    )

    assert code == 0
    assert sorted(path.name for path in (tmp_path / "out").glob("*.md")) == [
        "spring-day-0.md",
        "spring-day-1.md",
    ]
    with Image.open(tmp_path / "out" / "spring" / "day-0-01.jpg") as image:
        assert image.size == (320, 240)
        assert image.getexif().get_ifd(0x8825)


def test_print_shows_the_markdown_and_writes_nothing(
    library_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = export(capsys, library_root, tmp_path / "out", "--format", "hugo", "--print")
    assert code == 0
    assert out.startswith("---\ntitle: 서울 여행\n")
    assert "## Day 0" in out
    assert "](day-0-01.jpg)" in out
    assert not (tmp_path / "out").exists()


def test_export_works_while_the_app_has_the_library_open(
    library_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library.open(library_root):
        code, _, err = export(capsys, library_root, tmp_path / "out", "--format", "markdown")
    assert (code, err) == (0, "")
    assert (tmp_path / "out" / "seoul.md").is_file()


def test_a_broken_image_link_is_reported_as_an_error(
    library_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "day1.md"
    notes.write_text("![지도](/assets/map.png)", encoding="utf-8")
    run(capsys, "set-text", "seoul", "1", str(notes), "--library", str(library_root))

    code, _, err = export(capsys, library_root, tmp_path / "site", "--format", "jekyll")

    assert code == 2
    assert "images that will not load" in err
    assert "/assets/map.png (no file" in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--format", "wordpress"], "invalid choice"),
        (["--format", "jekyll", "--max-size", "0"], "Invalid --max-size 0"),
        (["--format", "jekyll", "--max-size", "100"], "Invalid image size 100"),
        (["--format", "jekyll", "--quality", "5"], "Invalid JPEG quality"),
        (["--format", "jekyll", "--slug", "../../etc"], "Invalid slug"),
        (["--format", "jekyll", "--baseurl", "blog"], "Invalid base URL"),
    ],
)
def test_bad_options_print_one_line_exit_2_and_write_nothing(
    library_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    code, _, err = export(capsys, library_root, tmp_path / "out", *extra)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert not (tmp_path / "out").exists()


def test_front_matter_sets_extra_keys_of_the_post(
    library_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "front.yaml"
    template.write_text("author: 김민수\ntoc: true\nheader:\n  image: /x.jpg\n", encoding="utf-8")

    code, out, _ = run(
        capsys, "front-matter", "seoul", str(template), "--library", str(library_root)
    )
    assert code == 0
    assert "author, toc, header" in out

    _, post, _ = export(capsys, library_root, tmp_path / "out", "--format", "jekyll", "--print")
    assert "author: 김민수\ntoc: true\nheader:\n  image: /x.jpg\n---\n" in post

    template.write_text("- just\n- a list\n", encoding="utf-8")
    code, _, err = run(
        capsys, "front-matter", "seoul", str(template), "--library", str(library_root)
    )
    assert code == 2
    assert "must be YAML keys and values" in err
    template.write_text("key: [unclosed\n", encoding="utf-8")
    code, _, err = run(
        capsys, "front-matter", "seoul", str(template), "--library", str(library_root)
    )
    assert code == 2
    assert "cannot be used on line 2 (expected" in err
