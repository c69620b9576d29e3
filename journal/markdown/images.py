"""Find the images a Markdown text shows, with their exact place in the text, and relink them.

This is the app's one image finder: the export links photo references with it, the post import
finds and relinks a post's images with it, and the photos a text shows are found with it.
markdown-it decides what is an image (so ``![x](photo:1)`` inside a code span or a fenced block
is left alone, and reference-style images count); its image rule records where each image starts
and ends inside the inline text of its block (``parser.IMAGE_SPANS``), and that span is then
found again in the block's source lines. Rewriting splices only those spans, so everything else
the user wrote (raw HTML such as ``<br>``, links, spacing) passes through byte for byte.
"""

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown_it.token import Token

from journal.markdown.parser import IMAGE_SPANS, ImageSpan, markdown_parser, parse_blocks


@dataclass(frozen=True)
class ImageRef:
    """One Markdown image: its span in the text, target, alt text and optional title."""

    start: int
    end: int
    #: The target as a renderer loads it (markdown-it's normalised, percent-encoded URL).
    url: str
    #: The alt text as written, Markdown and escapes included.
    alt: str
    title: str | None
    #: The destination as the text spells it (a reference-style image's is its ``url``).
    destination: str
    #: 1-based line of the image's start.
    line: int

    def pointing_to(self, url: str) -> str:
        """This image leading to ``url``: its alt text as written (on one line), its title kept."""
        return _image(" ".join(self.alt.split()), url, self.title)


def _parseable(text: str) -> str:
    """``text`` with every line ending made ``\\n`` (and NUL made U+FFFD, as the parser does)
    without moving any offset (``\\r\\n`` becomes `` \\n``): spans found in it are spans of
    ``text`` itself, whatever line endings a file or a paste brought."""
    return text.replace("\r\n", " \n").replace("\r", "\n").replace("\0", "\ufffd")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(match.end() for match in re.finditer("\n", text))
    return starts


def _span_pattern(raw: str) -> re.Pattern[str]:
    """The image's inline text as it appears in the source: continuation lines may carry the
    indentation or ``>`` markers that the block parser stripped."""
    return re.compile(r"\n[ \t>]*".join(re.escape(part) for part in raw.split("\n")))


def find_images(text: str) -> list[ImageRef]:
    """Every image of ``text`` in order, with its span in ``text``."""
    text = _parseable(text)
    md = markdown_parser()
    env: dict[str, object] = {}
    blocks = parse_blocks(text, env)
    lines = _line_starts(text)
    found: list[ImageRef] = []
    earlier_in_region: dict[tuple[int, int], str] = {}
    for block in blocks:
        if block.type != "inline" or block.map is None:
            continue
        spans: list[ImageSpan] = []
        env[IMAGE_SPANS] = spans
        md.inline.parse(block.content, md, env, [])
        region = (block.map[0], block.map[1])
        region_start = lines[region[0]]
        region_end = lines[region[1]] if region[1] < len(lines) else len(text)
        before = earlier_in_region.get(region, "")
        for span in spans:
            pattern = _span_pattern(block.content[span.start : span.end])
            skip = len(
                _matches_ending_by(
                    pattern, before + "\n" + block.content, span.start + len(before) + 1
                )
            )
            matches = list(pattern.finditer(text, region_start, region_end))
            if skip >= len(matches):
                continue
            match = matches[skip]
            found.append(_image_ref(text, match.start(), match.end(), span))
        earlier_in_region[region] = before + "\n" + block.content
    return found


def _matches_ending_by(pattern: re.Pattern[str], text: str, limit: int) -> list[re.Match[str]]:
    return [match for match in pattern.finditer(text) if match.end() <= limit]


def _image_ref(text: str, start: int, end: int, span: ImageSpan) -> ImageRef:
    title = span.token.attrs.get("title")
    url = str(span.token.attrs.get("src", ""))
    return ImageRef(
        start=start,
        end=end,
        url=url,
        alt=span.token.content,
        title=None if title is None else str(title),
        destination=url if span.destination is None else span.destination,
        line=text.count("\n", 0, start) + 1,
    )


def rewrite_images(text: str, replacement: Callable[[ImageRef], str | None]) -> str:
    """``text`` with each image replaced by ``replacement(image)``, or kept when that is None."""
    pieces: list[str] = []
    position = 0
    for image in find_images(text):
        new = replacement(image)
        if new is None:
            continue
        pieces.append(text[position : image.start])
        pieces.append(new)
        position = image.end
    pieces.append(text[position:])
    return "".join(pieces)


def replace_links(text: str, destinations: Mapping[str, str]) -> str:
    """``text`` with each image whose destination (as written) is a key of ``destinations``
    leading to that key's value instead; everything else is left byte for byte."""
    if not destinations:
        return text
    return rewrite_images(
        text,
        lambda image: (
            image.pointing_to(destinations[image.destination])
            if image.destination in destinations
            else None
        ),
    )


def image_markdown(alt: str, url: str, title: str | None = None) -> str:
    """``![alt](url "title")`` for a plain-text ``alt`` (a caption): its brackets and
    backslashes escaped, folded onto one line."""
    folded = " ".join(alt.split())
    escaped = folded.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return _image(escaped, url, title)


def _image(label: str, url: str, title: str | None) -> str:
    target = url if not re.search(r"[\s()<>]", url) else f"<{url}>"
    if title:
        quoted = title.replace("\\", "\\\\").replace('"', '\\"')
        return f'![{label}]({target} "{quoted}")'
    return f"![{label}]({target})"


class _ImgSources(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.sources.extend(value for name, value in attrs if name == "src" and value)


def image_sources(text: str) -> Iterator[str]:
    """Every image URL a renderer would load from ``text``: Markdown images and raw ``<img>``."""
    for image in find_images(text):
        yield image.url
    tokens = markdown_parser().parse(text)
    html = [token.content for token in tokens if token.type == "html_block"]
    html.extend(_inline_html(tokens))
    parser = _ImgSources()
    for chunk in html:
        parser.feed(chunk)
    parser.close()
    yield from parser.sources


def _inline_html(tokens: list[Token]) -> Iterator[str]:
    for token in tokens:
        if token.type == "inline":
            children = token.children or []
            yield from (child.content for child in children if child.type == "html_inline")
