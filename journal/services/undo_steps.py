"""Undo: how each change a user makes is taken back, and taken back again (redo).

Every mutation of ``JournalService`` returns ``Changes`` whose ``undo`` is an ``UndoStep``: a small
frozen value that puts the library back as it was. Applying a step returns the ``Changes`` of
doing so, and those carry the inverse step, so undo and redo are the same operation. Steps hold
*values*, never ORM objects: they outlive the session that made them (an undo stack keeps them
for as long as the window is open).

Most operations are recorded the same way (``recorded``): the trip's rows are read before and
after, and the step holds the columns that differ, with their old values. That covers moving,
ordering, captions, removals (the trash), camera clocks and every trip edit, whatever rows the
operation happened to touch, so no operation needs its own inverse. Text saves are frequent and
touch one text: ``TextStep`` records just that text.
"""

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from journal.services import day_ops
from journal.services.changes import Changes
from journal.services.snapshots import TripInfo
from journal.store.models import Base, CameraOffset, Day, Photo, Trip, utc_now
from journal.store.trash_filter import INCLUDE_TRASHED
from journal.texts import TextTarget


class UndoStep(Protocol):
    """What takes one change back; ``apply`` runs in one transaction (``JournalService.revert``)."""

    @property
    def trip_id(self) -> int | None:
        """The trip whose history the step belongs to; None for the list of trips (a trip made
        or deleted), whose undo is not one trip's."""
        ...

    def apply(self, session: Session) -> Changes:
        """Put the recorded state back; the ``Changes`` returned carry the inverse step."""
        ...


#: The columns a user's change can set, by table: what ``recorded`` compares and restores.
#: A photo's derived time is here because trip and camera clock changes re-derive it.
RECORDED: dict[type[Base], tuple[str, ...]] = {
    Trip: (
        "title",
        "slug",
        "start_date",
        "end_date",
        "timezone",
        "categories",
        "tags",
        "intro",
        "closing",
        "day_start_minutes",
        "cover_photo_id",
        "front_matter",
        "export_settings",
        "removed_utc",
    ),
    Day: ("title", "body", "cover_photo_id", "place_id", "place_label"),
    Photo: (
        "day_date",
        "pinned",
        "position",
        "caption",
        "flagged",
        "rating",
        "hidden",
        "removed_utc",
        "local_time",
        "utc_offset_minutes",
        "captured_utc",
        "zone_source",
        "zone_name",
        "gps_latitude",
        "gps_longitude",
        "position_source",
        "track_gap_seconds",
        "place_id",
        "place_label",
    ),
    CameraOffset: ("offset_seconds",),
}
_MODELS: dict[str, type[Base]] = {model.__tablename__: model for model in RECORDED}

#: Trip columns that change how the trip is listed, and those that change its days.
_LISTED = {"title", "slug", "start_date", "end_date", "removed_utc"}
_DAYS = {"start_date", "end_date", "timezone", "day_start_minutes", "removed_utc"}


def _absent(table: str) -> dict[str, Any]:
    """What a row an operation made was before it existed: a trip or photo in the trash (so
    undoing an import or a new trip trashes them), a day without text, a clock uncorrected."""
    if table in (Trip.__tablename__, Photo.__tablename__):
        return {"removed_utc": utc_now()}
    if table == Day.__tablename__:
        return {
            "title": "",
            "body": "",
            "cover_photo_id": None,
            "place_id": None,
            "place_label": None,
        }
    return {"offset_seconds": 0}


@dataclass(frozen=True)
class RowValues:
    """Some columns of one row, as they are to be put back."""

    table: str
    row_id: int
    values: tuple[tuple[str, Any], ...]


Snapshot = dict[tuple[str, int], dict[str, Any]]


def snapshot(session: Session, trip_id: int) -> Snapshot:
    """The recorded columns of the trip and of its days, photos and camera corrections,
    trashed ones included."""
    rows: Snapshot = {}
    for model, columns in RECORDED.items():
        table = model.__tablename__
        owner = model.id if model is Trip else model.trip_id  # type: ignore[attr-defined]
        query = select(
            model.id,  # type: ignore[attr-defined]
            *(getattr(model, column) for column in columns),
        ).where(owner == trip_id)
        for row in session.execute(query.execution_options(**{INCLUDE_TRASHED: True})):
            rows[(table, row[0])] = dict(zip(columns, row[1:], strict=True))
    return rows


def _differences(before: Snapshot, after: Snapshot) -> Iterator[RowValues]:
    for (table, row_id), now in after.items():
        then = before.get((table, row_id)) or _absent(table)
        changed = tuple((name, then[name]) for name in then if then[name] != now[name])
        if changed:
            yield RowValues(table, row_id, changed)


@dataclass(frozen=True)
class RestoreRows:
    """Puts recorded column values back on rows of one trip: the undo of most operations."""

    trip: int
    rows: tuple[RowValues, ...]

    @property
    def trip_id(self) -> int | None:
        trashing = any(
            row.table == Trip.__tablename__ and name == "removed_utc"
            for row in self.rows
            for name, _ in row.values
        )
        return None if trashing else self.trip

    def apply(self, session: Session) -> Changes:
        session.info[INCLUDE_TRASHED] = True
        by_table: dict[str, list[RowValues]] = defaultdict(list)
        for row in self.rows:
            by_table[row.table].append(row)
        photo_ids = [row.row_id for row in by_table[Photo.__tablename__]]
        days = _photo_days(session, photo_ids)
        inverse: list[RowValues] = []
        for table, rows in by_table.items():
            inverse.extend(_put_back(session, _MODELS[table], rows))
        days |= _photo_days(session, photo_ids)
        day_ids = [row.row_id for row in by_table[Day.__tablename__]]
        days |= set(session.scalars(select(Day.date).where(Day.id.in_(day_ids))))
        trip_changed = {name for row in by_table[Trip.__tablename__] for name, _ in row.values}
        text_changed = bool(trip_changed & {"intro", "closing"}) or any(
            name in ("title", "body")
            for row in by_table[Day.__tablename__]
            for name, _ in row.values
        )
        trip = session.get(Trip, self.trip)
        live = trip is not None and trip.removed_utc is None
        return Changes(
            trip=TripInfo.of(trip) if trip is not None and live else None,
            trip_list=bool(trip_changed & _LISTED),
            trip_details=bool(trip_changed),
            day_range=bool(trip_changed & _DAYS),
            days=frozenset(days),
            photos=frozenset(photo_ids),
            text_rewritten=text_changed,
            undo=RestoreRows(self.trip, tuple(inverse)),
        )


def _photo_days(session: Session, photo_ids: Sequence[int]) -> set[date]:
    days = session.scalars(select(Photo.day_date).where(Photo.id.in_(photo_ids)))
    return {day for day in days if day is not None}


def _put_back(session: Session, model: type[Base], rows: list[RowValues]) -> Iterable[RowValues]:
    """Write ``rows``' values; return the values they replace. A row that is gone (its trash
    was emptied, or a re-import of its file took its place) is left out."""
    columns = sorted({name for row in rows for name, _ in row.values})
    key = model.id  # type: ignore[attr-defined]
    current = {
        found[0]: dict(zip(columns, found[1:], strict=True))
        for found in session.execute(
            select(key, *(getattr(model, name) for name in columns)).where(
                key.in_([row.row_id for row in rows])
            )
        )
    }
    present = [row for row in rows if row.row_id in current]
    if present:
        session.execute(update(model), [{"id": row.row_id, **dict(row.values)} for row in present])
    return [
        RowValues(
            row.table,
            row.row_id,
            tuple((name, current[row.row_id][name]) for name, _ in row.values),
        )
        for row in present
    ]


class Recorder:
    """Reads trip ``trip_id``'s rows (none for a trip about to be made) before an operation, so
    that ``finish`` can attach the step that undoes whatever the operation changed."""

    def __init__(self, session: Session, trip_id: int | None) -> None:
        self._session = session
        self._trip_id = trip_id
        self._before = snapshot(session, trip_id) if trip_id is not None else {}

    def finish(self, changes: Changes) -> Changes:
        self._session.flush()
        owner = self._trip_id if self._trip_id is not None else None
        if owner is None and changes.trip is not None:
            owner = changes.trip.id
        if owner is None:
            return changes
        rows = tuple(_differences(self._before, snapshot(self._session, owner)))
        return dataclasses.replace(changes, undo=RestoreRows(owner, rows) if rows else None)


def recorded(session: Session, trip_id: int | None, operation: Callable[[], Changes]) -> Changes:
    """Run ``operation`` on ``trip_id`` (None: it makes the trip) with its undo step."""
    recorder = Recorder(session, trip_id)
    return recorder.finish(operation())


def trashing(trip_id: int, photo_ids: Sequence[int]) -> RestoreRows | None:
    """The undo of photos added to a trip (an import): they go to the trash."""
    now = utc_now()
    rows = tuple(
        RowValues(Photo.__tablename__, photo_id, (("removed_utc", now),)) for photo_id in photo_ids
    )
    return RestoreRows(trip_id, rows) if rows else None


@dataclass(frozen=True)
class TextStep:
    """Puts one text (and a day's title) back: the undo of a save of the editor."""

    trip_id: int
    target: TextTarget
    body: str
    #: None leaves the title as it is (the intro and closing have none).
    title: str | None

    def apply(self, session: Session) -> Changes:
        title, body = day_ops.text(session, self.trip_id, self.target)
        changes = day_ops.set_text(session, self.trip_id, self.target, self.body, self.title)
        inverse = TextStep(
            self.trip_id, self.target, body, title if self.title is not None else None
        )
        return dataclasses.replace(changes, text_rewritten=True, undo=inverse)


def text_saved(
    session: Session, trip_id: int, target: TextTarget, save: Callable[[], Changes]
) -> Changes:
    """Run ``save`` of ``target`` and attach the step that puts the text back as it was."""
    title, body = day_ops.text(session, trip_id, target)
    changes = save()
    new_title, new_body = day_ops.text(session, trip_id, target)
    if (new_title, new_body) == (title, body):
        return changes
    step = TextStep(trip_id, target, body, title if target.has_title else None)
    return dataclasses.replace(changes, undo=step)
