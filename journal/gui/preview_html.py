"""Markdown to the HTML subset ``QTextDocument`` shows, for the editor's live preview.

Parsed with the app's one Markdown parser (``journal.markdown.parser``: CommonMark with tables and
strikethrough, raw HTML allowed because posts use ``<br>`` for spacing), so the preview reads a
text as the export does. A photo reference (``photo:ID``) gets an explicit width so a 4000-pixel
photo fits the pane, also when it sits in a list or a quote; the pane resolves the URL to the
library's image through its resource hook. An image shown by a Hugo shortcode or a Jekyll include
(``{{< figure src="photo:12" >}}``) is shown as the image it stands for.

Any other image (a local path, a web address, an imported post's leftover link) becomes a
placeholder naming it: the preview shows the library's photos and nothing else, so a hostile text
can never make the app read ``/dev/zero`` or a FIFO. The pane refuses such resources as well;
this only makes the refusal readable.
"""

import html
from collections.abc import Sequence

from markdown_it.token import Token

from journal.markdown.images import ImageKind, ImageRef, image_markdown, rewrite_images
from journal.markdown.parser import markdown_parser
from journal.markdown.photo_refs import photo_id_of

#: Room each enclosing block takes from a photo's width in ``QTextDocument``: a list level is
#: indented by the document's ``indentWidth`` (40), a blockquote has 40-pixel margins both sides.
BLOCK_INDENTS = {"bullet_list": 40, "ordered_list": 40, "blockquote": 80}

#: The narrowest a photo is shown, however deep it sits, so it stays recognisable.
MIN_PHOTO_WIDTH = 120

#: The class of the placeholder shown for an image from outside the library; the pane styles it.
BLOCKED_IMAGE_CLASS = "blocked-image"
#: A link longer than this is shortened in the placeholder (a data: URL can be megabytes).
SHOWN_LINK_CHARS = 120


def blocked_image_text(link: str, alt: str = "") -> str:
    """What the preview shows instead of an image that is not a library photo."""
    if len(link) > SHOWN_LINK_CHARS:
        half = SHOWN_LINK_CHARS // 2
        link = f"{link[:half]}…{link[-half:]}"
    named = f"{alt} — {link}" if alt else link
    return f"[image outside the library, not shown: {named}]"


def _shortcodes_as_images(markdown: str) -> str:
    """``markdown`` with each image a Hugo shortcode or a Jekyll include shows written as the
    Markdown image it renders as, so the preview shows it (or names it) like any other."""

    def as_markdown(image: ImageRef) -> str | None:
        if image.kind in (ImageKind.SHORTCODE, ImageKind.LIQUID):
            return image_markdown(image.caption, image.url)
        return None

    return rewrite_images(markdown, as_markdown)


class PreviewRenderer:
    """Renders a day's Markdown with each photo as wide as the room it has.

    ``column_width`` is the pane's text column and ``max_photo_width`` the widest a photo gets,
    like a blog's column. A photo inside a list item or a quote is narrowed by that block's
    indentation, so it never runs past the right edge of the pane.
    """

    def __init__(self, max_photo_width: int = 560) -> None:
        self._md = markdown_parser()
        self.max_photo_width = max_photo_width
        self.column_width = max_photo_width

    def render(self, markdown: str) -> str:
        tokens = self._md.parse(_shortcodes_as_images(markdown))
        indent = 0
        for token in tokens:
            block = token.type.rsplit("_", 1)[0]
            if token.nesting != 0 and block in BLOCK_INDENTS:
                indent += token.nesting * BLOCK_INDENTS[block]  # nesting: 1 opens, -1 closes
            elif token.type == "inline" and token.children:
                token.children = self._shown_images(token.children, self._photo_width(indent))
        return self._md.renderer.render(tokens, self._md.options, {})

    def _photo_width(self, indent: int) -> int:
        room = self.column_width - indent
        return max(MIN_PHOTO_WIDTH, min(self.max_photo_width, room))

    def _shown_images(self, children: Sequence[Token], width: int) -> list[Token]:
        """``children`` with each photo sized to ``width`` and any other image a placeholder."""
        shown = []
        for child in children:
            if child.type == "image":
                src = str(child.attrGet("src") or "")
                if photo_id_of(src) is not None:
                    child.attrSet("width", str(width))
                else:
                    child = self._placeholder(child, src)
            shown.append(child)
        return shown

    def _placeholder(self, image: Token, src: str) -> Token:
        text = blocked_image_text(self._md.normalizeLinkText(src), image.content)
        markup = f'<span class="{BLOCKED_IMAGE_CLASS}">{html.escape(text)}</span>'
        return Token("html_inline", "", 0, content=markup)
