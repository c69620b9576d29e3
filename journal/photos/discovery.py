"""The files an import covers: the paths given, with folders walked recursively.

A walk must survive what real folders hold: symbolic links that loop back to an ancestor, folders
it may not read, broken links, pipes. Each of those becomes a reported failure (or, for a loop, a
folder visited once) and the walk goes on. A path named directly is judged exactly as the walk
judges it, and each file or failure is listed once however many ways it was reached (a folder
and a file inside it dropped together). Hidden files inside folders (``.DS_Store``, macOS ``._*``
companions) are skipped without a word; a hidden file named explicitly is imported like any other.
Whatever is not a regular file is refused saying what it is ("not a regular file (a device)" for a
link to ``/dev/null``), and only a link to nothing is called one.
"""

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from journal.photos.import_progress import CancelToken, ImportFailure
from journal.photos.library_files import kind_of, not_regular

BROKEN_LINK = "a link to a file that does not exist"


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    failures: list[ImportFailure] = field(default_factory=list)


class _Collector:
    """What a discovery found so far, each path once (by its absolute form)."""

    def __init__(self, skip: Iterable[Path], cancel: CancelToken | None) -> None:
        self.found = Discovery()
        self._cancel = cancel
        self._seen: set[Path] = set()
        self._seen_folders: set[tuple[int, int]] = set()
        for folder in skip:
            try:
                info = folder.stat()
            except OSError:
                continue
            self._seen_folders.add((info.st_dev, info.st_ino))

    @property
    def cancelled(self) -> bool:
        return self._cancel is not None and self._cancel.cancelled

    def _first_time(self, path: Path) -> bool:
        key = path.absolute()
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def add_file(self, path: Path) -> None:
        if self._first_time(path):
            self.found.files.append(path.absolute())

    def add_failure(self, path: Path, reason: str) -> None:
        if self._first_time(path):
            self.found.failures.append(ImportFailure(path, reason))

    def add_named(self, path: Path) -> None:
        """A path the user named: a folder to walk, a file, or a failure saying why not."""
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            self.add_failure(path, BROKEN_LINK if path.is_symlink() else "no such file or folder")
            return
        except OSError as error:  # e.g. ELOOP on a link that points at itself
            self.add_failure(path, f"cannot read it ({error.strerror})")
            return
        if stat.S_ISDIR(mode):
            self.walk(path)
        elif stat.S_ISREG(mode):
            self.add_file(path)
        else:  # a pipe, socket or device: reading it could block or never end
            self.add_failure(path, not_regular(kind_of(mode)))

    def walk(self, root: Path) -> None:
        pending = [root]
        while pending:
            if self.cancelled:
                return
            folder = pending.pop()
            try:
                info = folder.stat()
            except OSError as error:
                self.add_failure(folder, f"cannot read it ({error.strerror})")
                continue
            identity = (info.st_dev, info.st_ino)
            if identity in self._seen_folders:  # a link loop, or the same folder reached twice
                continue
            self._seen_folders.add(identity)
            try:
                with os.scandir(folder) as scan:
                    entries = sorted(scan, key=lambda entry: entry.name)
            except OSError as error:
                self.add_failure(folder, f"cannot read the folder ({error.strerror})")
                continue
            subfolders = []
            for entry in entries:
                if not entry.name.startswith("."):
                    subfolder = self._add_entry(entry)
                    if subfolder is not None:
                        subfolders.append(subfolder)
            # Depth first, in name order: reversed because the stack pops from the end.
            pending.extend(reversed(subfolders))

    def _add_entry(self, entry: os.DirEntry[str]) -> Path | None:
        """File or failure for one folder entry; its path if it is a folder to walk.

        ``DirEntry``'s checks cost no system call for what is not a link, which matters in a
        folder of ten thousand photos.
        """
        path = Path(entry.path)
        try:
            if entry.is_dir():
                return path
            if entry.is_file():
                self.add_file(path)
            else:
                self.add_named(path)  # not a file or folder: says what it is, or leads to
        except OSError as error:  # e.g. ELOOP on a link that points at itself
            self.add_failure(path, f"cannot read it ({error.strerror})")
        return None


def discover(
    paths: Iterable[Path], cancel: CancelToken | None = None, skip: Iterable[Path] = ()
) -> Discovery:
    """Every file under ``paths``, each once, in a stable order (folders sorted by name).

    Folders in ``skip`` are not entered: the library itself, when someone imports their whole
    home folder, must not import its own copies and thumbnails.
    """
    collector = _Collector(skip, cancel)
    for path in paths:
        if collector.cancelled:
            break
        collector.add_named(path)
    return collector.found
