"""The smaller copy of the picture a camera already wrote into its JPEG, for the gallery thumbnail.

Decoding is most of an import's work, and a 12-megapixel JPEG costs its whole entropy decoding
even at libjpeg's smallest DCT scale. Most cameras (Sony, Nikon, Fujifilm, Panasonic, Olympus,
Pentax) also write a "large thumbnail" of 1,616 to 1,920 pixels in an MPF (CIPA DC-007) frame
after the photo, and a few write an EXIF IFD1 thumbnail big enough for a gallery cell: decoding
that instead is four to ten times cheaper.

A preview can lie, and then the full image is decoded instead:

- it must be a smaller picture of the same shape (within 1 %), which rules out a cropped photo
  whose preview was not rewritten, a 16:9 preview of a 3:2 photo, and the second eye of a stereo
  MPO;
- an MPF frame counts only when it says it is a large thumbnail: phones put HDR gain maps and
  depth maps in MPF frames too, smaller and of the same shape, and those are not pictures;
- a photo whose EXIF says it was modified after it was taken (``DateTime`` later than
  ``DateTimeOriginal``: every editor sets it, cameras write both alike) may carry its camera's
  stale preview of the unedited picture.
"""

import io

from PIL import ExifTags, Image

#: MPF frame types (as Pillow names them) that are previews of the primary picture.
LARGE_THUMBNAILS = frozenset(
    {"Large Thumbnail (VGA Equivalent)", "Large Thumbnail (Full HD Equivalent)"}
)
#: How far a preview's width-to-height ratio may be from the photo's (rounding of small sizes).
ASPECT_TOLERANCE = 0.01
_JPEG_INTERCHANGE_FORMAT = 0x0201
_JPEG_INTERCHANGE_LENGTH = 0x0202
#: "Exif\0\0" before the TIFF header that IFD1's offsets count from.
_EXIF_PREFIX = 6


def trusted(image: Image.Image) -> bool:
    """Whether the previews of this just-opened JPEG may show it: not edited since it was shot."""
    exif = image.getexif()
    modified = exif.get(ExifTags.Base.DateTime)
    taken = exif.get_ifd(ExifTags.IFD.Exif).get(ExifTags.Base.DateTimeOriginal)
    return not (modified and taken and str(modified).strip() != str(taken).strip())


def seek_preview_frame(image: Image.Image, fit: int) -> bool:
    """Move an MPO ``image`` (Pillow's name for a JPEG with MPF frames) to its smallest large
    thumbnail that still covers ``fit`` pixels and has the photo's shape; False, at frame 0, when
    there is none."""
    entries = getattr(image, "mpinfo", {}).get(0xB002) if image.format == "MPO" else None
    if not entries:
        return False
    primary = image.size
    best: tuple[int, int] | None = None  # (pixels, frame)
    for frame, entry in enumerate(entries[1:], start=1):
        if entry.get("Attribute", {}).get("MPType") not in LARGE_THUMBNAILS:
            continue
        image.seek(frame)
        if fits(image.size, primary, fit) and (best is None or _area(image.size) < best[0]):
            best = (_area(image.size), frame)
    image.seek(best[1] if best else 0)
    return best is not None


def ifd1_preview(image: Image.Image, fit: int) -> bytes | None:
    """The EXIF thumbnail of a just-opened JPEG when it is a JPEG that covers ``fit`` pixels and
    has the photo's shape (cameras write 160 x 120, which never does; a few write more)."""
    raw = image.info.get("exif")
    thumbnail = image.getexif().get_ifd(ExifTags.IFD.IFD1)
    offset, length = (
        thumbnail.get(_JPEG_INTERCHANGE_FORMAT),
        thumbnail.get(_JPEG_INTERCHANGE_LENGTH),
    )
    if not isinstance(raw, bytes) or not isinstance(offset, int) or not isinstance(length, int):
        return None
    start = _EXIF_PREFIX + offset
    data = raw[start : start + length]
    if length <= 0 or len(data) != length:
        return None
    try:
        with Image.open(io.BytesIO(data)) as preview:
            shaped = preview.format == "JPEG" and fits(preview.size, image.size, fit)
    except (OSError, ValueError, SyntaxError):
        return None
    return data if shaped else None


def fits(size: tuple[int, int], primary: tuple[int, int], fit: int) -> bool:
    """Whether a preview of ``size`` can stand for a photo of ``primary`` at ``fit`` pixels."""
    width, height = size
    full_width, full_height = primary
    if min(width, height, full_width, full_height) <= 0 or _area(size) >= _area(primary):
        return False
    ratio, full_ratio = width / height, full_width / full_height
    return max(width, height) >= fit and abs(ratio - full_ratio) <= ASPECT_TOLERANCE * full_ratio


def _area(size: tuple[int, int]) -> int:
    return size[0] * size[1]
