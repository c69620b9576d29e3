"""Raw ``<br>`` taken out of a new Hugo post, in favour of what Hugo renders.

Hugo's default renderer drops raw HTML and warns: a spacer line of ``<br>`` (the spacing hand-made
posts use, and the app's own between sections) shows nothing, and a ``<br>`` inside a line glues
the words on either side. So a spacer line goes, a ``<br>`` ending a line becomes a Markdown line
break (``\\`` at the end of the line), and one inside a line (in a table cell, say, where a line
break cannot go) a space. ``<br>`` in code, escaped (``\\<br>``) or inside other raw HTML is left
as written.
"""

import re

from markdown_it.token import Token

from journal.markdown.parser import markdown_parser
from journal.markdown.post_layout import markdown_lines

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ONLY_BREAKS = re.compile(r"\s*(?:<br\s*/?>\s*)+", re.IGNORECASE)
#: A code span: a run of backticks, anything, the same run again (CommonMark's rule).
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)


def without_raw_breaks(text: str) -> str:
    lines = markdown_lines(text)
    dropped: set[int] = set()
    for token in markdown_parser().parse(text):
        if token.map is None:
            continue
        first, last = token.map
        if token.type == "html_block" and _ONLY_BREAKS.fullmatch(token.content):
            dropped.update(range(first, last))
        elif token.type == "inline" and _has_break(token):
            lines[first:last] = _replaced("".join(lines[first:last]), last - first)
    for index in sorted(dropped):
        if _blank(lines, index - 1) and _blank(lines, _next_kept(index, dropped)):
            dropped.add(index - 1)
    return "".join(line for index, line in enumerate(lines) if index not in dropped)


def _has_break(token: Token) -> bool:
    return any(
        child.type == "html_inline" and _BREAK.fullmatch(child.content)
        for child in token.children or []
    )


def _replaced(block: str, line_count: int) -> list[str]:
    """The block's lines with each ``<br>`` outside code replaced; as many lines as before."""
    code = [match.span() for match in _CODE_SPAN.finditer(block)]
    pieces: list[str] = []
    position = 0
    for match in _BREAK.finditer(block):
        start, end = match.span()
        inside_code = any(begin <= start < stop for begin, stop in code)
        if inside_code or block[:start].endswith("\\"):
            continue
        rest_of_line = block[end:].split("\n", 1)
        ends_line = not rest_of_line[0].strip()
        last_line = len(rest_of_line) == 1 or not rest_of_line[1].strip()
        pieces += [block[position:start], ("" if last_line else "\\") if ends_line else " "]
        # A line break is a backslash right before the line's end: the spaces after it go.
        position = end + len(rest_of_line[0].rstrip("\r")) if ends_line else end
    pieces.append(block[position:])
    replaced = markdown_lines("".join(pieces))
    return replaced + [""] * (line_count - len(replaced))


def _blank(lines: list[str], index: int) -> bool:
    return 0 <= index < len(lines) and not lines[index].strip()


def _next_kept(index: int, dropped: set[int]) -> int:
    while index in dropped:
        index += 1
    return index
