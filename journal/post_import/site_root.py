"""Where a post's site starts: the folder that site-absolute links (``/assets/…``) are read from."""

from pathlib import Path

#: Files that mark the root of a Jekyll or Hugo site, where site-absolute links start.
SITE_MARKERS = (
    "_config.yml",
    "_config.yaml",
    "_config.toml",
    "hugo.toml",
    "hugo.yaml",
    "hugo.json",
    "config.toml",
    "config.yaml",
)


def guess_site_root(post: Path) -> Path:
    """The nearest folder above the post that holds a site configuration, else the folder
    holding ``_posts`` or ``content``, else the post's own folder."""
    folder = post.resolve().parent
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).is_file() for marker in SITE_MARKERS):
            return candidate
    for candidate in (folder, *folder.parents):
        if candidate.name in ("_posts", "content"):
            return candidate.parent
    return folder
