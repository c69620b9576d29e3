"""File ▸ Open Trip: every trip in the library, the open one checked, and which trip to show when
the list changes."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from journal.gui.mnemonics import shown_as_written
from journal.gui.preferences import NEVER_OPENED
from journal.services.trip_summaries import TripSummary

#: How wide a trip's title may be in the menu, in average characters.
TITLE_CHARACTERS = 48


def fill_trips_menu(
    menu: QMenu, trips: list[TripSummary], open_id: int | None, choose: Callable[[int], None]
) -> None:
    """One checkable entry per trip; choosing one calls ``choose`` with its id. A long title is
    elided (the whole of it in the entry's tooltip), so the menu never spans the screen."""
    menu.clear()
    menu.setToolTipsVisible(True)
    group = QActionGroup(menu)
    metrics = menu.fontMetrics()
    width = metrics.averageCharWidth() * TITLE_CHARACTERS
    for trip in (summary.trip for summary in trips):
        title = metrics.elidedText(trip.title, Qt.TextElideMode.ElideRight, width)
        label = f"{title}  ({trip.start_date:%Y-%m-%d})"
        action = QAction(shown_as_written(label), menu)
        action.setToolTip(trip.title)
        action.setCheckable(True)
        action.setData(trip.id)
        action.setChecked(trip.id == open_id)
        action.triggered.connect(lambda _checked=False, tid=trip.id: choose(tid))
        group.addAction(action)
        menu.addAction(action)
    menu.setEnabled(bool(trips))


def check_open_trip(menu: QMenu, trip_id: int) -> None:
    for action in menu.actions():
        action.setChecked(action.data() == trip_id)


def trip_to_show(ids: list[int], asked: int | None, requested: int | None) -> int | None:
    """The trip to show from the library's ``ids``: the one ``asked`` for, else the one last
    requested (still opening), else on a first start the first (the newest). None shows the
    list of trips: after the open trip was deleted, or when it was shown at the last quit."""
    if asked in ids:
        return asked
    if requested in ids:
        return requested
    return ids[0] if ids and asked == NEVER_OPENED else None
