"""Image references in a post: where they are, which file they mean, and rewriting them.

Jekyll posts link images site-absolute (``/assets/images/…``), Hugo bundles and plain posts
relative to the post. Links are percent-decoded one path segment at a time, the way a lenient web
server reads them, so the reference post's ``/assets%2Fimages%2F23q4%2Fimg_24.png`` means
``assets/images/23q4/img_24.png``. A link can never resolve outside the site root or post folder.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
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


def resolve_image(destination: str, *, site_root: Path, post_folder: Path) -> Path | None:
    """The local file a link means, or None for remote links and links escaping their base."""
    if is_remote(destination):
        return None
    base = site_root if urlsplit(destination).path.startswith("/") else post_folder
    relative = (
        PurePosixPath(*decoded_segments(destination)) if decoded_segments(destination) else None
    )
    if relative is None or ".." in relative.parts:
        return None
    candidate = (base / relative).resolve()
    if not candidate.is_relative_to(base.resolve()):
        return None
    return candidate


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
