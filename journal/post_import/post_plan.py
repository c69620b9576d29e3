"""Everything a post says, worked out before anything is written.

``plan_post`` reads the front matter, cuts the body into intro, days and closing, places each day
on a date, and resolves every image link to a local file (or records why it cannot). The plan is
plain data, and it records the site root its links were read from; the import
(``JournalService.import_post``) applies it to the library in one transaction.
"""

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from journal.errors import InvalidInputError
from journal.markdown.images import ImageRef, find_images
from journal.markdown.links import (
    LINK_LOOP,
    NOT_A_REGULAR_FILE,
    NOT_FOUND,
    REMOTE,
    file_problem,
    resolve_image,
)
from journal.markdown.reference_definitions import localized_definitions
from journal.places.summaries import summary_reader
from journal.post_import.front_matter import (
    labels,
    split_front_matter,
)
from journal.post_import.jekyll_includes import include_folder_problem
from journal.post_import.post_calendar import as_date, date_of_post, place_days, trip_zone
from journal.post_import.post_identity import post_location, post_origin
from journal.post_import.post_origin import PostOrigin
from journal.post_import.post_structure import split_post
from journal.post_import.site_root import guess_site_root
from journal.site_config import read_site_config
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
    #: The caption the post gives the image (its alt text, caption or title).
    caption: str = ""

    @property
    def remote(self) -> bool:
        return self.problem == REMOTE


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
    #: Where the post came from and how it is written, for the export to write it back alike.
    origin: PostOrigin
    #: The level of the headings that divide the post (2 for ``## Day N``, 1 for ``# Day N``).
    heading_level: int = 2
    notes: tuple[str, ...] = field(default=())

    @property
    def sections(self) -> tuple[PlannedSection, ...]:
        return (self.intro, *self.days, self.closing)

    @property
    def missing_images(self) -> tuple[PlannedImage, ...]:
        """The local images that cannot be imported, each with its problem."""
        return tuple(
            image
            for section in self.sections
            for image in section.images
            if not image.file and not image.remote
        )

    @property
    def remote_images(self) -> tuple[PlannedImage, ...]:
        """The images on the web, kept as links: each address once, where it first appears."""
        first = {
            image.destination: image
            for section in reversed(self.sections)
            for image in reversed(section.images)
            if image.remote
        }
        return tuple(sorted(first.values(), key=lambda image: image.line))

    def with_text_on_its_day(self) -> "PostPlan":
        """This plan with the text of a post without day headings on the post's date instead of
        in the intro: a post of a post-per-day blog, filling the trip it is a day of."""
        if self.days:
            return self
        day = dataclasses.replace(self.intro, day=self.start)
        return dataclasses.replace(self, intro=PlannedSection("", ()), days=(day,))


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
    structure = split_post(body, summary_reader(labels(values.get("places"))))
    notes: list[str] = []

    title = str(values.get("title") or "").strip()
    if not title:
        title = source.stem
        notes.append(f"The front matter has no title; the trip is named {title!r}.")
    post_date = date_of_post(values, source)
    day_dates, day_zero = place_days(structure.days, first_day, post_date, source)
    counted_from_post = first_day is None and not any(day.date for day in structure.days)
    if counted_from_post and structure.days:
        first = min(day.index or 0 for day in structure.days)
        notes.append(
            f"Day {first} is on the post's date, {as_date(post_date)}; if the trip began on "
            "another day, give that date as Day 0's."
        )
    if not structure.days:
        notes.append(
            "The post has no '## Day N' or '## YYYY-MM-DD' headings; all of its text is in the "
            "trip's intro (or, added to a trip, on the day of the post's date)."
        )
    # A trip starts on its Day 0, also when the post tells only of later days.
    start = min(
        [*day_dates, *([day_zero] if day_zero else [])], default=first_day or as_date(post_date)
    )
    end = max(day_dates, default=start)
    if start is None or end is None:
        raise InvalidInputError(
            f"{source} has no date in its front matter or its file name and no dated day "
            "headings, so its trip cannot be placed on the calendar; add 'date: YYYY-MM-DD' to "
            "the front matter."
        )
    if (end - start).days + 1 > MAX_TRIP_DAYS:
        raise InvalidInputError(f"{source}: its days span more than {MAX_TRIP_DAYS} days.")

    intro_text, *day_texts, closing_text = localized_definitions(
        [structure.intro, *(day.body for day in structure.days), structure.closing]
    )
    post_folder = source.parent
    location = post_location(source, site_root)
    served_from = location.served_from(site_root)
    site = read_site_config(site_root)
    closing_text, closing_heading = _split_closing_heading(closing_text, structure.level)
    line_of_body = front_matter.body_first_line - 1

    def file_of(image: ImageRef) -> Path | str:
        found = resolve_image(
            image.destination,
            site_root=site_root,
            post_folder=post_folder,
            served_from=served_from,
            base_path=site.base_path,
        )
        if found != NOT_FOUND:
            return found
        return include_folder_problem(site_root, image) or found

    def section(
        text: str, first_line: int, day: date | None = None, title: str = "", heading: str = ""
    ) -> PlannedSection:
        images = tuple(
            _planned_image(image, file_of(image), line_of_body + first_line + image.line - 1)
            for image in find_images(text)
        )
        return PlannedSection(text, images, day, title, heading)

    intro = section(intro_text, 1)
    days = _merged_days(
        [
            section(text, day.line + 1, when, day.title, day.heading)
            for day, text, when in zip(structure.days, day_texts, day_dates, strict=True)
        ],
        structure.level,
    )
    closing_line = _line_after(body, structure.closing) + (1 if closing_heading else 0)
    closing = section(closing_text, closing_line)
    zone = timezone or site.timezone or trip_zone(post_date, notes)
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
        origin=post_origin(
            location,
            front_matter.format,
            [intro, *days],
            {when: day.written for day, when in zip(structure.days, day_dates, strict=True)},
        ),
        heading_level=structure.level,
        notes=tuple(notes),
    )


def _merged_days(sections: list[PlannedSection], level: int) -> list[PlannedSection]:
    """Two sections on the same date become one day; the second keeps its heading as text."""
    by_date: dict[date | None, PlannedSection] = {}
    for planned in sections:
        earlier = by_date.get(planned.day)
        if earlier is None:
            by_date[planned.day] = planned
        else:
            by_date[planned.day] = PlannedSection(
                f"{earlier.text}{'#' * level} {planned.heading}\n{planned.text}",
                (*earlier.images, *planned.images),
                planned.day,
                earlier.title,
                earlier.heading,
            )
    return sorted(by_date.values(), key=lambda planned: planned.day or date.min)


def _split_closing_heading(closing: str, level: int) -> tuple[str, str | None]:
    """``## Conclusion\\n\\ntext`` → (``\\ntext``, ``Conclusion``): the heading becomes the
    export's closing heading so that exporting again writes it once."""
    marker = "#" * level + " "
    if not closing.startswith(marker):
        return closing, None
    heading, _, rest = closing.partition("\n")
    return rest, heading.removeprefix(marker).strip()


def _line_after(body: str, tail: str) -> int:
    """The 1-based line of the body at which ``tail`` (a suffix of it) starts."""
    if not tail:
        return body.count("\n") + 1
    return body[: len(body) - len(tail)].count("\n") + 1


def _planned_image(image: ImageRef, resolved: Path | str, line: int) -> PlannedImage:
    if isinstance(resolved, str):
        return PlannedImage(image.destination, None, line, resolved, image.caption)
    return PlannedImage(image.destination, resolved, line, caption=image.caption)
