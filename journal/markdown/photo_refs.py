"""Photo references in text: ``![caption](photo:42)`` (or ``<img src="photo:42">``, a
``{{< figure src="photo:42" >}}``, … in any syntax the one image finder knows), which photos a
text shows, removing them.

A reference by photo id survives the photo's file moving or being re-exported under another
name; the editor's preview resolves it to the library file, the exporter to the exported image.

Deleting a photo must not leave its reference behind: the preview would show a photo that is gone
and the export would refuse the trip. The references are found by the one image finder
(``images.find_images``, so ``photo:42`` inside a code span stays put), and removing one touches
only the reference, the spacing it leaves and, when it stood alone on its line, that line (and
the definition of a reference-style one).
"""

import re
from collections.abc import Collection
from dataclasses import dataclass

from journal.markdown.image_ref import PHOTO_SCHEME
from journal.markdown.images import find_images, image_markdown

#: Matches a photo reference used as a link target, capturing the id.
PHOTO_URL = re.compile(rf"^{PHOTO_SCHEME}:(\d+)$")


def photo_url(photo_id: int) -> str:
    return f"{PHOTO_SCHEME}:{photo_id}"


def markdown_image(photo_id: int, alt: str) -> str:
    """The Markdown that shows a photo, with ``alt`` escaped and on one line."""
    return image_markdown(alt, photo_url(photo_id))


def photo_alt_text(caption: str, description: str) -> str:
    """The caption, else the photo's own description, else nothing: a camera's file name
    (``DSCN0012.jpg``) would be read out by a screen reader as if it said something."""
    return caption.strip() or " ".join(description.split())


def photo_id_of(url: str) -> int | None:
    """The photo id a link target refers to, or None for any other URL."""
    match = PHOTO_URL.match(url.strip())
    return int(match.group(1)) if match else None


#: Line endings: text set from a file keeps its own (``\r\n``, even a lone ``\r``).
_BREAK = re.compile(r"\r\n|\r|\n")
#: A line with its ending.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
#: What may stand before a reference that is still alone on its line: indentation, and the
#: markers of the list item or quote it is the whole of ("- ", "1. ", "> ", "> - ").
_LINE_PREFIX = re.compile(r"(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+|[ \t]*>[ \t]?)*[ \t]*")


@dataclass(frozen=True)
class ShownPhoto:
    """One photo reference in a text: its photo, its span and its 1-based line."""

    photo_id: int
    start: int
    end: int
    line: int
    #: The span of the definition a reference-style image takes its URL from.
    definition: tuple[int, int] | None = None


def shown_photos(text: str) -> list[ShownPhoto]:
    """The photo references of ``text``, in order, in any syntax the image finder knows."""
    found = []
    for image in find_images(text):
        photo_id = photo_id_of(image.url)
        if photo_id is not None:
            found.append(ShownPhoto(photo_id, image.start, image.end, image.line, image.definition))
    return found


def _doomed_spans(text: str, photo_ids: Collection[int]) -> list[tuple[int, int]]:
    """The spans to remove for the references to ``photo_ids``: each reference, and the
    definitions of reference-style ones (every image using a definition shows its photo)."""
    doomed = [ref for ref in shown_photos(text) if ref.photo_id in photo_ids]
    definitions = {ref.definition for ref in doomed if ref.definition is not None}
    return sorted([(ref.start, ref.end) for ref in doomed] + list(definitions))


def without_photos(text: str, photo_ids: Collection[int]) -> str:
    """``text`` without its references to ``photo_ids``; everything else stays as written.

    An inline reference goes with the space that separated it from its neighbours. A reference
    alone on its line (or the whole of a list item or quote line) goes with the line, and with a
    blank line next to it when two blank lines in a row (or one at the start or the end) would
    be left.
    """
    emptied: set[int] = set()
    # Last first, so the offsets of the references still to remove stay valid. Line breaks are
    # kept until every reference is out, so line numbers stay valid too.
    for doomed_start, doomed_end in reversed(_doomed_spans(text, photo_ids)):
        begin, stop = _line_start(text, doomed_start), _line_end(text, doomed_end)
        breaks = "".join(_BREAK.findall(text, doomed_start, doomed_end))
        prefix, suffix = text[begin:doomed_start], text[doomed_end:stop]
        if suffix.strip() or not _LINE_PREFIX.fullmatch(prefix):
            start, end = _with_spacing(text, doomed_start, doomed_end, begin, stop)
            text = text[:start] + breaks + text[end:]
        else:
            first = len(_BREAK.findall(text, 0, begin))
            emptied.update(range(first, first + len(breaks) + 1))
            text = text[:begin] + breaks + text[stop:]
    return _drop_lines(text, emptied) if emptied else text


def _line_start(text: str, index: int) -> int:
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def _line_end(text: str, index: int) -> int:
    found = _BREAK.search(text, index)
    return found.start() if found else len(text)


def _with_spacing(text: str, start: int, end: int, begin: int, stop: int) -> tuple[int, int]:
    """The span to cut for an inline reference: with the spaces before it when it sat between
    words or ended the line, with the spaces after it when it opened the line (after any
    indentation, which is kept), else just the reference."""
    before = text[begin:start]
    spaces_before = len(before) - len(before.rstrip(" \t"))
    after = text[end:stop]
    spaces_after = len(after) - len(after.lstrip(" \t"))
    opens_line = not before.strip()
    if not opens_line and spaces_before and (spaces_after or end == stop):
        return start - spaces_before, end
    if opens_line and spaces_after:
        return start, end + spaces_after
    return start, end


def _drop_lines(text: str, emptied: set[int]) -> str:
    """``text`` without the ``emptied`` lines, and without a blank line next to each removal
    that would otherwise leave a run of blank lines."""
    lines = _LINE.findall(text)
    if lines[-1] == "" and len(lines) - 1 not in emptied:
        lines.pop()  # the text ends with a line break: nothing follows it
    dropped = set(emptied)
    for index in sorted(emptied):
        if index - 1 in emptied:
            continue  # the same removal as the line before
        previous = max((i for i in range(index) if i not in dropped), default=None)
        following = min((i for i in range(index, len(lines)) if i not in dropped), default=None)
        neighbours = [i for i in (previous, following) if i is not None]
        if neighbours and not any(lines[i].strip() for i in neighbours):
            dropped.add(neighbours[-1])
    kept = [line for index, line in enumerate(lines) if index not in dropped]
    if kept and len(lines) - 1 in dropped and not _BREAK.search(lines[-1]):
        kept[-1] = kept[-1].rstrip("\r\n")  # the text did not end with a line break
    return "".join(kept)
