"""Image references in a post: where they are, which file they mean, and rewriting them.

Jekyll posts link images site-absolute (``/assets/images/…``), Hugo bundles and plain posts
relative to the post. Links are percent-decoded one path segment at a time, the way a lenient web
server reads them, so the reference post's ``/assets%2Fimages%2F23q4%2Fimg_24.png`` means
``assets/images/23q4/img_24.png``. A link can never resolve outside the site (the site root, or
the post's folder for a post outside it), not even through ``..`` or a symlink.
"""

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

# ![alt](destination "optional title") — destination plain or in <angle brackets>.
_IMAGE = re.compile(
    r"!\[(?P<alt>(?:\\.|[^\]\\])*)\]\(\s*(?P<dest><[^>\n]*>|[^\s)]+)(?P<title>\s+\"[^\"\n]*\")?\s*\)"
)

# `code`, ``code with ` inside`` — a run of backticks closed by a run of the same length.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)


@dataclass(frozen=True)
class ImageLink:
    alt: str
    #: The destination exactly as written in the post.
    destination: str
    #: Offsets of the whole ``![…](…)`` in the text it was found in.
    start: int
    end: int
    #: 1-based line within that text.
    line: int


def find_image_links(markdown: str) -> list[ImageLink]:
    """Every Markdown image outside code, in order."""
    lines = markdown.splitlines(keepends=True)
    line_starts = [0]
    for text in lines:
        line_starts.append(line_starts[-1] + len(text))
    found: list[ImageLink] = []
    for first, last in _lines_with_images(markdown):
        region_start, region_end = line_starts[first], line_starts[min(last, len(lines))]
        code = [span.span() for span in _CODE_SPAN.finditer(markdown, region_start, region_end)]
        for match in _IMAGE.finditer(markdown, region_start, region_end):
            if any(start <= match.start() < end for start, end in code):
                continue
            destination = match["dest"].removeprefix("<").removesuffix(">")
            number = first + markdown.count("\n", region_start, match.start()) + 1
            found.append(ImageLink(match["alt"], destination, match.start(), match.end(), number))
    return found


def _lines_with_images(markdown: str) -> Iterator[tuple[int, int]]:
    """Line ranges of inline content that markdown-it says holds an image (so not code)."""
    for token in MarkdownIt("commonmark").parse(markdown):
        if (
            token.type == "inline"
            and token.map is not None
            and any(child.type == "image" for child in token.children or ())
        ):
            yield token.map[0], token.map[1]


def is_remote(destination: str) -> bool:
    return bool(urlsplit(destination).scheme) or destination.startswith("//")


def decoded_segments(destination: str) -> list[str]:
    """The path's segments, each percent-decoded, with slashes that decoding reveals split too."""
    path = urlsplit(destination).path
    segments: list[str] = []
    for raw in path.split("/"):
        segments.extend(part for part in unquote(raw).split("/") if part)
    return segments


#: Why a link names no file to import: a web address, or a path leading out of the site.
REMOTE = "a web address, not imported"
OUTSIDE_SITE = "outside the site, not imported"
NOT_FOUND = "file not found"


def resolve_image(destination: str, *, site_root: Path, post_folder: Path) -> Path | str:
    """The local path a link means (which may not exist), or why it names no file to import.

    Site-absolute links start at ``site_root``; relative ones at the post's folder, and may go
    up (``../images/a.png``) as long as they stay inside the site."""
    if is_remote(destination):
        return REMOTE
    segments = decoded_segments(destination)
    if not segments:
        return NOT_FOUND
    site = site_root.resolve()
    folder = post_folder.resolve()
    if urlsplit(destination).path.startswith("/"):
        base = site
    else:
        base = folder
        if not folder.is_relative_to(site):
            site = folder
    candidate = Path(posixpath.normpath(posixpath.join(base.as_posix(), *segments))).resolve()
    return candidate if candidate.is_relative_to(site) else OUTSIDE_SITE


def replace_links(markdown: str, destinations: dict[str, str]) -> str:
    """Rewrite image destinations (as written) to new ones; other text is left byte for byte."""
    if not destinations:
        return markdown
    pieces: list[str] = []
    cursor = 0
    for link in find_image_links(markdown):
        if link.destination in destinations:
            pieces.append(markdown[cursor : link.start])
            pieces.append(f"![{link.alt}]({destinations[link.destination]})")
            cursor = link.end
    pieces.append(markdown[cursor:])
    return "".join(pieces)
