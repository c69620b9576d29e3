"""Reference-style images whose definition is in another part of the post.

A post often gathers its reference definitions at the end (``[arex]: /img/arex.jpg "AREX"``),
while the images using them (``![train][arex]``) are in the days. A trip keeps each day's text on
its own, and a reference without its definition is no image (the preview shows its brackets, the
photo list does not see it), so when a post is cut into parts each definition goes to the part
whose images use it: appended to the end of that part, and taken out of the part it was in when
no image there uses it. Its line there is left empty, so every line number of that part stays
what it was in the post.
"""

from bisect import bisect_right
from collections.abc import Sequence

from journal.markdown.images import find_images

#: What joins the parts while the whole post is read: a blank line ends any paragraph.
_JOINT = "\n\n"


def localized_definitions(parts: Sequence[str]) -> list[str]:
    """``parts`` (consecutive parts of one text) with each reference definition an image uses
    in the part of that image."""
    offsets = []
    position = 0
    for part in parts:
        offsets.append(position)
        position += len(part) + len(_JOINT)
    whole = _JOINT.join(parts)

    def part_of(index: int) -> int:
        return bisect_right(offsets, index) - 1

    used_in_place: set[tuple[int, int]] = set()
    wanted: list[dict[tuple[int, int], None]] = [{} for _ in parts]
    for image in find_images(whole):
        if image.definition is None:
            continue
        used, defined = part_of(image.start), part_of(image.definition[0])
        if used == defined:
            used_in_place.add(image.definition)
        else:
            wanted[used][image.definition] = None
    moving = {span for needed in wanted for span in needed} - used_in_place
    texts = []
    for index, part in enumerate(parts):
        base = offsets[index]
        text = part
        for start, end in sorted(moving, reverse=True):
            if part_of(start) == index:
                start, end = start - base, end - base
                text = text[:start] + "\n" * text.count("\n", start, end) + text[end:]
        if wanted[index]:
            added = "\n".join(whole[start:end] for start, end in wanted[index])
            text = f"{text.rstrip()}\n\n{added}\n"
        texts.append(text)
    return texts
