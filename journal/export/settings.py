"""What the user chooses for an export, remembered per trip as plain JSON.

Stored settings are read leniently (a key this version does not know, or a value an older
version wrote that no longer makes sense, falls back to its default) because a remembered dialog
must never stop an export; settings the user gives now are checked strictly by ``checked``.
"""

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from journal.export.errors import ExportError
from journal.markdown import post_layout

MIN_LONG_EDGE = 320
MAX_LONG_EDGE = 12_000
_BASEURL = re.compile(r"^(?:/[A-Za-z0-9._~-]+)*$")

T = TypeVar("T")


class ExportFormat(StrEnum):
    JEKYLL = "jekyll"
    HUGO = "hugo"
    MARKDOWN = "markdown"

    @property
    def label(self) -> str:
        return {"jekyll": "Jekyll post", "hugo": "Hugo page bundle", "markdown": "Plain Markdown"}[
            self.value
        ]


@dataclass(frozen=True)
class ImageOptions:
    """How photos become files of the post: web-ready copies unless ``keep_originals``."""

    #: Longest side of a web copy in pixels; smaller photos are never enlarged.
    max_long_edge: int = 1600
    #: JPEG quality of web copies.
    quality: int = 85
    #: Keep GPS coordinates in web copies (off: people publish their home by accident).
    keep_gps: bool = False
    #: Write the capture date and time into web copies' EXIF.
    keep_capture_date: bool = True
    #: Copy the library files byte for byte: full size, original format, all metadata.
    keep_originals: bool = False


@dataclass(frozen=True)
class ExportSettings:
    format: ExportFormat = ExportFormat.JEKYLL
    #: The site root for Jekyll and Hugo, any folder for plain Markdown; None until chosen.
    folder: Path | None = None
    #: The post's slug; empty means the trip's own slug. The services check it like a trip's.
    slug: str = ""
    #: Jekyll's ``baseurl`` (``/blog``) for sites not served from the domain's root.
    baseurl: str = ""
    per_day: bool = False
    #: A day's photos that its text does not show are added at the end of its section.
    append_unreferenced: bool = True
    day_heading: str = post_layout.DAY_HEADING
    #: The heading of a day that has a title.
    titled_day_heading: str = post_layout.TITLED_DAY_HEADING
    closing_heading: str = post_layout.CLOSING_HEADING
    #: Each day heading ends with the day's places (``Day 1 — Pike Place Market · Seattle``).
    places_in_headings: bool = False
    images: ImageOptions = field(default_factory=ImageOptions)
    #: The folder last chosen for each format: a Jekyll site and a Hugo site are different
    #: folders, so switching format brings back that format's own folder, not this one.
    format_folders: dict[ExportFormat, Path] = field(default_factory=dict)

    def remembering_folder(self) -> "ExportSettings":
        """These settings with ``folder`` also kept as the folder of ``format``."""
        if self.folder is None:
            return self
        folders = {**self.format_folders, self.format: self.folder}
        return dataclasses.replace(self, format_folders=folders)

    def checked(self) -> "ExportSettings":
        """These settings, or an ``ExportError`` saying which one is wrong and how."""
        if self.folder is None:
            raise ExportError("Choose the folder to export into.")
        if not _BASEURL.fullmatch(self.baseurl) or {".", ".."} & set(self.baseurl.split("/")):
            raise ExportError(
                f"Invalid base URL {self.baseurl!r}: write it as a path such as /blog "
                "(letters, digits, '.', '_', '~', '-' between slashes), or leave it empty."
            )
        for name in ("day_heading", "titled_day_heading"):
            _check_heading(getattr(self, name))
        if not self.closing_heading.strip():
            raise ExportError("The closing section needs a heading, e.g. Conclusion.")
        edge = self.images.max_long_edge
        if not MIN_LONG_EDGE <= edge <= MAX_LONG_EDGE:
            raise ExportError(
                f"Invalid image size {edge}: the long edge must be {MIN_LONG_EDGE} to "
                f"{MAX_LONG_EDGE} pixels."
            )
        if not 30 <= self.images.quality <= 100:
            raise ExportError(f"Invalid JPEG quality {self.images.quality}: use 30 to 100.")
        return self

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["format"] = self.format.value
        data["folder"] = None if self.folder is None else str(self.folder)
        data["format_folders"] = {
            export_format.value: str(folder)
            for export_format, folder in self.format_folders.items()
        }
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ExportSettings":
        defaults = cls()
        images = data.get("images")
        folder = data.get("folder")
        try:
            export_format = ExportFormat(data.get("format", defaults.format))
        except ValueError:
            export_format = defaults.format
        return cls(
            format=export_format,
            folder=Path(folder) if isinstance(folder, str) and folder else None,
            slug=_typed(data, "slug", defaults.slug),
            baseurl=_typed(data, "baseurl", defaults.baseurl),
            per_day=_typed(data, "per_day", defaults.per_day),
            append_unreferenced=_typed(data, "append_unreferenced", defaults.append_unreferenced),
            day_heading=_typed(data, "day_heading", defaults.day_heading),
            titled_day_heading=_typed(data, "titled_day_heading", defaults.titled_day_heading),
            closing_heading=_typed(data, "closing_heading", defaults.closing_heading),
            places_in_headings=_typed(data, "places_in_headings", defaults.places_in_headings),
            images=_image_options(images if isinstance(images, dict) else {}),
            format_folders=_format_folders(data.get("format_folders")),
        )


def _typed(data: dict[str, Any], key: str, default: T) -> T:
    value = data.get(key, default)
    return value if type(value) is type(default) else default


def _format_folders(data: object) -> dict[ExportFormat, Path]:
    """The stored folder per format, skipping what an older or edited library got wrong."""
    if not isinstance(data, dict):
        return {}
    known = {export_format.value: export_format for export_format in ExportFormat}
    return {
        known[name]: Path(folder)
        for name, folder in data.items()
        if name in known and isinstance(folder, str) and folder
    }


def _image_options(data: dict[str, Any]) -> ImageOptions:
    defaults = ImageOptions()
    return ImageOptions(
        **{
            item.name: _typed(data, item.name, getattr(defaults, item.name))
            for item in dataclasses.fields(ImageOptions)
        }
    )


def _check_heading(template: str) -> None:
    try:
        heading = post_layout.day_heading(
            template, number=0, day=date(2023, 9, 16), title="Seattle"
        )
    except (AttributeError, KeyError, IndexError, ValueError):
        raise ExportError(
            f"Invalid day heading {template!r}: it may use {{number}}, {{date}}, {{weekday}} and "
            "{title}, e.g. 'Day {number} — {title}'."
        ) from None
    if not heading.strip() or "\n" in heading:
        raise ExportError(f"Invalid day heading {template!r}: it must be one non-empty line.")
