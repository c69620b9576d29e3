"""Opening the library's files (and the originals they are copied from) without ever blocking on,
or reading without end from, something that is not a file.

A copy in ``photos/`` or a thumbnail in ``thumbs/`` can be replaced by anything a file system
holds: a FIFO, whose opening waits for a writer that never comes; a link to ``/dev/zero``, which
never ends; a link to a file outside the library; a folder. Opened by name, such an entry froze
``journal check``, the export and the app's thumbnail worker for good (and File ▸ Quit with it),
or filled memory. So a library file is opened with ``O_NOFOLLOW | O_NONBLOCK``: a link is refused
rather than followed and a FIFO opens at once instead of waiting; then ``fstat`` of the open
descriptor (not of the name, which could change in between) must say "regular file", and only
then is the descriptor made blocking again for ordinary reads. Anything else is a
``NotRegularFileError`` that says what was found.

Only the last component of a library path is refused as a link: ``photos/`` itself may well be a
link to a bigger disk. A user's original may be a link too (to a photo kept on another disk), so
``open_original`` follows links; everything else is checked the same way.
"""

import errno
import os
import re
import stat
from collections.abc import Iterator
from io import BufferedReader
from pathlib import Path

from journal.readable_paths import readable_path

_NONBLOCKING = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
#: What ``open`` says of a last component that is a link under ``O_NOFOLLOW`` (ELOOP on Linux and
#: macOS, EMLINK on FreeBSD), and of a socket (ENXIO).
_REFUSED_ERRNOS = frozenset({errno.ELOOP, errno.EMLINK, errno.ENXIO})
#: ``3f…9a.jpg``: a name made of the SHA-256 of the content, and an extension.
_CONTENT_NAME = re.compile(r"(?P<digest>[0-9a-f]{64})(?:\.[A-Za-z0-9]+)?")


class NotRegularFileError(OSError):
    """``path`` names something other than a regular file; ``kind`` says what ("a FIFO")."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(errno.EINVAL, not_regular(kind), os.fspath(path))
        self.kind = kind

    def __str__(self) -> str:
        return self.strerror or ""


def open_library_file(path: Path) -> BufferedReader:
    """``path``, a file of the library, open for reading; never a link, FIFO, device or folder."""
    return _open_regular(path, follow_links=False)


def open_original(path: Path) -> BufferedReader:
    """``path``, a user's file, open for reading: links followed, but only to a regular file."""
    return _open_regular(path, follow_links=True)


def entry_kind(path: Path, *, follow_links: bool = False) -> str | None:
    """What ``path`` itself (or with ``follow_links``, what it leads to) is when it is not a
    regular file ("a FIFO", "a link to /dev/zero"), None when it is one; ``FileNotFoundError``
    when there is nothing."""
    info = path.stat() if follow_links else path.lstat()
    if stat.S_ISREG(info.st_mode):
        return None
    if stat.S_ISLNK(info.st_mode):
        return f"a link to {readable_path(os.readlink(path))}"
    return kind_of(info.st_mode)


def not_regular(kind: str) -> str:
    """Why a file is refused: "not a regular file (a FIFO)"."""
    return f"not a regular file ({kind})"


def kind_of(mode: int) -> str:
    """The kind of entry other than a regular file that ``mode`` (of a ``stat``) says, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a link"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "an unknown kind of entry"


def remove_entry(path: Path) -> None:
    """Remove what ``path`` names, whatever it is, and never what a link points to; an empty
    folder goes too, a folder with files in it raises ``OSError``. Nothing there is fine."""
    try:
        is_folder = stat.S_ISDIR(path.lstat().st_mode)
    except FileNotFoundError:
        return
    if is_folder:
        path.rmdir()
    else:
        path.unlink(missing_ok=True)


def content_named_entries(folder: Path) -> Iterator[tuple[str, Path, os.stat_result]]:
    """(hash, path, ``lstat``) of each entry ``folder/3f/3f…9a.ext`` named by the SHA-256 of its
    content, the layout of the copies and of the thumbnails. Folders and other names are passed
    over, links are not followed, and a missing ``folder`` holds nothing."""
    try:
        with os.scandir(folder) as scan:
            fans = sorted(entry.path for entry in scan if entry.is_dir(follow_symlinks=False))
    except FileNotFoundError:
        return
    for fan in fans:
        with os.scandir(fan) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        for entry in entries:
            named = _CONTENT_NAME.fullmatch(entry.name)
            if named is None or not entry.name.startswith(os.path.basename(fan)):
                continue
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISDIR(info.st_mode):
                yield named["digest"], Path(entry.path), info


def _open_regular(path: Path, *, follow_links: bool) -> BufferedReader:
    flags = os.O_RDONLY | _BINARY | _NONBLOCKING | (0 if follow_links else _NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno in _REFUSED_ERRNOS:
            _raise_if_not_regular(path, follow_links)
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFileError(path, kind_of(mode))
        if _NONBLOCKING:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _raise_if_not_regular(path: Path, follow_links: bool) -> None:
    """Say what ``path`` is when ``open`` refused it for being a link or a socket (a link loop
    or an unreadable entry keeps the system's own error)."""
    try:
        kind = entry_kind(path, follow_links=follow_links)
    except OSError:
        return
    if kind is not None:
        raise NotRegularFileError(path, kind) from None
