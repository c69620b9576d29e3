"""Reading a GPX file (1.0 or 1.1: tracks, routes, waypoints) into runs of fixes, refusing what is
not one.

A track file comes from anywhere (a phone app, a forum, an e-mail), so it is read as hostile:

- No DTD at all. GPX never needs one, and a DTD is what entity expansion ("billion laughs") and
  external entities (reading local files or URLs) need. gpxpy parses with whichever parser is
  installed (lxml or the standard library) and neither refuses a DTD by itself, so the prolog is
  read first with defusedxml, which stops at the root element: the check costs one buffer.
- A size limit: gpxpy holds every point as objects, about 15 times the file's size in memory.
- Times must not run backwards inside a segment (between which fixes would a photo go?), and a
  file must have some times at all: a track without them cannot say where anyone was when.

Every refusal is a ``TrackFileError`` naming the file and what to do, raised before anything is
written.
"""

import hashlib
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from xml.etree.ElementTree import ParseError

import gpxpy
import gpxpy.gpx
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from journal.errors import JournalError
from journal.readable_paths import readable_path
from journal.tracks.fixes import Segment, SegmentKind

#: The largest GPX file read: about a week of one-second logging.
MAX_TRACK_BYTES = 64 * 1024 * 1024

_GPX_ROOTS = {
    "gpx",
    "{http://www.topografix.com/GPX/1/0}gpx",
    "{http://www.topografix.com/GPX/1/1}gpx",
}


#: A point of a track, a route or a waypoint: gpxpy has a class for each.
_Point = gpxpy.gpx.GPXTrackPoint | gpxpy.gpx.GPXRoutePoint | gpxpy.gpx.GPXWaypoint


class TrackFileError(JournalError):
    """A track file that cannot be read; nothing was imported from it."""


@dataclass(frozen=True)
class TrackFile:
    """What a GPX file holds, as runs of fixes."""

    name: str
    segments: tuple[Segment, ...]
    #: SHA-256 of the file's bytes, hex: the same file imported again is recognised.
    content_hash: str

    @property
    def point_count(self) -> int:
        return sum(len(segment) for segment in self.segments)

    @property
    def time_range(self) -> tuple[float, float]:
        """The first and last time of any point, POSIX seconds (a file has at least one)."""
        times = [time for segment in self.segments for time in segment.times if time == time]
        return min(times), max(times)

    @property
    def untimed_count(self) -> int:
        """Points without a time: kept for the route, but they cannot place a photo."""
        return self.point_count - sum(segment.timed_count for segment in self.segments)


def read_gpx(path: Path) -> TrackFile:
    """The tracks, routes and waypoints of the GPX file at ``path``; ``TrackFileError`` if it
    is not a GPX file this can use."""
    shown = readable_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_TRACK_BYTES:
            raise TrackFileError(
                f"{shown} is {size // (1024 * 1024)} MB, more than the "
                f"{MAX_TRACK_BYTES // (1024 * 1024)} MB a track file may be; split it "
                "(e.g. one file per day) and import the parts."
            )
        data = path.read_bytes()
    except OSError as error:
        raise TrackFileError(f"Cannot read {shown}: {error.strerror or error}.") from None
    _check_prolog(data, shown)
    try:
        gpx = gpxpy.parse(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise TrackFileError(f"{shown} is not UTF-8 text, so it is not a GPX file.") from None
    except (gpxpy.gpx.GPXException, ValueError) as error:
        raise TrackFileError(f"{shown} is not a readable GPX file ({_reason(error)}).") from None
    segments = tuple(_segments(gpx, shown))
    if not any(segment.timed_count for segment in segments):
        what = "no points" if not segments else "no times on its points"
        raise TrackFileError(
            f"{shown} has {what}, so it cannot say where photos were taken; import a recorded "
            "track (with a time on each point), not a planned route."
        )
    return TrackFile(
        name=_track_name(gpx, path),
        segments=segments,
        content_hash=hashlib.sha256(data).hexdigest(),
    )


def _check_prolog(data: bytes, shown: str) -> None:
    """Refuse a DTD or a root other than ``<gpx>``, reading only up to the root element."""
    try:
        for _event, element in iterparse(io.BytesIO(data), events=("start",), forbid_dtd=True):
            if element.tag not in _GPX_ROOTS:
                raise TrackFileError(
                    f"{shown} is XML but not GPX (its root element is <{_local(element.tag)}>); "
                    "export the track from its app as GPX."
                )
            return
    except DefusedXmlException:
        raise TrackFileError(
            f"{shown} declares a DTD or entities, which GPX files never need and which can make a "
            "reader expand or fetch data; it was refused. Export the track again as plain GPX."
        ) from None
    except ParseError as error:
        raise TrackFileError(f"{shown} is not a readable GPX file ({_reason(error)}).") from None
    raise TrackFileError(f"{shown} is empty; it is not a GPX file.")


def _reason(error: Exception) -> str:
    text = str(error).removeprefix("Error parsing XML: ").strip()
    return text or type(error).__name__


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _track_name(gpx: gpxpy.gpx.GPX, path: Path) -> str:
    names = [track.name for track in gpx.tracks] + [route.name for route in gpx.routes]
    for name in names:
        if name and name.strip():
            return name.strip()
    return (gpx.name or "").strip() or path.stem


def _segments(gpx: gpxpy.gpx.GPX, shown: str) -> list[Segment]:
    runs: list[tuple[str, SegmentKind, Sequence[_Point]]] = []
    for number, track in enumerate(gpx.tracks, start=1):
        label = f"track {track.name!r}" if track.name else f"track {number}"
        for part, segment in enumerate(track.segments, start=1):
            where = f"{label}, segment {part}" if len(track.segments) > 1 else label
            runs.append((where, SegmentKind.TRACK, segment.points))
    for number, route in enumerate(gpx.routes, start=1):
        label = f"route {route.name!r}" if route.name else f"route {number}"
        runs.append((label, SegmentKind.ROUTE, route.points))
    if gpx.waypoints:
        runs.append(("the waypoints", SegmentKind.WAYPOINT, gpx.waypoints))
    return [_segment(where, kind, points, shown) for where, kind, points in runs if points]


def _segment(where: str, kind: SegmentKind, points: Sequence[_Point], shown: str) -> Segment:
    segment = Segment(kind)
    last: float | None = None
    for number, point in enumerate(points, start=1):
        latitude, longitude = float(point.latitude), float(point.longitude)
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise TrackFileError(
                f"{shown}: point {number} of {where} is at latitude {latitude}, longitude "
                f"{longitude}, which is not on Earth; fix or remove it and import again."
            )
        time = _posix(point.time) if point.time is not None else None
        if time is not None and kind is not SegmentKind.WAYPOINT:
            if last is not None and time < last:
                raise TrackFileError(
                    f"{shown}: point {number} of {where} ({_utc_text(time)}) is earlier than "
                    f"the point before it ({_utc_text(last)}); its times run backwards, so "
                    "photos cannot be placed on it. Fix the file (or split it into segments "
                    "where the times jump back) and import again."
                )
            last = time
        segment.append(time, latitude, longitude)
    return segment


def _posix(moment: datetime) -> float:
    """POSIX seconds; a time without an offset is UTC, as GPX defines it."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    seconds = aware.timestamp()
    if not math.isfinite(seconds):
        raise ValueError(f"time {moment} is out of range")
    return seconds


def _utc_text(seconds: float) -> str:
    return f"{datetime.fromtimestamp(seconds, UTC):%Y-%m-%d %H:%M:%S} UTC"
