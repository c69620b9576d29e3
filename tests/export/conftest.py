"""Trips with real photos for export tests: JPEGs made with Pillow, real EXIF (GPS included)."""

import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image

from journal.services import JournalService, NewTrip, TripEdit, TripInfo
from journal.store.models import Photo

SEOUL_GPS = {1: "N", 2: (37.0, 33.0, 59.0), 3: "E", 4: (126.0, 58.0, 41.0)}


def make_photo(
    path: Path,
    *,
    size: tuple[int, int] = (96, 64),
    color: str = "red",
    orientation: int = 1,
    taken: str = "2023:09:16 10:00:00",
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
    gps_ifd = exif.get_ifd(0x8825)
    gps_ifd.update(SEOUL_GPS if gps is None else gps)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format=image_format, exif=exif)
    return path


AddPhoto = Callable[..., int]
"""``add_photo(trip, day, caption=..., **make_photo options) -> photo id``."""


@pytest.fixture
def add_photo(service: JournalService, tmp_path: Path) -> AddPhoto:
    """Put a photo file into the library on a day of a trip, as an import would; its id."""
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
        suffix = {"JPEG": ".jpg", "PNG": ".png", "HEIF": ".heic"}[media_format]
        source = make_photo(
            tmp_path / "camera" / f"IMG_{number:04d}{suffix}",
            image_format=media_format,
            **photo,  # type: ignore[arg-type]
        )
        content_hash = f"{number:064x}"
        relative = f"photos/{content_hash[:2]}/{content_hash}{suffix}"
        destination = service.library.root / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        with Image.open(source) as opened:
            width, height = opened.size
        with service.library.session() as session:
            row = Photo(
                trip_id=trip.id,
                content_hash=content_hash,
                original_path=str(source),
                original_name=source.name,
                library_path=relative,
                file_size=source.stat().st_size,
                media_format=media_format,
                width=width,
                height=height,
                wall_time=datetime(2023, 9, 16, 10, 0),
                local_time=datetime(2023, 9, 16, 10, 0),
                utc_offset_minutes=540,
                time_source="exif-original",
                time_trusted=True,
                caption=caption,
                day_date=day,
                position=number,
            )
            session.add(row)
            session.flush()
            return row.id

    return add


@pytest.fixture
def summit(service: JournalService) -> TripInfo:
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
