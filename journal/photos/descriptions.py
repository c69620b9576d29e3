"""A photo's own description, as its file recorded it: the alt text of a photo without a caption.

The first of EXIF ImageDescription, IPTC Caption-Abstract, XMP ``dc:description`` and XMP
``dc:title`` that says something. Many cameras fill ImageDescription with their own name
("OLYMPUS DIGITAL CAMERA", "SONY DSC") or a placeholder, and some editors with the file name;
those describe nothing and would make poor alt text, so they count as blank.
"""

import re
from collections.abc import Iterable

from journal.photos.camera import CameraKey

#: What cameras and phones write when nobody described the photo (compared case-insensitively).
_BOILERPLATE = frozenset(
    text.casefold()
    for text in (
        "OLYMPUS DIGITAL CAMERA",
        "SONY DSC",
        "SONY DIGITAL CAMERA",
        "DIGITAL CAMERA",
        "DIGITAL STILL CAMERA",
        "KODAK Digital Still Camera",
        "MINOLTA DIGITAL CAMERA",
        "KONICA MINOLTA DIGITAL CAMERA",
        "LEICA DIGITAL CAMERA",
        "PENTAX DIGITAL CAMERA",
        "SAMSUNG DIGITAL CAMERA",
        "NIKON DIGITAL CAMERA",
        "AGFA DIGITAL CAMERA",
        "SANYO DIGITAL CAMERA",
        "DCIM",
        "DSC",
        "Exif_JPEG_PICTURE",
        "Exif_JPEG_422",
        "JPEG",
        "Default",
        "Untitled",
        "Image",
        "Picture",
        "Photo",
        "Camera",
    )
)
#: A camera's file name (``DSCN0012.JPG``, ``IMG_4711``, ``P1010203``), which describes nothing.
_FILE_NAME = re.compile(r"[A-Za-z_]{0,5}[_-]?\d{3,}(\.[A-Za-z0-9]{2,4})?")


def photo_description(candidates: Iterable[str], camera: CameraKey) -> str:
    """The first of ``candidates`` (best source first) that is not blank or boilerplate."""
    names = {
        name.casefold()
        for name in (camera.make, camera.model, f"{camera.make} {camera.model}")
        if name.strip()
    }
    for candidate in candidates:
        text = " ".join(candidate.split())
        folded = text.casefold()
        if not text or folded in _BOILERPLATE or folded in names or _FILE_NAME.fullmatch(text):
            continue
        return text
    return ""
