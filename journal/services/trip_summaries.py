"""What the list of trips shows of each: its cover, dates and counts, read in one pass over the
library's photos (not one trip's days at a time), so the list opens at once on many trips."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from journal.services.snapshots import TripInfo
from journal.services.trip_ops import list_trips
from journal.store.models import Photo


@dataclass(frozen=True)
class TripSummary:
    trip: TripInfo
    photo_count: int
    #: The trip's cover, else its first photo (first day, first place; Unassigned last); None
    #: without photos.
    cover_photo_id: int | None


def trip_summaries(session: Session) -> list[TripSummary]:
    """Every trip, newest first (as ``list_trips``), with what its entry in the list shows."""
    counts: dict[int, int] = {}
    firsts: dict[int, int] = {}
    live_ids: set[int] = set()
    for trip_id, photo_id in session.execute(
        select(Photo.trip_id, Photo.id)
        .where(Photo.removed_utc.is_(None))
        .order_by(Photo.day_date.is_(None), Photo.day_date, Photo.position, Photo.id)
    ):
        counts[trip_id] = counts.get(trip_id, 0) + 1
        firsts.setdefault(trip_id, photo_id)
        live_ids.add(photo_id)
    return [
        TripSummary(
            trip,
            counts.get(trip.id, 0),
            trip.cover_photo_id if trip.cover_photo_id in live_ids else firsts.get(trip.id),
        )
        for trip in list_trips(session)
    ]
