"""The places of a trip in its post: ``places`` and ``location`` front matter, and optionally in
the day headings, from real photos at known GPS positions named by the installed index."""

import html
from datetime import date
from pathlib import Path

import pytest

from journal.export import ExportFormat, ExportSettings
from journal.places.finder import place_finder
from journal.services import JournalService, NewTrip, TripInfo
from tests.export.conftest import AddPhoto
from tests.export.test_hugo_build import HUGO, build_site, make_site
from tests.export.test_post_export import split_post

PIKE_PLACE = (47.6097, -122.3422)
REDMOND = (47.674, -122.1215)
SEOUL = (37.5663, 126.9779)


def gps_at(latitude: float, longitude: float) -> dict[int, object]:
    """The EXIF GPS tags of a position (degrees, minutes, seconds)."""

    def dms(value: float) -> tuple[float, float, float]:
        degrees, rest = divmod(abs(value) * 3600, 3600)
        minutes, seconds = divmod(rest, 60)
        return (degrees, minutes, round(seconds, 2))

    return {
        1: "N" if latitude >= 0 else "S",
        2: dms(latitude),
        3: "E" if longitude >= 0 else "W",
        4: dms(longitude),
    }


def seattle_and_seoul(service: JournalService, add_photo: AddPhoto) -> TripInfo:
    """Day 1 in Seattle then Redmond (titled), Day 3 in Seoul (untitled)."""
    changes = service.create_trip(
        NewTrip(
            title="Seattle and Seoul",
            start_date=date(2023, 9, 16),
            end_date=date(2023, 9, 19),
            timezone="America/Los_Angeles",
            slug="seattle-seoul",
        )
    )
    assert changes.trip is not None
    trip = changes.trip
    day1, day3 = date(2023, 9, 17), date(2023, 9, 19)
    add_photo(trip, day1, offset="-07:00", gps=gps_at(*PIKE_PLACE))
    add_photo(trip, day1, offset="-07:00", gps=gps_at(*REDMOND))
    add_photo(trip, day3, offset="+09:00", gps=gps_at(*SEOUL))
    service.set_day_text(trip.id, day1, "Fish flying.", title="Pike Place Market")
    service.set_day_text(trip.id, day3, "Palaces.")
    return trip


def export(service: JournalService, trip: TripInfo, folder: Path, **options: object) -> str:
    export_format = options.pop("format", ExportFormat.JEKYLL)
    settings = ExportSettings(format=export_format, folder=folder, **options)  # type: ignore[arg-type]
    [post] = service.export_trip(trip.id, settings, overwrite=True).posts
    return post.read_text(encoding="utf-8")


@pytest.mark.parametrize("export_format", [ExportFormat.JEKYLL, ExportFormat.HUGO])
def test_a_new_post_names_its_cities_in_visiting_order_and_its_main_country(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path, export_format: ExportFormat
) -> None:
    trip = seattle_and_seoul(service, add_photo)
    front, body = split_post(export(service, trip, tmp_path, format=export_format))
    assert front["places"] == ["Seattle", "Redmond", "Seoul"]
    assert front["location"] == "United States"
    headings = [line for line in body.splitlines() if line.startswith("## ")]
    assert headings == ["## Day 1 — Pike Place Market", "## Day 3"]


def test_a_one_city_trip_is_located_at_its_city_and_plain_markdown_has_no_location(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path
) -> None:
    trip = seattle_and_seoul(service, add_photo)
    [seoul] = [photo.id for photo in service.all_photos(trip.id) if photo.gps_latitude == SEOUL[0]]
    service.move_photos(trip.id, [seoul], None)  # unassigned: not in the post's places
    front, _ = split_post(export(service, trip, tmp_path / "site"))
    assert (front["places"], front["location"]) == (["Seattle", "Redmond"], "United States")

    [redmond] = [p.id for p in service.all_photos(trip.id) if p.gps_latitude == REDMOND[0]]
    service.move_photos(trip.id, [redmond], None)
    front, _ = split_post(export(service, trip, tmp_path / "site"))
    assert (front["places"], front["location"]) == (["Seattle"], "Seattle, United States")

    front, _ = split_post(export(service, trip, tmp_path / "plain", format=ExportFormat.MARKDOWN))
    assert front["places"] == ["Seattle"]
    assert "location" not in front


def test_places_in_headings_are_read_back_as_the_same_days_with_their_titles(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path
) -> None:
    trip = seattle_and_seoul(service, add_photo)
    service.set_day_text(trip.id, date(2023, 9, 18), "Rain.", title="Tea · Coffee")
    site = tmp_path / "site"
    text = export(service, trip, site, places_in_headings=True)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Day 1 — Pike Place Market · Seattle → Redmond",
        "## Day 2 — Tea · Coffee",
        "## Day 3 · Seoul",
    ]

    [post] = site.glob("_posts/*.md")
    imported = service.import_post(service.plan_post(post, first_day=date(2023, 9, 16))).trip
    days = service.days(imported.id)
    titles = {day.date: day.title for day in days.days if day.body.strip()}
    assert titles == {
        date(2023, 9, 17): "Pike Place Market",
        date(2023, 9, 18): "Tea · Coffee",
        date(2023, 9, 19): "",
    }


def test_without_a_place_index_the_post_has_no_places_and_the_report_says_why_once(
    service: JournalService,
    add_photo: AddPhoto,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    trip = seattle_and_seoul(service, add_photo)
    monkeypatch.setenv("TRIP_JOURNAL_PLACES", str(tmp_path / "missing.sqlite"))
    place_finder.cache_clear()  # the installed index, opened by the tests before this one
    request.addfinalizer(place_finder.cache_clear)
    settings = ExportSettings(folder=tmp_path / "site", places_in_headings=True)
    report = service.export_trip(trip.id, settings)
    front, body = split_post(report.posts[0].read_text(encoding="utf-8"))
    assert not {"places", "location"} & set(front)
    assert "## Day 3\n" in body
    [note] = report.notes
    assert "python -m journal.places.build" in note


#: A page layout that shows the post's places, as a theme would.
PLACES_LAYOUT = """\
<!doctype html><html><body><h1>{{ .Title }}</h1>
<p class="location">{{ .Params.location }}</p>
<ul>{{ range .Params.places }}<li>{{ . }}</li>{{ end }}</ul>
{{ .Content }}
</body></html>
"""


@pytest.mark.skipif(HUGO is None, reason="hugo is not installed (Debian package hugo; .ci/run)")
def test_hugo_renders_the_places_front_matter_and_the_headings(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path
) -> None:
    trip = seattle_and_seoul(service, add_photo)
    site = tmp_path / "site"
    make_site(site)
    (site / "layouts" / "_default" / "single.html").write_text(PLACES_LAYOUT, encoding="utf-8")
    export(service, trip, site, format=ExportFormat.HUGO, places_in_headings=True)

    public = tmp_path / "public"
    build_site(site, public)
    page = (public / "posts" / "seattle-seoul" / "index.html").read_text(encoding="utf-8")
    assert '<p class="location">United States</p>' in page
    assert "<ul><li>Seattle</li><li>Redmond</li><li>Seoul</li></ul>" in page
    assert "Day 1 — Pike Place Market · Seattle → Redmond</h2>" in html.unescape(page)


def test_a_post_written_back_into_its_site_keeps_only_the_keys_it_had(
    service: JournalService, add_photo: AddPhoto, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    make_site(site)
    post = site / "content" / "posts" / "seattle" / "index.md"
    post.parent.mkdir(parents=True)
    post.write_text(
        "---\ntitle: Seattle\ndate: 2023-09-16\nlayout: trip\n---\n\nHello.\n\n"
        "## Day 1 — Market\n\nFish.\n",
        encoding="utf-8",
    )
    trip = service.import_post(service.plan_post(post)).trip
    add_photo(trip, date(2023, 9, 16), offset="-07:00", gps=gps_at(*PIKE_PLACE))

    text = export(service, trip, site, format=ExportFormat.HUGO, places_in_headings=True)
    front, body = split_post(text)
    assert list(front) == ["title", "date", "layout"]
    # The kept heading still says the day's title: written back as it was.
    assert "## Day 1 — Market\n" in body
