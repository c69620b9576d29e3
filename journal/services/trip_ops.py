"""Operations on trips, each run inside a session the facade opens (one transaction each)."""

import dataclasses
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from journal.errors import InvalidInputError, NotFoundError
from journal.photos.day_assignment import TripClock
from journal.services import photo_days, validation
from journal.services.changes import Changes
from journal.services.slugs import check_slug, check_slug_free, slug_from_title, unique_slug
from journal.services.snapshots import DatesPreview, TripInfo
from journal.store.models import Day, Trip, utc_now
from journal.store.trash_filter import INCLUDE_TRASHED


@dataclass(frozen=True)
class NewTrip:
    """What the user gives to create a trip; checked by ``create_trip``."""

    title: str
    start_date: date
    end_date: date
    timezone: str
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    slug: str | None = None


@dataclass(frozen=True)
class TripEdit:
    """Fields to change on a trip; None leaves a field as it is."""

    title: str | None = None
    slug: str | None = None
    timezone: str | None = None
    categories: tuple[str, ...] | None = None
    tags: tuple[str, ...] | None = None
    intro: str | None = None
    closing: str | None = None
    day_start_minutes: int | None = None


def get_trip(session: Session, trip_id: int) -> Trip:
    trip = session.get(Trip, trip_id)
    if trip is None:
        raise NotFoundError(f"There is no trip with id {trip_id}.")
    return trip


def find_trip(session: Session, reference: str) -> Trip:
    """The trip named by id or slug, as the CLI accepts either."""
    reference = reference.strip()
    trip = None
    if reference.isdigit():
        trip = session.get(Trip, int(reference))
    if trip is None:
        trip = session.scalars(select(Trip).where(Trip.slug == reference)).one_or_none()
    if trip is None:
        raise NotFoundError(
            f"There is no trip {reference!r}; `journal trips` lists them by id and slug."
        )
    return trip


def list_trips(session: Session) -> list[TripInfo]:
    trips = session.scalars(select(Trip).order_by(Trip.start_date.desc(), Trip.id.desc()))
    return [TripInfo.of(trip) for trip in trips]


def _taken_slugs(session: Session, except_id: int | None = None) -> set[str]:
    """The slugs of other trips, those in the trash too (Undo would bring them back)."""
    query = select(Trip.slug).execution_options(**{INCLUDE_TRASHED: True})
    if except_id is not None:
        query = query.where(Trip.id != except_id)
    return set(session.scalars(query))


def create_trip(session: Session, new: NewTrip) -> Changes:
    title = validation.check_title(new.title)
    validation.check_date_range(new.start_date, new.end_date)
    timezone = validation.check_timezone(new.timezone)
    taken = _taken_slugs(session)
    if new.slug is not None:
        slug = check_slug_free(check_slug(new.slug), taken)
    else:
        slug = unique_slug(slug_from_title(title, new.start_date), taken)
    trip = Trip(
        slug=slug,
        title=title,
        start_date=new.start_date,
        end_date=new.end_date,
        timezone=timezone,
        categories=validation.clean_labels(new.categories),
        tags=validation.clean_labels(new.tags),
        intro="",
        closing="",
        day_start_minutes=0,
    )
    session.add(trip)
    session.flush()
    return Changes(trip=TripInfo.of(trip), trip_list=True, trip_details=True, day_range=True)


def edit_trip(session: Session, trip_id: int, edit: TripEdit) -> Changes:
    trip = get_trip(session, trip_id)
    renamed = False
    if edit.title is not None:
        title = validation.check_title(edit.title)
        renamed = title != trip.title
        trip.title = title
    if edit.slug is not None and edit.slug != trip.slug:
        trip.slug = check_slug_free(check_slug(edit.slug), _taken_slugs(session, trip.id))
        renamed = True
    if edit.categories is not None:
        trip.categories = validation.clean_labels(edit.categories)
    if edit.tags is not None:
        trip.tags = validation.clean_labels(edit.tags)
    if edit.intro is not None:
        trip.intro = edit.intro
    if edit.closing is not None:
        trip.closing = edit.closing
    clock_before = (trip.timezone, trip.day_start_minutes)
    if edit.timezone is not None:
        trip.timezone = validation.check_timezone(edit.timezone)
    if edit.day_start_minutes is not None:
        if not 0 <= edit.day_start_minutes < 12 * 60:
            raise InvalidInputError("A trip day can start between 00:00 and 11:59.")
        trip.day_start_minutes = edit.day_start_minutes
    session.flush()
    moved = photo_days.Rederived()
    if (trip.timezone, trip.day_start_minutes) != clock_before:
        moved = photo_days.rederive(session, trip)
        session.flush()
    return Changes(
        trip=TripInfo.of(trip),
        trip_list=renamed,
        trip_details=True,
        days=frozenset(moved.days),
        photos=frozenset(moved.photos),
    )


def _written_dates(trip_id: int) -> Select[date]:
    """The dates of the trip that have text (a title or a body): those are kept whatever the
    trip's dates become."""
    return (
        select(Day.date)
        .where(Day.trip_id == trip_id, (Day.body != "") | (Day.title != ""))
        .order_by(Day.date)
    )


def _in_trip(day: date | None, clock: TripClock) -> bool:
    """Whether ``day`` is one of the trip's days under ``clock``. A photo that is not on one is
    in Unassigned: a pinned photo keeps its date even after that date has left the trip."""
    return day is not None and clock.start <= day <= clock.end


def preview_trip_dates(
    session: Session, trip_id: int, start: date, end: date, timezone: str | None = None
) -> DatesPreview:
    """What ``edit_trip_and_dates`` with these dates (and zone) would move onto or off the
    trip's days, so the user can be asked before photos go to Unassigned; writes nothing.

    Photos are derived exactly as the change derives them (``photo_days.derivations``)."""
    validation.check_date_range(start, end)
    trip = get_trip(session, trip_id)
    now = photo_days.trip_clock(trip)
    zone = now.zone if timezone is None else ZoneInfo(validation.check_timezone(timezone))
    then = dataclasses.replace(now, start=start, end=end, zone=zone)
    photos_out = photos_in = 0
    for photo, derived in photo_days.derivations(session, trip, then):
        was_on_a_day = _in_trip(photo.day_date, now)
        will_be_on_a_day = _in_trip(photo_days.day_after(photo, derived), then)
        if was_on_a_day and not will_be_on_a_day:
            photos_out += 1
        elif will_be_on_a_day and not was_on_a_day:
            photos_in += 1
    written = list(session.scalars(_written_dates(trip.id)))
    return DatesPreview(
        photos_out=photos_out,
        photos_in=photos_in,
        texts_out=tuple(day for day in written if _in_trip(day, now) and not _in_trip(day, then)),
        texts_in=tuple(day for day in written if _in_trip(day, then) and not _in_trip(day, now)),
    )


def set_trip_dates(session: Session, trip_id: int, start: date, end: date) -> Changes:
    """Move the trip's dates; text on dates that leave the trip is kept and reported."""
    validation.check_date_range(start, end)
    trip = get_trip(session, trip_id)
    trip.start_date, trip.end_date = start, end
    session.flush()
    moved = photo_days.rederive(session, trip)
    session.flush()
    outside = session.scalars(_written_dates(trip.id).where((Day.date < start) | (Day.date > end)))
    return Changes(
        trip=TripInfo.of(trip),
        trip_details=True,
        day_range=True,
        days=frozenset(moved.days),
        photos=frozenset(moved.photos),
        notes_outside_range=tuple(outside),
    )


def edit_trip_and_dates(
    session: Session, trip_id: int, edit: TripEdit, start: date, end: date
) -> Changes:
    """A properties dialog's fields and dates as one change: if either is refused, neither is
    saved (the session's transaction rolls both back)."""
    edited = edit_trip(session, trip_id, edit)
    trip = get_trip(session, trip_id)
    if (trip.start_date, trip.end_date) == (start, end):
        return edited
    dated = set_trip_dates(session, trip_id, start, end)
    return dataclasses.replace(
        dated,
        trip_list=edited.trip_list,
        days=edited.days | dated.days,
        photos=edited.photos | dated.photos,
    )


def delete_trip(session: Session, trip_id: int) -> Changes:
    """Put the trip in the trash, with its days and photos: Undo brings it back, and emptying
    the trash (``trash``) deletes it for good."""
    trip = get_trip(session, trip_id)
    trip.removed_utc = utc_now()
    session.flush()
    return Changes(trip=None, trip_list=True)
