"""Trips with real photos for export tests: files made with Pillow with real EXIF (GPS included),
imported through ``JournalService.import_photos`` like the user's."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from journal.services import JournalService, NewTrip, TripEdit, TripInfo

SEOUL_GPS = {1: "N", 2: (37.0, 33.0, 59.0), 3: "E", 4: (126.0, 58.0, 41.0)}


def make_photo(
    path: Path,
    *,
    size: tuple[int, int] = (96, 64),
    color: str = "red",
    orientation: int = 1,
    taken: str = "2023:09:16 10:00:00",
    offset: str = "+09:00",
    gps: dict[int, object] | None = None,
    image_format: str = "JPEG",
) -> Path:
    """A small photo with the EXIF a phone writes: time, camera, orientation, GPS."""
    image = Image.new("RGB", size, color)
    # A marker in the top-left corner, to see where orientation puts it.
    image.paste("black", (0, 0, size[0] // 4, size[1] // 4))
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 13"
    exif[0x0112] = orientation
    exif.get_ifd(0x8769)[0x9003] = taken
    exif.get_ifd(0x8769)[0x9011] = offset
    gps_ifd = exif.get_ifd(0x8825)
    gps_ifd.update(SEOUL_GPS if gps is None else gps)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format=image_format, exif=exif)
    return path


AddPhoto = Callable[..., int]
"""``add_photo(trip, day, caption=..., **make_photo options) -> photo id``."""


@pytest.fixture
def add_photo(service: JournalService, tmp_path: Path) -> AddPhoto:
    return photo_adder(service, tmp_path / "camera")


def photo_adder(service: JournalService, camera: Path) -> AddPhoto:
    """Import a new photo into a trip through ``import_photos``, then caption it and put it on
    ``day`` (None: the Unassigned tray) as the user would; its id. Unless ``taken`` is given,
    each is taken on its day at 10:00, a second after the one before."""
    counter = iter(range(1, 10_000))

    def add(
        trip: TripInfo,
        day: date | None,
        *,
        caption: str = "",
        media_format: str = "JPEG",
        **photo: object,
    ) -> int:
        number = next(counter)
        suffix = {"JPEG": ".jpg", "PNG": ".png"}[media_format]
        # Each photo a second apart, so their bytes differ and the import keeps their order.
        photo.setdefault("taken", f"{day or trip.start_date:%Y:%m:%d} 10:00:{number:02d}")
        source = make_photo(
            camera / f"IMG_{number:04d}{suffix}",
            image_format=media_format,
            **photo,  # type: ignore[arg-type]
        )
        report = service.import_photos(trip.id, [source])
        assert report.failures == ()
        [photo_id] = report.imported
        if caption:
            service.set_caption(photo_id, caption)
        if service.photo(photo_id).day_date != day:
            service.move_photos(trip.id, [photo_id], day)
        return photo_id

    return add


@pytest.fixture
def summit(service: JournalService) -> TripInfo:
    return create_summit(service)


def create_summit(service: JournalService) -> TripInfo:
    """A trip written in Korean, shaped like the reference post: Day 0 to Day 2 and a closing."""
    changes = service.create_trip(
        NewTrip(
            title="AWS Ambassador Global Summit 2023 후기",
            start_date=date(2023, 9, 16),
            end_date=date(2023, 9, 18),
            timezone="Asia/Seoul",
            categories=("AWS", "Summit"),
            slug="aws-summit-2023",
        )
    )
    assert changes.trip is not None
    trip = changes.trip
    service.edit_trip(
        trip.id,
        TripEdit(
            intro="2023년 AWS Ambassador Global Summit 모임 경험을 공유합니다.",
            closing="이번 모임에서 분명하게 느낀 건 AWS는 Next IT를 Gen AI로 삼았다는 것입니다.",
        ),
    )
    return trip
