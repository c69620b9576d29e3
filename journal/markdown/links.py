"""Which local file an image link means: in a post being imported, and in a post just exported.

Links are percent-decoded one path segment at a time, the way a lenient web server reads them, so
the reference post's ``/assets%2Fimages%2F23q4%2Fimg_24.png`` means
``assets/images/23q4/img_24.png``. A site-absolute link starts at the site's root, a relative one
at the post's folder; ``..`` segments are followed, and a link that leads out of the folder it must
stay in names no file. The post import (``resolve_image``) follows symlinks before that check, as
it reads the file it finds; the export's link check (each ``Profile.served_file``) asks only where
the generator will look.
"""

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Why a link names no file to import: a web address, or a path leading out of the site.
REMOTE = "a web address, not imported"
OUTSIDE_SITE = "outside the site, not imported"
NOT_FOUND = "file not found"


def is_remote(destination: str) -> bool:
    return bool(urlsplit(destination).scheme) or destination.startswith("//")


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
    ``/``, else from ``base``; None when it leads outside ``within``."""
    start = within if url_path.startswith("/") else base
    joined = posixpath.normpath(posixpath.join(start.as_posix(), *decoded_segments(url_path)))
    candidate = Path(joined).resolve() if follow_symlinks else Path(joined)
    return candidate if candidate.is_relative_to(within) else None


def resolve_image(destination: str, *, site_root: Path, post_folder: Path) -> Path | str:
    """The local path an imported post's link means (which may not exist), or why it names no
    file to import.

    Site-absolute links start at ``site_root``; relative ones at the post's folder, and may go
    up (``../images/a.png``) as long as they stay inside the site (the post's folder, for a post
    outside the site)."""
    if is_remote(destination):
        return REMOTE
    path = urlsplit(destination).path
    if not decoded_segments(path):
        return NOT_FOUND
    site, folder = site_root.resolve(), post_folder.resolve()
    within = site if path.startswith("/") or folder.is_relative_to(site) else folder
    found = local_path(path, base=folder, within=within, follow_symlinks=True)
    return OUTSIDE_SITE if found is None else found
