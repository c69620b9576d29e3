"""What a mutation changed, so that each view refreshes only that (and the CLI can report it)."""

from dataclasses import dataclass, field
from datetime import date

from journal.services.snapshots import TripInfo
from journal.texts import TextTarget


@dataclass(frozen=True)
class Changes:
    """The result of one service mutation, which ran as one transaction."""

    #: The trip as it is after the change (None when it was deleted or none was involved).
    trip: TripInfo | None = None
    #: A trip was created, deleted or renamed: lists of trips need refreshing.
    trip_list: bool = False
    #: The trip's own fields (title, zone, categories, intro, closing, ...) changed.
    trip_details: bool = False
    #: The trip's dates changed, so its list of days was re-derived.
    day_range: bool = False
    #: Days whose text or photos changed.
    days: frozenset[date] = field(default_factory=frozenset)
    #: Photos whose day, order, caption or time changed.
    photos: frozenset[int] = field(default_factory=frozenset)
    #: Dates whose text was kept although they fell outside the trip's new dates.
    notes_outside_range: tuple[date, ...] = ()
    #: The operation itself rewrote text (a deleted photo's references were taken out): an
    #: editor showing one of ``days``, or the intro or closing when ``trip_details``, must load
    #: it again, or its next save would write the old text back.
    text_rewritten: bool = False

    def rewrote(self, trip_id: int, target: TextTarget) -> bool:
        """Whether the operation itself rewrote ``target``, a text of trip ``trip_id`` (see
        ``text_rewritten``)."""
        if not self.text_rewritten or self.trip is None or self.trip.id != trip_id:
            return False
        return target.day in self.days if target.day is not None else self.trip_details
