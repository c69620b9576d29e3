"""Apply a post's plan to the library in one session: the trip, its photos' rows, their days, the
text and the post's style. The caller (``post_import_run``) has staged the image files first and
commits or rolls back the session, so this either happens completely or not at all.

The exporter adds its own spacers (``<br>`` after the intro, ``<br>`` pairs after each day) and the
closing heading; the post's text is saved without them and the post's heading style goes into the
trip's export settings, so that exporting the trip again gives the post back.
"""

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from journal.markdown import post_layout
from journal.markdown.images import replace_links
from journal.markdown.photo_refs import photo_url
from journal.markdown.post_layout import INTRO_SPACER, SECTION_SPACER, promote_headings
from journal.post_import.post_plan import PlannedSection, PostPlan
from journal.services import day_ops, export_ops, photo_ops, post_origins, trip_ops
from journal.services.changes import Changes
from journal.services.photo_rows import insert_rows
from journal.services.photo_staging import Staged
from journal.services.snapshots import TripInfo
from journal.services.trip_ops import NewTrip
from journal.store.models import Photo, Trip
from journal.texts import TextTarget


@dataclass(frozen=True)
class MissingImage:
    destination: str
    line: int
    reason: str


@dataclass(frozen=True)
class StagedImages:
    """The post's image files after staging, each by the path the plan resolved it to."""

    #: The bytes (content hash) of every file that was staged or that the trip already had.
    digests: Mapping[Path, str]
    #: Files copied into the library, waiting for their rows.
    staged: Sequence[Staged]
    #: Why each of the other files could not be staged.
    failed: Mapping[Path, str]


@dataclass(frozen=True)
class AppliedPost:
    trip: TripInfo
    created: bool
    #: The days the post's text went to.
    day_count: int
    #: Photos the post's text shows (one per distinct content).
    photo_count: int
    missing_images: tuple[MissingImage, ...]
    #: Links whose files have the same content: the library keeps one photo for them.
    shared_notes: tuple[str, ...]
    changes: Changes


def apply_post(
    session: Session, plan: PostPlan, images: StagedImages, into_trip: int | None
) -> AppliedPost:
    """Make the trip of ``plan`` (or fill ``into_trip``, its dates widened to the post's), with
    the staged photos on the days the text shows them, captioned as the post describes them, and
    the text pointing at them. A created trip remembers the post's origin for its exports; a
    post without day headings fills a trip on the day of its date."""
    if into_trip is not None:
        plan = plan.with_text_on_its_day()
    trip, changes = _target_trip(session, plan, into_trip)
    rows, _ = insert_rows(session, trip, images.staged)
    uncaptioned = {row.id for row in rows if not row.caption}
    changes = changes.merged(
        Changes(
            photos=frozenset(row.id for row in rows),
            days=frozenset(row.day_date for row in rows if row.day_date is not None),
        )
    )
    photo_of_hash = dict(
        session.execute(select(Photo.content_hash, Photo.id).where(Photo.trip_id == trip.id)).all()
    )
    urls: dict[str, int] = {}
    missing: list[MissingImage] = []
    placed: set[int] = set()
    first_link: dict[str, str] = {}
    shared: dict[str, str] = {}
    for section in plan.sections:
        on_this_day: list[int] = []
        for image in section.images:
            if image.file is None:
                if not image.remote:
                    missing.append(MissingImage(image.destination, image.line, image.problem))
                continue
            if image.file in images.failed:
                reason = images.failed[image.file]
                missing.append(MissingImage(image.destination, image.line, reason))
                continue
            digest = images.digests[image.file]
            photo_id = photo_of_hash[digest]
            urls[image.destination] = photo_id
            first = first_link.setdefault(digest, image.destination)
            if first != image.destination and image.destination not in shared:
                shared[image.destination] = (
                    f"{image.destination} (line {image.line}) has the same content as {first}; "
                    "both links show one photo."
                )
            if photo_id not in placed:
                placed.add(photo_id)
                on_this_day.append(photo_id)
            if photo_id in uncaptioned and image.caption:
                uncaptioned.discard(photo_id)
                changes = changes.merged(photo_ops.set_caption(session, photo_id, image.caption))
        if on_this_day:
            changes = changes.merged(_place(session, trip, section, on_this_day))
    created = into_trip is None
    changes = changes.merged(_save_text(session, trip, plan, urls, fill=not created))
    changes = changes.merged(_save_post_style(session, trip, plan))
    if created:
        post_origins.set_post_origin(session, trip.id, plan.origin)
    info = TripInfo.of(trip)
    return AppliedPost(
        trip=info,
        created=created,
        day_count=len(plan.days),
        photo_count=len(set(urls.values())),
        missing_images=tuple(missing),
        shared_notes=tuple(shared.values()),
        # A filled trip's texts were rewritten under any editor showing them.
        changes=dataclasses.replace(changes, trip=info, text_rewritten=not created),
    )


def _target_trip(session: Session, plan: PostPlan, into_trip: int | None) -> tuple[Trip, Changes]:
    if into_trip is None:
        new = NewTrip(
            title=plan.title,
            start_date=plan.start,
            end_date=plan.end,
            timezone=plan.timezone,
            categories=plan.categories,
            tags=plan.tags,
        )
        changes = trip_ops.create_trip(session, new)
        assert changes.trip is not None
        return trip_ops.get_trip(session, changes.trip.id), changes
    trip = trip_ops.get_trip(session, into_trip)
    start, end = widened_dates(trip, plan)
    if (start, end) == (trip.start_date, trip.end_date):
        return trip, Changes(trip=TripInfo.of(trip))
    return trip, trip_ops.set_trip_dates(session, trip.id, start, end)


def widened_dates(trip: Trip, plan: PostPlan) -> tuple[date, date]:
    """The dates of a trip filled with ``plan``: its own, stretched to cover the post's."""
    return min(trip.start_date, plan.start), max(trip.end_date, plan.end)


def _place(session: Session, trip: Trip, section: PlannedSection, ids: Sequence[int]) -> Changes:
    """Put a section's photos on its day in the order the text shows them (intro and closing
    photos wait in the Unassigned tray, so the export does not add them to some day)."""
    changes = photo_ops.move_photos(session, trip.id, ids, section.day)
    if section.day is None:
        return changes
    others = [
        photo.id for photo in photo_ops.photos(session, trip.id, section.day) if photo.id not in ids
    ]
    return changes.merged(photo_ops.reorder_photos(session, trip.id, section.day, [*ids, *others]))


def _without_spacer(text: str, spacer: str) -> str:
    """The section's text without the trailing spacer the exporter adds back."""
    trimmed = text.rstrip()
    if trimmed.endswith(spacer):
        return trimmed[: -len(spacer)].rstrip() + "\n"
    return text


def _joined(existing: str, addition: str) -> str:
    return f"{existing.rstrip()}\n\n{addition.lstrip()}" if existing.strip() else addition


def _save_text(
    session: Session, trip: Trip, plan: PostPlan, urls: dict[str, int], *, fill: bool
) -> Changes:
    """The post's intro, days and closing, links pointing at the photos, each written the way
    every text is (``day_ops.set_text``); a filled trip keeps its own text first. A day's
    headings come back up by the level of the post's day headings, which is how far the export
    writes them down (``post_layout.demote_headings``): ``### Evening`` under ``## Day 1`` is the
    day's ``# Evening``."""
    destinations = {destination: photo_url(photo_id) for destination, photo_id in urls.items()}
    changes = Changes()
    for target, section, spacer in _texts(plan):
        body = replace_links(section.text, destinations).lstrip("\n")
        if spacer:
            body = _without_spacer(body, spacer)
        if target.has_title:  # a day: its headings were written below its day heading's level
            body = promote_headings(body, plan.heading_level)
        if fill:
            _, existing = day_ops.text(session, trip.id, target)
            body = _joined(existing, body)
        title = (section.title or None) if target.has_title else None
        changes = changes.merged(day_ops.set_text(session, trip.id, target, body, title))
    return changes


def _texts(plan: PostPlan) -> Iterator[tuple[TextTarget, PlannedSection, str | None]]:
    """Each text of the post, with the spacer the exporter adds after it (None: no spacer)."""
    yield TextTarget.intro(), plan.intro, INTRO_SPACER
    for section in plan.days:
        assert section.day is not None
        yield TextTarget.of_day(section.day), section, SECTION_SPACER
    yield TextTarget.closing(), plan.closing, None


def _save_post_style(session: Session, trip: Trip, plan: PostPlan) -> Changes:
    """Keep the post's extra front matter and heading style for the next export."""
    template = {**export_ops.front_matter_template(session, trip.id), **plan.extra_front_matter}
    changes = export_ops.set_front_matter_template(session, trip.id, template)
    settings = export_ops.export_settings(session, trip.id)
    if plan.closing_heading:
        settings = dataclasses.replace(settings, closing_heading=plan.closing_heading)
    templates = post_layout.heading_templates_for([section.heading for section in plan.days])
    if templates is not None:
        day_heading, titled_day_heading = templates
        settings = dataclasses.replace(
            settings, day_heading=day_heading, titled_day_heading=titled_day_heading
        )
    return changes.merged(export_ops.save_export_settings(session, trip.id, settings))
