import dataclasses
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from journal.gui import preferences as prefs
from journal.gui.main_window import MainWindow
from journal.gui.timeline_entries import EntryKey, EntryKind, TimelineEntry
from journal.gui.timeline_pane import TimelineModel
from journal.services import JournalService, NewTrip, TextTarget, TripEdit, TripInfo
from tests.gui.windows import MakeWindow
from tests.photos.photo_files import exif_for, write_photo


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

    assert window.timeline_model.rowCount() > 0
    entries = [window.timeline_model.entry(row) for row in range(window.timeline_model.rowCount())]
    assert [entry.key for entry in entries] == [
        TextTarget.intro(),
        *[TextTarget.of_day(date(2023, 9, day)) for day in range(16, 22)],
        TextTarget.closing(),
        EntryKind.UNASSIGNED,
    ]
    assert entries[1].label == "Day 0 · Sat 16 Sep"
    assert window.windowTitle() == "Seattle 2023 — Trip Journal"
    assert window.editor.heading.text() == "Day 0 · Sat 16 Sep"


def test_text_kept_outside_the_trip_dates_is_listed_last(
    qtbot: QtBot, make_window, service: JournalService, seattle: TripInfo
) -> None:
    service.set_day_text(seattle.id, date(2023, 9, 21), "마지막 날")
    service.set_trip_dates(seattle.id, date(2023, 9, 16), date(2023, 9, 20))
    window: MainWindow = make_window()

    assert window.timeline_model.rowCount() > 0
    last = window.timeline_model.entry(window.timeline_model.rowCount() - 1)
    assert (last.day, last.in_trip, last.word_count) == (date(2023, 9, 21), False, 2)
    assert not last.accepts_photos


def test_the_demo_trip_opens_with_photos_on_several_days(
    qtbot: QtBot, make_window, service: JournalService
) -> None:
    window: MainWindow = make_window()
    window.actions_.demo_trip.trigger()

    assert window.windowTitle().startswith("Seattle 2023 (demo)")
    assert window.gallery_model.rowCount() == 5
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
    assert first.trip is not None
    first.open_trip(seattle.id)
    assert first.windowTitle() == "Seattle 2023 — Trip Journal"
    first.panes.setSizes([333, 900])
    first.resize(640, 480)
    first.close()

    second: MainWindow = make_window()
    assert second.windowTitle() == "Seattle 2023 — Trip Journal"
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
    assert shown(first) == TextTarget.of_day(date(2023, 9, 16))
    show(first, TextTarget.of_day(date(2023, 9, 19)))
    first.open_trip(jeju.id)
    assert shown(first) == TextTarget.of_day(date(2024, 5, 1))
    show(first, TextTarget.closing())
    first.open_trip(seattle.id)
    assert shown(first) == TextTarget.of_day(date(2023, 9, 19))
    first.close()

    second: MainWindow = make_window()
    assert second.trip is not None
    assert second.trip.id == seattle.id
    assert shown(second) == TextTarget.of_day(date(2023, 9, 19))
    assert second.editor.heading.text() == "Day 3 · Tue 19 Sep"
    second.open_trip(jeju.id)
    assert shown(second) == TextTarget.closing()


def test_a_trip_opened_by_hand_is_not_replaced_by_the_one_start_up_picked(
    qtbot: QtBot, make_window, service: JournalService, seattle: TripInfo
) -> None:
    # The newest trip is what start-up shows when no trip was open before.
    service.create_trip(NewTrip("제주 2024", date(2024, 5, 1), date(2024, 5, 3), "Asia/Seoul"))
    window: MainWindow = make_window(threads=True)  # answers that arrive late, as they do

    window.open_trip(seattle.id)  # before start-up's choice has arrived

    qtbot.waitUntil(lambda: window.trip is not None)
    assert window.runner.wait_for_database()
    qtbot.wait(200)  # let every queued answer be delivered
    assert window.trip is not None
    assert window.trip.id == seattle.id
    assert window.windowTitle() == "Seattle 2023 — Trip Journal"


def test_every_view_refreshes_from_the_hub_whoever_changed_the_library(
    make_window: MakeWindow, service: JournalService, seattle: TripInfo, tmp_path: Path
) -> None:
    """The views listen to the hub, not to the action that made a change: ``Changes`` told to
    the hub from anywhere refresh the title, the trips menu, the timeline, the gallery and the
    editor (here a deleted photo's reference goes from the text shown)."""
    photo = write_photo(tmp_path / "a.jpg", exif_for(original="2023:09:16 10:00:00"))
    service.import_photos(seattle.id, [photo])
    [imported] = service.photos(seattle.id, date(2023, 9, 16))
    service.set_day_text(seattle.id, date(2023, 9, 16), f"Arrived. ![](photo:{imported.id})")
    window = make_window()
    assert window.gallery_model.rowCount() == 1

    window.hub.report(service.edit_trip(seattle.id, TripEdit(title="Seattle & Tacoma")))
    window.hub.report(service.delete_photos(seattle.id, [imported.id]), "Remove 1 photo")

    assert window.windowTitle() == "Seattle & Tacoma — Trip Journal"
    [menu_entry] = window.actions_.trips_menu.actions()
    assert menu_entry.iconText() == "Seattle & Tacoma  (2023-09-16)"
    assert window.timeline_model.entry(1).photo_count == 0
    assert window.gallery_model.rowCount() == 0
    assert window.editor.editor.toPlainText() == "Arrived."
