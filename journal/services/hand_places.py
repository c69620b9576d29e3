"""Places given by hand: to a photo or a day without GPS, or over an automatic place that is wrong.

A place is stored as its GeoNames id with the label it had when chosen (shown should the index
no longer have the id), in the library only: the photo's file is never written. A photo's place
by hand wins over the one its position names. A photo that had no position at all also takes
the place's centre as its position (``PositionSource.HAND``), so that it counts for its day's
places and gets the place's time zone when its clock recorded none; a photo with its own GPS or
a track position keeps that position. Clearing the place takes both back.
"""

import dataclasses
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from journal.errors import InvalidInputError, NotFoundError
from journal.photos.day_assignment import derive_time
from journal.photos.position_source import PositionSource
from journal.places.finder import PlaceFinder
from journal.services import photo_days
from journal.services.changes import Changes
from journal.services.photo_ops import _check_day, _trip, _trip_photos
from journal.services.snapshots import TripInfo
from journal.store.models import Day, Photo, Trip


@dataclass(frozen=True)
class PlaceChoice:
    """A place the user chose: its GeoNames id, its label, and where it is."""

    place_id: int
    label: str
    latitude: float
    longitude: float


def set_place(
    session: Session, trip_id: int, target: int | date, choice: PlaceChoice | None
) -> Changes:
    """Photo ``target`` (an id) or day ``target`` (a date) gets ``choice`` (None: none by hand)."""
    if isinstance(target, date):
        return set_day_place(session, trip_id, target, choice)
    return set_photo_place(session, trip_id, target, choice)


def set_photo_place(
    session: Session, trip_id: int, photo_id: int, choice: PlaceChoice | None
) -> Changes:
    """Give a photo of the trip the place ``choice``, or (None) take its place by hand back."""
    trip = _trip(session, trip_id)
    [photo] = _trip_photos(session, trip, [photo_id])
    old_day = photo.day_date
    photo.place_id = choice.place_id if choice else None
    photo.place_label = choice.label if choice else None
    positioned_by_hand = photo.position_source in (None, PositionSource.HAND)
    if positioned_by_hand:
        photo.gps_latitude = choice.latitude if choice else None
        photo.gps_longitude = choice.longitude if choice else None
        photo.gps_altitude = photo.track_gap_seconds = None
        photo.position_source = PositionSource.HAND if choice else None
        _derive_again(session, trip, photo)
    session.flush()
    days = {day for day in (old_day, photo.day_date) if day is not None}
    return Changes(trip=TripInfo.of(trip), days=frozenset(days), photos=frozenset({photo.id}))


def _derive_again(session: Session, trip: Trip, photo: Photo) -> None:
    """The photo's time and day from its new position (the zone where it now is)."""
    offset = photo_days.camera_offsets(session, trip.id).get(photo.camera, 0)
    derived = derive_time(photo_days.recorded_time(photo), photo_days.trip_clock(trip), offset)
    if photo_days.apply_derived(photo, derived):
        photo_days.place_by_time(session, trip.id, [photo])


def set_day_place(session: Session, trip_id: int, day: date, choice: PlaceChoice | None) -> Changes:
    """Give a day of the trip the place ``choice``, or (None) take it back."""
    trip = _trip(session, trip_id)
    _check_day(trip, day)
    row = session.scalars(select(Day).where(Day.trip_id == trip.id, Day.date == day)).one_or_none()
    if row is None:
        row = Day(trip_id=trip.id, date=day, title="", body="")
        session.add(row)
    row.place_id = choice.place_id if choice else None
    row.place_label = choice.label if choice else None
    session.flush()
    return Changes(trip=TripInfo.of(trip), days=frozenset({day}))


def chosen_place(finder: PlaceFinder, place_id: int) -> PlaceChoice:
    """The place of a GeoNames id (from ``PlaceFinder.search``), named in English for storage."""
    match = finder.place_named(place_id)
    if match is None:
        raise NotFoundError(
            f"The place-name index has no place {place_id}; find one with `journal place-search`."
        )
    return PlaceChoice(place_id, match.place.label, match.latitude, match.longitude)


def place_like_photo(
    session: Session, finder: PlaceFinder, trip_id: int, photo_id: int
) -> PlaceChoice:
    """ "Same place as photo X": X's place by hand, else the place its position names, at X's
    own position where it has one (closer than the place's centre)."""
    [photo] = _trip_photos(session, _trip(session, trip_id), [photo_id])
    latitude, longitude = photo.gps_latitude, photo.gps_longitude
    place_id = photo.place_id
    if place_id is None and latitude is not None and longitude is not None:
        place_id = finder.place_at(latitude, longitude).place_id
    if place_id is None:
        raise InvalidInputError(
            f"Photo {photo_id} has no place to copy: it has no position and no place by hand."
        )
    choice = chosen_place(finder, place_id)
    if latitude is None or longitude is None:
        return choice
    return dataclasses.replace(choice, latitude=latitude, longitude=longitude)


def day_places(session: Session, trip_id: int) -> dict[date, tuple[int, str]]:
    """The days of the trip given a place by hand: their place id and label."""
    rows = session.scalars(
        select(Day).where(Day.trip_id == trip_id, Day.place_id.is_not(None)).order_by(Day.date)
    )
    return {row.date: (row.place_id, row.place_label or "") for row in rows if row.place_id}
