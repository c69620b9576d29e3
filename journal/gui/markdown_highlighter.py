"""Markdown syntax colouring for the editor, in colours taken from the current palette.

Colours come from the palette (not fixed RGB values) so the editor reads well in light and dark
themes; ``refresh_palette`` re-derives them when the system switches.
"""

import re

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

_HEADING = re.compile(r"^#{1,6}\s.*$")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![*\w])([*_])(?=\S)(.+?)(?<=\S)\3")
_CODE_SPAN = re.compile(r"`[^`\n]+`")
_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_QUOTE = re.compile(r"^\s*>.*$")
_HTML = re.compile(r"<[^>\n]+>")
_FENCE = re.compile(r"^\s*(```|~~~)")

#: Block state: inside a fenced code block.
_IN_FENCE = 1


def _blend(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() * (1 - amount) + b.redF() * amount,
        a.greenF() * (1 - amount) + b.greenF() * amount,
        a.blueF() * (1 - amount) + b.blueF() * amount,
    )


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self._formats: dict[str, QTextCharFormat] = {}
        self.refresh_palette(palette, rehighlight=False)

    def refresh_palette(self, palette: QPalette, *, rehighlight: bool = True) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        link = palette.color(QPalette.ColorRole.Link)
        muted = _blend(text, base, 0.45)

        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        heading.setForeground(link)
        strong = QTextCharFormat()
        strong.setFontWeight(QFont.Weight.Bold)
        emphasis = QTextCharFormat()
        emphasis.setFontItalic(True)
        code = QTextCharFormat()
        code.setFontFamilies(["monospace"])
        code.setBackground(_blend(base, text, 0.08))
        link_format = QTextCharFormat()
        link_format.setForeground(link)
        muted_format = QTextCharFormat()
        muted_format.setForeground(muted)
        quote = QTextCharFormat()
        quote.setForeground(muted)
        quote.setFontItalic(True)
        self._formats = {
            "heading": heading,
            "strong": strong,
            "emphasis": emphasis,
            "code": code,
            "link": link_format,
            "muted": muted_format,
            "quote": quote,
        }
        if rehighlight:
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        in_fence = self.previousBlockState() == _IN_FENCE
        if _FENCE.match(text):
            self.setFormat(0, len(text), self._formats["code"])
            self.setCurrentBlockState(0 if in_fence else _IN_FENCE)
            return
        if in_fence:
            self.setFormat(0, len(text), self._formats["code"])
            self.setCurrentBlockState(_IN_FENCE)
            return
        self.setCurrentBlockState(0)
        if _HEADING.match(text):
            self.setFormat(0, len(text), self._formats["heading"])
            return
        if _QUOTE.match(text):
            self.setFormat(0, len(text), self._formats["quote"])
        marker = _LIST_MARKER.match(text)
        if marker:
            self.setFormat(0, marker.end(), self._formats["link"])
        for match in _EMPHASIS.finditer(text):
            # Group 1 is the doubled marker of **strong**; *emphasis* is group 3's single one.
            style = "strong" if match.group(1) else "emphasis"
            self.setFormat(match.start(), match.end() - match.start(), self._formats[style])
        for match in _HTML.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self._formats["muted"])
        for match in _LINK.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self._formats["link"])
        for match in _CODE_SPAN.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self._formats["code"])
