"""Paths of exported files: always inside the folder the user chose, valid as URLs, and
openable on every platform.

Slugs are checked to be lower-case ASCII words, and file names are made by the exporter, but
every destination is still resolved and checked against the site folder before anything is
written: a ``..``, an absolute path or a symlink planted in the site cannot send a file elsewhere,
and no name Windows cannot open (``con``, a trailing dot) is written (``journal.portable_names``).
"""

from pathlib import Path, PurePosixPath
from urllib.parse import quote

from journal.export.errors import ExportError
from journal.portable_names import portability_problem


def inside(root: Path, relative: PurePosixPath) -> Path:
    """``root / relative``, refusing anything that would land outside ``root``."""
    if relative.is_absolute() or any(part in ("..", "") for part in relative.parts):
        raise ExportError(f"Refusing to write {relative}: it is not a path inside {root}.")
    for part in relative.parts:
        problem = portability_problem(part)
        if problem is not None:
            raise ExportError(f"Refusing to write {relative}: {problem}.")
    target = root.joinpath(*relative.parts)
    resolved_root = root.resolve()
    if not target.resolve().is_relative_to(resolved_root):
        raise ExportError(f"Refusing to write {target}: it leads outside {root} (through a link?).")
    return target


def url_path(path: PurePosixPath) -> str:
    """A relative file path as a URL path: real slashes, each segment percent-encoded.

    (Encoding the slashes as ``%2F``, as some hand-made posts do, 404s on Apache.)
    """
    return "/".join(quote(part, safe="") for part in path.parts)
