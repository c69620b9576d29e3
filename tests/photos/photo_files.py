"""Real photo files for tests, written by Pillow with real EXIF, XMP and PNG text.

Small on purpose (a few dozen pixels) so that the suite stays fast; the benchmark makes the big
ones.
"""

import os
from datetime import datetime
from fractions import Fraction
from pathlib import Path

from PIL import ExifTags, Image, PngImagePlugin

from journal.photos.formats import enable_heif

Base = ExifTags.Base
GPS = ExifTags.GPS


def _dms(value: float) -> tuple[Fraction, Fraction, Fraction]:
    value = abs(value)
    degrees = int(value)
    minutes_full = (value - degrees) * 60
    minutes = int(minutes_full)
    seconds = Fraction(round((minutes_full - minutes) * 60 * 1000), 1000)
    return Fraction(degrees), Fraction(minutes), seconds


def exif_for(
    *,
    original: str | None = None,
    offset: str | None = None,
    subsec: str | None = None,
    digitized: str | None = None,
    digitized_offset: str | None = None,
    file_datetime: str | None = None,
    gps: tuple[float, float] | None = None,
    gps_stamp: tuple[str, tuple[float, float, float]] | None = None,
    orientation: int | None = None,
    make: str | None = None,
    model: str | None = None,
    serial: str | None = None,
) -> Image.Exif:
    exif = Image.Exif()
    if file_datetime is not None:
        exif[Base.DateTime] = file_datetime
    if orientation is not None:
        exif[Base.Orientation] = orientation
    if make is not None:
        exif[Base.Make] = make
    if model is not None:
        exif[Base.Model] = model
    exif_ifd = exif.get_ifd(ExifTags.IFD.Exif)
    if original is not None:
        exif_ifd[Base.DateTimeOriginal] = original
    if offset is not None:
        exif_ifd[Base.OffsetTimeOriginal] = offset
    if subsec is not None:
        exif_ifd[Base.SubsecTimeOriginal] = subsec
    if digitized is not None:
        exif_ifd[Base.DateTimeDigitized] = digitized
    if digitized_offset is not None:
        exif_ifd[Base.OffsetTimeDigitized] = digitized_offset
    if serial is not None:
        exif_ifd[Base.BodySerialNumber] = serial
    if gps is not None or gps_stamp is not None:
        gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo)
        if gps is not None:
            latitude, longitude = gps
            gps_ifd[GPS.GPSLatitudeRef] = "N" if latitude >= 0 else "S"
            gps_ifd[GPS.GPSLatitude] = _dms(latitude)
            gps_ifd[GPS.GPSLongitudeRef] = "E" if longitude >= 0 else "W"
            gps_ifd[GPS.GPSLongitude] = _dms(longitude)
        if gps_stamp is not None:
            gps_ifd[GPS.GPSDateStamp] = gps_stamp[0]
            gps_ifd[GPS.GPSTimeStamp] = tuple(Fraction(part) for part in gps_stamp[1])
    return exif


def write_photo(
    path: Path,
    exif: Image.Exif | None = None,
    *,
    size: tuple[int, int] = (48, 32),
    color: tuple[int, int, int] = (200, 120, 40),
    image_format: str | None = None,
    xmp: str | None = None,
    png_text: dict[str, str] | None = None,
    mtime: datetime | None = None,
) -> Path:
    """Write an image with the given metadata; the format follows the extension unless given."""
    enable_heif()
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, color)
    # A marker pixel in the top-left corner so orientation handling can be checked.
    image.putpixel((0, 0), (0, 0, 255))
    options: dict[str, object] = {}
    if exif is not None:
        options["exif"] = exif
    if xmp is not None:
        options["xmp"] = xmp.encode()
    if png_text is not None:
        info = PngImagePlugin.PngInfo()
        for key, value in png_text.items():
            info.add_text(key, value)
        options["pnginfo"] = info
    image.save(path, image_format, **options)
    if mtime is not None:
        os.utime(path, (mtime.timestamp(), mtime.timestamp()))
    return path


def xmp_packet(**properties: str) -> str:
    """An XMP packet with the given ``prefix:Name`` properties as attributes (``exif_X`` keys)."""
    attributes = " ".join(
        f'{name.replace("_", ":", 1)}="{value}"' for name, value in properties.items()
    )
    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" '
        'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
        f'xmlns:xmp="http://ns.adobe.com/xap/1.0/" {attributes}/>'
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )
