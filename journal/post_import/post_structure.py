"""A post's body cut into the parts of a trip: intro, days, closing.

Second-level headings divide the post. Day headings (``## Day N``, ``## 2023-09-18``, optionally
with a title: ``post_layout.read_day_heading``) start days; text before the first of them is the
intro; the sections after the last day (``## Conclusion`` …) are the closing, kept with their
headings. Any other heading between days stays inside the day it falls in. Headings are found with
markdown-it, so a ``## `` inside a code block is text, not a section. Everything between headings is
kept byte for byte, raw HTML (``<br>``, comments) included.
"""

import re
from dataclasses import dataclass
from datetime import date

from journal.markdown.parser import markdown_parser
from journal.markdown.post_layout import SECTION_TAG, read_day_heading

#: A line with its ending, as markdown-it counts lines (``str.splitlines`` also breaks at form
#: feeds and U+2028, which would put the cuts a line off from the headings' line numbers).
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")


@dataclass(frozen=True)
class PostDay:
    """One day section: numbered (``index``) or dated (``date``), never neither."""

    index: int | None
    date: date | None
    #: The heading as written (``Day 1 — Seattle``), kept for days that must be merged.
    heading: str
    title: str
    body: str
    #: 1-based line of the heading in the body, for messages.
    line: int


@dataclass(frozen=True)
class PostStructure:
    intro: str
    days: tuple[PostDay, ...]
    closing: str


def _heading_lines(body: str) -> list[tuple[int, str]]:
    """(0-based line, heading text) of every level-2 heading outside code."""
    tokens = markdown_parser().parse(body)
    headings = []
    for position, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == SECTION_TAG and token.map is not None:
            headings.append((token.map[0], tokens[position + 1].content.strip()))
    return headings


def _as_day(heading: str, body: str, line: int) -> PostDay | None:
    day = read_day_heading(heading)
    if day is None:
        return None
    return PostDay(day.index, day.date, heading, day.title, body, line)


def split_post(body: str) -> PostStructure:
    lines = _LINE.findall(body)
    headings = _heading_lines(body)
    bounds = [line for line, _ in headings] + [len(lines)]
    intro = "".join(lines[: bounds[0]])
    days: list[PostDay] = []
    closing_start: int | None = None
    for (line, heading), end in zip(headings, bounds[1:], strict=True):
        section_body = "".join(lines[line + 1 : end])
        day = _as_day(heading, section_body, line + 1)
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
    return PostStructure(intro, tuple(days), closing)


def _extended(day: PostDay, more: str) -> PostDay:
    return PostDay(day.index, day.date, day.heading, day.title, day.body + more, day.line)
