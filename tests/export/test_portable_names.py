"""Slugs and exported paths open on every platform: no Windows device names (issue 11.15)."""

from datetime import date
from pathlib import Path, PurePosixPath

import pytest

from journal.errors import InvalidInputError
from journal.export import ExportError, ExportFormat, ExportSettings
from journal.export.safe_paths import inside
from journal.portable_names import is_windows_device, portability_problem
from journal.services import JournalService, NewTrip, TripEdit, TripInfo
from journal.store.library import Library
from journal.store.models import Trip
from tests.export.conftest import AddPhoto

DEVICE_TITLES = ["CON", "nul", "Aux", "PRN", "com1", "LPT9", "Com0"]


def new_trip(service: JournalService, title: str, slug: str | None = None) -> TripInfo:
    changes = service.create_trip(
        NewTrip(title, date(2023, 9, 16), date(2023, 9, 17), "Asia/Seoul", slug=slug)
    )
    assert changes.trip is not None
    return changes.trip


@pytest.mark.parametrize("title", DEVICE_TITLES)
def test_a_title_windows_reserves_gets_a_slug_it_does_not(
    service: JournalService, title: str
) -> None:
    trip = new_trip(service, title)
    assert trip.slug == f"{title.lower()}-trip"
    assert not is_windows_device(trip.slug)


@pytest.mark.parametrize("slug", ["con", "nul", "aux", "prn", "com1", "lpt9"])
def test_a_reserved_slug_typed_by_the_user_is_refused_saying_why(
    service: JournalService, tmp_path: Path, slug: str
) -> None:
    message = (
        f"Invalid slug '{slug}': Windows reserves {slug.upper()} for a device, so an exported "
        f"folder named so could not be opened there; use e.g. {slug}-trip."
    )
    with pytest.raises(InvalidInputError) as refused:
        new_trip(service, "Anything", slug=slug)
    assert str(refused.value) == message
    trip = new_trip(service, "Anything")
    with pytest.raises(InvalidInputError, match="Windows reserves"):
        service.plan_export(trip.id, ExportSettings(folder=tmp_path, slug=slug))


@pytest.mark.parametrize("export_format", list(ExportFormat))
@pytest.mark.parametrize("per_day", [False, True])
def test_a_trip_slugged_con_before_this_rule_exports_to_names_windows_opens(
    service: JournalService,
    library: Library,
    add_photo: AddPhoto,
    tmp_path: Path,
    export_format: ExportFormat,
    per_day: bool,
) -> None:
    trip = new_trip(service, "Con")
    with library.session() as session:  # as an older Trip Journal named it
        row = session.get(Trip, trip.id)
        assert row is not None
        row.slug = "con"
    for day in (date(2023, 9, 16), date(2023, 9, 17)):
        photo = add_photo(trip, day)
        service.set_day_text(trip.id, day, f"![a day](photo:{photo})\n")
    site = tmp_path / "site"

    report = service.export_trip(
        trip.id, ExportSettings(format=export_format, folder=site, per_day=per_day)
    )

    assert report.broken_links == ()
    written = [path.relative_to(site) for path in site.rglob("*")]
    files = [path for path in written if (site / path).is_file()]
    assert len(files) == len(report.posts) + report.images
    for path in written:
        for part in path.parts:
            assert portability_problem(part) is None, path
    assert any("con-trip" in path.as_posix() for path in written)


def _slugged_before_the_rule(service: JournalService, library: Library, slug: str) -> TripInfo:
    """A trip whose slug an older Trip Journal made: a name Windows reserves."""
    trip = new_trip(service, "Old")
    with library.session() as session:
        row = session.get(Trip, trip.id)
        assert row is not None
        row.slug = slug
    return service.trip(trip.id)


def test_a_new_slug_never_takes_the_name_an_older_trip_exports_as(
    service: JournalService, library: Library, tmp_path: Path
) -> None:
    old = _slugged_before_the_rule(service, library, "nul")

    made = new_trip(service, "NUL")
    with pytest.raises(InvalidInputError) as typed:
        new_trip(service, "Anything", slug="nul-trip")
    other = new_trip(service, "Other")
    with pytest.raises(InvalidInputError) as edited:
        service.edit_trip(other.id, TripEdit(slug="nul-trip"))

    assert made.slug == "nul-trip-2"
    message = (
        "Another trip's slug 'nul' exports as 'nul-trip', so the two would share a folder; "
        "choose another slug."
    )
    assert str(typed.value) == str(edited.value) == message
    exported = set()
    for trip in (old, made):
        service.edit_trip(trip.id, TripEdit(intro="Text."))
        plan = service.plan_export(trip.id, ExportSettings(ExportFormat.HUGO, folder=tmp_path))
        exported.add(plan.posts[0].file.parent)
    assert exported == {
        PurePosixPath("content/posts/nul-trip"),
        PurePosixPath("content/posts/nul-trip-2"),
    }


@pytest.mark.parametrize(
    ("relative", "problem"),
    [
        ("assets/images/con/day-0-01.jpg", "Windows reserves the name 'con' for a device"),
        ("content/posts/NUL.md", "Windows reserves the name 'NUL.md' for a device"),
        ("assets/lpt1.tar.gz", "Windows reserves"),
        ("assets/images/trip./a.jpg", "Windows drops the dot or space that 'trip.' ends with"),
        ("assets/images/trip /a.jpg", "Windows drops the dot or space"),
        ("assets/a:b.jpg", "Windows does not allow ':' in a file name such as 'a:b.jpg'"),
        (f"assets/{'x' * 252}.jpg", "longer than the 255 bytes a file name may have"),
    ],
)
def test_no_export_path_windows_cannot_open_is_ever_written(
    tmp_path: Path, relative: str, problem: str
) -> None:
    with pytest.raises(ExportError, match="Refusing to write") as refused:
        inside(tmp_path, PurePosixPath(relative))
    assert problem in str(refused.value)


@pytest.mark.parametrize(
    ("name", "device"),
    [
        ("con", True),
        ("CON", True),
        ("Con.md", True),
        ("nul.tar.gz", True),
        ("com9", True),
        ("lpt0", True),
        ("con-trip", False),
        ("console", False),
        ("com10", False),
        ("2023-09-16-con.md", False),
        ("aux-day-1", False),
    ],
)
def test_windows_device_names_with_any_extension_in_any_case(name: str, device: bool) -> None:
    assert is_windows_device(name) is device
