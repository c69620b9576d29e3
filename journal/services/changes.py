"""What a mutation changed, so that each view refreshes only that (and the CLI can report it)."""

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from journal.services.snapshots import TripInfo
from journal.texts import TextTarget

if TYPE_CHECKING:
    from journal.services.undo_steps import UndoStep


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
    #: What takes this change back (``JournalService.revert``); None when nothing can or need be.
    undo: "UndoStep | None" = None

    def rewrote(self, trip_id: int, target: TextTarget) -> bool:
        """Whether the operation itself rewrote ``target``, a text of trip ``trip_id`` (see
        ``text_rewritten``)."""
        if not self.text_rewritten or self.trip is None or self.trip.id != trip_id:
            return False
        return target.day in self.days if target.day is not None else self.trip_details

    def merged(self, later: "Changes") -> "Changes":
        """This change and a ``later`` one of the same transaction, as one: the trip as the
        later one left it, everything either changed."""
        return dataclasses.replace(
            self,
            trip=later.trip if later.trip is not None else self.trip,
            trip_list=self.trip_list or later.trip_list,
            trip_details=self.trip_details or later.trip_details,
            day_range=self.day_range or later.day_range,
            days=self.days | later.days,
            photos=self.photos | later.photos,
            notes_outside_range=tuple(
                dict.fromkeys((*self.notes_outside_range, *later.notes_outside_range))
            ),
            text_rewritten=self.text_rewritten or later.text_rewritten,
        )
