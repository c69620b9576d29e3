"""The image formats a library accepts, and the one place the HEIF decoder is plugged into Pillow.

Pillow identifies a file by its content, not its name, so a JPEG called ``.png`` still imports and
a text file called ``.jpg`` is refused with a reason. AVIF is read by Pillow itself (built in
since 11.3; ``PIL.features.check("avif")`` says whether this Pillow has it). RAW files are told
by their extension, confirmed by their content (``raw.py``), since Pillow would read a NEF's
TIFF structure as the 160-pixel thumbnail in its first IFD.
"""

from enum import StrEnum
from functools import cache
from pathlib import PurePosixPath

from PIL import features
from pillow_heif import register_heif_opener

#: Pillow format name -> extension of the library copy.
EXTENSIONS = {
    "JPEG": ".jpg",
    "MPO": ".jpg",  # what Pillow calls a JPEG carrying a second (preview or depth) frame
    "HEIF": ".heic",
    "PNG": ".png",
    "WEBP": ".webp",
    "TIFF": ".tif",
    "AVIF": ".avif",
}

#: Extension -> the recorded format of the RAW files the import takes (``raw.py`` reads them).
RAW_EXTENSIONS = {
    ".nef": "NEF",
    ".cr2": "CR2",
    ".arw": "ARW",
    ".dng": "DNG",
    ".orf": "ORF",
    ".rw2": "RW2",
    ".raf": "RAF",
    ".pef": "PEF",
}
RAW_FORMATS = frozenset(RAW_EXTENSIONS.values())


def extension(name: str) -> str:
    """A file name's extension, lower case (".nef"), by which RAW and camera files are told."""
    return PurePosixPath(name).suffix.lower()


#: Recorded format -> extension of the library copy, for every format a photo can have.
COPY_EXTENSIONS = {
    **{recorded: extension for recorded, extension in EXTENSIONS.items() if recorded != "MPO"},
    **{recorded: extension for extension, recorded in RAW_EXTENSIONS.items()},
}

#: Formats as the library records them: an MPO is a JPEG to everyone but Pillow.
RECORDED_FORMAT = {"MPO": "JPEG"}

#: What the import tells the user it accepts.
ACCEPTED_DESCRIPTION = (
    "JPEG, HEIC/HEIF, PNG, WebP, TIFF"
    + (", AVIF" if features.check("avif") else "")
    + " or a camera's RAW file (NEF, CR2, ARW, DNG, ORF, RW2, RAF, PEF)"
)


@cache
def enable_heif() -> None:
    """Teach Pillow to open HEIC/HEIF, once per process.

    Thumbnails off the embedded previews are what make HEIC thumbnails cheap, so they stay on
    (pillow-heif's ``draft`` picks one when ``Image.thumbnail`` asks for a small size).
    """
    register_heif_opener(thumbnails=True)


def recorded_format(pillow_format: str) -> str:
    return RECORDED_FORMAT.get(pillow_format, pillow_format)


def format_of_copy(library_path: PurePosixPath) -> str:
    """The recorded format of a library copy, which its extension was made from."""
    suffix = library_path.suffix.lower()
    return next(
        (name for name, extension in COPY_EXTENSIONS.items() if extension == suffix), "JPEG"
    )


#: Files a camera or phone leaves beside its photos, by extension: videos, and sidecars (a video's
#: thumbnail, an edit list, metadata written apart, a cloud export's JSON). An import skips them
#: with a count, not as files it could not import.
VIDEO_EXTENSIONS = frozenset(
    {".mov", ".mp4", ".m4v", ".avi", ".mts", ".m2ts", ".3gp", ".mkv", ".wmv", ".mpg", ".mpeg"}
    | {".insv", ".lrv", ".360"}
)
SIDECAR_EXTENSIONS = frozenset(
    {".thm", ".aae", ".xmp", ".json", ".xml", ".dop", ".pp3", ".on1", ".lrf", ".ctg", ".ind"}
)


class NotPhoto(StrEnum):
    VIDEO = "video"
    SIDECAR = "sidecar"


def not_photo(name: str) -> NotPhoto | None:
    """Whether a file named ``name`` is a video or a sidecar rather than a photo."""
    suffix = extension(name)
    if suffix in VIDEO_EXTENSIONS:
        return NotPhoto.VIDEO
    if suffix in SIDECAR_EXTENSIONS:
        return NotPhoto.SIDECAR
    return None
