"""Export operations: read a trip for the exporter, and remember its export choices.

The read is one short transaction that copies everything into plain snapshots; the export itself
(image work, file writes) then runs without a session, so an autosave is never kept waiting.
"""

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from journal.bounded_yaml import bounded_load
from journal.errors import InvalidInputError
from journal.export import ExportSettings
from journal.export.source import ExportSource, SourceDay, SourcePhoto, SourceTrip
from journal.services.changes import Changes
from journal.services.export_places import post_places
from journal.services.post_origins import kept_origin, origin_of
from journal.services.slugs import check_slug
from journal.services.snapshots import TripInfo
from journal.services.trip_ops import get_trip
from journal.store.library import Library
from journal.store.models import Day, Photo

#: Where an imported post's origin is kept: a key of its own in the trip's export settings.


def export_source(session: Session, trip_id: int, library: Library) -> ExportSource:
    trip = get_trip(session, trip_id)
    info = TripInfo.of(trip)
    bodies = {row.date: row for row in session.scalars(select(Day).where(Day.trip_id == trip.id))}
    photos: dict[int, SourcePhoto] = {}
    by_day: dict[date | None, list[SourcePhoto]] = {}
    shown: dict[date, list[Photo]] = {}
    rows = session.scalars(
        select(Photo)
        .where(Photo.trip_id == trip.id)
        .order_by(Photo.day_date, Photo.position, Photo.id)
    )
    for row in rows:
        day = row.day_date if row.day_date and info.day_index(row.day_date) is not None else None
        photo = SourcePhoto(
            id=row.id,
            path=library.file_path(row.library_path),
            content_hash=row.content_hash,
            original_name=row.original_name,
            media_format=row.media_format,
            caption=row.caption,
            description=row.description,
            local_time=row.local_time,
            utc_offset_minutes=row.utc_offset_minutes,
        )
        photos[row.id] = photo
        if not row.hidden:  # hidden from the post: not appended nor numbered, unless the text
            by_day.setdefault(day, []).append(photo)  # shows it (a reference wins)
            if day is not None:  # nor does the post name its place
                shown.setdefault(day, []).append(row)
    places = post_places(session, trip.id, shown)
    days = []
    for index in range(info.day_count):
        day = info.start_date + timedelta(days=index)
        text = bodies.get(day)
        named = places.days.get(day)
        days.append(
            SourceDay(
                date=day,
                index=index,
                title=text.title if text else "",
                body=text.body if text else "",
                photos=tuple(by_day.get(day, ())),
                places=named.summary if named else "",
                cities=named.cities if named else (),
            )
        )
    return ExportSource(
        trip=SourceTrip(
            title=info.title,
            slug=info.slug,
            start_date=info.start_date,
            timezone=info.timezone,
            categories=info.categories,
            tags=info.tags,
            intro=info.intro,
            closing=info.closing,
        ),
        days=tuple(days),
        photos=photos,
        front_matter=dict(trip.front_matter),
        origin=origin_of(trip),
        location=places.location,
        notes=places.notes,
    )


def check_export_slug(settings: ExportSettings) -> ExportSettings:
    """A slug typed for the export follows a trip slug's rules (ASCII, URL- and file-safe)."""
    if settings.slug:
        check_slug(settings.slug)
    return settings


def export_settings(session: Session, trip_id: int) -> ExportSettings:
    return ExportSettings.from_json(dict(get_trip(session, trip_id).export_settings))


def save_export_settings(session: Session, trip_id: int, settings: ExportSettings) -> Changes:
    """Keep ``settings`` for the trip's next export, its folder also as its format's folder."""
    trip = get_trip(session, trip_id)
    trip.export_settings = kept_origin(
        trip.export_settings, settings.remembering_folder().to_json()
    )
    session.flush()
    return Changes(trip=TripInfo.of(trip))


def front_matter_template(session: Session, trip_id: int) -> dict[str, Any]:
    return dict(get_trip(session, trip_id).front_matter)


def set_front_matter_template(session: Session, trip_id: int, fields: Mapping[str, Any]) -> Changes:
    trip = get_trip(session, trip_id)
    trip.front_matter = check_front_matter(fields)
    session.flush()
    return Changes(trip=TripInfo.of(trip), trip_details=True)


def parse_front_matter(text: str) -> dict[str, Any]:
    """The extra front-matter keys as the user types them (or pastes them from anywhere): a YAML
    mapping (may be empty), read with aliases bounded."""
    try:
        loaded = bounded_load(text) if text.strip() else {}
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" on line {where.line + 1}" if where is not None else ""
        problem = getattr(error, "problem", None)
        reason = f" ({problem})" if problem else ""
        raise InvalidInputError(
            f"The extra front matter cannot be used{line}{reason}; write it as YAML keys and "
            "values, e.g. 'author: Jane'."
        ) from None
    if not isinstance(loaded, dict):
        raise InvalidInputError(
            "The extra front matter must be YAML keys and values, e.g. 'author: Jane'."
        )
    return check_front_matter(loaded)


def check_front_matter(fields: Mapping[Any, Any]) -> dict[str, Any]:
    """Keys are text; values survive a JSON round trip (the library stores them as JSON)."""
    checked: dict[str, Any] = {}
    for key, value in fields.items():
        if not isinstance(key, str) or not key.strip():
            raise InvalidInputError(f"Front-matter key {key!r} must be a non-empty name.")
        checked[key] = _json_value(key, value)
    return checked


def _json_value(key: str, value: Any) -> Any:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, list | tuple):
        return [_json_value(key, item) for item in value]
    if isinstance(value, dict):
        return {str(name): _json_value(key, item) for name, item in value.items()}
    # YAML dates and times: kept as the text the user wrote, which every generator reads back.
    return str(value)
