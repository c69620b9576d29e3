"""RAW+JPEG: a camera set to keep both writes two files of one shot, which are one photo.

The two are told apart from two shots by what the camera gives them in common: the folder, the
name without its extension (``DSC_0042.NEF`` and ``DSC_0042.JPG``) and the capture time to the
second. The JPEG (or HEIF) is the photo shown, as the camera rendered it; the RAW is kept in the
library with it, for the day its owner develops it. Files are paired as they are read, in any
order, so that a scan counts a shot once as soon as its second file is met.
"""

from datetime import datetime
from pathlib import Path

from journal.photos.formats import RAW_FORMATS
from journal.photos.metadata import PhotoMetadata

_Shot = tuple[Path, str]


class RawPairing:
    """The RAW+JPEG shots among the files ``add``ed, each file by its index."""

    def __init__(self) -> None:
        #: Index of each shown file of a pair -> index of its RAW.
        self.pairs: dict[int, int] = {}
        #: Files waiting for the other file of their shot: (index, is RAW, second taken).
        self._waiting: dict[_Shot, tuple[int, bool, datetime]] = {}

    def add(self, index: int, path: Path, metadata: PhotoMetadata) -> bool:
        """Take in the file at ``index``; whether it completes a pair (and so is no new photo)."""
        is_raw = metadata.media_format in RAW_FORMATS
        second = metadata.capture.wall_time.replace(microsecond=0)
        shot = (path.parent, path.stem.casefold())
        waiting = self._waiting.get(shot)
        if waiting is None or waiting[1] == is_raw or waiting[2] != second:
            self._waiting.setdefault(shot, (index, is_raw, second))
            return False
        del self._waiting[shot]
        raw, shown = (index, waiting[0]) if is_raw else (waiting[0], index)
        self.pairs[shown] = raw
        return True
