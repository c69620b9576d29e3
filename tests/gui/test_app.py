import dataclasses
from datetime import date

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from journal.gui import preferences as prefs
from journal.gui.main_window import MainWindow
from journal.gui.timeline_entries import EntryKey, EntryKind, TimelineEntry
from journal.gui.timeline_pane import TimelineModel
from journal.services import JournalService, NewTrip, TextTarget, TripInfo


def test_main_window_shows_the_app_name_and_menus(make_window) -> None:
    window: MainWindow = make_window()

    assert window.windowTitle() == "Trip Journal"
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Trip", "&Help"]
    assert window.stack.currentWidget() is window.empty_state


def test_the_welcome_text_gets_every_line_it_needs(qtbot: QtBot, make_window) -> None:
    window: MainWindow = make_window()
    window.resize(900, 600)
    qtbot.waitExposed(window)
    [text] = [
        label
        for label in window.empty_state.findChildren(QLabel)
        if "drop your photos" in label.text()
    ]

    assert text.height() >= text.heightForWidth(text.width())
    assert text.heightForWidth(text.width()) > text.fontMetrics().height() * 2


def test_the_last_trip_opens_with_every_section_in_the_timeline(
    qtbot: QtBot, make_window, seattle: TripInfo
) -> None:
    window: MainWindow = make_window()

    qtbot.waitUntil(lambda: window.timeline_model.rowCount() > 0)
    entries = [window.timeline_model.entry(row) for row in range(window.timeline_model.rowCount())]
    assert [entry.key for entry in entries] == [
        TextTarget.intro(),
        *[TextTarget.of_day(date(2023, 9, day)) for day in range(16, 22)],
        TextTarget.closing(),
        EntryKind.UNASSIGNED,
    ]
    assert entries[1].label == "Day 0 · Sat 16 Sep"
    assert window.windowTitle() == "Seattle 2023 — Trip Journal"
    qtbot.waitUntil(lambda: window.editor.heading.text() == "Day 0 · Sat 16 Sep")


def test_text_kept_outside_the_trip_dates_is_listed_last(
    qtbot: QtBot, make_window, service: JournalService, seattle: TripInfo
) -> None:
    service.set_day_text(seattle.id, date(2023, 9, 21), "마지막 날")
    service.set_trip_dates(seattle.id, date(2023, 9, 16), date(2023, 9, 20))
    window: MainWindow = make_window()

    qtbot.waitUntil(lambda: window.timeline_model.rowCount() > 0)
    last = window.timeline_model.entry(window.timeline_model.rowCount() - 1)
    assert (last.day, last.in_trip, last.word_count) == (date(2023, 9, 21), False, 2)
    assert not last.accepts_photos


def test_the_demo_trip_opens_with_photos_on_several_days(
    qtbot: QtBot, make_window, service: JournalService
) -> None:
    window: MainWindow = make_window()
    window.actions_.demo_trip.trigger()

    qtbot.waitUntil(lambda: window.windowTitle().startswith("Seattle 2023 (demo)"), timeout=20_000)
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 5)
    entries = [window.timeline_model.entry(row) for row in range(window.timeline_model.rowCount())]
    days_with_photos = [e for e in entries if e.is_day and e.photo_count]
    assert len(days_with_photos) == 5
    assert entries[-1].key is EntryKind.UNASSIGNED
    assert entries[-1].photo_count == 1
    assert "photo:" in window.editor.editor.toPlainText()


def test_last_trip_splitters_and_geometry_are_restored(
    qtbot: QtBot, make_window, service: JournalService, seattle: TripInfo, preferences
) -> None:
    jeju = service.create_trip(
        NewTrip("제주 2024", date(2024, 5, 1), date(2024, 5, 3), "Asia/Seoul")
    )
    assert jeju.trip is not None
    first: MainWindow = make_window()
    qtbot.waitUntil(lambda: first.trip is not None)
    first.open_trip(seattle.id)
    qtbot.waitUntil(lambda: first.windowTitle() == "Seattle 2023 — Trip Journal")
    first.panes.setSizes([333, 900])
    first.resize(640, 480)
    first.close()

    second: MainWindow = make_window()
    qtbot.waitUntil(lambda: second.windowTitle() == "Seattle 2023 — Trip Journal")
    assert second.panes.sizes()[0] == 333
    assert (second.width(), second.height()) == (640, 480)
    assert preferences.get(prefs.LAST_TRIP) == seattle.id


def test_photos_on_their_way_are_counted_until_they_arrive() -> None:
    model = TimelineModel()
    day = TimelineEntry(TextTarget.of_day(date(2023, 9, 16)), "Day 0 · Sat 16 Sep", "", 0, 2, None)
    tray = TimelineEntry(None, "Unassigned", "", 0, 0, None)
    model.set_entries([day, tray])

    model.set_incoming({date(2023, 9, 16): 5, None: 1})
    assert (model.incoming(day), model.incoming(tray)) == (5, 1)
    arrived = dataclasses.replace(day, photo_count=5)
    model.set_entries([arrived, tray])
    assert model.incoming(arrived) == 2
    model.set_incoming({})
    assert model.incoming(arrived) == 0


def test_each_trip_reopens_on_the_section_last_shown(
    qtbot: QtBot, make_window, service: JournalService, seattle: TripInfo
) -> None:
    jeju = service.create_trip(
        NewTrip("제주 2024", date(2024, 5, 1), date(2024, 5, 3), "Asia/Seoul")
    ).trip
    assert jeju is not None

    def show(window: MainWindow, key: EntryKey) -> None:
        row = window.timeline_model.row_of(key)
        assert row is not None
        window.timeline.setCurrentIndex(window.timeline_model.index(row))

    def shown(window: MainWindow) -> EntryKey | None:
        index = window.timeline.currentIndex()
        return window.timeline_model.entry(index.row()).key if index.isValid() else None

    first: MainWindow = make_window()
    first.open_trip(seattle.id)
    qtbot.waitUntil(lambda: shown(first) == TextTarget.of_day(date(2023, 9, 16)))
    show(first, TextTarget.of_day(date(2023, 9, 19)))
    first.open_trip(jeju.id)
    qtbot.waitUntil(lambda: shown(first) == TextTarget.of_day(date(2024, 5, 1)))
    show(first, TextTarget.closing())
    first.open_trip(seattle.id)
    qtbot.waitUntil(lambda: shown(first) == TextTarget.of_day(date(2023, 9, 19)))
    first.close()

    second: MainWindow = make_window()
    qtbot.waitUntil(lambda: second.trip is not None and second.trip.id == seattle.id)
    qtbot.waitUntil(lambda: shown(second) == TextTarget.of_day(date(2023, 9, 19)))
    assert second.editor.heading.text() == "Day 3 · Tue 19 Sep"
    second.open_trip(jeju.id)
    qtbot.waitUntil(lambda: shown(second) == TextTarget.closing())


def test_a_trip_opened_by_hand_is_not_replaced_by_the_one_start_up_picked(
    qtbot: QtBot, make_window, service: JournalService, seattle: TripInfo
) -> None:
    # The newest trip is what start-up shows when no trip was open before.
    service.create_trip(NewTrip("제주 2024", date(2024, 5, 1), date(2024, 5, 3), "Asia/Seoul"))
    window: MainWindow = make_window()

    window.open_trip(seattle.id)  # before start-up's choice has arrived

    qtbot.waitUntil(lambda: window.trip is not None)
    assert window.runner.wait_for_database()
    qtbot.wait(200)  # let every queued answer be delivered
    assert window.trip is not None
    assert window.trip.id == seattle.id
    assert window.windowTitle() == "Seattle 2023 — Trip Journal"
