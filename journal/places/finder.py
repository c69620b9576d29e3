"""Name the place at a GPS position, the way a person would, from the offline GeoNames index.

Nearest-point naming is what makes other offline geocoders call the centre of Tokyo "Eifuku":
cities1000 lists neighbourhoods of 15,000 people beside the city of ten million around them. So a
place here has an area (``geometry.reach_km``, growing with its population), and a position is *in*
every place whose area reaches it (one grid square of ``cells``, in memory). Of those the city is
the one with the strongest pull, population over squared distance (plus 1 km², so that standing on
a village's centre point does not make it infinite), which lets the city of ten million 5 km away
outweigh the neighbourhood you stand in, and a city of 1.5 million you stand in (Kawasaki) outweigh
Tokyo 18 km away. The nearest other, smaller place of the same region that reaches the position is
its district ("Shinjuku, Tokyo").

A position no place reaches is *near* the place of strongest pull within 50 km, which falls
faster with distance there (its fourth power), so that the town 5 km away wins over a city 40 km
away. The sea is told from land by the time zone at the position (tzfpy, already used for time
zones): oceans have only the nautical zones Etc/GMT±N, and territorial waters (22 km) count as land.
"""

import functools
import math
import sqlite3
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from tzfpy import get_tz

from journal.errors import InvalidInputError
from journal.places.cells import (
    Entry,
    cell_key,
    coarse_keys,
    coarse_of,
    fine_index,
    split_fine,
    unpack,
)
from journal.places.geometry import KM_PER_DEGREE, boxes_around
from journal.places.index_file import BUILD_COMMAND, PlaceIndexError, find_index, open_index
from journal.places.name_search import matching_ids

#: Beyond this no place is "near".
NEAR_KM = 50.0
_KM2 = KM_PER_DEGREE**2
#: A position this close to a town's centre is on land or in its territorial waters (22 km),
#: which the time-zone data counts as land: the polygon test, tens of microseconds on a
#: detailed coast, is only needed farther out.
LAND_KM = 10.0
#: A cell of more places than this is split into tenth-of-a-degree squares once positions have
#: fallen in it ``SPLIT_AFTER`` times (a trip's city, not a single passing lookup, earns the
#: split's millisecond); until then, and for a sparser cell, it is weighed whole.
SPLIT_ABOVE = 48
SPLIT_AFTER = 8


class Relation(StrEnum):
    IN = "in"
    NEAR = "near"
    AT_SEA = "at-sea"
    REMOTE = "remote"


@dataclass(frozen=True)
class Place:
    """What a position is called: its city (or town), district, region and country."""

    relation: Relation
    city: str | None = None
    district: str | None = None
    region: str | None = None
    country: str | None = None
    country_code: str | None = None
    #: From the city's centre point.
    distance_km: float | None = None
    #: The city's GeoNames id: what a place chosen by hand is stored as.
    place_id: int | None = None

    @property
    def name(self) -> str:
        """The short name a day summary uses: the city, or "at sea"."""
        if self.city is not None and self.relation in (Relation.IN, Relation.NEAR):
            return self.city
        return "at sea" if self.relation is Relation.AT_SEA else "far from any town"

    @property
    def label(self) -> str:
        """ "Shinjuku, Tokyo, Japan", "Near Redmond, Washington, United States", "At sea off
        Busan, South Korea": each part once (the region Tokyo is not repeated after the city)."""
        parts: list[str] = []
        wanted = [self.district, self.city, self.region, self.country]
        if self.relation is Relation.AT_SEA:
            wanted = [self.city, self.country]
        for part in wanted:
            if part and all(part.casefold() != seen.casefold() for seen in parts):
                parts.append(part)
        text = ", ".join(parts)
        if self.relation is Relation.NEAR:
            return f"Near {text}"
        if self.relation is Relation.AT_SEA:
            return f"At sea off {text}" if text else "At sea"
        if self.relation is Relation.REMOTE:
            return "Far from any town"
        return text


@dataclass(frozen=True)
class PlaceMatch:
    """A place found by its name, with where it is and how many live there."""

    place: Place
    latitude: float
    longitude: float
    population: int


#: The most places one search returns.
MAX_MATCHES = 50

#: A place that reaches a position, and how far it is (squared distance in km²).
_Candidate = tuple[Entry, float]


class PlaceFinder:
    """Names positions from one open index. Not shared between threads (one SQLite connection)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._details: dict[int, tuple[str, str | None, str | None, str, int | None]] = {}
        #: Unpacked one-degree cells, and their tenth-of-a-degree squares (``cells``).
        self._cells: dict[int, list[Entry]] = {}
        self._squares: dict[tuple[int, int], list[Entry]] = {}
        #: How often a dense cell was weighed whole, until it is split.
        self._visits: dict[int, int] = {}
        try:
            self._countries = dict(connection.execute("SELECT code, name FROM country"))
            self._regions = {
                row[0]: row[1:]
                for row in connection.execute("SELECT id, name, name_ko, name_ja FROM region")
            }
            self._blobs: dict[int, bytes] = dict(
                connection.execute("SELECT cell, places FROM place_cell")
            )
        except sqlite3.Error as error:
            raise _damaged(error) from None
        # tzfpy reads its boundaries at its first answer (~50 ms): paid here, with the index.
        get_tz(0.0, 0.0)

    def place_at(self, latitude: float, longitude: float, language: str = "en") -> Place:
        if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
            raise InvalidInputError(f"No place at {latitude}, {longitude}: not a GPS position.")
        try:
            return self._place_at(latitude, longitude, language)
        except (sqlite3.Error, struct.error) as error:
            raise _damaged(error) from None

    def _place_at(self, latitude: float, longitude: float, language: str) -> Place:
        """The strongest pull first: the city is the place of greatest pull; its district is
        the nearest smaller place of its region that the position is in too."""
        scale2 = math.cos(math.radians(latitude)) ** 2
        inside = _reaching(self._square(latitude, longitude), latitude, longitude, scale2)
        if inside:
            city = max(inside, key=lambda c: c[0][3] / (c[1] + 1))
            population, region_id = city[0][3], city[0][5]
            others = [c for c in inside if c[0][3] < population and c[0][5] == region_id]
            district = min(others, key=lambda c: c[1], default=None)
            return self._named(Relation.IN, city, district, language)
        nearby = _reaching(self._around(latitude, longitude), latitude, longitude, scale2, NEAR_KM)
        nearest = max(nearby, key=lambda c: c[0][3] / (c[1] * c[1] + 1), default=None)
        on_land = any(distance2 <= LAND_KM * LAND_KM for _, distance2 in nearby)
        if not on_land and get_tz(longitude, latitude).startswith("Etc/"):
            return self._named(Relation.AT_SEA, nearest, None, language)
        if nearest is None:
            return Place(Relation.REMOTE)
        return self._named(Relation.NEAR, nearest, None, language)

    def _cell(self, key: int) -> list[Entry]:
        entries = self._cells.get(key)
        if entries is None:
            blob = self._blobs.get(key)
            entries = self._cells[key] = unpack(blob) if blob else []
        return entries

    def _square(self, latitude: float, longitude: float) -> list[Entry]:
        """The places whose area overlaps the tenth-of-a-degree square of a position."""
        square = (fine_index(latitude, longitude=False), fine_index(longitude, longitude=True))
        key = cell_key(coarse_of(square[0]), coarse_of(square[1]))
        entries = self._cell(key)
        if len(entries) <= SPLIT_ABOVE:
            return entries
        visits = self._visits.get(key, 0)
        if visits < SPLIT_AFTER:
            self._visits[key] = visits + 1
            if visits + 1 < SPLIT_AFTER:
                return entries
            self._squares.update(split_fine(entries, key))
        return self._squares.get(square, [])

    def _around(self, latitude: float, longitude: float) -> Iterable[Entry]:
        """Every place whose centre may be within ``NEAR_KM`` (once each)."""
        seen: dict[int, Entry] = {}
        for box in boxes_around(latitude, longitude, NEAR_KM):
            for key in coarse_keys(box):
                for entry in self._cell(key):
                    seen.setdefault(entry[0], entry)
        return seen.values()

    def search(self, text: str, language: str = "en", limit: int = 10) -> list[PlaceMatch]:
        """The places a typed name matches, in any script, best first (``name_search``)."""
        try:
            ids = matching_ids(self._connection, text, max(1, min(limit, MAX_MATCHES)))
            return [match for place_id in ids if (match := self.place_named(place_id, language))]
        except sqlite3.Error as error:
            raise _damaged(error) from None

    def place_named(self, place_id: int, language: str = "en") -> PlaceMatch | None:
        """The place of a GeoNames id, as chosen by hand (None if this index does not have it)."""
        try:
            row = self._connection.execute(
                "SELECT latitude, longitude, population FROM place WHERE id = ?", (place_id,)
            ).fetchone()
        except sqlite3.Error as error:
            raise _damaged(error) from None
        if row is None:
            return None
        latitude, longitude, population = row
        place = self._described(Relation.IN, place_id, None, None, language)
        return PlaceMatch(place, latitude, longitude, population)

    def _named(
        self,
        relation: Relation,
        city: _Candidate | None,
        district: _Candidate | None,
        language: str,
    ) -> Place:
        if city is None:
            return Place(relation)
        distance_km = round(math.sqrt(city[1]), 1)
        district_id = district[0][0] if district else None
        return self._described(relation, city[0][0], district_id, distance_km, language)

    def _described(
        self,
        relation: Relation,
        city_id: int,
        district_id: int | None,
        distance_km: float | None,
        language: str,
    ) -> Place:
        city_name, country_code, region_id = self._name(city_id, language)
        region = self._regions.get(region_id) if region_id is not None else None
        return Place(
            relation,
            city=city_name,
            district=self._name(district_id, language)[0] if district_id else None,
            region=_in_language(region, language) if region else None,
            country=self._countries.get(country_code, country_code),
            country_code=country_code,
            distance_km=distance_km,
            place_id=city_id,
        )

    def _name(self, place_id: int, language: str) -> tuple[str, str, int | None]:
        details = self._details.get(place_id)
        if details is None:
            details = self._connection.execute(
                "SELECT name, name_ko, name_ja, country, region_id FROM place WHERE id = ?",
                (place_id,),
            ).fetchone()
            self._details[place_id] = details
        name, name_ko, name_ja, country, region_id = details
        return _in_language((name, name_ko, name_ja), language), country, region_id


def _reaching(
    entries: Iterable[Entry],
    latitude: float,
    longitude: float,
    scale2: float,
    km: float | None = None,
) -> list[_Candidate]:
    """The places within ``km`` of a position (else within their own reach), with their squared
    distance in km² (equirectangular, across the date line). Written out in one loop, not a
    call per place: this is what a lookup costs."""
    found = []
    for entry in entries:
        limit = entry[4] if km is None else km
        d_lat = entry[1] - latitude
        if abs(d_lat) * KM_PER_DEGREE > limit:
            continue
        d_lon = abs(entry[2] - longitude)
        if d_lon > 180:
            d_lon = 360 - d_lon
        distance2 = _KM2 * (d_lat * d_lat + scale2 * d_lon * d_lon)
        if distance2 <= limit * limit:
            found.append((entry, distance2))
    return found


def _in_language(names: tuple[str, str | None, str | None], language: str) -> str:
    """The Korean or Japanese name where asked for and known, else the English one."""
    english, korean, japanese = names
    chosen = {"ko": korean, "ja": japanese}.get(language)
    return chosen or english


def _damaged(error: sqlite3.Error | struct.error) -> PlaceIndexError:
    return PlaceIndexError(
        f"The place-name index is damaged ({error}). Rebuild it with `{BUILD_COMMAND}`."
    )


@functools.cache
def place_finder() -> PlaceFinder:
    """The finder over the installed index, opened once (an error is raised, not cached)."""
    return PlaceFinder(open_index(find_index()))
