"""GPX files written by hand for the tests: 1.0 and 1.1, tracks, routes and waypoints."""

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

#: (latitude, longitude, time or None)
Point = tuple[float, float, datetime | None]

NAMESPACES = {
    "1.0": "http://www.topografix.com/GPX/1/0",
    "1.1": "http://www.topografix.com/GPX/1/1",
}


def _point(tag: str, point: Point) -> str:
    latitude, longitude, time = point
    stamp = f"<time>{time:%Y-%m-%dT%H:%M:%SZ}</time>" if time is not None else ""
    return f'<{tag} lat="{latitude}" lon="{longitude}"><ele>12.5</ele>{stamp}</{tag}>'


def gpx_text(
    *,
    version: str = "1.1",
    segments: Sequence[Sequence[Point]] = (),
    route: Sequence[Point] = (),
    waypoints: Sequence[Point] = (),
    name: str = "Test track",
) -> str:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<gpx version="{version}" creator="hand" xmlns="{NAMESPACES[version]}">',
    ]
    parts += [_point("wpt", point) for point in waypoints]
    if route:
        parts.append(f"<rte><name>{name} (route)</name>")
        parts += [_point("rtept", point) for point in route]
        parts.append("</rte>")
    if segments:
        parts.append(f"<trk><name>{name}</name>")
        for segment in segments:
            parts.append("<trkseg>")
            parts += [_point("trkpt", point) for point in segment]
            parts.append("</trkseg>")
        parts.append("</trk>")
    parts.append("</gpx>")
    return "\n".join(parts)


def write_gpx(path: Path, **content: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(gpx_text(**content), encoding="utf-8")  # type: ignore[arg-type]
    return path
