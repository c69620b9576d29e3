"""What the PyInstaller bundle holds, worked out without PyInstaller so that tests can check it.

``trip-journal.spec`` hands this plan to PyInstaller. Everything comes from one source: the name
of the executable, its entry point and the version from pyproject.toml, the app's id and name
from ``journal.identity``, the icons from resources/.
"""

import ast
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from journal.identity import APP_ID, APP_NAME

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = Path("journal", "store", "migrations")
ICONS = Path("resources", "icons")
#: Qt bindings the app does not use that PyInstaller would still collect: the QtGui and
#: QtWidgets bindings name QtDBus (PyInstaller's xref report). Leaving it out keeps the bundle to
#: the QtCore, QtGui, QtWidgets and QtNetwork bindings (QtNetwork: the local socket a second
#: launch hands its files over); the Qt libraries that the platform plugins link to are still
#: bundled as those plugins' dependencies.
UNUSED_MODULES = ("PySide6.QtDBus",)

#: Modules that libraries import by a name computed at run time, which PyInstaller's analysis
#: cannot follow. Each was found by ``make package-check`` failing without it.
RUNTIME_IMPORTS = (
    # python-slugify picks its transliterator with importlib: Korean trip titles need it.
    "text_unidecode",
)


@dataclass(frozen=True)
class BundlePlan:
    #: The executable's and the bundle folder's name: pyproject's GUI script.
    name: str
    version: str
    #: ``module:function`` the executable runs, as the GUI script does.
    entry_point: str
    app_id: str
    app_name: str
    distribution: str
    #: (source file, folder inside the bundle) pairs.
    datas: tuple[tuple[str, str], ...]
    hidden_imports: tuple[str, ...]
    excludes: tuple[str, ...]
    #: The executable's icon on this platform (.ico on Windows, .icns on macOS), if it takes one.
    icon: str | None

    def entry_script(self) -> str:
        """The script PyInstaller freezes: what the installed GUI script runs."""
        module, function = self.entry_point.split(":")
        return f"import sys\n\nfrom {module} import {function}\n\nsys.exit({function}())\n"


def read_plan(root: Path = ROOT, platform: str = sys.platform) -> BundlePlan:
    """The plan for the checkout at ``root``, building on ``platform`` (``sys.platform``)."""
    with (root / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    gui_scripts: dict[str, str] = project["gui-scripts"]
    if len(gui_scripts) != 1:
        raise ValueError("pyproject.toml must declare exactly one gui-script to bundle")
    ((name, entry_point),) = gui_scripts.items()
    icon = {"win32": "trip-journal.ico", "darwin": "trip-journal.icns"}.get(platform)
    return BundlePlan(
        name=name,
        version=project["version"],
        entry_point=entry_point,
        app_id=APP_ID,
        app_name=APP_NAME,
        distribution=project["name"],
        datas=tuple(_datas(root)),
        hidden_imports=tuple(sorted(_migration_imports(root) | set(RUNTIME_IMPORTS))),
        excludes=UNUSED_MODULES,
        icon=str(root / ICONS / icon) if icon else None,
    )


def _datas(root: Path) -> Iterator[tuple[str, str]]:
    # Alembic reads the migration scripts as files at run time, so they travel as data.
    for script in sorted((root / MIGRATIONS).rglob("*")):
        if script.suffix in (".py", ".mako") and "__pycache__" not in script.parts:
            yield str(script), str(script.parent.relative_to(root))
    # The icon PNGs go where journal/installed_files.py looks under sys.prefix, which is the
    # bundle's folder when frozen.
    for png in sorted((root / ICONS / "hicolor").rglob("*.png")):
        yield str(png), str(Path("share") / png.parent.relative_to(root / "resources"))


def _migration_imports(root: Path) -> set[str]:
    """Modules the migration scripts import: PyInstaller's analysis never sees those files."""
    modules: set[str] = set()
    for script in (root / MIGRATIONS).rglob("*.py"):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module)
    return modules
