"""Finding the app icon wherever pip, PyInstaller or a checkout put it."""

from pathlib import Path

from PIL import Image

from journal.installed_files import ICON_SIZES, app_icon_files, icon_file


def _install_icons(root: Path, sizes: tuple[int, ...]) -> list[Path]:
    paths = []
    for size in sizes:
        path = icon_file(root, size)
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGBA", (size, size), (31, 111, 148, 255)).save(path)
        paths.append(path)
    return paths


def test_the_first_root_with_icons_wins_whole(tmp_path: Path) -> None:
    user = tmp_path / "user" / "share"
    system = tmp_path / "prefix" / "share"
    user_icons = _install_icons(user, (16, 48))
    _install_icons(system, ICON_SIZES)

    assert app_icon_files([tmp_path / "empty", user, system]) == user_icons


def test_no_icons_anywhere_gives_an_empty_list(tmp_path: Path) -> None:
    assert app_icon_files([tmp_path / "a", tmp_path / "b"]) == []


def test_the_running_install_finds_every_size() -> None:
    found = app_icon_files()

    assert [Image.open(path).size for path in found] == [(size, size) for size in ICON_SIZES]
