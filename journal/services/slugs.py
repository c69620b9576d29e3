"""URL slugs for trips: readable, unique in the library, and safe as a file name.

Non-Latin titles are transliterated (``서울 여행`` becomes ``seoul-yeohaeng``) so a Korean trip
still gets a meaningful slug; a title with nothing transliterable falls back to the trip's date.
A slug becomes a folder name in exports, so a name Windows reserves for a device (``con``,
``nul``, ``com1``) is never made and cannot be typed. A trip slugged so before that rule exports
as ``nul-trip``; a new slug is compared by the name it exports as, so no two trips ever export
into the same folder.
"""

import re
from collections.abc import Collection
from datetime import date

from slugify import slugify

from journal.errors import InvalidInputError
from journal.portable_names import is_windows_device, portable_slug

MAX_SLUG_LENGTH = 80
_VALID_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slug_from_title(title: str, start: date) -> str:
    slug: str = slugify(title, max_length=MAX_SLUG_LENGTH, word_boundary=True)
    return portable_slug(slug) if slug else f"trip-{start.isoformat()}"


def check_slug(slug: str) -> str:
    """A slug the user typed: lower-case ASCII words joined by hyphens, nothing else."""
    if not _VALID_SLUG.fullmatch(slug) or len(slug) > MAX_SLUG_LENGTH:
        raise InvalidInputError(
            f"Invalid slug {slug!r}: use lower-case letters, digits and single hyphens "
            f"(at most {MAX_SLUG_LENGTH} characters), e.g. seattle-2023."
        )
    if slug.isdigit():
        raise InvalidInputError(f"Invalid slug {slug!r}: a slug cannot be only digits (ids are).")
    if is_windows_device(slug):
        raise InvalidInputError(
            f"Invalid slug {slug!r}: Windows reserves {slug.upper()} for a device, so an exported "
            f"folder named so could not be opened there; use e.g. {portable_slug(slug)}."
        )
    return slug


def check_slug_free(slug: str, taken: Collection[str]) -> str:
    """``slug`` unless another trip has it, or exports under the name it would export as."""
    for other in taken:
        if portable_slug(other) == portable_slug(slug):
            if other == slug:
                raise InvalidInputError(f"Another trip already has the slug {slug!r}.")
            raise InvalidInputError(
                f"Another trip's slug {other!r} exports as {portable_slug(other)!r}, so the two "
                "would share a folder; choose another slug."
            )
    return slug


def unique_slug(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base-2``, ``base-3``, ... whichever no trip has or exports as (see
    ``check_slug_free``); never digits alone."""
    if base.isdigit():
        base = f"trip-{base}"
    exported = {portable_slug(slug) for slug in taken}
    candidate, counter = base, 2
    while portable_slug(candidate) in exported:
        candidate = f"{base}-{counter}"
        counter += 1
    return candidate
