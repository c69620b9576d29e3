"""The one Markdown parser: CommonMark with tables and strikethrough, raw HTML on.

Jekyll's kramdown and Hugo's Goldmark both accept that much, and posts use raw HTML (``<br>``)
for spacing. Every reader of Markdown in the app parses with this one instance — the export, the
post import, the finder of the photos a text shows and the editor's preview — so none of them can
disagree with another about what is an image, a heading or code.

markdown-it's tokens carry only line numbers, so the inline image rule is wrapped to record where
each image starts and ends inside its block's inline text. It records only when the caller asked
(the ``IMAGE_SPANS`` key is in the parse's env), so rendering is unaffected.
"""

from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination
from markdown_it.rules_core import StateCore, block, normalize
from markdown_it.rules_inline import image as image_rule
from markdown_it.rules_inline.state_inline import StateInline
from markdown_it.token import Token

#: The env key under which the image rule appends an ``ImageSpan`` for each image it parses.
IMAGE_SPANS = "trip_journal_images"


@dataclass(frozen=True)
class ImageSpan:
    """One image as the inline parser met it, in the coordinates of its block's inline text."""

    start: int
    end: int
    token: Token
    #: The destination exactly as written (angle brackets off); None for a reference-style image.
    destination: str | None


def _written_destination(src: str, label_end: int, end: int) -> str | None:
    """The inline destination after the label ending at ``label_end``, as the text spells it:
    not unescaped or percent-encoded as the token's ``src`` is, so messages and rewrites can
    name it the way the author wrote it."""
    position = label_end + 1
    if position >= end or src[position] != "(":
        return None
    position += 1
    while position < end and src[position] in " \t\n":
        position += 1
    found = parseLinkDestination(src, position, end)
    if not found.ok:
        return ""
    written = src[position : found.pos]
    if written.startswith("<") and written.endswith(">"):
        return written[1:-1]
    return written


def _recording_image_rule(state: StateInline, silent: bool) -> bool:
    start = state.pos
    if not image_rule(state, silent):
        return False
    spans = state.env.get(IMAGE_SPANS)
    if not silent and spans is not None:
        token = state.tokens[-1]
        label_end = start + 2 + len(token.content)
        destination = _written_destination(state.src, label_end, state.pos)
        spans.append(ImageSpan(start, state.pos, token, destination))
    return True


@cache
def markdown_parser() -> MarkdownIt:
    """The shared parser (built once; parsing with it is safe from several threads)."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.inline.ruler.at("image", _recording_image_rule)
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
