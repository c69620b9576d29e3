"""Trashed rows are invisible: the one place that keeps removed photos and deleted trips out of
every query.

Removing photos or deleting a trip only stamps ``removed_utc`` (so Undo can bring them back), and
this filter adds "not in the trash" to every ORM ``SELECT`` of photos and trips, so no listing,
count or lookup has to remember it. What must see the trash says so: a statement with the
execution option ``INCLUDE_TRASHED`` (the files in use, the slugs taken), or a session whose
``info`` carries it (undo and emptying the trash, which work on trashed rows).
"""

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker, with_loader_criteria

from journal.store.models import Photo, Trip

INCLUDE_TRASHED = "include_trashed"


def _hide_trashed(state: ORMExecuteState) -> None:
    if (
        not state.is_select
        or state.execution_options.get(INCLUDE_TRASHED, False)
        or state.session.info.get(INCLUDE_TRASHED, False)
    ):
        return
    state.statement = state.statement.options(
        with_loader_criteria(Photo, Photo.removed_utc.is_(None), include_aliases=True),
        with_loader_criteria(Trip, Trip.removed_utc.is_(None), include_aliases=True),
    )


def hide_trash(sessions: "sessionmaker[Session]") -> None:
    """Keep trashed rows out of every query of the sessions ``sessions`` makes."""
    event.listen(sessions, "do_orm_execute", _hide_trashed)
