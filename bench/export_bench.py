"""How long exporting a photo-heavy trip takes: first export (every image re-encoded) and an
export again (nothing changed, every file compared and left alone).

    .venv/bin/python bench/export_bench.py [PHOTOS] [--size 4032x3024]

Photos are camera-sized JPEGs with EXIF and GPS, imported through the service like the user's.
"""

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from PIL import Image

from journal.export import ExportFormat, ExportSettings
from journal.services import JournalService, NewTrip, TripEdit
from journal.store.library import Library


def make_photos(folder: Path, count: int, size: tuple[int, int], start: date) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for number in range(count):
        day = start + timedelta(days=number % 5)
        image = Image.effect_mandelbrot(size, (-2.0 + number / count, -1.2, 1.0, 1.2), 60)
        exif = Image.Exif()
        exif[0x0112] = 6 if number % 4 == 0 else 1
        details = exif.get_ifd(0x8769)
        details[0x9003] = f"{day:%Y:%m:%d} 10:{number // 60 % 60:02d}:{number % 60:02d}"
        details[0x9011] = "+09:00"
        exif.get_ifd(0x8825).update({1: "N", 2: (37.0, 33.0, 59.0), 3: "E", 4: (126.0, 58.0, 41.0)})
        path = folder / f"IMG_{number:04d}.jpg"
        image.convert("RGB").save(path, quality=92, exif=exif)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("photos", type=int, nargs="?", default=100)
    parser.add_argument("--size", default="4032x3024")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        start = date(2023, 9, 16)
        photos = make_photos(root / "camera", args.photos, (width, height), start)
        with Library.open(root / "library") as library:
            service = JournalService(library)
            trip = service.create_trip(
                NewTrip("벤치마크 여행", start, start + timedelta(days=4), "Asia/Seoul")
            ).trip
            assert trip is not None
            service.import_photos(trip.id, photos)
            service.edit_trip(trip.id, TripEdit(intro="인트로.", closing="끝."))
            settings = ExportSettings(format=ExportFormat.JEKYLL, folder=root / "site")
            for label in ("first export", "export again"):
                began = time.perf_counter()
                report = service.export_trip(trip.id, settings)
                elapsed = time.perf_counter() - began
                print(
                    f"{label:>13}: {elapsed:6.2f} s for {report.images} photos of "
                    f"{width}x{height} ({report.files_written} written, "
                    f"{report.files_unchanged} unchanged, {len(report.broken_links)} broken links)"
                )


if __name__ == "__main__":
    main()
