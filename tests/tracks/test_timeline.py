"""Where a track puts a moment: exact interpolation inside a segment, the nearest fix across a
break, nothing beyond the maximum gap, and the short way across the date line."""

import pytest

from journal.tracks.fixes import Segment, SegmentKind
from journal.tracks.timeline import Timeline, TrackPosition


def segment(kind: SegmentKind, *fixes: tuple[float, float, float]) -> Segment:
    run = Segment(kind)
    for time, latitude, longitude in fixes:
        run.append(time, latitude, longitude)
    return run


def track(*fixes: tuple[float, float, float]) -> Segment:
    return segment(SegmentKind.TRACK, *fixes)


def test_interpolation_is_linear_in_time_and_exact() -> None:
    timeline = Timeline([track((1000, 10.0, 20.0), (1100, 11.0, 22.0))])

    assert timeline.position_at(1025, 1800) == TrackPosition(10.25, 20.5, 25)
    assert timeline.position_at(1075, 1800) == TrackPosition(10.75, 21.5, 25)
    assert timeline.position_at(1000, 1800) == TrackPosition(10.0, 20.0, 0)
    assert timeline.position_at(1100, 1800) == TrackPosition(11.0, 22.0, 0)


def test_the_gap_is_to_the_nearest_fix_and_limits_the_answer() -> None:
    timeline = Timeline([track((0, 10.0, 20.0), (4000, 14.0, 24.0))])

    assert timeline.position_at(1800, 1800) == TrackPosition(11.8, 21.8, 1800)
    assert timeline.position_at(1801, 1800) is None  # 1801 s from one fix, 2199 from the other
    assert timeline.position_at(-1800, 1800) == TrackPosition(10.0, 20.0, 1800)
    assert timeline.position_at(-1801, 1800) is None
    assert timeline.position_at(5800, 1800) == TrackPosition(14.0, 24.0, 1800)
    assert timeline.position_at(5801, 1800) is None
    assert timeline.position_at(100, 60) is None


def test_across_a_break_between_segments_the_nearest_fix_is_used() -> None:
    timeline = Timeline([track((0, 10.0, 20.0), (100, 10.0, 20.0)), track((700, 30.0, 40.0))])

    assert timeline.position_at(300, 1800) == TrackPosition(10.0, 20.0, 200)
    assert timeline.position_at(500, 1800) == TrackPosition(30.0, 40.0, 200)


def test_waypoints_are_places_not_a_line() -> None:
    timeline = Timeline([segment(SegmentKind.WAYPOINT, (0, 10.0, 20.0), (100, 30.0, 40.0))])

    assert timeline.position_at(40, 1800) == TrackPosition(10.0, 20.0, 40)
    assert timeline.position_at(60, 1800) == TrackPosition(30.0, 40.0, 40)


def test_segments_of_several_files_merge_in_time_order() -> None:
    later = track((1000, 50.0, 60.0), (1100, 51.0, 61.0))
    earlier = track((0, 10.0, 20.0), (100, 11.0, 21.0))

    timeline = Timeline([later, earlier])

    assert len(timeline) == 4
    assert timeline.position_at(50, 60) == TrackPosition(10.5, 20.5, 50)
    assert timeline.position_at(1050, 60) == TrackPosition(50.5, 60.5, 50)


def test_points_without_a_time_are_skipped() -> None:
    run = track((0, 10.0, 20.0))
    run.append(None, 89.0, 89.0)
    run.append(100, 11.0, 21.0)

    assert Timeline([run]).position_at(50, 1800) == TrackPosition(10.5, 20.5, 50)


@pytest.mark.parametrize(
    ("start", "end", "share", "expected"),
    [(179.5, -179.5, 0.25, 179.75), (179.5, -179.5, 0.75, -179.75), (-179.0, 179.0, 0.25, -179.5)],
)
def test_longitude_goes_the_short_way_across_the_date_line(
    start: float, end: float, share: float, expected: float
) -> None:
    timeline = Timeline([track((0, 0.0, start), (100, 0.0, end))])

    position = timeline.position_at(100 * share, 1800)

    assert position is not None
    assert position.longitude == pytest.approx(expected)
