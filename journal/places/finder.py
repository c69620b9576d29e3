"""Name the place at a GPS position, the way a person would, from the offline GeoNames index.

Nearest-point naming is what makes other offline geocoders call the centre of Tokyo "Eifuku":
cities1000 lists neighbourhoods of 15,000 people beside the city of ten million around them. So a
place here has an area (``geometry.reach_km``, growing with its population), and a position is
*in* every place whose area reaches it: one R*Tree query. Of those the city is the one with the
strongest pull, population over squared distance (plus 1 km², so that standing on a
village's centre point does not make it infinite), which lets the city of ten million 5 km away
outweigh the neighbourhood you stand in, and a city of 1.5 million you stand in (Kawasaki)
outweigh Tokyo 18 km away. The nearest other, smaller place of the same region that reaches the
position is its district ("Shinjuku, Tokyo").

A position no place reaches is *near* the place of strongest pull within 50 km, which falls
faster with distance there (cubed), so that the town 5 km away wins over a city 40 km away. The
sea is told from land by the time zone at the position (tzfpy, already used for time zones):
oceans have only the nautical zones Etc/GMT±N, and territorial waters (22 km) count as land.
"""

import functools
import math
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from tzfpy import get_tz

from journal.errors import InvalidInputError
from journal.places.geometry import KM_PER_DEGREE, Box, boxes_around
from journal.places.index_file import BUILD_COMMAND, PlaceIndexError, find_index, open_index

#: Beyond this no place is "near".
NEAR_KM = 50.0

#: The places whose box overlaps ?1-?4 (south, north, west, east), with their squared distance in
#: km from (?5, ?6) (equirectangular, across the date line too; ?7 is the longitude scale, the
#: cosine of the latitude), those within ?8 (a column name or a number) first by pull ?9, the
#: greater first. Scoring in SQL keeps a lookup at one statement and a handful of rows.
_CANDIDATES = """
SELECT abs(id), population, region_id, distance2 FROM (
    SELECT id, population, region_id, reach,
        {km2} * ((latitude - ?5) * (latitude - ?5) + ?7 * ?7 * d_lon * d_lon) AS distance2
    FROM (
        SELECT *, min(abs(longitude - ?6), 360 - abs(longitude - ?6)) AS d_lon FROM place_box
        WHERE min_lat <= ?2 AND max_lat >= ?1 AND min_lon <= ?4 AND max_lon >= ?3
    )
)
WHERE distance2 <= {limit2}
ORDER BY population / ({pull}) DESC
"""
#: In a place: population over squared distance (plus 1 km², so that standing on a village's
#: centre point does not make it infinite).
_INSIDE = _CANDIDATES.format(km2=KM_PER_DEGREE**2, limit2="reach * reach", pull="distance2 + 1")
#: Near a place: the pull falls faster, with the fourth power of the distance.
_NEAR = _CANDIDATES.format(
    km2=KM_PER_DEGREE**2, limit2=NEAR_KM**2, pull="distance2 * distance2 + 1"
)


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


#: A row of ``_CANDIDATES``: id, population, region id, squared distance in km².
_Candidate = tuple[int, int, int | None, float]


class PlaceFinder:
    """Names positions from one open index. Not shared between threads (one SQLite connection)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._details: dict[int, tuple[str, str | None, str | None, str, int | None]] = {}
        try:
            self._countries = dict(connection.execute("SELECT code, name FROM country"))
            self._regions = {
                row[0]: row[1:]
                for row in connection.execute("SELECT id, name, name_ko, name_ja FROM region")
            }
        except sqlite3.Error as error:
            raise _damaged(error) from None

    def place_at(self, latitude: float, longitude: float, language: str = "en") -> Place:
        if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
            raise InvalidInputError(f"No place at {latitude}, {longitude}: not a GPS position.")
        try:
            return self._place_at(latitude, longitude, language)
        except sqlite3.Error as error:
            raise _damaged(error) from None

    def _place_at(self, latitude: float, longitude: float, language: str) -> Place:
        """The strongest pull first: the city is the first candidate; its district is the
        nearest smaller place of its region that the position is in too."""
        scale = math.cos(math.radians(latitude))
        point = (latitude, latitude, longitude, longitude)
        inside = self._candidates(_INSIDE, [point], latitude, longitude, scale)
        if inside:
            city = inside[0]
            _, population, region_id, _ = city
            others = [c for c in inside[1:] if c[1] < population and c[2] == region_id]
            district = min(others, key=lambda c: c[3], default=None)
            return self._named(Relation.IN, city, district, language)
        around = boxes_around(latitude, longitude, NEAR_KM)
        nearby = self._candidates(_NEAR, around, latitude, longitude, scale)
        nearest = nearby[0] if nearby else None
        if get_tz(longitude, latitude).startswith("Etc/"):
            return self._named(Relation.AT_SEA, nearest, None, language)
        if nearest is None:
            return Place(Relation.REMOTE)
        return self._named(Relation.NEAR, nearest, None, language)

    def _candidates(
        self, query: str, boxes: Iterable[Box], latitude: float, longitude: float, scale: float
    ) -> list[_Candidate]:
        found: list[_Candidate] = []
        for box in boxes:
            found += self._connection.execute(query, (*box, latitude, longitude, scale))
        return found

    def _named(
        self,
        relation: Relation,
        city: _Candidate | None,
        district: _Candidate | None,
        language: str,
    ) -> Place:
        if city is None:
            return Place(relation)
        city_name, country_code, region_id = self._name(city[0], language)
        region = self._regions.get(region_id) if region_id is not None else None
        return Place(
            relation,
            city=city_name,
            district=self._name(district[0], language)[0] if district else None,
            region=_in_language(region, language) if region else None,
            country=self._countries.get(country_code, country_code),
            country_code=country_code,
            distance_km=round(math.sqrt(city[3]), 1),
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


def _in_language(names: tuple[str, str | None, str | None], language: str) -> str:
    """The Korean or Japanese name where asked for and known, else the English one."""
    english, korean, japanese = names
    chosen = {"ko": korean, "ja": japanese}.get(language)
    return chosen or english


def _damaged(error: sqlite3.Error) -> PlaceIndexError:
    return PlaceIndexError(
        f"The place-name index is damaged ({error}). Rebuild it with `{BUILD_COMMAND}`."
    )


@functools.cache
def place_finder() -> PlaceFinder:
    """The finder over the installed index, opened once (an error is raised, not cached)."""
    return PlaceFinder(open_index(find_index()))
