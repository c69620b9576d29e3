"""The post's Markdown: front matter, intro, one section per day, the closing section.

The shape (headings, ``<br>`` spacers) is ``journal.markdown.post_layout``'s, which the post
import reads back. Photo references (``![caption](photo:ID)``) become links to the exported files;
every other image, link and piece of raw HTML passes through as written.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from journal.export.errors import ExportError
from journal.export.front_matter import PostDate, local_midnight, render_front_matter
from journal.export.images import exported_suffix
from journal.export.profile import PostPart, Profile
from journal.export.settings import ExportSettings
from journal.export.source import ExportSource, SourceDay, SourcePhoto
from journal.markdown.images import ImageRef, find_images, image_markdown, rewrite_images
from journal.markdown.photo_refs import photo_id_of
from journal.markdown.post_layout import (
    INTRO_SPACER,
    SECTION_SPACER,
    day_heading,
    section_heading,
)
from journal.portable_names import portable_slug

#: The names ``photo_file_names`` gives; a file so named in an image folder is the exporter's own.
EXPORTED_NAME = re.compile(r"^(?:day-\d+-\d{2,}|photo-\d+)\.(?:jpg|png|heic|webp|tif)$")


@dataclass(frozen=True)
class PlannedImage:
    photo: SourcePhoto
    #: Relative to the export folder.
    file: PurePosixPath


@dataclass(frozen=True)
class RenderedPost:
    #: Relative to the export folder.
    file: PurePosixPath
    text: str
    images: tuple[PlannedImage, ...]
    #: Where this post's images go, relative to the export folder.
    image_folder: PurePosixPath


@dataclass
class _Section:
    """What one post part holds before it is rendered."""

    part: PostPart
    intro: str = ""
    days: list[SourceDay] = field(default_factory=list)
    closing: str = ""


def export_slug(source: ExportSource, settings: ExportSettings) -> str:
    """The slug the post's files and folders are named after. A trip made before slugs avoided
    the names Windows reserves (``con``) exports as ``con-trip``, so the folder opens there."""
    return portable_slug(settings.slug or source.trip.slug)


def photo_file_names(source: ExportSource, settings: ExportSettings) -> dict[int, str]:
    """Stable, readable names: ``day-1-03.jpg`` is Day 1's third photo; a photo on no day that
    the text shows anyway is ``photo-<id>``. Exporting again gives the same names."""
    names: dict[int, str] = {}
    for day in source.days:
        for number, photo in enumerate(day.photos, start=1):
            suffix = exported_suffix(photo.media_format, settings.images)
            names[photo.id] = f"day-{day.index}-{number:02d}{suffix}"
    for photo in source.photos.values():
        if photo.id not in names:
            suffix = exported_suffix(photo.media_format, settings.images)
            names[photo.id] = f"photo-{photo.id}{suffix}"
    return names


def render_posts(
    source: ExportSource, settings: ExportSettings, profile: Profile
) -> list[RenderedPost]:
    """Every post file of the export, with the images each one links."""
    names = photo_file_names(source, settings)
    sections = _sections(source, settings)
    _check_photo_references(source, sections)
    return [_render(section, source, settings, profile, names) for section in sections]


def _has_content(day: SourceDay) -> bool:
    return bool(day.body.strip() or day.photos)


def _sections(source: ExportSource, settings: ExportSettings) -> list[_Section]:
    trip = source.trip
    slug = export_slug(source, settings)
    days = [day for day in source.days if _has_content(day)]
    intro, closing = trip.intro.strip(), trip.closing.strip()
    if not (days or intro or closing):
        raise ExportError(
            f"{trip.title} has nothing to export yet: write an intro or a day, or add photos."
        )

    def part(part_slug: str, title: str, day: SourceDay | None) -> PostPart:
        when = local_midnight(day.date if day else trip.start_date, trip.zone)
        return PostPart(slug, part_slug, title, when, trip.categories, trip.tags)

    if not settings.per_day or not days:
        return [_Section(part(slug, trip.title, None), intro, days, closing)]
    sections = [
        _Section(
            part(f"{slug}-day-{day.index}", f"{trip.title} — {_heading(day, settings)}", day),
            days=[day],
        )
        for day in days
    ]
    sections[0].intro = intro
    sections[-1].closing = closing
    return sections


def _heading(day: SourceDay, settings: ExportSettings) -> str:
    template = settings.titled_day_heading if day.title.strip() else settings.day_heading
    return day_heading(template, number=day.index, day=day.date, title=day.title.strip())


def _check_photo_references(source: ExportSource, sections: list[_Section]) -> None:
    """Refuse, before anything is written, a text that shows a photo the trip no longer has
    (written by hand, or left by an older Trip Journal that deleted photos without their
    references). Importing the file again would give it a new id, so the way on is to take the
    reference out: the message says where each one is."""
    problems: list[str] = []
    for section in sections:
        texts = [("the intro", section.intro), ("the closing", section.closing)]
        texts.extend((f"Day {day.index}", day.body) for day in section.days)
        for where, text in texts:
            unstripped = _newlines(text)
            normalised = unstripped.strip()
            # Lines as the user wrote them, counting the leading blank lines the post drops.
            first_line = 1 + unstripped[: len(unstripped) - len(unstripped.lstrip())].count("\n")
            for image in find_images(normalised):
                photo_id = photo_id_of(image.url)
                if photo_id is not None and photo_id not in source.photos:
                    line = first_line + image.line - 1
                    problems.append(f"photo {photo_id} in {where}, line {line}")
    if problems:
        listed = "; ".join(problems[:3]) + (
            f"; and {len(problems) - 3} more" if problems[3:] else ""
        )
        raise ExportError(
            f"The text shows photos that are no longer in {source.trip.title}: {listed}. "
            "Remove those image references from the text."
        )


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _normalised(text: str) -> str:
    return _newlines(text).strip()


class _Links:
    """Rewrites photo references for one post and remembers the images it linked."""

    def __init__(
        self,
        source: ExportSource,
        profile: Profile,
        post_file: PurePosixPath,
        folder: PurePosixPath,
        names: Mapping[int, str],
    ) -> None:
        self._source = source
        self._profile = profile
        self._post_file = post_file
        self._folder = folder
        self._names = names
        self.images: dict[PurePosixPath, PlannedImage] = {}

    def url(self, photo: SourcePhoto) -> str:
        file = self._folder / self._names[photo.id]
        self.images.setdefault(file, PlannedImage(photo, file))
        return self._profile.image_url(self._post_file, file)

    def rewrite(self, text: str) -> tuple[str, set[int]]:
        """``text`` with its photo references linked; and the ids of the photos it shows."""
        shown: set[int] = set()

        def replace(image: ImageRef) -> str | None:
            photo_id = photo_id_of(image.url)
            if photo_id is None:
                return None
            photo = self._source.photos[photo_id]
            shown.add(photo_id)
            if image.alt.strip():
                return image.pointing_to(self.url(photo))
            return image_markdown(photo.alt_text, self.url(photo), image.title)

        return rewrite_images(text, replace), shown


def _render(
    section: _Section,
    source: ExportSource,
    settings: ExportSettings,
    profile: Profile,
    names: Mapping[int, str],
) -> RenderedPost:
    post_file = profile.post_file(section.part)
    image_folder = profile.image_folder(section.part)
    links = _Links(source, profile, post_file, image_folder, names)
    blocks: list[str] = []
    if section.intro:
        blocks += [links.rewrite(_normalised(section.intro))[0], INTRO_SPACER]
    for day in section.days:
        blocks.append(section_heading(_heading(day, settings)))
        body, shown = links.rewrite(_normalised(day.body))
        if body:
            blocks.append(body)
        if settings.append_unreferenced:
            blocks.extend(
                image_markdown(photo.alt_text, links.url(photo))
                for photo in day.photos
                if photo.id not in shown
            )
        blocks.append(SECTION_SPACER)
    if section.closing:
        closing = links.rewrite(_normalised(section.closing))[0]
        blocks += [section_heading(settings.closing_heading.strip()), closing]
    elif blocks and blocks[-1] == SECTION_SPACER:
        blocks.pop()
    front_matter = _front_matter(profile, section.part, source.front_matter)
    text = f"{render_front_matter(front_matter)}\n" + "\n\n".join(blocks) + "\n"
    return RenderedPost(post_file, text, tuple(links.images.values()), image_folder)


def _front_matter(profile: Profile, part: PostPart, extra: Mapping[str, Any]) -> dict[str, Any]:
    """The generated keys, then the trip's extra keys (which win: the user set them on purpose).
    An extra ``date`` (an imported post's own) is still the post's date, written as one."""
    fields = profile.front_matter(part)
    fields.update(extra)
    if isinstance(fields["date"], str):
        fields["date"] = PostDate(fields["date"])
    return fields
