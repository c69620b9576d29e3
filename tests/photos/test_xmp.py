"""XMP capture times read with an XML parser: linear time, capped, no DTDs, names by namespace
(issue 11.5). Every packet goes through ``read_metadata`` of a real file written by Pillow."""

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from journal.photos.capture_time import TimeSource
from journal.photos.metadata import read_metadata
from journal.photos.xmp import MAX_PACKET_BYTES
from tests.photos.photo_files import write_photo

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
EXIF = "http://ns.adobe.com/exif/1.0/"
DATE = "2023-09-18T10:15:00+09:00"
#: What the old pattern took quadratic time over: from every occurrence, ``[^<]*`` ran to the
#: next ``<`` and backtracked all the way when that did not start ``</``.
HOSTILE_TEXT = "exif:DateTimeOriginal>x"


def packet(
    description: str = "",
    *,
    attributes: str = "",
    namespaces: str = f'xmlns:exif="{EXIF}"',
    head: str = "",
) -> str:
    """An XMP packet whose ``rdf:Description`` holds ``description`` and has ``attributes``."""
    return (
        f'{head}<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="{RDF}">'
        f'<rdf:Description rdf:about="" {namespaces} {attributes} '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f"{description}</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )


def hostile_packet(size: int) -> str:
    """A well-formed packet of about ``size`` bytes, mostly ``HOSTILE_TEXT`` in an attribute,
    with the capture time in an element behind it."""
    filler = HOSTILE_TEXT * (size // len(HOSTILE_TEXT))
    return packet(
        f"<exif:DateTimeOriginal>{DATE}</exif:DateTimeOriginal>",
        attributes=f'dc:source="{filler}"',
    )


def png_with(folder: Path, xmp: str, name: str = "a.png") -> Path:
    return write_photo(folder / name, png_text={"XML:com.adobe.xmp": xmp})


def xmp_time(path: Path) -> datetime | None:
    capture = read_metadata(path).capture
    return capture.wall_time if capture.source.value.startswith("xmp") else None


READ_IN_CHILD = """
import sys, time
from pathlib import Path
from journal.photos.metadata import read_metadata
for name in sys.argv[1:]:
    capture = read_metadata(Path(name)).capture
    print(capture.source.value, capture.wall_time.isoformat())
"""


def test_hostile_packets_take_linear_time(camera_roll: Path) -> None:
    """A 1 MB packet in a PNG (three files, as in the report: 3 min 47 s before) and the 64 KB
    that fits a JPEG (2 s per file before) are read at once. In a child with a timeout, so that
    the old code fails the test instead of holding up the suite."""
    big = hostile_packet(1_000_000)
    assert 1_000_000 < len(big.encode()) < MAX_PACKET_BYTES
    files = [png_with(camera_roll, big, f"{number}.png") for number in range(3)]
    files.append(write_photo(camera_roll / "a.jpg", xmp=hostile_packet(60_000)))
    try:
        child = subprocess.run(
            [sys.executable, "-c", READ_IN_CHILD, *map(str, files)],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("reading four photos with large XMP packets took more than 30 s")
    assert child.stdout.splitlines() == ["xmp-original 2023-09-18T10:15:00"] * 4


def test_only_the_first_mebibyte_of_a_packet_is_parsed(camera_roll: Path) -> None:
    within = png_with(camera_roll, hostile_packet(MAX_PACKET_BYTES - 2000), "within.png")
    beyond = png_with(camera_roll, hostile_packet(MAX_PACKET_BYTES), "beyond.png")
    assert xmp_time(within) == datetime(2023, 9, 18, 10, 15)
    assert xmp_time(beyond) is None


def test_a_packet_declaring_entities_is_not_read(camera_roll: Path) -> None:
    """ "Billion laughs" would expand to gigabytes; an external entity would read another file.
    Neither is expanded: a packet with a DTD is ignored whole, whatever else it holds."""
    laughs = "".join(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10))
    head = f'<!DOCTYPE x:xmpmeta [<!ENTITY lol0 "lol">{laughs}]>'
    bomb = packet(
        f"<dc:description>&lol9;</dc:description>"
        f"<exif:DateTimeOriginal>{DATE}</exif:DateTimeOriginal>",
        head=head,
    )
    secret = camera_roll / "secret.txt"
    secret.write_text(DATE, encoding="utf-8")
    external = packet(
        "<exif:DateTimeOriginal>&when;</exif:DateTimeOriginal>",
        head=f'<!DOCTYPE x:xmpmeta [<!ENTITY when SYSTEM "{secret.as_uri()}">]>',
    )
    internal = packet(
        "<exif:DateTimeOriginal>&when;</exif:DateTimeOriginal>",
        head=f'<!DOCTYPE x:xmpmeta [<!ENTITY when "{DATE}">]>',
    )
    for name, xmp in (("bomb.png", bomb), ("external.png", external), ("internal.png", internal)):
        assert xmp_time(png_with(camera_roll, xmp, name)) is None, name


@pytest.mark.parametrize(
    ("description", "namespaces"),
    [
        # The element form, with the prefix declared on the element itself.
        (f'<ex:DateTimeOriginal xmlns:ex="{EXIF}">{DATE}</ex:DateTimeOriginal>', ""),
        # An ordered array: the first item counts.
        (
            f"<exif:DateTimeOriginal><rdf:Seq><rdf:li>{DATE}</rdf:li>"
            "<rdf:li>2001-01-01T00:00:00</rdf:li></rdf:Seq></exif:DateTimeOriginal>",
            f'xmlns:exif="{EXIF}"',
        ),
        # A language alternative.
        (
            f'<exif:DateTimeOriginal><rdf:Alt><rdf:li xml:lang="x-default">{DATE}</rdf:li>'
            "</rdf:Alt></exif:DateTimeOriginal>",
            f'xmlns:exif="{EXIF}"',
        ),
    ],
)
def test_both_rdf_forms_under_any_prefix(
    camera_roll: Path, description: str, namespaces: str
) -> None:
    path = write_photo(camera_roll / "a.jpg", xmp=packet(description, namespaces=namespaces))
    capture = read_metadata(path).capture
    assert (capture.source, capture.wall_time, capture.offset_minutes) == (
        TimeSource.XMP_ORIGINAL,
        datetime(2023, 9, 18, 10, 15),
        540,
    )


def test_the_attribute_form_under_another_prefix(camera_roll: Path) -> None:
    xmp = packet(attributes=f'e:DateTimeOriginal="{DATE}"', namespaces=f'xmlns:e="{EXIF}"')
    assert xmp_time(write_photo(camera_roll / "a.webp", xmp=xmp)) == datetime(2023, 9, 18, 10, 15)


def test_a_prefix_is_not_a_namespace(camera_roll: Path) -> None:
    """``exif:`` bound to some other vocabulary is not EXIF's DateTimeOriginal."""
    wrong = packet(
        f"<exif:DateTimeOriginal>{DATE}</exif:DateTimeOriginal>",
        namespaces='xmlns:exif="http://example.org/not-exif/"',
    )
    assert xmp_time(write_photo(camera_roll / "a.jpg", xmp=wrong)) is None


def test_the_preference_order_holds_across_forms(camera_roll: Path) -> None:
    """DateTimeOriginal, then photoshop:DateCreated, xmp:CreateDate, DateTimeDigitized —
    whichever form each is written in and whatever order they come in."""
    xmp = packet(
        "<exif:DateTimeDigitized>2023-09-18T04:00:00</exif:DateTimeDigitized>"
        "<photoshop:DateCreated>2023-09-18T02:00:00</photoshop:DateCreated>",
        attributes='xmp:CreateDate="2023-09-18T03:00:00"',
    )
    assert xmp_time(write_photo(camera_roll / "a.jpg", xmp=xmp)) == datetime(2023, 9, 18, 2)
    xmp = packet(
        "<exif:DateTimeDigitized>2023-09-18T04:00:00</exif:DateTimeDigitized>",
        attributes='xmp:CreateDate="2023-09-18T03:00:00"',
    )
    assert xmp_time(write_photo(camera_roll / "b.jpg", xmp=xmp)) == datetime(2023, 9, 18, 3)
