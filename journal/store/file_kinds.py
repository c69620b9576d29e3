"""What stands at a path where the library expects a plain file, in words for the user.

``journal.db`` and ``journal.lock`` are regular files that Trip Journal makes. Anything else in
their place - a folder, a link, a named pipe, a device - was put there by someone else, and
opening it the usual way misleads (SQLite calls a folder a "disk I/O error"), blocks (a pipe
waits for a writer that never comes) or writes where it must not (through a link). So the
library looks first and says what it found.
"""

import os
import stat
from contextlib import suppress
from pathlib import Path

from journal.readable_paths import readable_path

FOLDER = "a folder"


def kind_of_mode(mode: int) -> str | None:
    """ "a folder", "a named pipe (FIFO)"…: what ``mode`` (from a stat) is; None for a file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return FOLDER
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "an unusual kind of file"


def unusual_kind(path: Path) -> str | None:
    """What stands at ``path`` when it is not a regular file, the path itself and not what a
    link points to (a link's target is named); None for a regular file or nothing at all."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    kind = kind_of_mode(mode)
    if kind is not None and stat.S_ISLNK(mode):
        with suppress(OSError):
            kind += f" to {readable_path(os.readlink(path))}"
    return kind


def look_inside_first(kind: str) -> str:
    """A caution to add to "move it" or "remove it": a folder may hold someone's files."""
    return " (look at what it holds first)" if kind == FOLDER else ""
