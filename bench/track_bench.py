"""Placing photos on a GPS track: 1,000 photos matched to a 100,000-point track, beside
exiftool's ``-geotag`` on the same photo files and the same GPX file.

    .venv/bin/python -m bench.track_bench [--photos 1000] [--points 100000]   (make bench-tracks)

Run as a module from the checkout: the photos and the GPX file are written by the test suite's
own helpers (real EXIF from Pillow, GPX written by hand).

The track is a five-second log around London in January (zone Europe/London, the trip's), so
every photo goes the full way: a camera clock without an offset, read in each zone the track
passes through. Ours is timed twice: the matching alone (the fixes loaded from the library,
every photo placed, its row written; the issue's target is under 1 s) and with the GPX read
first, which is what exiftool's one run does (it also writes the GPS into each file, which we
never do). The positions of both are compared, so a fast wrong answer would show.
"""

import argparse
import math
import shutil
import subprocess
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from journal.services import JournalService, NewTrip
from journal.services.track_ops import match_photos, read_track_files
from journal.store.library import Library
from journal.store.models import Trip
from journal.tracks.timeline import DEFAULT_MAX_GAP_SECONDS
from tests.photos.photo_files import exif_for, write_photo
from tests.tracks.gpx_files import write_gpx

START = datetime(2024, 1, 10, 6, 0)
STEP_SECONDS = 5


def track_points(count: int) -> list[tuple[float, float, datetime | None]]:
    """A wandering walk around London, one fix every five seconds."""
    return [
        (
            51.5 + 0.05 * math.sin(index / 5000),
            -0.12 + 0.08 * math.cos(index / 7000),
            START + timedelta(seconds=STEP_SECONDS * index),
        )
        for index in range(count)
    ]


def photo_times(count: int, points: int) -> list[datetime]:
    span = STEP_SECONDS * points
    return [START + timedelta(seconds=(index * 7919.5) % span) for index in range(count)]


def exiftool_version() -> str | None:
    if shutil.which("exiftool") is None:
        return None
    return subprocess.run(
        ["exiftool", "-ver"], capture_output=True, text=True, check=True
    ).stdout.strip()


def run_exiftool(folder: Path, gpx: Path) -> tuple[float, dict[str, tuple[float, float]]]:
    started = time.perf_counter()
    subprocess.run(
        [
            "exiftool", "-q", "-q", "-overwrite_original", "-geotag", str(gpx),
            "-geotime<${DateTimeOriginal}+00:00", str(folder),
        ],
        check=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    # The Composite tags are signed (south and west negative), unlike the EXIF ones.
    listing = subprocess.run(
        ["exiftool", "-q", "-n", "-T", "-FileName", "-Composite:GPSLatitude",
         "-Composite:GPSLongitude", str(folder)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    positions = {}
    for line in listing.splitlines():
        name, latitude, longitude = line.split("\t")
        if latitude != "-":
            positions[name] = (float(latitude), float(longitude))
    return elapsed, positions


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    north = (a[0] - b[0]) * 111_195
    east = (a[1] - b[1]) * 111_195 * math.cos(math.radians(a[0]))
    return math.hypot(north, east)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=1000)
    parser.add_argument("--points", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        gpx = write_gpx(folder / "track.gpx", segments=[track_points(args.points)])
        photos = folder / "photos"
        for index, moment in enumerate(photo_times(args.photos, args.points)):
            write_photo(
                photos / f"p{index:05d}.jpg", exif_for(original=f"{moment:%Y:%m:%d %H:%M:%S}")
            )
        with Library.open(folder / "library") as library:
            service = JournalService(library)
            trip = service.create_trip(
                NewTrip("London", date(2024, 1, 9), date(2024, 1, 20), "Europe/London")
            ).trip
            assert trip is not None
            service.import_photos(trip.id, [photos])
            started = time.perf_counter()
            files = read_track_files([gpx])
            assert files is not None
            read_seconds = time.perf_counter() - started
            service.import_tracks(trip.id, [gpx])  # stores it; timed below without the read
            with library.session() as session:
                row = session.get(Trip, trip.id)
                assert row is not None
                started = time.perf_counter()
                report = match_photos(session, row, DEFAULT_MAX_GAP_SECONDS)
                session.flush()
                match_seconds = time.perf_counter() - started
            ours = {
                photo.original_name: (photo.gps_latitude, photo.gps_longitude)
                for photo in service.all_photos(trip.id)
                if photo.gps_latitude is not None and photo.gps_longitude is not None
            }
        print(f"{args.photos} photos, a {args.points:,}-point track ({gpx.stat().st_size:,} bytes)")
        print(f"ours, matching only: {match_seconds:.3f} s (target < 1 s); placed {report.placed}")
        print(f"ours, GPX read (gpxpy + checks): {read_seconds:.3f} s")
        total = read_seconds + match_seconds
        print(f"ours, read + match: {total:.3f} s")
        version = exiftool_version()
        if version is None:
            print("exiftool: not installed, no peer to compare with")
            return
        exif_seconds, theirs = run_exiftool(photos, gpx)
        print(f"exiftool {version} -geotag (reads the GPX, writes GPS into each file): "
              f"{exif_seconds:.3f} s; placed {len(theirs)}")  # fmt: skip
        print(f"ratio exiftool / ours: {exif_seconds / match_seconds:.1f}x against matching only, "
              f"{exif_seconds / total:.1f}x against read + match")  # fmt: skip
        shared = set(ours) & set(theirs)
        worst = max((metres(ours[name], theirs[name]) for name in shared), default=0.0)
        print(f"agreement: {len(shared)} photos placed by both, largest difference {worst:.2f} m")


if __name__ == "__main__":
    main()
