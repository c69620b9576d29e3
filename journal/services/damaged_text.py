"""Finding text whose bytes a disk damaged: cells of the database that are not UTF-8.

SQLite checks the structure of its pages, not what a TEXT cell holds, so a few flipped bytes
inside a day's text or a photo's name pass every check it has. The library reads such a cell
with U+FFFD where the bad bytes are (``store.engine``) and works on; this finds them, so that
``journal check`` can say which trip, day or photo lost characters and the user can retype them
(saving a text writes it back whole).

Every text column of the models is read as bytes (``CAST … AS BLOB``) and decoded strictly.
A path stored as a BLOB on purpose - one that is not UTF-8 (``store.path_column``) - is not
text and not damage, so only values SQLite types as text are looked at. Reading a library's text
as bytes takes milliseconds, next to the minutes its photo files take to hash.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import JSON, ColumnElement, FromClause, String, case, cast, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.types import LargeBinary, TypeDecorator

from journal.services.snapshots import TripInfo
from journal.store.models import CameraOffset, Day, Photo, Trip

#: What a column is called for the user, where its name does not say it.
_FIELD_NAMES = {"body": "text"}


@dataclass(frozen=True)
class DamagedText:
    """One text cell whose bytes are not UTF-8; it reads with U+FFFD where they are."""

    #: Where it shows: "Seattle 2023", "Seattle 2023, Day 2", "Seattle 2023, photo 22 (IMG_…)".
    place: str
    #: Which of its fields: "title", "text", "original name".
    field: str


def find_damaged_text(session: Session) -> list[DamagedText]:
    """Every text cell of the library that is not UTF-8, by trip, then day or photo."""
    trips = {trip.id: TripInfo.of(trip) for trip in session.scalars(select(Trip))}
    found: list[DamagedText] = []
    for key, field in _damaged_cells(session, Trip.__table__, Trip.id):
        found.append(DamagedText(_trip_place(trips, key[0]), field))
    for key, field in _damaged_cells(session, Day.__table__, Day.trip_id, Day.date):
        trip_id, day = key
        assert isinstance(day, date)
        found.append(DamagedText(_day_place(trips, trip_id, day), field))
    for key, field in _damaged_cells(
        session, Photo.__table__, Photo.trip_id, Photo.id, Photo.original_name
    ):
        trip_id, photo_id, name = key
        place = f"{_trip_place(trips, trip_id)}, photo {photo_id} ({name})"
        found.append(DamagedText(place, field))
    for key, field in _damaged_cells(session, CameraOffset.__table__, CameraOffset.trip_id):
        found.append(DamagedText(f"{_trip_place(trips, key[0])}, a camera clock correction", field))
    return found


def _damaged_cells(
    session: Session, table: FromClause, *keys: InstrumentedAttribute[Any]
) -> Iterator[tuple[tuple[object, ...], str]]:
    """(the row's ``keys``, the field's name) for each text cell of ``table`` not UTF-8."""
    columns = [column for column in table.columns if _holds_text(column)]
    as_bytes = [
        case((func.typeof(column) == "text", cast(column, LargeBinary))) for column in columns
    ]
    for row in session.execute(select(*keys, *as_bytes)):
        values = tuple(row)
        key, cells = values[: len(keys)], values[len(keys) :]
        for column, cell in zip(columns, cells, strict=True):
            if isinstance(cell, bytes) and not _is_utf8(cell):
                yield key, _FIELD_NAMES.get(column.name, column.name.replace("_", " "))


def _holds_text(column: ColumnElement[Any]) -> bool:
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    return isinstance(kind, String | JSON)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _trip_place(trips: Mapping[int, TripInfo], trip_id: object) -> str:
    trip = trips.get(trip_id) if isinstance(trip_id, int) else None
    return trip.title if trip is not None else f"trip {trip_id}"


def _day_place(trips: Mapping[int, TripInfo], trip_id: object, day: date) -> str:
    trip = trips.get(trip_id) if isinstance(trip_id, int) else None
    index = trip.day_index(day) if trip is not None else None
    label = f"Day {index}" if index is not None else day.isoformat()
    return f"{_trip_place(trips, trip_id)}, {label}"
