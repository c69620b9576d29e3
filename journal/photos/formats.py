"""The image formats a library accepts, and the one place the HEIF decoder is plugged into Pillow.

Pillow identifies a file by its content, not its name, so a JPEG called ``.png`` still imports and
a text file called ``.jpg`` is refused with a reason.
"""

from functools import cache
from pathlib import PurePosixPath

from pillow_heif import register_heif_opener

#: Pillow format name -> extension of the library copy.
EXTENSIONS = {
    "JPEG": ".jpg",
    "MPO": ".jpg",  # what Pillow calls a JPEG carrying a second (preview or depth) frame
    "HEIF": ".heic",
    "PNG": ".png",
    "WEBP": ".webp",
    "TIFF": ".tif",
}

#: Formats as the library records them: an MPO is a JPEG to everyone but Pillow.
RECORDED_FORMAT = {"MPO": "JPEG"}

#: What the import tells the user it accepts.
ACCEPTED_DESCRIPTION = "JPEG, HEIC/HEIF, PNG, WebP or TIFF"


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
        (recorded_format(name) for name, extension in EXTENSIONS.items() if extension == suffix),
        "JPEG",
    )
