"""A camera card's folders as they come: photos with their videos and sidecars."""

import json
from pathlib import Path

from tests.photos.photo_files import exif_for, write_photo


def camera_card(folder: Path) -> None:
    """A camera's and a phone's folder: two photos, two videos and four kinds of sidecar."""
    canon = folder / "DCIM" / "100CANON"
    write_photo(canon / "IMG_0001.JPG", exif_for(original="2023:09:18 10:00:00"))
    write_photo(canon / "IMG_0002.JPG", exif_for(original="2023:09:18 11:00:00"))
    (canon / "MVI_0003.MOV").write_bytes(b"\x00\x00\x00\x14ftypqt  " + bytes(64))
    (canon / "MVI_0003.THM").write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    (canon / "IMG_0001.XMP").write_text("<x:xmpmeta/>")
    phone = folder / "phone"
    phone.mkdir()
    (phone / "IMG_4711.MP4").write_bytes(bytes(64))
    (phone / "IMG_4711.AAE").write_text("<?xml version='1.0'?><plist/>")
    (phone / "IMG_4712.jpg.json").write_text(json.dumps({"title": "IMG_4712.jpg"}))
