"""A post's body cut into the parts of a trip: intro, days, closing.

Second-level headings divide the post, or first-level ones when the post heads its days with
them (``# Day 1 – Arrival``); headings below that level stay inside their section. Day headings
(``## Day N``, ``## 2023-09-18``, optionally with a title: ``post_layout.read_day_heading``)
start days; text before the first of them is the intro; the sections after the last day
(``## Conclusion`` …) are the closing, kept with their headings. Any other heading between days
stays inside the day it falls in. Headings are found with markdown-it, so a ``## `` inside a code
block is text, not a section. Everything between headings is kept byte for byte, raw HTML
(``<br>``, comments) included.
"""

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from journal.markdown.parser import markdown_parser
from journal.markdown.post_layout import read_day_heading

#: A line with its ending, as markdown-it counts lines (``str.splitlines`` also breaks at form
#: feeds and U+2028, which would put the cuts a line off from the headings' line numbers).
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")


@dataclass(frozen=True)
class PostDay:
    """One day section: numbered (``index``) or dated (``date``), never neither."""

    index: int | None
    date: date | None
    #: The heading's text (``Day 1 — Seattle``), kept for days that must be merged.
    heading: str
    title: str
    body: str
    #: 1-based line of the heading in the body, for messages.
    line: int
    #: The heading's line exactly as written, marks included (``## Day 1 — Seattle``); "" for
    #: an underlined heading, which has no one line.
    written: str = ""


@dataclass(frozen=True)
class PostStructure:
    intro: str
    days: tuple[PostDay, ...]
    closing: str
    #: The level of the headings that divide the post: 2 (``##``), or 1 for ``# Day N`` days.
    level: int = 2


@dataclass(frozen=True)
class _Heading:
    #: 0-based line of the heading.
    line: int
    level: int
    text: str
    #: Whether it is written with ``#`` marks on one line (not underlined).
    atx: bool


def _headings(body: str) -> list[_Heading]:
    """Every first- and second-level heading outside code."""
    tokens = markdown_parser().parse(body)
    headings = []
    for position, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag in ("h1", "h2") and token.map is not None:
            text = tokens[position + 1].content.strip()
            headings.append(_Heading(token.map[0], int(token.tag[1]), text, token.markup[0] == "#"))
    return headings


def _section_level(headings: list[_Heading]) -> int:
    """1 when some first-level heading is a day's, else 2."""
    return 1 if any(h.level == 1 and read_day_heading(h.text) for h in headings) else 2


def _as_day(
    heading: _Heading, body: str, lines: list[str], is_places: Callable[[str], bool]
) -> PostDay | None:
    day = read_day_heading(heading.text, is_places)
    if day is None:
        return None
    written = lines[heading.line].rstrip("\r\n") if heading.atx else ""
    return PostDay(day.index, day.date, heading.text, day.title, body, heading.line + 1, written)


def split_post(body: str, is_places: Callable[[str], bool] = lambda text: False) -> PostStructure:
    """The post's parts; ``is_places`` tells the places an export put after a day's heading
    from its title (``post_layout.read_day_heading``)."""
    lines = _LINE.findall(body)
    found = _headings(body)
    level = _section_level(found)
    headings = [heading for heading in found if heading.level == level]
    bounds = [heading.line for heading in headings] + [len(lines)]
    intro = "".join(lines[: bounds[0]])
    days: list[PostDay] = []
    closing_start: int | None = None
    for heading, end in zip(headings, bounds[1:], strict=True):
        line = heading.line
        section_body = "".join(lines[line + 1 : end])
        day = _as_day(heading, section_body, lines, is_places)
        if day is not None:
            if closing_start is not None:  # a day after a closing-like section: that was a day's
                days[-1] = _extended(days[-1], "".join(lines[closing_start:line]))
                closing_start = None
            days.append(day)
        elif not days:
            intro += "".join(lines[line:end])
        elif closing_start is None:
            closing_start = line
    closing = "".join(lines[closing_start:]) if closing_start is not None else ""
    return PostStructure(intro, tuple(days), closing, level)


def _extended(day: PostDay, more: str) -> PostDay:
    return dataclasses.replace(day, body=day.body + more)
