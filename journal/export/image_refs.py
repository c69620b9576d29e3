"""Find the images a Markdown text shows, with their exact place in the text.

markdown-it-py decides what is an image (so ``![x](photo:1)`` inside a code span or a fenced
block is left alone, and reference-style images count), but its tokens carry only line numbers.
The inline image rule is therefore wrapped to record where each image starts and ends inside the
inline text of its block, and that span is then found again in the block's source lines. Rewriting
splices only those spans, so everything else the user wrote (raw HTML such as ``<br>``, links,
spacing) passes through byte for byte.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.rules_inline import image as image_rule
from markdown_it.rules_inline.state_inline import StateInline
from markdown_it.token import Token

_RECORDS = "trip_journal_images"


@dataclass(frozen=True)
class ImageRef:
    """One Markdown image: its span in the text, target, alt text and optional title."""

    start: int
    end: int
    url: str
    alt: str
    title: str | None


def _recording_image_rule(state: StateInline, silent: bool) -> bool:
    start = state.pos
    if not image_rule(state, silent):
        return False
    if not silent:
        state.env[_RECORDS].append((start, state.pos, state.tokens[-1]))
    return True


@cache
def markdown_parser() -> MarkdownIt:
    """CommonMark plus tables and strikethrough: what both kramdown and Goldmark accept."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.inline.ruler.at("image", _recording_image_rule)
    # Inline text is parsed block by block below, where each block's source lines are known.
    md.disable("inline")
    return md


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(match.end() for match in re.finditer("\n", text))
    return starts


def _span_pattern(raw: str) -> re.Pattern[str]:
    """The image's inline text as it appears in the source: continuation lines may carry the
    indentation or ``>`` markers that the block parser stripped."""
    return re.compile(r"\n[ \t>]*".join(re.escape(part) for part in raw.split("\n")))


def find_images(text: str) -> list[ImageRef]:
    """Every image of ``text`` (newlines already ``\\n``) in order, with its span."""
    md = markdown_parser()
    env: dict[str, object] = {}
    blocks = md.parse(text, env)
    lines = _line_starts(text)
    found: list[ImageRef] = []
    earlier_in_region: dict[tuple[int, int], str] = {}
    for block in blocks:
        if block.type != "inline" or block.map is None:
            continue
        env[_RECORDS] = []
        md.inline.parse(block.content, md, env, [])
        region = (block.map[0], block.map[1])
        region_start = lines[region[0]]
        region_end = lines[region[1]] if region[1] < len(lines) else len(text)
        before = earlier_in_region.get(region, "")
        for start, end, token in env[_RECORDS]:  # type: ignore[attr-defined]
            pattern = _span_pattern(block.content[start:end])
            skip = len(
                _matches_ending_by(pattern, before + "\n" + block.content, start + len(before) + 1)
            )
            matches = list(pattern.finditer(text, region_start, region_end))
            if skip >= len(matches):
                continue
            match = matches[skip]
            found.append(_image_ref(match.start(), match.end(), token))
        earlier_in_region[region] = before + "\n" + block.content
    return found


def _matches_ending_by(pattern: re.Pattern[str], text: str, limit: int) -> list[re.Match[str]]:
    return [match for match in pattern.finditer(text) if match.end() <= limit]


def _image_ref(start: int, end: int, token: Token) -> ImageRef:
    title = token.attrs.get("title")
    return ImageRef(
        start=start,
        end=end,
        url=str(token.attrs.get("src", "")),
        alt=token.content,
        title=None if title is None else str(title),
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


def image_markdown(alt: str, url: str, title: str | None = None) -> str:
    """``![alt](url "title")`` with the alt text escaped and folded onto one line."""
    folded = " ".join(alt.split())
    escaped = folded.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    target = url if not re.search(r"[\s()<>]", url) else f"<{url}>"
    if title:
        quoted = title.replace("\\", "\\\\").replace('"', '\\"')
        return f'![{escaped}]({target} "{quoted}")'
    return f"![{escaped}]({target})"


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
    md = markdown_parser()
    html = [block.content for block in md.parse(text) if block.type == "html_block"]
    html.extend(_inline_html(text))
    parser = _ImgSources()
    for chunk in html:
        parser.feed(chunk)
    parser.close()
    yield from parser.sources


def _inline_html(text: str) -> Iterator[str]:
    md = markdown_parser()
    env: dict[str, object] = {}
    for block in md.parse(text, env):
        if block.type != "inline":
            continue
        env[_RECORDS] = []
        children: list[Token] = []
        md.inline.parse(block.content, md, env, children)
        yield from (child.content for child in children if child.type == "html_inline")
