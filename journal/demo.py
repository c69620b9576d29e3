"""A sample trip with generated photos, so a new user (and the README screenshot) sees the app at
work before their own photos are in.

The photos are drawn with Pillow (a sky, a sun, hills, each in its own colours) and carry real
EXIF capture times, offsets and a camera, then go through the ordinary import, so the demo
exercises exactly what a real import does: days from capture times, thumbnails, one photo that
lands in the Unassigned tray because it was taken the day before the trip.
"""

import dataclasses
import random
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw

from journal.markdown.photo_refs import markdown_image
from journal.services import Changes, JournalService, NewTrip, TripEdit, TripInfo
from journal.services.photo_import import ImportReport

DEMO_TITLE = "Seattle 2023 (demo)"
DEMO_START = date(2023, 9, 16)
DEMO_DAYS = 5
#: Seattle in September: Pacific Daylight Time.
DEMO_OFFSET = "-07:00"
PHOTO_SIZE = (960, 640)

_DAYS = (
    (
        "Spheres 방문",
        "### 시애틀 도착\n\n"
        "본 행사 하루 전에 시애틀에 도착해서, 호텔 체크인도 하기 전에 짐부터 맡기고 "
        "부랴부랴 **Amazon Spheres** 로 향했습니다. 일주일에 한 번, 토요일에만 일반인에게 "
        "개방하는 곳이라 꼭 보고 싶었습니다.\n\n"
        "Arrived at SeaTac and went straight to the Spheres before checking in: the taxi "
        "dropped me off thirty minutes before my slot.",
    ),
    (
        "Pike Place Market",
        "아침 일찍 Pike Place Market 을 걸었습니다. Coffee, flowers and the gum wall.",
    ),
    (
        "Summit day 1",
        "Keynotes all morning, workshops in the afternoon. 글로벌 엠버서더들과 네트워킹.",
    ),
    ("Summit day 2", "Hands-on labs and a long dinner by the water. 정말 긴 하루였습니다."),
    ("Homeward", "Kerry Park at dawn, then the flight home. 다음에 또 만나요!"),
)

_CAPTIONS = (
    "Amazon Spheres",
    "Space Needle",
    "Pike Place",
    "Waterfront",
    "Kerry Park",
    "시애틀 야경",
)


@dataclass(frozen=True)
class DemoTrip:
    trip: TripInfo
    report: ImportReport
    #: What the demo changed, for the views: a new trip, shown whole.
    changes: Changes


def _exif(taken: datetime) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Demo"
    exif[ExifTags.Base.Model] = "Demo Camera"
    exif_ifd = exif.get_ifd(ExifTags.IFD.Exif)
    exif_ifd[ExifTags.Base.DateTimeOriginal] = taken.strftime("%Y:%m:%d %H:%M:%S")
    exif_ifd[ExifTags.Base.OffsetTimeOriginal] = DEMO_OFFSET
    return exif


def _landscape(rng: random.Random, hour: int) -> Image.Image:
    """A sky graded by the hour, a sun, and three ranges of hills."""
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE)
    draw = ImageDraw.Draw(image)
    dusk = abs(hour - 13) / 8
    top = (int(40 + 60 * dusk), int(110 - 50 * dusk), int(200 - 80 * dusk))
    bottom = (int(170 + 80 * dusk), int(200 - 40 * dusk), int(230 - 90 * dusk))
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    sun_x, sun_y = rng.randint(100, width - 100), rng.randint(60, height // 2)
    draw.ellipse([sun_x - 50, sun_y - 50, sun_x + 50, sun_y + 50], fill=(255, 226, 140))
    for layer in range(3):
        base = height * (0.55 + 0.13 * layer)
        shade = 90 - 28 * layer
        colour = (shade // 2, shade + rng.randint(0, 40), shade // 2 + rng.randint(0, 50))
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, int(base - rng.randint(0, 90))))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    return image


def write_demo_photos(folder: Path, per_day: int = 5, seed: int = 2023) -> list[Path]:
    """JPEGs with EXIF times spread over the demo's days, plus one from the day before."""
    rng = random.Random(seed)
    paths: list[Path] = []
    for day in range(-1, DEMO_DAYS):
        count = 1 if day < 0 else per_day
        for shot in range(count):
            hour = 8 + shot * 10 // max(count, 1) + rng.randint(0, 1)
            taken = datetime.combine(DEMO_START + timedelta(days=day), datetime.min.time())
            taken += timedelta(hours=hour, minutes=rng.randint(0, 59))
            path = folder / f"IMG_{len(paths) + 1:04d}.jpg"
            _landscape(rng, hour).save(path, "JPEG", quality=82, exif=_exif(taken))
            paths.append(path)
    return paths


def create_demo_trip(service: JournalService, per_day: int = 5) -> DemoTrip:
    """Create the demo trip in the service's library and import its photos."""
    created = service.create_trip(
        NewTrip(
            title=DEMO_TITLE,
            start_date=DEMO_START,
            end_date=DEMO_START + timedelta(days=DEMO_DAYS - 1),
            timezone="America/Los_Angeles",
            categories=("AWS", "Summit"),
            tags=("seattle", "demo"),
        )
    )
    assert created.trip is not None
    trip = created.trip
    with tempfile.TemporaryDirectory(prefix="trip-journal-demo-") as folder:
        report = service.import_photos(trip.id, write_demo_photos(Path(folder), per_day))
    captions = iter(_CAPTIONS)
    for offset, (title, text) in enumerate(_DAYS):
        day = DEMO_START + timedelta(days=offset)
        photos = service.photos(trip.id, day)
        body = text
        if photos:
            caption = next(captions, "")
            service.set_caption(photos[0].id, caption)
            body += f"\n\n{markdown_image(photos[0].id, caption)}\n\n더 자세한 이야기는 곧."
        service.set_day_text(trip.id, day, body, title)
    service.edit_trip(
        trip.id,
        TripEdit(
            intro="2023년 AWS Ambassador Global Summit 모임 경험을 공유합니다.",
            closing="Thanks for reading! 읽어 주셔서 감사합니다.",
        ),
    )
    demo = service.trip(trip.id)
    # The creation's ``Changes`` name the new trip whole; the steps after it only filled it.
    return DemoTrip(demo, report, dataclasses.replace(created, trip=demo))
