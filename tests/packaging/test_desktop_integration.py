"""The desktop file, the AppStream metainfo and the data files pip installs with the package.

The freedesktop validators run when installed (``apt-get install desktop-file-utils appstream``);
the checks that these files agree with journal/identity.py and pyproject.toml always run.
"""

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from journal.identity import (
    APP_ID,
    APP_NAME,
    DESKTOP_FILE_NAME,
    GUI_SCRIPT,
    ICON_NAME,
    METAINFO_FILE_NAME,
)
from journal.installed_files import ICON_SIZES
from tests.packaging.conftest import RESOURCES, ROOT

DESKTOP_FILE = RESOURCES / DESKTOP_FILE_NAME
METAINFO_FILE = RESOURCES / METAINFO_FILE_NAME


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment, method-assign]  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_launches_the_installed_gui_script(pyproject: dict[str, Any]) -> None:
    entry = desktop_entry()

    assert entry["Name"] == APP_NAME
    assert entry["Icon"] == ICON_NAME
    assert pyproject["project"]["gui-scripts"][GUI_SCRIPT] == "journal.gui.app:main"
    assert entry["Exec"] == GUI_SCRIPT
    assert entry["TryExec"] == GUI_SCRIPT
    # The app takes no file arguments yet, so the launcher must not offer to open files with it.
    assert "MimeType" not in entry


def test_desktop_file_has_a_korean_translation() -> None:
    entry = desktop_entry()

    assert entry["GenericName[ko]"] == "여행 일지"
    assert "사진" in entry["Comment[ko]"]
    assert "여행" in entry["Keywords[ko]"].split(";")


def test_metainfo_names_the_app_its_launcher_and_the_current_release(
    pyproject: dict[str, Any],
) -> None:
    component = ET.parse(METAINFO_FILE).getroot()

    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("name") == APP_NAME
    assert component.findtext("launchable[@type='desktop-id']") == DESKTOP_FILE_NAME
    assert GUI_SCRIPT in [binary.text for binary in component.iterfind("provides/binary")]
    assert component.findtext("project_license") == pyproject["project"]["license"]
    newest = component.find("releases/release")
    assert newest is not None
    assert newest.get("version") == pyproject["project"]["version"]


def test_pip_installs_the_desktop_file_metainfo_and_every_icon(pyproject: dict[str, Any]) -> None:
    data_files: dict[str, list[str]] = pyproject["tool"]["setuptools"]["data-files"]

    installed = {
        f"{folder}/{Path(source).name}": source
        for folder, sources in data_files.items()
        for source in sources
    }
    expected = {
        f"share/applications/{DESKTOP_FILE_NAME}",
        f"share/metainfo/{METAINFO_FILE_NAME}",
        f"share/icons/hicolor/scalable/apps/{ICON_NAME}.svg",
        *(f"share/icons/hicolor/{n}x{n}/apps/{ICON_NAME}.png" for n in ICON_SIZES),
    }
    assert set(installed) == expected
    for source in installed.values():
        assert (ROOT / source).is_file(), source


def _run_validator(*command: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed")
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)


def test_desktop_file_validates() -> None:
    result = _run_validator("desktop-file-validate", str(DESKTOP_FILE))

    assert result.returncode == 0, result.stdout + result.stderr
    # Hints are advice about menus; errors and warnings are problems launchers act on.
    problems = [line for line in result.stdout.splitlines() if ": hint:" not in line]
    assert problems == []


def test_metainfo_validates() -> None:
    result = _run_validator("appstreamcli", "validate", "--no-net", str(METAINFO_FILE))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "W:" not in result.stdout
    assert "E:" not in result.stdout


def test_validators_reject_a_broken_desktop_file(tmp_path: Path) -> None:
    broken = tmp_path / DESKTOP_FILE_NAME
    broken.write_text(
        DESKTOP_FILE.read_text(encoding="utf-8").replace("Type=Application\n", ""),
        encoding="utf-8",
    )

    result = _run_validator("desktop-file-validate", str(broken))

    assert result.returncode != 0
