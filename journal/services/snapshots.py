"""Plain, immutable copies of what the store holds, safe to hand across threads and layers.

Views and the CLI never see ORM objects (which belong to one session); they get these.
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from journal.markdown.photo_refs import photo_alt_text
from journal.photos.camera import CameraKey
from journal.photos.capture_time import TimeSource
from journal.photos.day_assignment import ZoneSource
from journal.store.models import Day, Photo, Trip
from journal.text_stats import count_words
from journal.texts import TextPart


@dataclass(frozen=True)
class TripInfo:
    id: int
    slug: str
    title: str
    start_date: dt.date
    end_date: dt.date
    timezone: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    intro: str
    closing: str
    day_start_minutes: int
    cover_photo_id: int | None

    @property
    def day_count(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def day_index(self, day: dt.date) -> int | None:
        """Day N of the trip (Day 0 is the first date), or None outside the trip."""
        if self.start_date <= day <= self.end_date:
            return (day - self.start_date).days
        return None

    @classmethod
    def of(cls, trip: Trip) -> "TripInfo":
        return cls(
            id=trip.id,
            slug=trip.slug,
            title=trip.title,
            start_date=trip.start_date,
            end_date=trip.end_date,
            timezone=trip.timezone,
            categories=tuple(trip.categories),
            tags=tuple(trip.tags),
            intro=trip.intro,
            closing=trip.closing,
            day_start_minutes=trip.day_start_minutes,
            cover_photo_id=trip.cover_photo_id,
        )


@dataclass(frozen=True)
class DayInfo:
    """One day of a trip with its text and counts; ``index`` is None for notes outside the trip."""

    date: dt.date
    index: int | None
    title: str
    body: str
    word_count: int
    photo_count: int
    cover_photo_id: int | None

    @property
    def label(self) -> str:
        """ "Day 0 · Sat 16 Sep", the way the timeline and the post number days."""
        when = f"{self.date:%a} {self.date.day} {self.date:%b}"
        if self.index is None:
            return f"Outside the trip · {when} {self.date.year}"
        return f"Day {self.index} · {when}"

    @classmethod
    def of(cls, row: Day, index: int | None, photo_count: int, cover: int | None) -> "DayInfo":
        return cls(
            date=row.date,
            index=index,
            title=row.title,
            body=row.body,
            word_count=count_words(row.body),
            photo_count=photo_count,
            cover_photo_id=cover,
        )


@dataclass(frozen=True)
class DaysOverview:
    """Every day of a trip, plus text kept from dates that are no longer in it."""

    trip: TripInfo
    days: tuple[DayInfo, ...]
    notes_outside_range: tuple[DayInfo, ...]
    unassigned_photo_count: int
    #: The tray's first photo, its cover in the timeline as each day has one.
    unassigned_cover_photo_id: int | None = None


@dataclass(frozen=True)
class TextShowingPhotos:
    """A text of the trip that shows some of the photos asked about."""

    part: TextPart
    #: The day's date (None for the intro and the closing).
    day: dt.date | None
    #: Day N; None for the intro, the closing and text kept outside the trip's dates.
    index: int | None
    photo_ids: tuple[int, ...]

    @property
    def label(self) -> str:
        """ "the intro", "Day 3", "the closing", or the date of text outside the trip."""
        if self.part is not TextPart.DAY:
            return f"the {self.part}"
        return f"Day {self.index}" if self.index is not None else str(self.day)


@dataclass(frozen=True)
class PhotoInfo:
    """One photo of a trip, with the time it was taken and where it sits in the journal."""

    id: int
    trip_id: int
    content_hash: str
    original_name: str
    original_path: str
    #: Where its copy lives, relative to the library folder (``Library.file_path`` finds it).
    library_path: PurePosixPath
    #: JPEG, HEIF, PNG, WEBP, TIFF, AVIF, or a RAW's format (NEF, CR2, DNG...).
    media_format: str
    #: As displayed, i.e. after ``orientation`` is applied.
    width: int
    height: int
    #: The EXIF orientation still to apply to the decoded pixels (1 when the decoder did it).
    orientation: int
    local_time: dt.datetime | None
    utc_offset_minutes: int | None
    captured_utc: dt.datetime | None
    #: A ``TimeSource`` value: exif-original, xmp-original, iptc, gps, file-name, file-mtime...
    time_source: str | None
    time_trusted: bool
    camera: CameraKey
    gps_latitude: float | None
    gps_longitude: float | None
    caption: str
    #: The trip day it is shown on; None for the Unassigned tray (also when outside the trip).
    day_date: dt.date | None
    #: Placed by hand: changes of camera offset or trip dates leave it where it is.
    pinned: bool
    position: int
    #: recorded (the photo's own offset), gps-position or trip: where the offset came from.
    zone_source: str | None = None
    #: The photo's own description from its file (EXIF, IPTC, XMP): alt text when no caption.
    description: str = ""
    #: The library copy of the shot's RAW file (RAW+JPEG), None when it has none.
    raw_library_path: PurePosixPath | None = None
    #: Culling marks: a flag, 0-5 stars, and kept out of the post (see ``culling_ops``).
    flagged: bool = False
    rating: int = 0
    hidden: bool = False
    #: Where ``gps_latitude``/``gps_longitude`` came from: own, track or hand (``PositionSource``).
    position_source: str | None = None
    #: A track position's distance in time to its nearest fix, in seconds.
    track_gap_seconds: int | None = None
    #: The place given by hand (a GeoNames id, and its label when chosen), over the automatic one.
    place_id: int | None = None
    place_label: str | None = None

    @property
    def alt_text(self) -> str:
        """What a reference to it in the text says (see ``photo_alt_text``)."""
        return photo_alt_text(self.caption, self.description)

    @property
    def time_description(self) -> str:
        """ "EXIF, +09:00", "file name", "file date — untrusted": where the time came from."""
        if self.time_source is None:
            return "no capture time"
        text = TimeSource(self.time_source).label
        if self.zone_source == ZoneSource.RECORDED and self.utc_offset_minutes is not None:
            text += f", {format_offset(self.utc_offset_minutes)}"
        elif self.zone_source == ZoneSource.GPS_POSITION and self.utc_offset_minutes is not None:
            text += f", {format_offset(self.utc_offset_minutes)} from GPS"
        if not self.time_trusted:
            text += " — untrusted"
        return text

    @classmethod
    def of(cls, photo: Photo, trip: TripInfo) -> "PhotoInfo":
        day = photo.day_date
        return cls(
            id=photo.id,
            trip_id=photo.trip_id,
            content_hash=photo.content_hash,
            original_name=photo.original_name,
            original_path=photo.original_path,
            library_path=photo.library_path,
            media_format=photo.media_format,
            width=photo.width,
            height=photo.height,
            orientation=photo.orientation,
            local_time=photo.local_time,
            utc_offset_minutes=photo.utc_offset_minutes,
            captured_utc=photo.captured_utc,
            time_source=photo.time_source,
            time_trusted=photo.time_trusted,
            camera=photo.camera,
            gps_latitude=photo.gps_latitude,
            gps_longitude=photo.gps_longitude,
            caption=photo.caption,
            day_date=day if day is not None and trip.day_index(day) is not None else None,
            pinned=photo.pinned,
            position=photo.position,
            zone_source=photo.zone_source,
            description=photo.description,
            raw_library_path=photo.raw_library_path,
            flagged=photo.flagged,
            rating=photo.rating,
            hidden=photo.hidden,
            position_source=photo.position_source,
            track_gap_seconds=photo.track_gap_seconds,
            place_id=photo.place_id,
            place_label=photo.place_label,
        )


@dataclass(frozen=True)
class CameraInfo:
    camera: CameraKey
    photo_count: int
    #: The correction added to this camera's clock, in seconds (+32400 for "9 h behind").
    offset_seconds: int


@dataclass(frozen=True)
class DayMove:
    """A photo whose day a camera correction would change (None is the Unassigned tray)."""

    photo_id: int
    original_name: str
    old_day: dt.date | None
    new_day: dt.date | None


@dataclass(frozen=True)
class DatesPreview:
    """What new dates (and time zone) would do to a trip's days; worked out without writing."""

    #: Photos on a day of the trip now that would wait in the Unassigned tray.
    photos_out: int
    #: Photos in the Unassigned tray now that would go onto a day of the trip.
    photos_in: int
    #: Dates whose text would fall outside the trip (kept, and listed after its days).
    texts_out: tuple[dt.date, ...]
    #: Dates whose text is outside the trip now and would be on one of its days again.
    texts_in: tuple[dt.date, ...]

    @property
    def moves_out(self) -> bool:
        """Whether anything on the trip's days would leave them."""
        return bool(self.photos_out or self.texts_out)

    @property
    def moves_anything(self) -> bool:
        return self.moves_out or bool(self.photos_in or self.texts_in)


def format_offset(minutes: int) -> str:
    """ "+09:00", "-07:00", "+05:45": UTC offsets as people write them."""
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"
