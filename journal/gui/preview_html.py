"""Markdown to the HTML subset ``QTextDocument`` shows, for the editor's live preview.

CommonMark through markdown-it-py (the posts are rendered by Jekyll or Hugo, which are CommonMark
flavoured), with raw HTML allowed because posts use ``<br>`` for spacing. A photo reference
(``photo:ID``) gets an explicit width so a 4000-pixel photo fits the pane, also when it sits in a
list or a quote; the pane resolves the URL to the library's image through its resource hook.
"""

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from journal.photo_refs import photo_id_of


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


#: Room each enclosing block takes from a photo's width in ``QTextDocument``: a list level is
#: indented by the document's ``indentWidth`` (40), a blockquote has 40-pixel margins both sides.
BLOCK_INDENTS = {"bullet_list": 40, "ordered_list": 40, "blockquote": 80}

#: The narrowest a photo is shown, however deep it sits, so it stays recognisable.
MIN_PHOTO_WIDTH = 120


class PreviewRenderer:
    """Renders a day's Markdown with each photo as wide as the room it has.

    ``column_width`` is the pane's text column and ``max_photo_width`` the widest a photo gets,
    like a blog's column. A photo inside a list item or a quote is narrowed by that block's
    indentation, so it never runs past the right edge of the pane.
    """

    def __init__(self, max_photo_width: int = 560) -> None:
        self._md = _markdown()
        self.max_photo_width = max_photo_width
        self.column_width = max_photo_width

    def render(self, markdown: str) -> str:
        tokens = self._md.parse(markdown)
        indent = 0
        for token in tokens:
            block = token.type.rsplit("_", 1)[0]
            if token.nesting != 0 and block in BLOCK_INDENTS:
                indent += token.nesting * BLOCK_INDENTS[block]  # nesting: 1 opens, -1 closes
            elif token.type == "inline":
                self._size_photos(token.children or [], self._photo_width(indent))
        return self._md.renderer.render(tokens, self._md.options, {})

    def _photo_width(self, indent: int) -> int:
        room = self.column_width - indent
        return max(MIN_PHOTO_WIDTH, min(self.max_photo_width, room))

    @staticmethod
    def _size_photos(children: Sequence[Token], width: int) -> None:
        for child in children:
            if child.type == "image" and photo_id_of(str(child.attrGet("src") or "")) is not None:
                child.attrSet("width", str(width))
