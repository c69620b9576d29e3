"""The shape of a trip's post, shared by the export that writes it and the import that reads it.

The shape follows the posts our users publish by hand (see the reference post): an intro, a
``<br>`` spacer, one second-level section per day (``## Day N``, ``## Day N — title`` or a date
heading such as ``## 2023-09-18``) closed by a pair of ``<br>`` spacers, and a closing section
(``## Conclusion``). The export writes day headings from templates the user may change; the
import recognises both styles, keeps the date templates for a post headed by dates
(``heading_templates_for``) and takes the spacers off again, so a post imported and exported
again comes back as it was. Headings inside a day's text are written below the day's heading
(``demote_headings``) and read back where they were (``promote_headings``), so that none of
them ends the day's section when the post is read again.
"""

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from journal.markdown.parser import parse_blocks

INTRO_SPACER = "<br>"
SECTION_SPACER = "<br>\n<br>"

#: Day heading templates: ``{number}`` is Day N, ``{date}`` the ISO date, ``{weekday}`` its
#: short name and ``{title}`` the day's title (the titled template is used when it has one).
DAY_HEADING = "Day {number}"
TITLED_DAY_HEADING = "Day {number} — {title}"
CLOSING_HEADING = "Conclusion"
#: The templates of a post whose days are headed by their dates (``## 2023-09-18``).
DATE_DAY_HEADING = "{date}"
TITLED_DATE_DAY_HEADING = "{date} — {title}"

#: What separates a day heading from the places an export may add to it
#: (``Day 1 — Pike Place Market · Seattle``, ``Day 2 · Seattle → Redmond``).
PLACES_SEPARATOR = " · "

_DAY = re.compile(r"^day\s*(?P<index>\d{1,4})\b\s*(?:[-—–:·|]\s*)?(?P<title>.*)$", re.IGNORECASE)
_DATE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})\b\s*(?:[-—–:·|]\s*)?(?P<title>.*)$")


def section_heading(text: str) -> str:
    """The Markdown line of a section's heading."""
    return f"## {text}"


def day_heading(template: str, *, number: int, day: date, title: str) -> str:
    """A day's heading text from ``template``; AttributeError, KeyError, IndexError or
    ValueError for a template that uses fields (or formats) it may not."""
    return template.format(number=number, date=day.isoformat(), weekday=f"{day:%a}", title=title)


def with_places(heading: str, places: str) -> str:
    """``heading`` with the day's ``places`` after it (unchanged when there are none)."""
    return f"{heading}{PLACES_SEPARATOR}{places}" if places else heading


@dataclass(frozen=True)
class DayHeading:
    """A heading read as a day's: numbered (``index``) or dated (``date``), never neither."""

    index: int | None
    date: date | None
    title: str


def read_day_heading(
    heading: str, is_places: Callable[[str], bool] = lambda text: False
) -> DayHeading | None:
    """What a section heading says about its day (``Day 2 — Seattle``, ``2023-09-18``), or
    None for a heading that is not a day's (``Conclusion``). The places ``with_places`` put
    after it are not part of its title when ``is_places`` knows them for places (the export
    wrote the post's cities into its ``places`` front matter)."""
    before, separator, after = heading.rpartition(PLACES_SEPARATOR)
    if separator and is_places(after):
        heading = before
    if match := _DAY.match(heading):
        return DayHeading(int(match["index"]), None, match["title"].strip())
    if match := _DATE.match(heading):
        try:
            when = date.fromisoformat(match["date"])
        except ValueError:
            return None
        return DayHeading(None, when, match["title"].strip())
    return None


def heading_templates_for(headings: Sequence[str]) -> tuple[str, str] | None:
    """The (day, titled day) heading templates that write a post's day ``headings`` again: the
    date templates when every day is headed by its date; None when the defaults (``Day N``) do."""
    dated = [read_day_heading(heading) for heading in headings]
    if dated and all(day is not None and day.date is not None for day in dated):
        return DATE_DAY_HEADING, TITLED_DATE_DAY_HEADING
    return None


#: How many levels a day's own headings are written below where they stand in its text: the day
#: heading is level 2, so the text's ``#`` becomes ``###`` and its ``## Evening`` ``#### Evening``.
DAY_TEXT_LEVELS = 2
#: The most ``#`` marks that make a heading (CommonMark); more are the text of a paragraph.
_MAX_LEVEL = 6
#: A line as markdown-it counts lines (``str.splitlines`` also breaks at form feeds and U+2028).
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")
#: A line that could be an ATX heading (or one with too many marks): container markers (quote,
#: list item, indentation), then its run of ``#`` before a space, a tab or the line's end.
_MARKS = re.compile(r"^(?P<lead>[ \t>*+\-0-9.)]*?)(?P<marks>#+)(?=[ \t\r\n]|$)")
#: A line with nothing but quote markers; one that opens an empty list item (its content may
#: start on the next line, which one more blank line would push out of it).
_BLANK = re.compile(r"^[ \t>]*(?:\r\n?|\n)?$")
_EMPTY_ITEM = re.compile(r"^[ \t>]*(?:[*+\-]|\d{1,9}[.)])[ \t]*(?:\r\n?|\n)?$")
#: The markers of list items, which a blank line inside the item does not repeat.
_LIST_MARKER = re.compile(r"[*+\-]|\d{1,9}[.)]")


def demote_headings(text: str, levels: int = DAY_TEXT_LEVELS) -> str:
    """A day's ``text`` with every heading ``levels`` deeper, so that none of them can end the
    day's section when the post is read again; ``promote_headings`` undoes it exactly.

    Headings are found as the one parser finds them, at any depth of quotes and lists and never
    in code. A heading pushed past level 6 keeps its extra marks (it shows as text) so that it
    comes back whole, between blank lines so that, like a heading, that text stands alone: no
    line above or below can join it into a paragraph or an underlined heading. An underlined
    (setext) heading has no deeper form: it becomes the ``#`` heading of its new level, and
    comes back as the ``#`` heading of its old one.
    """
    written = markdown_lines(text)
    lines = list(written)
    for heading in _headings(written):
        if heading.marks is None:
            _setext_as_atx(lines, heading, levels)
            continue
        start = heading.start
        marks = heading.marks["marks"] + "#" * levels
        line = _with_marks(written[start], heading.marks, marks)
        if len(marks) > _MAX_LEVEL:
            if start > 0 and not _EMPTY_ITEM.match(written[start - 1]):
                line = _blank_in_quote(heading.marks, _ending(written[start - 1])) + line
            if start + 1 < len(written):
                line += _blank_in_quote(heading.marks, _ending(written[start]))
        lines[start] = line
    return "".join(lines)


def promote_headings(text: str, levels: int = DAY_TEXT_LEVELS) -> str:
    """A day's ``text`` read from a post with its ``#`` headings ``levels`` higher again: the
    inverse of ``demote_headings``. Headings not deeper than ``levels`` stay as they are."""
    lines = markdown_lines(text)
    for heading in _headings(lines):
        marks = heading.marks["marks"] if heading.marks is not None else ""
        if heading.marks is None or len(marks) <= levels:
            continue
        start = heading.start
        lines[start] = _with_marks(lines[start], heading.marks, marks[levels:])
        if len(marks) > _MAX_LEVEL:
            for beside in (start - 1, start + 1):
                if 0 <= beside < len(lines) and _BLANK.match(lines[beside]):
                    lines[beside] = ""
    return "".join(lines)


@dataclass(frozen=True)
class _Heading:
    #: The heading's first and (exclusive) last line.
    start: int
    end: int
    #: Its ``#`` marks and what leads to them; None for an underlined (setext) heading.
    marks: re.Match[str] | None
    level: int
    content: str


def _headings(lines: list[str]) -> Iterator[_Heading]:
    """Every heading of the text, counting a line with more than six marks as one: each such
    line is parsed as if it had six, so that a heading ``demote_headings`` took past level 6 is
    still found by ``promote_headings``, in a text that parses with the same structure."""
    candidates = {index: match for index, line in enumerate(lines) if (match := _MARKS.match(line))}
    capped = [
        _with_marks(line, match, "#" * min(len(match["marks"]), _MAX_LEVEL))
        if (match := candidates.get(index))
        else line
        for index, line in enumerate(lines)
    ]
    tokens = parse_blocks("".join(capped), {})
    for position, token in enumerate(tokens):
        if token.type != "heading_open" or token.map is None:
            continue
        start, end = token.map
        content = tokens[position + 1].content
        if not token.markup.startswith("#"):
            yield _Heading(start, end, None, int(token.tag[1:]), content)
        elif start in candidates:
            marks = candidates[start]
            yield _Heading(start, end, marks, len(marks["marks"]), content)


def markdown_lines(text: str) -> list[str]:
    """The lines of ``text`` with their endings, numbered as markdown-it's tokens number them."""
    return _LINE.findall(text)


def _with_marks(line: str, match: re.Match[str], marks: str) -> str:
    return line[: match.start("marks")] + marks + line[match.end("marks") :]


def _blank_in_quote(marks: re.Match[str], ending: str) -> str:
    """An empty line in the quote the heading is in (its ``>`` markers, without list markers)."""
    quote = _LIST_MARKER.sub(lambda marker: " " * len(marker[0]), marks["lead"]).rstrip()
    return f"{quote if '>' in quote else ''}{ending}"


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]


def _setext_as_atx(lines: list[str], heading: _Heading, levels: int) -> None:
    """Replace the underlined heading's lines by one ``#`` heading line ``levels`` deeper, kept
    inside the quote or list item its first line is in."""
    first = lines[heading.start]
    words = heading.content.split("\n")
    lead = first[: first.find(words[0])] if words[0] else first.rstrip("\r\n")
    ending = _ending(lines[heading.end - 1])
    marks = "#" * (heading.level + levels)
    line = f"{lead}{marks} {' '.join(word.strip() for word in words)}".rstrip() + ending
    lines[heading.start : heading.end] = [line] + [""] * (heading.end - heading.start - 1)
