"""Operations on the days of a trip and on its texts: the overview the timeline shows, and reading
and writing the intro, a day's text and title, or the closing by their ``TextTarget``."""

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from journal.errors import InvalidInputError
from journal.services import validation
from journal.services.changes import Changes
from journal.services.snapshots import DayInfo, DaysOverview, TripInfo
from journal.services.trip_ops import TripEdit, edit_trip, get_trip
from journal.store.models import Day, Photo
from journal.texts import TextPart, TextTarget


def _photo_counts(session: Session, trip: TripInfo) -> dict[date | None, tuple[int, int]]:
    """Photos per day: (count, id of the day's first photo). Key None is the Unassigned tray,
    which also holds photos whose day is no longer one of the trip's dates.

    Counted by SQLite, one row per day: the timeline asks for this after every import batch,
    and a Python loop over a 5,000-photo trip took long enough to be felt.
    """
    ranked = (
        select(
            Photo.day_date.label("day"),
            Photo.id.label("photo_id"),
            func.count().over(partition_by=Photo.day_date).label("photos"),
            func.row_number()
            .over(partition_by=Photo.day_date, order_by=(Photo.position, Photo.id))
            .label("rank"),
        )
        .where(Photo.trip_id == trip.id)
        .subquery()
    )
    rows = session.execute(
        select(ranked.c.day, ranked.c.photos, ranked.c.photo_id)
        .where(ranked.c.rank == 1)
        .order_by(ranked.c.day)
    )
    counts: dict[date | None, tuple[int, int]] = {}
    for day, photos, first_id in rows:
        key = day if day is not None and trip.day_index(day) is not None else None
        count, first = counts.get(key, (0, first_id))
        counts[key] = (count + photos, first)
    return counts


def _chosen_covers(session: Session, trip_id: int, day: date | None = None) -> dict[date, int]:
    """The cover chosen for each day (of ``day`` only, if given) that is still one of the day's
    photos: a cover moved to another day stops standing for this one."""
    query = (
        select(Day.date, Photo.id)
        .join(Photo, Photo.id == Day.cover_photo_id)
        .where(Day.trip_id == trip_id, Photo.day_date == Day.date)
    )
    if day is not None:
        query = query.where(Day.date == day)
    return dict(session.execute(query).all())


def days_overview(session: Session, trip_id: int) -> DaysOverview:
    trip = TripInfo.of(get_trip(session, trip_id))
    rows = {row.date: row for row in session.scalars(select(Day).where(Day.trip_id == trip.id))}
    counts = _photo_counts(session, trip)
    covers = _chosen_covers(session, trip.id)
    days = []
    for offset in range(trip.day_count):
        day = trip.start_date + timedelta(days=offset)
        count, first = counts.get(day, (0, 0))
        row = rows.get(day)
        if row is None:
            days.append(DayInfo(day, offset, "", "", 0, count, first or None))
        else:
            days.append(DayInfo.of(row, offset, count, covers.get(day) or first or None))
    outside = tuple(
        DayInfo.of(row, None, 0, None)
        for day, row in sorted(rows.items())
        if trip.day_index(day) is None and (row.body or row.title)
    )
    unassigned, unassigned_cover = counts.get(None, (0, 0))
    return DaysOverview(trip, tuple(days), outside, unassigned, unassigned_cover or None)


def day_info(session: Session, trip_id: int, day: date) -> DayInfo:
    """One day as ``days_overview`` shows it, without building the whole overview: the editor
    asks for this on every switch of day."""
    trip = TripInfo.of(get_trip(session, trip_id))
    index = trip.day_index(day)
    row = session.scalars(select(Day).where(Day.trip_id == trip.id, Day.date == day)).one_or_none()
    count, first = 0, None
    if index is not None:
        photo_ids = list(
            session.scalars(
                select(Photo.id)
                .where(Photo.trip_id == trip.id, Photo.day_date == day)
                .order_by(Photo.position, Photo.id)
            )
        )
        count, first = len(photo_ids), (photo_ids[0] if photo_ids else None)
    if row is None:
        return DayInfo(day, index, "", "", 0, count, first)
    return DayInfo.of(row, index, count, _chosen_covers(session, trip.id, day).get(day) or first)


def resolve_day(trip: TripInfo, reference: str) -> date:
    """A day named as the user would: its number ("0", "Day 0") or its date ("2023-09-16")."""
    text = reference.strip()
    lowered = text.lower().removeprefix("day").strip()
    if lowered.isdigit():
        index = int(lowered)
        if index >= trip.day_count:
            raise InvalidInputError(
                f"{trip.title} has days 0 to {trip.day_count - 1}; there is no Day {index}."
            )
        return trip.start_date + timedelta(days=index)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(
            f"Invalid day {reference!r}: give its number (0 for the first day) or its date "
            "(YYYY-MM-DD)."
        ) from None


def resolve_text(trip: TripInfo, reference: str) -> TextTarget:
    """A text named as the user would: ``intro``, ``closing``, or a day (see ``resolve_day``)."""
    named = reference.strip().lower()
    if named == TextPart.INTRO:
        return TextTarget.intro()
    if named == TextPart.CLOSING:
        return TextTarget.closing()
    return TextTarget.of_day(resolve_day(trip, reference))


def text(session: Session, trip_id: int, target: TextTarget) -> tuple[str, str]:
    """(title, body) of ``target``; the intro and the closing have no title ("")."""
    if target.day is not None:
        day = day_info(session, trip_id, target.day)
        return day.title, day.body
    trip = get_trip(session, trip_id)
    return "", trip.intro if target.part is TextPart.INTRO else trip.closing


def set_text(
    session: Session, trip_id: int, target: TextTarget, body: str, title: str | None = None
) -> Changes:
    """Replace ``target``'s text, and a day's title unless ``title`` is None."""
    if target.day is not None:
        return set_day_text(session, trip_id, target.day, body, title)
    if title:
        raise InvalidInputError(f"Only a day's text has a title; the {target.part} has none.")
    if target.part is TextPart.INTRO:
        return edit_trip(session, trip_id, TripEdit(intro=body))
    return edit_trip(session, trip_id, TripEdit(closing=body))


def set_day_text(
    session: Session, trip_id: int, day: date, body: str, title: str | None = None
) -> Changes:
    """Replace a day's text (and title); a date outside the trip is allowed only if it has text."""
    trip = get_trip(session, trip_id)
    info = TripInfo.of(trip)
    row = session.scalars(select(Day).where(Day.trip_id == trip.id, Day.date == day)).one_or_none()
    if info.day_index(day) is None and row is None:
        raise InvalidInputError(
            f"{day} is not a day of {trip.title} ({trip.start_date} to {trip.end_date})."
        )
    if row is None:
        row = Day(trip_id=trip.id, date=day, title="", body="")
        session.add(row)
    row.body = body
    if title is not None:
        row.title = validation.one_line(title)
    session.flush()
    return Changes(trip=info, days=frozenset({day}))
