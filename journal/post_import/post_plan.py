"""Everything a post says, worked out before anything is written.

``plan_post`` reads the front matter, cuts the body into intro, days and closing, places each day
on a date, and resolves every image link to a local file (or records why it cannot). The plan is
plain data, and it records the site root its links were read from; the import
(``JournalService.import_post``) applies it to the library in one transaction.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from journal.errors import InvalidInputError
from journal.markdown.images import find_images
from journal.markdown.links import LINK_LOOP, NOT_A_REGULAR_FILE, file_problem, resolve_image
from journal.markdown.post_layout import section_heading
from journal.post_import.front_matter import (
    fixed_zone_name,
    labels,
    parse_post_date,
    split_front_matter,
    zone_label,
)
from journal.post_import.post_structure import PostDay, split_post
from journal.post_import.site_root import guess_site_root
from journal.trip_limits import MAX_TRIP_DAYS

#: Front-matter keys that become trip fields; every other key is kept and written back on export.
MAPPED_KEYS = frozenset({"title", "categories", "tags"})


@dataclass(frozen=True)
class PlannedImage:
    """One image link of one section: the file it means, or None and why not."""

    destination: str
    file: Path | None
    #: 1-based line in the post file, for messages.
    line: int
    #: Why there is no file ("file not found", "a folder, not an image", …); "" if found.
    problem: str = ""


@dataclass(frozen=True)
class PlannedSection:
    """Text for the intro, a day or the closing, with the image links found in it."""

    text: str
    images: tuple[PlannedImage, ...]
    day: date | None = None
    title: str = ""
    heading: str = ""


@dataclass(frozen=True)
class PostPlan:
    title: str
    start: date
    end: date
    timezone: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    #: Front-matter keys the trip has no field for (``layout``, ``date``, ...), kept as written.
    extra_front_matter: dict[str, Any]
    intro: PlannedSection
    days: tuple[PlannedSection, ...]
    closing: PlannedSection
    #: The heading of the first closing section (``Conclusion``), without its ``##``.
    closing_heading: str | None
    #: Where the post's site-absolute image links were read from (given, or guessed).
    site_root: Path
    notes: tuple[str, ...] = field(default=())

    @property
    def sections(self) -> tuple[PlannedSection, ...]:
        return (self.intro, *self.days, self.closing)

    @property
    def missing_images(self) -> tuple[PlannedImage, ...]:
        return tuple(
            image for section in self.sections for image in section.images if not image.file
        )


def read_post_text(path: Path) -> str:
    """The post's text. Only a regular file is opened: opening a pipe would wait forever for a
    writer, on the thread that plans the post."""
    if file_problem(path) == NOT_A_REGULAR_FILE:
        raise InvalidInputError(f"Cannot read {path}: {NOT_A_REGULAR_FILE}.")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInputError(f"Cannot read {path}: {error.strerror}.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InvalidInputError(
            f"{path} is not UTF-8 text (line {line}); save it as UTF-8 and try again."
        ) from None


def plan_post_file(
    post: Path,
    *,
    site_root: Path | None = None,
    timezone: str | None = None,
    first_day: date | None = None,
) -> PostPlan:
    """Read and plan the post at ``post``; without ``site_root``, the site is guessed
    (``guess_site_root``). Reads only: a post that cannot be planned writes nothing."""
    text = read_post_text(post)
    root = site_root or guess_site_root(post)
    try:
        resolved = root.resolve()
    except RuntimeError:  # how Path.resolve reports a link loop before Python 3.13
        raise InvalidInputError(
            f"The site root {root} {LINK_LOOP}; give the folder that holds the site's "
            "_config.yml or hugo.toml."
        ) from None
    return plan_post(text, source=post, site_root=resolved, timezone=timezone, first_day=first_day)


def plan_post(
    text: str,
    *,
    source: Path,
    site_root: Path,
    timezone: str | None = None,
    first_day: date | None = None,
) -> PostPlan:
    """Plan the import of ``text`` (the post at ``source``).

    ``first_day`` puts Day 0 on that date instead of the front matter's (a post is often
    published days after the trip); ``timezone`` replaces the zone read from the date's offset.
    """
    front_matter, body = split_front_matter(text.replace("\r\n", "\n"), str(source))
    values = front_matter.values
    structure = split_post(body)
    notes: list[str] = []

    title = str(values.get("title") or "").strip()
    if not title:
        title = source.stem
        notes.append(f"The front matter has no title; the trip is named {title!r}.")
    post_date = parse_post_date(values["date"]) if "date" in values else None
    if "date" in values and post_date is None:
        raise InvalidInputError(
            f"{source}: the front matter's date {values['date']!r} is not a date; write it as "
            "YYYY-MM-DD or YYYY-MM-DD HH:MM:SS +ZZZZ."
        )
    day_dates = _place_days(structure.days, first_day or post_date, source)
    if first_day is None and any(day.index is not None for day in structure.days):
        notes.append(
            f"Day 0 is on the post's date, {_as_date(post_date)}; if the trip began on another "
            "day, give that date as Day 0's."
        )
    if not structure.days:
        notes.append(
            "The post has no '## Day N' or '## YYYY-MM-DD' headings; all of its text is in the "
            "trip's intro."
        )
    start = min(day_dates, default=first_day or _as_date(post_date))
    end = max(day_dates, default=start)
    if start is None or end is None:
        raise InvalidInputError(
            f"{source} has no date in its front matter and no dated day headings, so its trip "
            "cannot be placed on the calendar; add 'date: YYYY-MM-DD' to the front matter."
        )
    if (end - start).days + 1 > MAX_TRIP_DAYS:
        raise InvalidInputError(f"{source}: its days span more than {MAX_TRIP_DAYS} days.")

    post_folder = source.parent
    closing_text, closing_heading = _split_closing_heading(structure.closing)
    line_of_body = front_matter.body_first_line - 1

    def section(
        text: str, first_line: int, day: date | None = None, title: str = "", heading: str = ""
    ) -> PlannedSection:
        images = tuple(
            _planned_image(
                image.destination,
                resolve_image(image.destination, site_root=site_root, post_folder=post_folder),
                line_of_body + first_line + image.line - 1,
            )
            for image in find_images(text)
        )
        return PlannedSection(text, images, day, title, heading)

    intro = section(structure.intro, 1)
    days = _merged_days(
        [
            section(day.body, day.line + 1, when, day.title, day.heading)
            for day, when in zip(structure.days, day_dates, strict=True)
        ]
    )
    closing_line = _line_after(body, structure.closing) + (1 if closing_heading else 0)
    closing = section(closing_text, closing_line)
    zone = timezone or _zone_of(post_date, notes)
    return PostPlan(
        title=title,
        start=start,
        end=end,
        timezone=zone,
        categories=labels(values.get("categories", values.get("category"))),
        tags=labels(values.get("tags")),
        extra_front_matter={key: value for key, value in values.items() if key not in MAPPED_KEYS},
        intro=intro,
        days=tuple(days),
        closing=closing,
        closing_heading=closing_heading,
        site_root=site_root,
        notes=tuple(notes),
    )


def _zone_of(post_date: datetime | date | None, notes: list[str]) -> str:
    """The zone a post's date implies: a fixed offset, with a note that the real one is better
    (a fixed offset knows no daylight saving time)."""
    if isinstance(post_date, datetime) and post_date.tzinfo is not None:
        zone = fixed_zone_name(post_date)
        notes.append(
            f"The trip's time zone is the post date's offset, {zone_label(zone)}; give the real "
            "one, e.g. Asia/Seoul, if you know it."
        )
        return zone
    notes.append(
        "The post's date has no UTC offset; the trip's time zone is UTC until you give it."
    )
    return "UTC"


def _as_date(value: datetime | date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _place_days(
    days: tuple[PostDay, ...], post_date: datetime | date | None, source: Path
) -> list[date]:
    """Dates of the day sections: dated headings as written; ``Day N`` counted from Day 0, which
    is the first dated heading's date when there is one, else the front matter's date."""
    dated = [day.date for day in days if day.date is not None]
    day_zero = min(dated, default=None) or _as_date(post_date)
    placed = []
    for day in days:
        if day.date is not None:
            placed.append(day.date)
        elif day_zero is None:
            raise InvalidInputError(
                f"{source}: 'Day {day.index}' needs a date to count from; add 'date: YYYY-MM-DD' "
                "to the front matter."
            )
        else:
            assert day.index is not None
            placed.append(day_zero + timedelta(days=day.index))
    return placed


def _merged_days(sections: list[PlannedSection]) -> list[PlannedSection]:
    """Two sections on the same date become one day; the second keeps its heading as text."""
    by_date: dict[date | None, PlannedSection] = {}
    for planned in sections:
        earlier = by_date.get(planned.day)
        if earlier is None:
            by_date[planned.day] = planned
        else:
            by_date[planned.day] = PlannedSection(
                f"{earlier.text}{section_heading(planned.heading)}\n{planned.text}",
                (*earlier.images, *planned.images),
                planned.day,
                earlier.title,
                earlier.heading,
            )
    return sorted(by_date.values(), key=lambda planned: planned.day or date.min)


def _split_closing_heading(closing: str) -> tuple[str, str | None]:
    """``## Conclusion\\n\\ntext`` → (``\\ntext``, ``Conclusion``): the heading becomes the
    export's closing heading so that exporting again writes it once."""
    marker = section_heading("")
    if not closing.startswith(marker):
        return closing, None
    heading, _, rest = closing.partition("\n")
    return rest, heading.removeprefix(marker).strip()


def _line_after(body: str, tail: str) -> int:
    """The 1-based line of the body at which ``tail`` (a suffix of it) starts."""
    if not tail:
        return body.count("\n") + 1
    return body[: len(body) - len(tail)].count("\n") + 1


def _planned_image(destination: str, resolved: Path | str, line: int) -> PlannedImage:
    if isinstance(resolved, str):
        return PlannedImage(destination, None, line, resolved)
    return PlannedImage(destination, resolved, line)
