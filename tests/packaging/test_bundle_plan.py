"""What packaging/trip-journal.spec hands PyInstaller (the build itself is `make package`)."""

import ast
from pathlib import Path
from typing import Any

import pytest

from journal.identity import APP_ID, APP_NAME, ICON_NAME
from journal.installed_files import ICON_SIZES
from tests.packaging.conftest import ROOT, load_script

bundle_plan = load_script("packaging/bundle_plan.py")


def test_name_version_and_entry_point_come_from_pyproject(pyproject: dict[str, Any]) -> None:
    plan = bundle_plan.read_plan()

    [(script, entry_point)] = pyproject["project"]["gui-scripts"].items()
    assert plan.name == script
    assert plan.entry_point == entry_point
    assert plan.version == pyproject["project"]["version"]
    assert plan.distribution == pyproject["project"]["name"]
    assert (plan.app_id, plan.app_name) == (APP_ID, APP_NAME)


def test_plan_follows_a_changed_pyproject(tmp_path: Path) -> None:
    """Bumping the version or renaming the script in pyproject.toml is all a release needs."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    changed = pyproject.replace('version = "', 'version = "9.8.7', 1).replace(
        'trip-journal = "journal.gui.app:main"', 'tj = "journal.gui.app:main"'
    )
    (tmp_path / "pyproject.toml").write_text(changed, encoding="utf-8")

    plan = bundle_plan.read_plan(tmp_path)

    assert plan.version.startswith("9.8.7")
    assert plan.name == "tj"


def test_entry_script_runs_the_gui_entry_point() -> None:
    script = bundle_plan.read_plan().entry_script()

    tree = ast.parse(script)
    imports = [node for node in tree.body if isinstance(node, ast.ImportFrom)]
    assert [(node.module, node.names[0].name) for node in imports] == [("journal.gui.app", "main")]
    assert "sys.exit(main())" in script


def test_migration_scripts_travel_as_files_with_their_imports() -> None:
    plan = bundle_plan.read_plan()

    destinations = {Path(source).name: folder for source, folder in plan.datas}
    assert destinations["env.py"] == "journal/store/migrations"
    versions = sorted((ROOT / "journal/store/migrations/versions").glob("0*.py"))
    assert versions
    for script in versions:
        assert destinations[script.name] == "journal/store/migrations/versions"
    assert {"alembic", "sqlalchemy", "journal.store.models"} <= set(plan.hidden_imports)


def test_modules_imported_by_computed_names_are_bundled() -> None:
    """python-slugify imports its transliterator with importlib; without it a Korean title fails."""
    from slugify import slugify

    assert slugify("서울") == "seoul"
    assert "text_unidecode" in bundle_plan.read_plan().hidden_imports


def test_icons_land_where_the_frozen_app_looks_for_them() -> None:
    plan = bundle_plan.read_plan()

    icons = {folder for source, folder in plan.datas if source.endswith(f"{ICON_NAME}.png")}
    assert icons == {f"share/icons/hicolor/{n}x{n}/apps" for n in ICON_SIZES}
    for source, _ in plan.datas:
        assert Path(source).is_file()


@pytest.mark.parametrize(
    ("platform", "suffix"), [("win32", ".ico"), ("darwin", ".icns"), ("linux", None)]
)
def test_executable_icon_per_platform(platform: str, suffix: str | None) -> None:
    icon = bundle_plan.read_plan(platform=platform).icon

    if suffix is None:
        assert icon is None
    else:
        assert icon.endswith(suffix)
        assert Path(icon).is_file()


def test_only_the_qt_modules_in_use_are_bundled() -> None:
    plan = bundle_plan.read_plan()

    used = set()
    for module in (ROOT / "journal").rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                used.add(node.module)
    assert used
    assert not used & set(plan.excludes)
