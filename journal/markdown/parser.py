"""The one Markdown parser: CommonMark with tables and strikethrough, raw HTML on.

Jekyll's kramdown and Hugo's Goldmark both accept that much, and posts use raw HTML (``<br>``)
for spacing. Every reader of Markdown in the app parses with this one instance — the export, the
post import, the finder of the photos a text shows and the editor's preview — so none of them can
disagree with another about what is an image, a heading or code.

markdown-it's tokens carry only line numbers, so the inline image and HTML rules are wrapped to
record where each image (and its destination) and each inline tag starts and ends inside its
block's inline text. They record only when the caller asked (the ``IMAGE_SPANS`` or
``HTML_SPANS`` key is in the parse's env), so rendering is unaffected.
"""

from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination
from markdown_it.rules_core import StateCore, block, normalize
from markdown_it.rules_inline import html_inline as html_inline_rule
from markdown_it.rules_inline import image as image_rule
from markdown_it.rules_inline.state_inline import StateInline
from markdown_it.token import Token

#: The env key under which the image rule appends an ``ImageSpan`` for each image it parses.
IMAGE_SPANS = "trip_journal_images"
#: The env key under which the inline HTML rule appends the (start, end) of each tag it parses.
HTML_SPANS = "trip_journal_html"


@dataclass(frozen=True)
class ImageSpan:
    """One image as the inline parser met it, in the coordinates of its block's inline text."""

    start: int
    end: int
    token: Token
    #: Where an inline image's destination is written (angle brackets included); None for a
    #: reference-style image, whose destination is in its definition.
    destination_span: tuple[int, int] | None
    #: The label a reference-style image names (``![alt][label]``, or its alt text); None for an
    #: inline image.
    label: str | None


def _destination_span(src: str, label_end: int, end: int) -> tuple[int, int] | None:
    """Where the inline destination after the label ending at ``label_end`` is written; None
    when the image is reference-style. An empty span for ``![alt]()``."""
    position = label_end + 1
    if position >= end or src[position] != "(":
        return None
    position += 1
    while position < end and src[position] in " \t\n":
        position += 1
    found = parseLinkDestination(src, position, end)
    return (position, found.pos) if found.ok else (position, position)


def _reference_label(src: str, label_start: int, label_end: int, end: int) -> str:
    """The label of a reference-style image: ``![alt][label]``'s, or for ``![alt][]`` and
    ``![alt]`` the alt text itself."""
    tail = src[label_end + 1 : end]
    if tail.startswith("[") and len(tail) > 2:
        return tail[1:-1]
    return src[label_start:label_end]


def _recording_image_rule(state: StateInline, silent: bool) -> bool:
    start = state.pos
    if not image_rule(state, silent):
        return False
    spans = state.env.get(IMAGE_SPANS)
    if not silent and spans is not None:
        token = state.tokens[-1]
        label_start = start + 2
        label_end = label_start + len(token.content)
        destination = _destination_span(state.src, label_end, state.pos)
        label = (
            None
            if destination is not None
            else _reference_label(state.src, label_start, label_end, state.pos)
        )
        spans.append(ImageSpan(start, state.pos, token, destination, label))
    return True


def _recording_html_rule(state: StateInline, silent: bool) -> bool:
    start = state.pos
    if not html_inline_rule(state, silent):
        return False
    spans = state.env.get(HTML_SPANS)
    if not silent and spans is not None:
        spans.append((start, state.pos))
    return True


@cache
def markdown_parser() -> MarkdownIt:
    """The shared parser (built once; parsing with it is safe from several threads)."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.inline.ruler.at("image", _recording_image_rule)
    md.inline.ruler.at("html_inline", _recording_html_rule)
    # Compile the rule chains now, before threads share the instance.
    md.parse("x")
    return md


def parse_blocks(text: str, env: dict[str, object]) -> list[Token]:
    """The block tokens of ``text`` with their inline content left unparsed, for a caller that
    parses each block's inline text itself (to know which block an image span belongs to)."""
    md = markdown_parser()
    state = StateCore(text, md, env)
    normalize(state)
    block(state)
    return state.tokens
