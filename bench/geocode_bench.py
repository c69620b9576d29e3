"""Reverse geocoding: how long the place-name index takes to open, and lookups per second.

    .venv/bin/python bench/geocode_bench.py [--count 10000]

Two sets of positions: a trip's (photos scattered around the landmarks of three continents, the
usual case) and positions anywhere on Earth (mostly sea and wilderness, the slower path through
the wider "near" search and the sea test). The yardstick is the issue's target, 50,000 lookups/s
after a load under 200 ms; exiftool has no reverse geocoder of its own before 12.78 and its
Geolocation feature is not installed here, so no peer runs beside it.
"""

import argparse
import random
import time

from journal.places.finder import PlaceFinder
from journal.places.index_file import find_index, open_index

LANDMARKS = [
    (47.6205, -122.3493),  # Seattle
    (47.674, -122.1215),  # Redmond
    (40.758, -73.9855),  # New York
    (48.8584, 2.2945),  # Paris
    (52.52, 13.405),  # Berlin
    (35.681, 139.767),  # Tokyo
    (35.0394, 135.7292),  # Kyoto
    (37.5663, 126.9779),  # Seoul
    (35.1587, 129.1604),  # Busan
]


def trip_positions(count: int, rng: random.Random) -> list[tuple[float, float]]:
    positions = []
    for _ in range(count):
        lat, lon = rng.choice(LANDMARKS)
        positions.append((lat + rng.gauss(0, 0.03), lon + rng.gauss(0, 0.03)))
    return positions


def world_positions(count: int, rng: random.Random) -> list[tuple[float, float]]:
    return [(rng.uniform(-60, 72), rng.uniform(-180, 180)) for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    started = time.perf_counter()
    finder = PlaceFinder(open_index(find_index()))
    print(f"load: {(time.perf_counter() - started) * 1000:.0f} ms (target < 200 ms)")
    rng = random.Random(15)
    for name, positions in (
        ("trip", trip_positions(args.count, rng)),
        ("world", world_positions(args.count, rng)),
    ):
        started = time.perf_counter()
        for latitude, longitude in positions:
            finder.place_at(latitude, longitude)
        rate = len(positions) / (time.perf_counter() - started)
        print(f"{name}: {len(positions)} lookups, {rate:,.0f}/s (target 50,000/s)")


if __name__ == "__main__":
    main()
