"""Culling: the marks a user sorts a trip's photos with, and the photos that stand for a day or
the trip.

A flag and 0-5 stars are the user's own marks (nothing but sorting reads them); ``hidden`` keeps a
photo on its day but out of the exported post's appended photos; a day's cover is the timeline's
thumbnail for the day (its first photo when none is chosen), the trip's the trips view's. Each
runs inside the one session the facade opens and returns the ``Changes`` the views refresh from.
"""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from journal.errors import InvalidInputError
from journal.services.changes import Changes
from journal.services.photo_ops import _check_day, _photo, _trip, _trip_photos
from journal.services.snapshots import TripInfo
from journal.store.models import Day

MAX_RATING = 5


def _mark(session: Session, trip_id: int, photo_ids: Sequence[int], **marks: object) -> Changes:
    """Set the same culling columns (``flagged=True``, ``rating=3``...) on some of a trip's
    photos; the days they are on are reported, so their counts and covers refresh."""
    trip = _trip(session, trip_id)
    photos = _trip_photos(session, trip, photo_ids)
    for photo in photos:
        for column, value in marks.items():
            setattr(photo, column, value)
    session.flush()
    return Changes(
        trip=TripInfo.of(trip),
        days=frozenset(photo.day_date for photo in photos if photo.day_date is not None),
        photos=frozenset(photo.id for photo in photos),
    )


def set_flagged(session: Session, trip_id: int, photo_ids: Sequence[int], flagged: bool) -> Changes:
    return _mark(session, trip_id, photo_ids, flagged=flagged)


def set_rating(session: Session, trip_id: int, photo_ids: Sequence[int], rating: int) -> Changes:
    if not 0 <= rating <= MAX_RATING:
        raise InvalidInputError(
            f"A rating is 0 to {MAX_RATING} stars, not {rating}; 0 takes the stars away."
        )
    return _mark(session, trip_id, photo_ids, rating=rating)


def set_hidden(session: Session, trip_id: int, photo_ids: Sequence[int], hidden: bool) -> Changes:
    """Keep photos on their day but out of the post (or put them back in)."""
    return _mark(session, trip_id, photo_ids, hidden=hidden)


def set_day_cover(session: Session, trip_id: int, day: date, photo_id: int | None) -> Changes:
    """Make ``photo_id`` (one of the day's photos) the day's cover; None: its first photo again."""
    trip = _trip(session, trip_id)
    _check_day(trip, day)
    if photo_id is not None and _photo(session, photo_id).day_date != day:
        raise InvalidInputError(
            f"Photo {photo_id} is not on {day}; a day's cover is one of its own photos."
        )
    row = session.scalars(select(Day).where(Day.trip_id == trip.id, Day.date == day)).one_or_none()
    if row is None:
        row = Day(trip_id=trip.id, date=day, title="", body="")
        session.add(row)
    row.cover_photo_id = photo_id
    session.flush()
    return Changes(trip=TripInfo.of(trip), days=frozenset({day}))


def set_trip_cover(session: Session, trip_id: int, photo_id: int | None) -> Changes:
    """Make ``photo_id`` (a photo of the trip) the trip's cover; None: no cover chosen."""
    trip = _trip(session, trip_id)
    if photo_id is not None:
        _trip_photos(session, trip, [photo_id])
    trip.cover_photo_id = photo_id
    session.flush()
    return Changes(trip=TripInfo.of(trip), trip_list=True, trip_details=True)
