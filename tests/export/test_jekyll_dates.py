"""A Jekyll post lands on its trip's first day whatever the site's ``timezone:`` (issue 13 item 8).

Jekyll shows and links a post on its date in the site's zone. The trip's midnight with its offset
(``2008-10-20 00:00:00 +0200``) is 19 October in UTC, so the post was linked as ``/2008/10/19/``;
the post is now dated at its first photo's time, or noon, when either is that day in UTC too.
"""

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal.export import ExportFormat, ExportSettings
from journal.export.front_matter import post_moment
from journal.services import JournalService, NewTrip, TripEdit
from tests.export.conftest import AddPhoto
from tests.export.test_jekyll_categories import jekyll_build, jekyll_site, needs_jekyll

FIRST_DAY = date(2008, 10, 20)
#: Trips in Berlin (UTC+2 that October): no photo, a photo at 10:00, the first photo at 01:00.
TRIPS = {"no-photo": None, "morning": "10:00:00", "night": "01:00:00"}


def berlin_trip(service: JournalService, add_photo: AddPhoto, slug: str, taken: str | None) -> int:
    trip = service.create_trip(
        NewTrip(slug, FIRST_DAY, FIRST_DAY + timedelta(days=2), "Europe/Berlin", slug=slug)
    ).trip
    assert trip is not None
    service.edit_trip(trip.id, TripEdit(intro="Off to Berlin."))
    if taken is not None:
        add_photo(trip, FIRST_DAY + timedelta(days=1), taken="2008:10:21 09:00:00", offset="+02:00")
        add_photo(trip, FIRST_DAY, taken=f"2008:10:20 {taken}", offset="+02:00")
        add_photo(trip, FIRST_DAY, taken="2008:10:20 15:00:00", offset="+02:00")
    return trip.id


@needs_jekyll
@pytest.mark.parametrize("zone", ["UTC", "America/Los_Angeles", "Pacific/Auckland"])
def test_the_real_jekyll_links_each_post_on_its_first_day(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path, zone: str
) -> None:
    site = jekyll_site(tmp_path / "site", f"title: Test site\ntimezone: {zone}\n")
    for slug, taken in TRIPS.items():
        trip_id = berlin_trip(service, add_photo, slug, taken)
        service.export_trip(trip_id, ExportSettings(format=ExportFormat.JEKYLL, folder=site))

    public = tmp_path / "public"
    build = jekyll_build(site, public)
    assert build.returncode == 0, build.stderr
    pages = sorted(path.relative_to(public).as_posix() for path in public.rglob("*.html"))
    assert pages == [f"2008/10/20/{slug}.html" for slug in sorted(TRIPS)]


def test_the_post_is_dated_at_its_first_photo_else_at_noon(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path
) -> None:
    dates = {}
    for slug, taken in TRIPS.items():
        trip_id = berlin_trip(service, add_photo, slug, taken)
        settings = ExportSettings(format=ExportFormat.JEKYLL, folder=tmp_path)
        text = service.plan_export(trip_id, settings).markdown
        dates[slug] = next(line for line in text.splitlines() if line.startswith("date: "))
    assert dates == {
        "no-photo": "date: 2008-10-20 12:00:00 +0200",
        "morning": "date: 2008-10-20 10:00:00 +0200",
        # 01:00 in Berlin is 23:00 the day before in UTC: noon instead.
        "night": "date: 2008-10-20 12:00:00 +0200",
    }


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Seoul", "2023-09-16T12:00:00+09:00"),
        ("America/Los_Angeles", "2023-09-16T12:00:00-07:00"),
        # Noon here is 22:00 the day before in UTC: halfway between the two midnights instead.
        ("Pacific/Kiritimati", "2023-09-16T19:00:00+14:00"),
        ("Etc/GMT+12", "2023-09-16T06:00:00-12:00"),
    ],
)
def test_a_day_without_photos_is_dated_on_that_day_in_utc_too(zone: str, expected: str) -> None:
    moment = post_moment(date(2023, 9, 16), ZoneInfo(zone))
    assert moment.isoformat() == expected
    assert moment.astimezone(ZoneInfo("UTC")).date() == date(2023, 9, 16)


def test_a_photo_of_another_day_does_not_date_the_post() -> None:
    zone = ZoneInfo("Asia/Seoul")
    taken = [datetime(2023, 9, 17, 9, 0, tzinfo=zone), datetime(2023, 9, 16, 15, 30, tzinfo=zone)]
    assert post_moment(date(2023, 9, 16), zone, taken).isoformat() == "2023-09-16T15:30:00+09:00"
