"""How day text refers to a library photo: ``![caption](photo:42)``.

A reference by photo id survives the photo's file moving or being re-exported under another
name; the editor's preview resolves it to the library file, the exporter to the exported image.
"""

import re

PHOTO_SCHEME = "photo"
#: Matches a photo reference used as a link target, capturing the id.
PHOTO_URL = re.compile(rf"^{PHOTO_SCHEME}:(\d+)$")


def photo_url(photo_id: int) -> str:
    return f"{PHOTO_SCHEME}:{photo_id}"


def markdown_image(photo_id: int, alt: str) -> str:
    """The Markdown that shows a photo; brackets in the alt text are escaped."""
    escaped = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"![{escaped}]({photo_url(photo_id)})"


def photo_id_of(url: str) -> int | None:
    """The photo id a link target refers to, or None for any other URL."""
    match = PHOTO_URL.match(url.strip())
    return int(match.group(1)) if match else None
