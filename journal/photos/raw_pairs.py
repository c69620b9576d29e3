"""RAW+JPEG: a camera set to keep both writes two files of one shot, which are one photo.

The two are told apart from two shots by what the camera gives them in common: the folder, the
name without its extension (``DSC_0042.NEF`` and ``DSC_0042.JPG``) and the capture time to the
second. The JPEG (or HEIF) is the photo shown, as the camera rendered it; the RAW is kept in the
library with it, for the day its owner develops it.
"""

from collections.abc import Sequence
from pathlib import Path

from journal.photos.formats import RAW_FORMATS
from journal.photos.metadata import PhotoMetadata


def raw_pairs(files: Sequence[tuple[Path, PhotoMetadata]]) -> dict[int, int]:
    """Index of each shown file of a RAW+JPEG shot in ``files`` -> index of its RAW."""
    raws: dict[tuple[Path, str], int] = {}
    for index, (path, metadata) in enumerate(files):
        if metadata.media_format in RAW_FORMATS:
            raws.setdefault(_shot(path), index)
    pairs: dict[int, int] = {}
    paired: set[int] = set()
    for index, (path, metadata) in enumerate(files):
        raw = raws.get(_shot(path))
        if raw is None or raw in paired or metadata.media_format in RAW_FORMATS:
            continue
        if _second(files[raw][1]) == _second(metadata):
            pairs[index] = raw
            paired.add(raw)
    return pairs


def _shot(path: Path) -> tuple[Path, str]:
    return path.parent, path.stem.casefold()


def _second(metadata: PhotoMetadata) -> object:
    return metadata.capture.wall_time.replace(microsecond=0)
