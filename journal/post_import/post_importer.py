"""Apply a post's plan to the library: a trip with its text, and the post's images as its photos.

The post is read and planned completely before anything is written. Then the trip is created (or
the given one filled), the images are imported and placed on the days they appear in, and the
text is saved with its links pointing at the imported photos. If anything fails after the trip was
created, the trip is deleted again, so a failed import leaves no half-made trip.

The exporter adds its own spacers (``<br>`` after the intro, ``<br>`` pairs after each day) and the
closing heading; the importer takes those off the imported text and records the post's heading
style in the trip's export settings, so that exporting the trip again gives the post back.
"""

import dataclasses
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from journal.errors import JournalError
from journal.export.post import INTRO_SPACER, SECTION_SPACER
from journal.photo_refs import photo_url
from journal.photos.import_progress import CancelToken, ImportProgress
from journal.photos.storage import content_hash
from journal.post_import.image_links import replace_links
from journal.post_import.post_plan import PlannedSection, PostPlan, plan_post, read_post_text
from journal.services import JournalService, NewTrip, TripEdit, TripInfo

#: Files that mark the root of a Jekyll or Hugo site, where site-absolute links start.
SITE_MARKERS = (
    "_config.yml",
    "_config.yaml",
    "_config.toml",
    "hugo.toml",
    "hugo.yaml",
    "hugo.json",
    "config.toml",
    "config.yaml",
)


class PostImportCancelledError(JournalError):
    """The user stopped the import while its images were being copied."""


@dataclass(frozen=True)
class MissingImage:
    destination: str
    line: int
    reason: str


@dataclass(frozen=True)
class PostImportReport:
    trip: TripInfo
    created: bool
    day_count: int
    photo_count: int
    missing_images: tuple[MissingImage, ...]
    notes: tuple[str, ...]


def guess_site_root(post: Path) -> Path:
    """The nearest folder above the post that holds a site configuration, else the folder
    holding ``_posts`` or ``content``, else the post's own folder."""
    folder = post.resolve().parent
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).is_file() for marker in SITE_MARKERS):
            return candidate
    for candidate in (folder, *folder.parents):
        if candidate.name in ("_posts", "content"):
            return candidate.parent
    return folder


def import_post(
    service: JournalService,
    post: Path,
    *,
    site_root: Path | None = None,
    trip_reference: str | None = None,
    timezone: str | None = None,
    first_day: date | None = None,
    progress: Callable[[ImportProgress], None] | None = None,
    cancel: CancelToken | None = None,
) -> PostImportReport:
    """Make (or fill) the trip of ``post``; ``cancel`` stops it while its images are copied.

    A cancelled import raises ``PostImportCancelledError``: a trip it created is deleted again;
    an open trip it was filling keeps the photos already copied (as a cancelled photo import
    does) but gets none of the post's text.
    """
    plan = plan_post(
        read_post_text(post),
        source=post,
        site_root=(site_root or guess_site_root(post)).resolve(),
        timezone=timezone,
        first_day=first_day,
    )
    trip, created = _target_trip(service, plan, trip_reference)
    try:
        urls, missing, shared = _import_images(service, trip, plan, progress, cancel)
        _save_text(service, trip, plan, urls, fill=not created)
        _save_post_style(service, trip, plan)
    except BaseException:
        if created:
            service.delete_trip(trip.id)
        raise
    return PostImportReport(
        trip=service.trip(trip.id),
        created=created,
        day_count=len(plan.days),
        photo_count=len(set(urls.values())),
        missing_images=missing,
        notes=(*plan.notes, *shared),
    )


def _target_trip(
    service: JournalService, plan: PostPlan, reference: str | None
) -> tuple[TripInfo, bool]:
    if reference is None:
        changes = service.create_trip(
            NewTrip(
                title=plan.title,
                start_date=plan.start,
                end_date=plan.end,
                timezone=plan.timezone,
                categories=plan.categories,
                tags=plan.tags,
            )
        )
        assert changes.trip is not None
        return changes.trip, True
    trip = service.find_trip(reference)
    start, end = min(trip.start_date, plan.start), max(trip.end_date, plan.end)
    if (start, end) != (trip.start_date, trip.end_date):
        changed = service.set_trip_dates(trip.id, start, end).trip
        assert changed is not None
        trip = changed
    return trip, False


def _import_images(
    service: JournalService,
    trip: TripInfo,
    plan: PostPlan,
    progress: Callable[[ImportProgress], None] | None,
    cancel: CancelToken | None,
) -> tuple[dict[str, int], tuple[MissingImage, ...], tuple[str, ...]]:
    """Import every image file the post links; return photo ids by link, what is missing, and
    notes on links whose files have the same content (the library keeps one photo for them)."""
    files = list(
        dict.fromkeys(
            image.file for section in plan.sections for image in section.images if image.file
        )
    )
    report = (
        service.import_photos(trip.id, files, progress=progress, cancel=cancel) if files else None
    )
    if report is not None and report.cancelled:
        raise PostImportCancelledError("The post import was cancelled.")
    failed = (
        {failure.path.resolve(): failure.reason for failure in report.failures} if report else {}
    )
    by_hash = {photo.content_hash: photo.id for photo in service.all_photos(trip.id)}
    # The library names a photo by this hash; a file linked several times is read once.
    digest_of = functools.cache(content_hash)

    urls: dict[str, int] = {}
    missing: list[MissingImage] = []
    placed: set[int] = set()
    first_link: dict[str, str] = {}
    shared: dict[str, str] = {}
    for section in plan.sections:
        on_this_day: list[int] = []
        for image in section.images:
            if image.file is None:
                missing.append(MissingImage(image.destination, image.line, image.problem))
                continue
            if image.file in failed:
                missing.append(MissingImage(image.destination, image.line, failed[image.file]))
                continue
            digest = digest_of(image.file)
            photo_id = by_hash[digest]
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
        if on_this_day:
            _place(service, trip, section, on_this_day)
    return urls, tuple(missing), tuple(shared.values())


def _place(
    service: JournalService, trip: TripInfo, section: PlannedSection, ids: Sequence[int]
) -> None:
    """Put a section's photos on its day in the order the text shows them (intro and closing
    photos wait in the Unassigned tray, so the export does not add them to some day)."""
    service.move_photos(trip.id, ids, section.day)
    if section.day is not None:
        others = [photo.id for photo in service.photos(trip.id, section.day) if photo.id not in ids]
        service.reorder_photos(trip.id, section.day, [*ids, *others])


def _without_spacer(text: str, spacer: str) -> str:
    """The section's text without the trailing spacer the exporter adds back."""
    trimmed = text.rstrip()
    if trimmed.endswith(spacer):
        return trimmed[: -len(spacer)].rstrip() + "\n"
    return text


def _joined(existing: str, addition: str) -> str:
    return f"{existing.rstrip()}\n\n{addition.lstrip()}" if existing.strip() else addition


def _save_text(
    service: JournalService, trip: TripInfo, plan: PostPlan, urls: dict[str, int], *, fill: bool
) -> None:
    destinations = {destination: photo_url(photo_id) for destination, photo_id in urls.items()}

    def linked(section: PlannedSection, spacer: str | None) -> str:
        text = replace_links(section.text, destinations).lstrip("\n")
        return _without_spacer(text, spacer) if spacer else text

    intro, closing = linked(plan.intro, INTRO_SPACER), linked(plan.closing, None)
    if fill:
        intro, closing = _joined(trip.intro, intro), _joined(trip.closing, closing)
    service.edit_trip(trip.id, TripEdit(intro=intro, closing=closing))
    for section in plan.days:
        assert section.day is not None
        body = linked(section, SECTION_SPACER)
        if fill:
            body = _joined(service.day(trip.id, section.day).body, body)
        service.set_day_text(trip.id, section.day, body, section.title or None)


def _save_post_style(service: JournalService, trip: TripInfo, plan: PostPlan) -> None:
    """Keep the post's extra front matter and heading style for the next export."""
    template = {**service.front_matter_template(trip.id), **plan.extra_front_matter}
    service.set_front_matter_template(trip.id, template)
    settings = service.export_settings(trip.id)
    if plan.closing_heading:
        settings = dataclasses.replace(settings, closing_heading=plan.closing_heading)
    if plan.days and all(_is_date_heading(section) for section in plan.days):
        settings = dataclasses.replace(
            settings, day_heading="{date}", titled_day_heading="{date} — {title}"
        )
    service.save_export_settings(trip.id, settings)


def _is_date_heading(section: PlannedSection) -> bool:
    assert section.day is not None
    return section.heading.startswith(section.day.isoformat())
