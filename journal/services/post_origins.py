"""An imported post's origin (``PostOrigin``), kept with its trip for the trip's exports.

It is stored under a key of its own in the trip's export settings (JSON), so it needs no column
of its own, and it outlives every save of the export choices (``kept_origin``): the post keeps
its identity however often the trip is exported. A trip that was never imported has none.
"""

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from journal.post_import.post_origin import PostOrigin
from journal.services.trip_ops import get_trip
from journal.store.models import Trip

#: The key of the origin in ``Trip.export_settings``.
ORIGIN_KEY = "post_origin"


def origin_of(trip: Trip) -> PostOrigin | None:
    """The origin of the post ``trip`` was imported from (None if it never was): the one place
    that knows where the import keeps it."""
    return PostOrigin.from_json(trip.export_settings.get(ORIGIN_KEY))


def set_post_origin(session: Session, trip_id: int, origin: PostOrigin) -> None:
    trip = get_trip(session, trip_id)
    trip.export_settings = {**trip.export_settings, ORIGIN_KEY: origin.to_json()}
    session.flush()


def kept_origin(stored: Mapping[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    """The export ``settings`` to store, with the origin ``stored`` settings hold."""
    if ORIGIN_KEY in stored:
        return {**settings, ORIGIN_KEY: stored[ORIGIN_KEY]}
    return settings
