"""Reading GPX files: what a valid one holds, and every hostile one refused with a clear message."""

import math
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal.tracks import gpx_reading
from journal.tracks.fixes import SegmentKind, pack, unpack
from journal.tracks.gpx_reading import TrackFileError, read_gpx
from tests.tracks.gpx_files import gpx_text, write_gpx

T0 = datetime(2023, 9, 16, 15, 0, 0)


def at(minutes: float) -> datetime:
    return datetime.fromtimestamp(T0.replace(tzinfo=UTC).timestamp() + minutes * 60, UTC).replace(
        tzinfo=None
    )


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_tracks_routes_and_waypoints_of_both_versions(tmp_path: Path, version: str) -> None:
    path = write_gpx(
        tmp_path / "walk.gpx",
        version=version,
        segments=[[(47.6, -122.3, at(0)), (47.61, -122.31, at(1))], [(47.7, -122.4, at(30))]],
        route=[(47.0, -122.0, None), (47.1, -122.1, None)],
        waypoints=[(47.5, -122.5, at(10))],
    )

    track = read_gpx(path)

    assert track.name == "Test track"
    kinds = [segment.kind for segment in track.segments]
    assert kinds == [
        SegmentKind.TRACK,
        SegmentKind.TRACK,
        SegmentKind.ROUTE,
        SegmentKind.WAYPOINT,
    ]
    assert list(track.segments[0].latitudes) == [47.6, 47.61]
    assert track.segments[0].times[1] - track.segments[0].times[0] == 60
    assert track.segments[0].times[0] == T0.replace(tzinfo=UTC).timestamp()
    assert track.point_count == 6
    assert track.untimed_count == 2  # the planned route
    assert len(track.content_hash) == 64


def test_packed_segments_come_back_equal_with_missing_times(tmp_path: Path) -> None:
    path = write_gpx(tmp_path / "t.gpx", segments=[[(1.5, 2.5, at(0)), (3.5, -4.5, None)]])
    segment = read_gpx(path).segments[0]

    back = unpack(segment.kind, pack(segment))

    assert list(back.latitudes) == [1.5, 3.5]
    assert list(back.longitudes) == [2.5, -4.5]
    assert back.times[0] == segment.times[0]
    assert math.isnan(back.times[1])


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE gpx [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&f;</name><trkseg>
<trkpt lat="1" lon="2"><time>2023-09-16T15:00:00Z</time></trkpt></trkseg></trk></gpx>"""


def external_entity(secret: Path) -> str:
    return f"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY secret SYSTEM "file://{secret}">]>
<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&secret;</name><trkseg>
<trkpt lat="1" lon="2"><time>2023-09-16T15:00:00Z</time></trkpt></trkseg></trk></gpx>"""


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.gpx"
    path.write_text(BILLION_LAUGHS)

    with pytest.raises(TrackFileError, match="declares a DTD or entities"):
        read_gpx(path)


def test_external_entities_are_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    path = tmp_path / "xxe.gpx"
    path.write_text(external_entity(secret))

    with pytest.raises(TrackFileError, match="declares a DTD or entities") as raised:
        read_gpx(path)
    assert "TOP SECRET" not in str(raised.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "not a readable GPX file"),
        (
            '<?xml version="1.0"?><kml><Document/></kml>',
            r"is XML but not GPX \(its root element is <kml>\)",
        ),
        (gpx_text(segments=[[(1, 2, at(0)), (1.1, 2.1, at(1))]])[:-40], "not a readable GPX file"),
        ("\x89PNG\r\n\x1a\n binary", "not a readable GPX file"),
        (gpx_text(segments=[[(1, 2, None), (1.1, 2.1, None)]]), "has no times on its points"),
        (gpx_text(), "has no points"),
        (
            gpx_text(segments=[[(1, 2, at(5)), (1.1, 2.1, at(4))]]),
            r"point 2 of track 'Test track' \(2023-09-16 15:04:00 UTC\) is earlier than the point",
        ),
        (
            gpx_text(segments=[[(91, 2, at(5))]]),
            "latitude 91.0, longitude 2.0, which is not on Earth",
        ),
    ],
    ids=["empty", "kml", "truncated", "binary", "no-times", "no-points", "backwards", "off-earth"],
)
def test_files_that_are_not_usable_tracks_are_refused(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.gpx"
    path.write_text(content, encoding="latin-1")

    with pytest.raises(TrackFileError, match=message) as raised:
        read_gpx(path)
    assert str(path) in str(raised.value)


def test_a_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gpx_reading, "MAX_TRACK_BYTES", 2 * 1024 * 1024)
    path = write_gpx(tmp_path / "huge.gpx", segments=[[(1, 2, at(i)) for i in range(40_000)]])

    with pytest.raises(TrackFileError, match=r"huge.gpx is \d+ MB, more than the 2 MB"):
        read_gpx(path)


def test_waypoint_times_may_come_in_any_order(tmp_path: Path) -> None:
    path = write_gpx(tmp_path / "w.gpx", waypoints=[(1, 2, at(5)), (3, 4, at(1))])

    assert read_gpx(path).segments[0].timed_count == 2
