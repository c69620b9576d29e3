"""Find the images a Markdown text shows, with their exact place in the text, and relink them.

This is the app's one image finder: the export links photo references with it, the post import
finds and relinks a post's images with it, and the photos a text shows are found with it.
markdown-it decides what is an image (so ``![x](photo:1)`` inside a code span or a fenced block
is left alone, and reference-style images count); its image rule records where each image starts
and ends inside the inline text of its block (``parser.IMAGE_SPANS``), and that span is then
found again in the block's source lines. Rewriting splices only those spans, so everything else
the user wrote (raw HTML such as ``<br>``, links, spacing) passes through byte for byte.
"""

import dataclasses
import re
from collections.abc import Callable, Mapping
from typing import cast

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.helpers import parseLinkDestination
from markdown_it.token import Token

from journal.markdown.image_ref import ImageKind, ImageRef, image_markdown
from journal.markdown.liquid import masked
from journal.markdown.markup_images import (
    html_images,
    include_images,
    not_content,
    shortcode_images,
)
from journal.markdown.parser import (
    HTML_SPANS,
    IMAGE_SPANS,
    ImageSpan,
    markdown_parser,
    parse_blocks,
)

__all__ = [
    "ImageKind",
    "ImageRef",
    "find_images",
    "image_markdown",
    "replace_links",
    "rewrite_images",
    "rewrite_urls",
]

#: What comes before a reference definition's ``[`` on its line: indentation, quote and list
#: markers.
_DEFINITION_OPENING = re.compile(r"(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*\[")
#: Characters a Markdown destination cannot hold unless it is written in angle brackets.
_NEEDS_BRACKETS = re.compile(r"[\s()<>]|^$")


def _parseable(text: str) -> str:
    """``text`` with every line ending made ``\\n`` (and NUL made U+FFFD, as the parser does)
    without moving any offset (``\\r\\n`` becomes `` \\n``): spans found in it are spans of
    ``text`` itself, whatever line endings a file or a paste brought."""
    return text.replace("\r\n", " \n").replace("\r", "\n").replace("\0", "\ufffd")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(match.end() for match in re.finditer("\n", text))
    return starts


def _span_pattern(raw: str) -> str:
    """The inline text ``raw`` as it appears in the source: continuation lines may carry the
    indentation or ``>`` markers that the block parser stripped."""
    return r"\n[ \t>]*".join(re.escape(part) for part in raw.split("\n"))


class _Block:
    """One inline block of the parsed text, to find the source span of a piece of its inline
    text: the piece's text is searched for in the block's lines, skipping as many matches as
    the block's text (and any earlier block on the same lines) has before the piece."""

    def __init__(self, parsed: str, content: str, region: tuple[int, int], before: str) -> None:
        self._parsed = parsed
        self._content = content
        self._region = region
        self._before = before

    def locate(
        self, start: int, end: int, url: tuple[int, int] | None = None
    ) -> re.Match[str] | None:
        """The match of ``content[start:end]`` in the source, with a ``url`` group for the part
        ``url`` (offsets in the content) when given."""
        raw = self._content
        if url is None:
            pattern = re.compile(_span_pattern(raw[start:end]))
        else:
            pattern = re.compile(
                _span_pattern(raw[start : url[0]])
                + f"(?P<url>{_span_pattern(raw[url[0] : url[1]])})"
                + _span_pattern(raw[url[1] : end])
            )
        earlier = self._before + "\n" + raw
        limit = start + len(self._before) + 1
        skip = sum(1 for match in pattern.finditer(earlier) if match.end() <= limit)
        matches = list(pattern.finditer(self._parsed, *self._region))
        return matches[skip] if skip < len(matches) else None


def find_images(text: str) -> list[ImageRef]:
    """Every image of ``text`` in order of its start, in any syntax (``ImageKind``), with its
    span and the span of its URL in ``text``."""
    source = _parseable(text)
    parsed = masked(source)
    md = markdown_parser()
    env: dict[str, object] = {}
    blocks = parse_blocks(parsed, env)
    lines = _line_starts(parsed)
    references: Mapping[str, Mapping[str, object]] = env.get("references", {})  # type: ignore[assignment]
    definitions: dict[str, tuple[int, int, int, int] | None] = {}
    found: list[ImageRef] = []
    earlier_in_region: dict[tuple[int, int], str] = {}
    for block in blocks:
        if block.map is None or block.type not in ("inline", "html_block"):
            continue
        region = (
            lines[block.map[0]],
            lines[block.map[1]] if block.map[1] < len(lines) else len(parsed),
        )
        if block.type == "html_block":
            found.extend(html_images(source, parsed, *region))
            continue
        images: list[ImageSpan] = []
        tags: list[tuple[int, int]] = []
        env[IMAGE_SPANS], env[HTML_SPANS] = images, tags
        md.inline.parse(block.content, md, env, [])
        before = earlier_in_region.get((block.map[0], block.map[1]), "")
        located = _Block(parsed, block.content, region, before)
        for span in images:
            match = located.locate(span.start, span.end, span.destination_span)
            if match is None:
                continue
            span = _as_written(span, source, parsed, match, references)
            if span.label is None:
                found.append(_markdown_image(md, source, parsed, match, span))
                continue
            label = normalizeReference(span.label)
            if label not in definitions:
                definitions[label] = _definition(parsed, lines, references.get(label))
            definition = definitions[label]
            if definition is not None:
                found.append(_markdown_image(md, source, parsed, match, span, definition))
        for tag_start, tag_end in tags:
            match = located.locate(tag_start, tag_end)
            if match is not None:
                found.extend(html_images(source, parsed, match.start(), match.end(), region))
        earlier_in_region[(block.map[0], block.map[1])] = before + "\n" + block.content
    found.extend(shortcode_images(source))
    found.extend(include_images(source))
    excluded = not_content(source)
    return sorted(
        (
            image
            for image in found
            if not any(start <= image.start < end for start, end in excluded)
        ),
        key=lambda image: image.start,
    )


def _as_written(
    span: ImageSpan,
    source: str,
    parsed: str,
    match: re.Match[str],
    references: Mapping[str, Mapping[str, object]],
) -> ImageSpan:
    """``span`` with the token of the image as written, where Liquid in its alt text or title
    was masked for the parser (only its URL stays masked, so the image still parses)."""
    start, end = match.span()
    if parsed[start:end] == source[start:end]:
        return span
    if span.label is None:
        url_start, url_end = match.span("url")
        written = source[start:url_start] + parsed[url_start:url_end] + source[url_end:end]
    else:
        written = source[start:end]
    inline = markdown_parser().parseInline(written, {"references": references})
    image = next((token for token in inline[0].children or () if token.type == "image"), None)
    return span if image is None else dataclasses.replace(span, token=image)


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _plain_text(tokens: list[Token]) -> str:
    """The text of inline tokens as a reader sees it: emphasis and escapes gone."""
    pieces = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            pieces.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
        elif token.children:
            pieces.append(_plain_text(token.children))
    return "".join(pieces)


def _caption(span: ImageSpan) -> str:
    alt = _plain_text(span.token.children or [])
    title = span.token.attrs.get("title")
    return " ".join((alt.strip() or str(title or "")).split())


def _markdown_image(
    md: MarkdownIt,
    source: str,
    parsed: str,
    match: re.Match[str],
    span: ImageSpan,
    definition: tuple[int, int, int, int] | None = None,
) -> ImageRef:
    """An inline image, or with the ``definition`` it takes its URL from a reference-style one
    (the definition's span and its destination's)."""
    if definition is None:
        url_start, url_end = _inside_brackets(source, *match.span("url"))
    else:
        url_start, url_end = definition[2:]
    destination = source[url_start:url_end]
    url = str(span.token.attrs.get("src", ""))
    if parsed[url_start:url_end] != destination:  # masked Liquid: the parser saw another URL
        url = md.normalizeLink(destination)
    title = span.token.attrs.get("title")
    return ImageRef(
        start=match.start(),
        end=match.end(),
        url=url,
        alt=span.token.content,
        title=None if title is None else str(title),
        destination=destination,
        line=_line(source, match.start()),
        kind=ImageKind.MARKDOWN if definition is None else ImageKind.REFERENCE,
        url_start=url_start,
        url_end=url_end,
        caption=_caption(span),
        definition=None if definition is None else definition[:2],
        follows=_markdown_link(source, match.start(), match.end(), destination)
        if definition is None
        else (),
    )


def _markdown_link(
    text: str, start: int, end: int, destination: str
) -> tuple[tuple[int, int], ...]:
    """The span of the destination of a link that is just the image (``[![a](x.jpg)](x.jpg)``)
    when it leads to the image's own destination."""
    if text[start - 1 : start] != "[" or not text.startswith("](", end):
        return ()
    found = parseLinkDestination(text, end + 2, len(text))
    if not found.ok:
        return ()
    span = _inside_brackets(text, end + 2, found.pos)
    return (span,) if text[slice(*span)] == destination else ()


def _definition(
    parsed: str, lines: list[int], reference: Mapping[str, object] | None
) -> tuple[int, int, int, int] | None:
    """Where the reference definition markdown-it kept for a label is written: its span
    (``[label]: url "title"``, without the line break) and its destination's."""
    if reference is None:
        return None
    first, last = cast(list[int], reference["map"])
    region_end = lines[last] if last < len(lines) else len(parsed)
    opening = _DEFINITION_OPENING.match(parsed, lines[first], region_end)
    if opening is None:
        return None
    position = opening.end()
    while position < region_end and parsed[position] != "]":
        position += 2 if parsed[position] == "\\" else 1
    gap = re.compile(r":[ \t]*(?:\n[ \t>]*)?").match(parsed, position + 1, region_end)
    if gap is None:
        return None
    destination = parseLinkDestination(parsed, gap.end(), region_end)
    if not destination.ok:
        return None
    end = region_end - 1 if parsed[region_end - 1 : region_end] == "\n" else region_end
    return opening.end() - 1, end, *_inside_brackets(parsed, gap.end(), destination.pos)


def _inside_brackets(text: str, start: int, end: int) -> tuple[int, int]:
    """A destination's span without the angle brackets it may be written in."""
    if text[start : start + 1] == "<" and text[end - 1 : end] == ">" and end - start >= 2:
        return start + 1, end - 1
    return start, end


def rewrite_images(text: str, replacement: Callable[[ImageRef], str | None]) -> str:
    """``text`` with each image (its whole span) replaced by ``replacement(image)``, or kept when
    that is None."""
    pieces: list[str] = []
    position = 0
    for image in find_images(text):
        new = replacement(image)
        if new is None or image.start < position:
            continue
        pieces.append(text[position : image.start])
        pieces.append(new)
        position = image.end
    pieces.append(text[position:])
    return "".join(pieces)


def rewrite_urls(text: str, new_url: Callable[[ImageRef], str | None]) -> str:
    """``text`` with the URL of each image replaced, where it is written, by ``new_url(image)``
    (kept when that is None), written as its syntax needs it (quoted, escaped, bracketed).
    Everything else stays byte for byte, alt text, titles, captions and the syntax itself; a
    definition shared by reference-style images is rewritten once, for the first of them."""
    edits: dict[int, tuple[int, str]] = {}
    for image in find_images(text):
        if image.url_start in edits:
            continue
        url = new_url(image)
        if url is None:
            continue
        edits[image.url_start] = (image.url_end, _written_url(text, image, url))
        for start, end in image.follows:
            edits[start] = (end, _written_url(text, image, url, start))
    pieces: list[str] = []
    position = 0
    for start in sorted(edits):
        end, written = edits[start]
        pieces += [text[position:start], written]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _written_url(text: str, image: ImageRef, url: str, at: int | None = None) -> str:
    """``url`` as the image's syntax writes it at its URL's place in ``text`` (or at ``at``, the
    place of a URL that follows it)."""
    at = image.url_start if at is None else at
    quote = text[at - 1 : at] if at else ""
    if image.kind in (ImageKind.MARKDOWN, ImageKind.REFERENCE):
        url = url.replace("<", "%3C").replace(">", "%3E").replace("\n", "%0A")
        if quote == "<" or not _NEEDS_BRACKETS.search(url):
            return url
        return f"<{url}>"
    if image.kind is ImageKind.HTML:
        escaped = url.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#39;")
        if quote in ('"', "'") or not re.search(r"[\s\"'=<>`]|^$", url):
            return escaped
        return f'"{escaped}"'
    if image.kind is ImageKind.SHORTCODE:
        if quote == "`":
            return url.replace("`", "%60")
        escaped = url.replace("\\", "\\\\").replace('"', '\\"')
        return escaped if quote == '"' or not re.search(r"[\s\"`]|^$", url) else f'"{escaped}"'
    return url.replace('"', "%22").replace("'", "%27")


def replace_links(text: str, destinations: Mapping[str, str]) -> str:
    """``text`` with the URL of each image whose destination (as the text means it) is a key of
    ``destinations`` replaced by that key's value; everything else is left byte for byte."""
    if not destinations:
        return text
    return rewrite_urls(text, lambda image: destinations.get(image.destination))
