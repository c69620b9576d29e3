"""The files an import covers: the paths given, with folders walked recursively.

A walk must survive what real folders hold: symbolic links that loop back to an ancestor, folders
it may not read, broken links. Each of those becomes a reported failure (or, for a loop, a folder
visited once) and the walk goes on. Hidden files inside folders (``.DS_Store``, macOS ``._*``
companions) are skipped without a word; a hidden file named explicitly is imported like any other.
"""

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from journal.photos.import_progress import CancelToken, ImportFailure


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    failures: list[ImportFailure] = field(default_factory=list)


def discover(
    paths: Iterable[Path], cancel: CancelToken | None = None, skip: Iterable[Path] = ()
) -> Discovery:
    """Every file under ``paths``, each once, in a stable order (folders sorted by name).

    Folders in ``skip`` are not entered: the library itself, when someone imports their whole
    home folder, must not import its own copies and thumbnails.
    """
    found = Discovery()
    seen_files: set[Path] = set()
    seen_folders: set[tuple[int, int]] = set()
    for folder in skip:
        try:
            info = folder.stat()
        except OSError:
            continue
        seen_folders.add((info.st_dev, info.st_ino))

    def add_file(path: Path) -> None:
        key = path.absolute()
        if key not in seen_files:
            seen_files.add(key)
            found.files.append(key)

    for path in paths:
        if cancel is not None and cancel.cancelled:
            break
        try:
            is_folder = path.is_dir()
            exists = is_folder or path.exists()
        except OSError as error:
            found.failures.append(ImportFailure(path, f"cannot read it ({error.strerror})"))
            continue
        if is_folder:
            _walk(path, found, add_file, seen_folders, cancel)
        elif exists:
            add_file(path)
        elif path.is_symlink():
            found.failures.append(ImportFailure(path, "a link to a file that does not exist"))
        else:
            found.failures.append(ImportFailure(path, "no such file or folder"))
    return found


def _walk(
    root: Path,
    found: Discovery,
    add_file: Callable[[Path], None],
    seen_folders: set[tuple[int, int]],
    cancel: CancelToken | None,
) -> None:
    pending = [root]
    while pending:
        if cancel is not None and cancel.cancelled:
            return
        folder = pending.pop()
        try:
            info = folder.stat()
        except OSError as error:
            found.failures.append(ImportFailure(folder, f"cannot read it ({error.strerror})"))
            continue
        identity = (info.st_dev, info.st_ino)
        if identity in seen_folders:  # a link loop, or the same folder reached twice
            continue
        seen_folders.add(identity)
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            found.failures.append(
                ImportFailure(folder, f"cannot read the folder ({error.strerror})")
            )
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir():
                    subfolders.append(path)
                elif entry.is_file():
                    add_file(path)
                elif entry.is_symlink():
                    found.failures.append(
                        ImportFailure(path, "a link to a file that does not exist")
                    )
                else:  # a pipe, socket or device: reading it could block or never end
                    found.failures.append(ImportFailure(path, "not a regular file"))
            except OSError as error:  # e.g. ELOOP on a link that points at itself
                found.failures.append(ImportFailure(path, f"cannot read it ({error.strerror})"))
        # Depth first, in name order: reversed because the stack pops from the end.
        pending.extend(reversed(subfolders))
