"""``journal export --places-in-headings`` and the note of an export without a place index."""

import json
from pathlib import Path

import pytest

from journal.places.finder import place_finder
from tests.cli.test_export_commands import export, library_root

__all__ = ["library_root"]


def test_places_in_headings_puts_the_day_place_after_its_heading(
    library_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = export(
        capsys, library_root, tmp_path / "site", "--format", "jekyll", "--print"
    )
    assert (code, err) == (0, "")
    assert "## Day 0\n" in out
    assert "places:\n- Seoul\nlocation: Seoul, South Korea\n" in out

    code, out, _ = export(
        capsys,
        library_root,
        tmp_path / "site",
        "--format",
        "jekyll",
        "--places-in-headings",
        "--print",
    )
    assert code == 0
    assert "## Day 0 · Seoul\n" in out
    assert "## Day 1\n" in out  # no photo, no place


def test_without_a_place_index_the_export_notes_it_once(
    library_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    monkeypatch.setenv("TRIP_JOURNAL_PLACES", str(tmp_path / "missing.sqlite"))
    place_finder.cache_clear()  # the installed index, opened by the tests before this one
    request.addfinalizer(place_finder.cache_clear)
    code, out, err = export(capsys, library_root, tmp_path / "site", "--format", "jekyll")
    assert (code, err) == (0, "")
    assert out.count("Note: The post names no places: No place-name index") == 1

    code, out, _ = export(capsys, library_root, tmp_path / "site", "--format", "jekyll", "--json")
    assert code == 0
    [note] = json.loads(out)["notes"]
    assert "python -m journal.places.build" in note
