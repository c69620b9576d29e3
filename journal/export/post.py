"""The post's Markdown: front matter, intro, one section per day, the closing section.

The shape (headings, ``<br>`` spacers) is ``journal.markdown.post_layout``'s, which the post
import reads back; the headings inside a day's text are written below its day heading
(``demote_headings``), so that the import finds the day whole again. Photo references
(``photo:ID`` as the URL of an image in any syntax the one image finder knows) become links to
the exported files, with the photo's caption or description as the alt text of a Markdown image
that has none, and its size on an HTML ``<img>`` or a Hugo ``figure`` that gives none; every
other image, link and piece of raw HTML passes through as written.

A trip imported from a post (``ExportSource.origin``) and exported to the same kind of site is
written back as that post, so that its URL and its look stay: the same file, front-matter
format and day headings (those of days whose title is unchanged), spacers only if it had them,
and only the front-matter keys it had (the trip's title, categories and tags among them).
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from journal.export.errors import ExportError
from journal.export.front_matter import (
    DATE_KEYS,
    KeptDate,
    local_midnight,
    photo_moment,
    post_moment,
    render_front_matter,
)
from journal.export.images import exported_suffix, web_copy_size
from journal.export.profile import PostPart, Profile
from journal.export.settings import ExportFormat, ExportSettings
from journal.export.source import ExportSource, SourceDay, SourcePhoto
from journal.markdown.images import (
    ImageKind,
    ImageRef,
    find_images,
    image_markdown,
    rewrite_images,
    rewrite_urls,
)
from journal.markdown.photo_refs import photo_id_of, photo_url
from journal.markdown.post_layout import (
    INTRO_SPACER,
    SECTION_SPACER,
    day_heading,
    demote_headings,
    read_day_heading,
    section_heading,
    with_places,
)
from journal.places.summaries import summary_reader
from journal.portable_names import portable_slug

if TYPE_CHECKING:  # post_origin names the export's formats: importing it here would be a cycle
    from journal.post_import.post_origin import PostOrigin

#: The names ``photo_file_names`` gives; a file so named in an image folder is the exporter's own.
#: A Hugo translation of a page bundle (``index.ja.md``, ``_index.pt-br.md``) and its language.
_TRANSLATION = re.compile(r"^_?index\.(?P<language>[a-z]{2,3}(?:-[a-z0-9]+)*)\.[a-z]+$", re.I)


def exported_name(prefix: str) -> re.Pattern[str]:
    """The names the exporter gives a post's images (``day-1-03.jpg``, ``photo-7.png``), after
    the post's ``image_prefix``: what a later export of that post may remove as stale."""
    return re.compile(
        rf"^{re.escape(prefix)}(?:day-\d+-\d{{2,}}|photo-\d+)\.(?:jpg|png|heic|webp|tif)$"
    )


#: A day heading kept from an imported post: one line of one or two ``#`` and its text.
_KEPT_HEADING = re.compile(r"(?P<marks>#{1,2})[ \t]+(?P<text>\S.*)")


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
    #: What the names of this post's images start with (``image_prefix``).
    image_prefix: str = ""


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
    prefix = image_prefix(source, settings)
    names: dict[int, str] = {}
    for day in source.days:
        for number, photo in enumerate(day.photos, start=1):
            suffix = exported_suffix(photo.media_format, settings.images)
            names[photo.id] = f"{prefix}day-{day.index}-{number:02d}{suffix}"
    for photo in source.photos.values():
        if photo.id not in names:
            suffix = exported_suffix(photo.media_format, settings.images)
            names[photo.id] = f"{prefix}photo-{photo.id}{suffix}"
    return names


def image_prefix(source: ExportSource, settings: ExportSettings) -> str:
    """``ja-`` for the images of a Hugo translation written back into its bundle
    (``index.ja.md``): its images share the folder with those of the other languages' pages,
    each an export of its own trip, and must neither take their names nor be taken for stale
    images of theirs."""
    origin = origin_to_keep(source, settings)
    if origin is None or origin.generator != ExportFormat.HUGO:
        return ""
    translation = _TRANSLATION.match(origin.path.name)
    return f"{translation['language'].lower()}-" if translation else ""


def origin_to_keep(source: ExportSource, settings: ExportSettings) -> "PostOrigin | None":
    """The origin the post is written back as: that of a post imported from the same kind of
    site, exported as one post under its own name (a slug given for the export, or a post per
    day, makes new posts)."""
    origin = source.origin
    if origin is None or origin.generator != settings.format or settings.per_day or settings.slug:
        return None
    return origin


def render_posts(
    source: ExportSource, settings: ExportSettings, profile: Profile
) -> list[RenderedPost]:
    """Every post file of the export, with the images each one links."""
    names = photo_file_names(source, settings)
    origin = origin_to_keep(source, settings)
    sections = _sections(source, settings, origin)
    _check_photo_references(source, sections)
    return [_render(section, source, settings, profile, names, origin) for section in sections]


def _has_content(day: SourceDay) -> bool:
    return bool(day.body.strip() or day.photos)


def _sections(
    source: ExportSource, settings: ExportSettings, origin: "PostOrigin | None"
) -> list[_Section]:
    trip = source.trip
    slug = export_slug(source, settings)
    days = [day for day in source.days if _has_content(day)]
    intro, closing = trip.intro.strip(), trip.closing.strip()
    if not (days or intro or closing):
        raise ExportError(
            f"{trip.title} has nothing to export yet: write an intro or a day, or add photos."
        )

    def part(part_slug: str, title: str, day: SourceDay | None) -> PostPart:
        first = day or source.days[0]
        taken = (
            photo_moment(photo.local_time, photo.utc_offset_minutes, trip.zone)
            for photo in first.photos
            if photo.local_time is not None
        )
        return PostPart(
            slug,
            part_slug,
            title,
            local_midnight(first.date, trip.zone),
            trip.categories,
            trip.tags,
            moment=post_moment(first.date, trip.zone, taken),
            path=origin.path if origin is not None else None,
        )

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
    """The day's heading from the settings' templates, with its places after it if asked for
    (``Day 1 — Pike Place Market · Seattle``)."""
    template = settings.titled_day_heading if day.title.strip() else settings.day_heading
    heading = day_heading(template, number=day.index, day=day.date, title=day.title.strip())
    return with_places(heading, day.places) if settings.places_in_headings else heading


def _day_heading_line(
    day: SourceDay,
    settings: ExportSettings,
    origin: "PostOrigin | None",
    is_places: Callable[[str], bool],
) -> tuple[str, int]:
    """The line that heads ``day`` and its level: the imported post's own heading while it
    still says this day's number or date and title (places after it aside), else one from the
    settings' templates."""
    kept = origin.day_headings.get(day.date) if origin is not None else None
    match = _KEPT_HEADING.fullmatch(kept) if kept is not None else None
    said = read_day_heading(match["text"].strip(), is_places) if match is not None else None
    if (
        match is not None
        and said is not None
        and said.title == day.title.strip()
        and said.index in (None, day.index)
        and said.date in (None, day.date)
    ):
        return match.string, len(match["marks"])
    return section_heading(_heading(day, settings)), 2


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
        settings: ExportSettings,
        profile: Profile,
        post_file: PurePosixPath,
        folder: PurePosixPath,
        names: Mapping[int, str],
    ) -> None:
        self._source = source
        self._settings = settings
        self._profile = profile
        self._post_file = post_file
        self._folder = folder
        self._names = names
        self.images: dict[PurePosixPath, PlannedImage] = {}

    def url(self, photo: SourcePhoto, kind: ImageKind = ImageKind.MARKDOWN) -> str:
        """The link to ``photo``'s exported image, as an image of ``kind`` writes it."""
        file = self._folder / self._names[photo.id]
        self.images.setdefault(file, PlannedImage(photo, file))
        if kind is ImageKind.LIQUID:
            return self._profile.include_url(self._post_file, file)
        return self._profile.image_url(self._post_file, file)

    def rewrite(self, text: str) -> tuple[str, set[int]]:
        """``text`` with its photo references linked; and the ids of the photos it shows.

        Only the URL changes, in whatever syntax the image is written, except that a Markdown
        image with no alt text gets the photo's (``SourcePhoto.alt_text``) and an ``<img>`` or
        a Hugo ``figure`` with no size gets the exported image's ``width`` and ``height``: first
        those, then the URLs, so that the one finder relinks every reference its own way."""
        shown: set[int] = set()

        def described(image: ImageRef) -> str | None:
            photo = self._photo(image)
            if photo is None:
                return None
            if image.kind is ImageKind.MARKDOWN and not image.alt.strip():
                # Still a reference: the URL (and any link around it) is the next step's.
                return image_markdown(photo.alt_text, photo_url(photo.id), image.title)
            return self._sized(text, image, photo)

        def linked(image: ImageRef) -> str | None:
            photo = self._photo(image)
            if photo is None:
                return None
            shown.add(photo.id)
            return self.url(photo, image.kind)

        return rewrite_urls(rewrite_images(text, described), linked), shown

    def _photo(self, image: ImageRef) -> SourcePhoto | None:
        photo_id = photo_id_of(image.url)
        return None if photo_id is None else self._source.photos[photo_id]

    def _sized(self, text: str, image: ImageRef, photo: SourcePhoto) -> str | None:
        """An ``<img>`` or a Hugo ``figure`` with the exported image's size after its URL, if it
        gives neither a width nor a height; None (kept as written) otherwise."""
        can_say = image.kind is ImageKind.HTML or (
            image.kind is ImageKind.SHORTCODE and image.name == "figure"
        )
        says = {name.lower() for name in image.attributes} & {"width", "height"}
        size = web_copy_size(photo, self._settings.images) if can_say and not says else None
        if size is None:
            return None
        closing_quote = text[image.url_end : image.url_end + 1] in ("'", '"', "`")
        after_url = image.url_end + int(closing_quote)
        return (
            f'{text[image.start : after_url]} width="{size[0]}" height="{size[1]}"'
            f"{text[after_url : image.end]}"
        )


def _render(
    section: _Section,
    source: ExportSource,
    settings: ExportSettings,
    profile: Profile,
    names: Mapping[int, str],
    origin: "PostOrigin | None",
) -> RenderedPost:
    post_file = profile.post_file(section.part)
    image_folder = profile.image_folder(section.part)
    links = _Links(source, settings, profile, post_file, image_folder, names)
    spacers = origin.spacers if origin is not None else profile.spacers

    def linked(text: str) -> tuple[str, set[int]]:
        text, shown = links.rewrite(_normalised(text))
        return (text if origin is not None else profile.new_post_text(text)), shown

    blocks: list[str] = []
    if section.intro:
        blocks.append(linked(section.intro)[0])
        blocks += [INTRO_SPACER] if spacers else []
    is_places = summary_reader([city for day in source.days for city in day.cities])
    for day in section.days:
        heading, level = _day_heading_line(day, settings, origin, is_places)
        blocks.append(heading)
        body, shown = linked(day.body)
        if body:
            blocks.append(demote_headings(body, level))
        if settings.append_unreferenced:
            blocks.extend(
                image_markdown(photo.alt_text, links.url(photo))
                for photo in day.photos
                if photo.id not in shown
            )
        blocks += [SECTION_SPACER] if spacers else []
    if section.closing:
        closing = linked(section.closing)[0]
        blocks += [section_heading(settings.closing_heading.strip()), closing]
    elif spacers and blocks and blocks[-1] == SECTION_SPACER:
        blocks.pop()
    places = _place_fields(section, source, settings)
    front_matter = _front_matter(profile, section.part, source.front_matter, origin, places)
    style = origin.front_matter if origin is not None else "yaml"
    text = f"{render_front_matter(front_matter, style)}\n" + "\n\n".join(blocks) + "\n"
    images = tuple(links.images.values())
    return RenderedPost(post_file, text, images, image_folder, image_prefix(source, settings))


def _place_fields(
    section: _Section, source: ExportSource, settings: ExportSettings
) -> dict[str, Any]:
    """``places``: the cities of the post's days in the order visited; and for a site's post
    ``location``: the trip's main country, or its one city (``ExportSource.location``)."""
    cities = list(dict.fromkeys(city for day in section.days for city in day.cities))
    fields: dict[str, Any] = {"places": cities} if cities else {}
    if source.location and settings.format is not ExportFormat.MARKDOWN:
        fields["location"] = source.location
    return fields


def _front_matter(
    profile: Profile,
    part: PostPart,
    extra: Mapping[str, Any],
    origin: "PostOrigin | None",
    places: Mapping[str, Any],
) -> dict[str, Any]:
    """The generated keys and the ``places`` ones, then the trip's extra keys (which win: the
    user set them on purpose).
    A post written back as the one it was imported from gets only the keys it had: the trip's
    title, categories and tags, and its own others (its ``date`` if it had one, ``layout``…).
    Categories or tags under the singular key (``category: travel``) stay there alone. A post's
    own ``date`` (and ``lastmod``…) is still a date, written back as it was."""
    fields = (
        {**profile.front_matter(part), **places} if origin is None else profile.trip_fields(part)
    )
    for plural, singular in (("categories", "category"), ("tags", "tag")):
        if singular in extra:  # the post's own spelling, which generators read as the plural
            fields.pop(plural, None)
    fields.update(extra)
    for key, value in fields.items():
        if key.lower() in DATE_KEYS and type(value) is str:
            fields[key] = KeptDate(value)
    return fields
