"""The shape of a trip's post, shared by the export that writes it and the import that reads it.

The shape follows the posts our users publish by hand (see the reference post): an intro, a
``<br>`` spacer, one second-level section per day (``## Day N``, ``## Day N — title`` or a date
heading such as ``## 2023-09-18``) closed by a pair of ``<br>`` spacers, and a closing section
(``## Conclusion``). The export writes day headings from templates the user may change; the
import recognises both styles, keeps the date templates for a post headed by dates
(``heading_templates_for``) and takes the spacers off again, so a post imported and exported
again comes back as it was.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

INTRO_SPACER = "<br>"
SECTION_SPACER = "<br>\n<br>"

#: The tag of the headings that divide the post (``## ``).
SECTION_TAG = "h2"

#: Day heading templates: ``{number}`` is Day N, ``{date}`` the ISO date, ``{weekday}`` its
#: short name and ``{title}`` the day's title (the titled template is used when it has one).
DAY_HEADING = "Day {number}"
TITLED_DAY_HEADING = "Day {number} — {title}"
CLOSING_HEADING = "Conclusion"
#: The templates of a post whose days are headed by their dates (``## 2023-09-18``).
DATE_DAY_HEADING = "{date}"
TITLED_DATE_DAY_HEADING = "{date} — {title}"

_DAY = re.compile(r"^day\s*(?P<index>\d{1,4})\b\s*(?:[-—–:·|]\s*)?(?P<title>.*)$", re.IGNORECASE)
_DATE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})\b\s*(?:[-—–:·|]\s*)?(?P<title>.*)$")


def section_heading(text: str) -> str:
    """The Markdown line of a section's heading."""
    return f"## {text}"


def day_heading(template: str, *, number: int, day: date, title: str) -> str:
    """A day's heading text from ``template``; AttributeError, KeyError, IndexError or
    ValueError for a template that uses fields (or formats) it may not."""
    return template.format(number=number, date=day.isoformat(), weekday=f"{day:%a}", title=title)


@dataclass(frozen=True)
class DayHeading:
    """A heading read as a day's: numbered (``index``) or dated (``date``), never neither."""

    index: int | None
    date: date | None
    title: str


def read_day_heading(heading: str) -> DayHeading | None:
    """What a section heading says about its day (``Day 2 — Seattle``, ``2023-09-18``), or
    None for a heading that is not a day's (``Conclusion``)."""
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
