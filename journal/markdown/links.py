"""Which local file an image link means: in a post being imported, and in a post just exported.

Links are percent-decoded one path segment at a time, the way a lenient web server reads them, so
the reference post's ``/assets%2Fimages%2F23q4%2Fimg_24.png`` means
``assets/images/23q4/img_24.png``. A site-absolute link starts at the site's root, a relative one
at the post's folder; ``..`` segments are followed, and a link that leads out of the folder it must
stay in names no file. The post import (``resolve_image``) follows symlinks before that check, as
it reads the file it finds; the export's link check (each ``Profile.served_file``) asks only where
the generator will look.

A post is untrusted text, and so is the folder it sits in: a link may name a symlink loop, a
folder, a pipe, a name with a NUL in it or longer than the system allows, or be no URL at all
(``http://[x``). Each of those is a reason the link names no image (``file_problem``), never an
exception: one bad link costs its own image, not the post.
"""

import errno
import posixpath
import stat
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit

from journal.markdown.liquid import site_path

#: Why a link names no file to import (or to serve, for the export's link check).
REMOTE = "remote, kept as a link"
LIQUID = "built with Liquid the import cannot work out"
OUTSIDE_SITE = "outside the site, not imported"
NOT_AN_ADDRESS = "not a valid web address"
WINDOWS_PATH = "a Windows path, which a web page cannot load"
NOT_FOUND = "file not found"
FOLDER = "a folder, not an image"
NOT_A_REGULAR_FILE = "not a regular file (a pipe, socket or device)"
LINK_LOOP = "cannot be read: a link loop"
INVALID_NAME = "not a valid file name"
NAME_TOO_LONG = "not a valid file name: too long"

#: Schemes a web page loads images from.
WEB_SCHEMES = frozenset({"http", "https", "data"})

_UNREADABLE = {
    errno.ENOENT: NOT_FOUND,
    errno.ENOTDIR: NOT_FOUND,
    errno.ELOOP: LINK_LOOP,
    errno.ENAMETOOLONG: NAME_TOO_LONG,
}


def split_link(destination: str) -> SplitResult | None:
    """The link's parts; None when no URL parser can read it (``http://[x``, a broken IPv6
    host)."""
    try:
        return urlsplit(destination)
    except ValueError:
        return None


def address_problem(parts: SplitResult) -> str | None:
    """Why a link with a scheme is nothing a web page can load; None for a web address or a
    link without a scheme. ``C:/Windows/a.jpg`` parses with the one-letter scheme ``c``: it is a
    Windows path, not an address."""
    if len(parts.scheme) == 1:
        return WINDOWS_PATH
    if parts.scheme and parts.scheme not in WEB_SCHEMES:
        return f"a {parts.scheme}: link, which a web page cannot load"
    return None


def decoded_segments(url_path: str) -> list[str]:
    """The path's segments, each percent-decoded, with slashes that decoding reveals split too."""
    segments: list[str] = []
    for raw in url_path.split("/"):
        segments.extend(part for part in unquote(raw).split("/") if part)
    return segments


def local_path(
    url_path: str, *, base: Path, within: Path, follow_symlinks: bool = False
) -> Path | None:
    """The file a link's path (still percent-encoded) names: from ``within`` when it starts with
    ``/``, else from ``base``; None when it leads outside ``within``. Following symlinks may
    raise what ``Path.resolve`` raises (``unreadable`` says why in words)."""
    start = within if url_path.startswith("/") else base
    joined = posixpath.normpath(posixpath.join(start.as_posix(), *decoded_segments(url_path)))
    candidate = Path(joined).resolve() if follow_symlinks else Path(joined)
    return candidate if candidate.is_relative_to(within) else None


def unreadable(error: OSError | ValueError) -> str:
    """Why a path could not be looked at, in words: the system's error for a path, or the
    ``ValueError`` it raises for a name holding a NUL."""
    if isinstance(error, ValueError):
        return INVALID_NAME
    return _UNREADABLE.get(error.errno or 0, f"cannot be read ({error.strerror})")


def file_problem(path: Path) -> str | None:
    """Why ``path`` (its links followed) is not a file an image can be read from; None if it is.
    Asking costs one ``stat``, which never blocks on a pipe the way opening it would."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError) as error:
        return unreadable(error)
    if stat.S_ISDIR(mode):
        return FOLDER
    if not stat.S_ISREG(mode):
        return NOT_A_REGULAR_FILE
    return None


def resolve_image(
    destination: str,
    *,
    site_root: Path,
    post_folder: Path,
    served_from: Path | None = None,
    base_path: str = "",
) -> Path | str:
    """The regular file an imported post's link means, or why it names none to import.

    Site-absolute links start at ``served_from`` (Hugo serves them from ``static/``), by default
    ``site_root``; relative ones at the post's folder, and may go up (``../images/a.png``) as
    long as they stay inside the site (the post's folder, for a post outside the site), and
    start after ``base_path``, the path the site is served under (``/blog/a.jpg`` is ``a.jpg``
    of a site served at ``/blog``). Liquid that names the site's root
    (``{{ site.baseurl }}/a.jpg``) is worked out first."""
    site_relative = site_path(destination)
    if site_relative is None:
        return LIQUID
    parts = split_link(site_relative)
    if parts is None:
        return NOT_AN_ADDRESS
    problem = address_problem(parts)
    if problem is not None:
        return problem
    if parts.scheme or site_relative.startswith("//"):
        return REMOTE
    if not decoded_segments(parts.path):
        return NOT_FOUND
    if base_path and (parts.path == base_path or parts.path.startswith(f"{base_path}/")):
        parts = parts._replace(path=parts.path[len(base_path) :] or "/")
    site, folder = site_root.resolve(), post_folder.resolve()
    within = site if parts.path.startswith("/") or folder.is_relative_to(site) else folder
    base = folder
    if parts.path.startswith("/") and served_from is not None:
        base, parts = served_from, parts._replace(path=parts.path.lstrip("/"))
    try:
        found = local_path(parts.path, base=base, within=within, follow_symlinks=True)
    except RuntimeError:  # how Path.resolve reports a link loop before Python 3.13
        return LINK_LOOP
    except (OSError, ValueError) as error:
        return unreadable(error)
    if found is None:
        return OUTSIDE_SITE
    return file_problem(found) or found
