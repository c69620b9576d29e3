"""Markdown to the HTML subset ``QTextDocument`` shows, for the editor's live preview.

CommonMark through markdown-it-py (the posts are rendered by Jekyll or Hugo, which are CommonMark
flavoured), with raw HTML allowed because posts use ``<br>`` for spacing. A photo reference
(``photo:ID``) gets an explicit width so a 4000-pixel photo fits the pane; the pane resolves the
URL to the library's image through its resource hook.
"""

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from journal.photo_refs import photo_id_of


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


class PreviewRenderer:
    """Renders a day's Markdown; ``image_width`` is the width photos are shown at, in pixels."""

    def __init__(self) -> None:
        self._md = _markdown()
        self.image_width = 480

        def render_image(
            renderer: RendererHTML,
            tokens: Sequence[Token],
            index: int,
            options: OptionsDict,
            env: EnvType,
        ) -> Any:
            token = tokens[index]
            if photo_id_of(str(token.attrGet("src") or "")) is not None:
                token.attrSet("width", str(self.image_width))
            return renderer.image(tokens, index, options, env)

        self._md.add_render_rule("image", render_image)

    def render(self, markdown: str) -> str:
        return self._md.render(markdown)
