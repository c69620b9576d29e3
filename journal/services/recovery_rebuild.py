"""Step 2 of a recovery: the new database's content, from the salvage and the files in ``photos/``.

The salvaged trips come back with their intro, closing, days of text and camera clock
corrections; every file in ``photos/`` is imported like any other into the trip its salvaged row
names, or else into a new trip, "Recovered". The rows the salvage still had then give the photos
back what the files cannot: caption, original name and path, a day chosen by hand and the
order of a day, and the trip's cover.

The text refers to photos by id (``photo:42``), and an imported photo gets a new id, so every
reference is translated from the old id to the new one. A reference to a photo that did not come
back is not left pointing at whatever photo now has that id: it becomes ``lost-photo:42``, which
the preview shows as a link it does not load and the export refuses by name.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from journal.errors import InvalidInputError
from journal.markdown.image_ref import LOST_PHOTO_SCHEME
from journal.markdown.images import ImageRef, rewrite_urls
from journal.markdown.photo_refs import photo_id_of, photo_url
from journal.photos.camera import CameraKey
from journal.photos.day_assignment import ZoneSource
from journal.photos.discovery import discover
from journal.photos.import_progress import CancelToken, ImportFailure, ImportPhase, ImportProgress
from journal.services import trip_ops, validation
from journal.services.facade import JournalService
from journal.services.slugs import check_slug
from journal.services.snapshots import TripInfo
from journal.services.trip_ops import NewTrip, TripEdit
from journal.store.library import Library
from journal.store.models import CameraOffset, Day, Photo, Trip
from journal.store.salvage import Salvage, SalvagedDay
from journal.trip_limits import MAX_TRIP_DAYS

RECOVERED_TITLE = "Recovered"
#: The scheme a reference to a photo that was not recovered is given.

#: Called with the photos imported so far and the photos to import in all.
ProgressCallback = Callable[[int, int], None]


class Rebuild:
    """Builds the new database's content; ``run`` once."""

    def __init__(
        self,
        library: Library,
        salvaged: Salvage,
        progress: ProgressCallback | None,
        cancel: CancelToken,
    ) -> None:
        self.library = library
        self.salvaged = salvaged
        self.progress = progress
        self.cancel = cancel
        #: Salvaged trip id to the id of the trip put back.
        self.trips: dict[int, int] = {}
        self.days = 0
        self.photos = 0
        self.recovered_trip: TripInfo | None = None
        self.recovered_photos = 0
        self.failures: list[ImportFailure] = []
        self._done = 0
        self._total = 0

    def run(self) -> "Rebuild":
        service = JournalService(self.library)
        with self.library.session() as session:
            self._put_back_trips(session)
            self._put_back_camera_offsets(session)
        batches = self._batches()
        self._total = sum(len(paths) for paths in batches.values())
        for trip_id, paths in batches.items():
            if trip_id is not None:
                self._import(service, trip_id, paths)
        orphans = [
            day
            for day in self.salvaged.days
            if day.trip_old_id not in self.trips and (day.title or day.body)
        ]
        recovered_id = None
        if batches.get(None) or orphans:
            created = service.create_trip(
                NewTrip(RECOVERED_TITLE, _today(), _today(), timezone="UTC")
            ).trip
            assert created is not None
            recovered_id = created.id
            self.recovered_photos = self._import(service, recovered_id, batches.get(None, []))
        if self.cancel.cancelled:
            return self
        with self.library.session() as session:
            if recovered_id is not None:
                self.recovered_trip = _settle_recovered_trip(session, recovered_id, orphans)
            self.days = _put_back_days(session, self.salvaged.days, self.trips, recovered_id)
            session.flush()
            _relink_texts(session, self._put_back_photo_details(session, recovered_id))
        return self

    def _put_back_trips(self, session: Session) -> None:
        for old in self.salvaged.trips:
            if old.old_id in self.trips:
                continue
            try:
                created = trip_ops.create_trip(
                    session,
                    NewTrip(
                        title=old.title,
                        start_date=old.start_date,
                        end_date=old.end_date,
                        timezone=_usable_zone(old.timezone),
                        categories=tuple(old.categories),
                        tags=tuple(old.tags),
                        slug=_free_slug(session, old.slug),
                    ),
                ).trip
            except InvalidInputError:  # dates or title damaged: its days go to "Recovered"
                continue
            assert created is not None
            trip_ops.edit_trip(
                session,
                created.id,
                TripEdit(
                    intro=old.intro,
                    closing=old.closing,
                    day_start_minutes=old.day_start_minutes
                    if 0 <= old.day_start_minutes < 12 * 60
                    else 0,
                ),
            )
            trip = trip_ops.get_trip(session, created.id)
            trip.export_settings = old.export_settings
            trip.front_matter = old.front_matter
            self.trips[old.old_id] = created.id

    def _put_back_camera_offsets(self, session: Session) -> None:
        offsets: dict[tuple[int, CameraKey], int] = {}
        for offset in self.salvaged.camera_offsets:
            if offset.trip_old_id in self.trips:
                offsets[(self.trips[offset.trip_old_id], offset.camera)] = offset.offset_seconds
        for (trip_id, camera), seconds in offsets.items():
            session.add(CameraOffset(trip_id=trip_id, camera=camera, offset_seconds=seconds))

    def _batches(self) -> dict[int | None, list[Path]]:
        """The files in ``photos/`` by the trip they go to (None: "Recovered"). A library copy is
        named by its content hash, so its name finds its salvaged rows without reading it."""
        homes: dict[str, set[int | None]] = defaultdict(set)
        for photo in self.salvaged.photos:
            if photo.trip_old_id in self.trips:
                homes[photo.content_hash].add(self.trips[photo.trip_old_id])
        found = discover([self.library.photos_dir], self.cancel)
        self.failures.extend(found.failures)
        batches: dict[int | None, list[Path]] = defaultdict(list)
        for path in found.files:
            for trip_id in homes.get(path.stem) or {None}:
                batches[trip_id].append(path)
        return batches

    def _import(self, service: JournalService, trip_id: int, paths: list[Path]) -> int:
        if not paths or self.cancel.cancelled:
            return 0
        done_before = self._done

        def on_progress(event: ImportProgress) -> None:
            if self.progress is not None and event.phase is ImportPhase.COPY:
                self.progress(done_before + event.done, self._total)

        report = service.import_photos(trip_id, paths, progress=on_progress, cancel=self.cancel)
        self._done += len(paths)
        self.photos += len(report.imported)
        self.failures.extend(report.failures)
        return len(report.imported)

    def _put_back_photo_details(self, session: Session, recovered_id: int | None) -> dict[int, int]:
        """What the salvaged rows knew of each photo that came back; its new id by its old id.

        A day chosen by hand and the place on a day only mean something in the photo's own
        trip: a photo whose trip was lost goes by its capture time in "Recovered".
        """
        rows: dict[tuple[int | None, str], Photo] = {
            (row.trip_id, row.content_hash): row for row in session.scalars(select(Photo))
        }
        by_old_id: dict[int, Photo] = {}
        for old in self.salvaged.photos:
            row = rows.get((self.trips.get(old.trip_old_id, recovered_id), old.content_hash))
            if row is None:
                continue
            by_old_id[old.old_id] = row
            row.caption = old.caption or row.caption
            row.original_name = old.original_name or row.original_name
            row.original_path = old.original_path or row.original_path
            if old.trip_old_id in self.trips:
                if old.pinned:
                    row.day_date, row.pinned = old.day_date, True
                if row.day_date == old.day_date:
                    row.position = old.position
        for old_trip in self.salvaged.trips:
            cover = by_old_id.get(old_trip.cover_photo_old_id or 0)
            if cover is not None and cover.trip_id == self.trips.get(old_trip.old_id):
                trip_ops.get_trip(session, cover.trip_id).cover_photo_id = cover.id
        return {old_id: row.id for old_id, row in by_old_id.items()}


def _relink_texts(session: Session, new_ids: Mapping[int, int]) -> None:
    """Point every photo reference of every text at the photo's new id (see the module)."""
    for trip in session.scalars(select(Trip)):
        trip.intro = relinked(trip.intro, new_ids)
        trip.closing = relinked(trip.closing, new_ids)
    for day in session.scalars(select(Day)):
        day.body = relinked(day.body, new_ids)


def relinked(text: str, new_ids: Mapping[int, int]) -> str:
    """``text`` with each ``photo:OLD`` image, in any syntax (inline, through a reference
    definition, HTML, a shortcode…), pointing at ``photo:NEW``, or at ``lost-photo:OLD`` when
    the photo did not come back."""

    def target(image: ImageRef) -> str | None:
        old_id = photo_id_of(image.url)
        return None if old_id is None else _new_target(old_id, new_ids)

    return rewrite_urls(text, target)


def _new_target(old_id: int, new_ids: Mapping[int, int]) -> str:
    new_id = new_ids.get(old_id)
    return photo_url(new_id) if new_id is not None else f"{LOST_PHOTO_SCHEME}:{old_id}"


def _settle_recovered_trip(session: Session, trip_id: int, orphans: list[SalvagedDay]) -> TripInfo:
    """Give "Recovered" the zone most of its photos were taken in (by GPS; else UTC) and the
    dates of its photos and orphaned days: all of them, or the busiest stretch a trip can span."""
    zones = Counter(
        session.scalars(
            select(Photo.zone_name).where(
                Photo.trip_id == trip_id,
                Photo.zone_source == ZoneSource.GPS_POSITION,
                Photo.zone_name.is_not(None),
            )
        )
    )
    if zones:
        trip_ops.edit_trip(session, trip_id, TripEdit(timezone=zones.most_common(1)[0][0]))
    taken = session.scalars(
        select(Photo.local_time).where(Photo.trip_id == trip_id, Photo.local_time.is_not(None))
    )
    dates = [moment.date() for moment in taken if moment is not None]
    dates += [day.date for day in orphans]
    if dates:
        start, end = busiest_stretch(dates, MAX_TRIP_DAYS)
        trip_ops.set_trip_dates(session, trip_id, start, end)
    return TripInfo.of(trip_ops.get_trip(session, trip_id))


def busiest_stretch(dates: Iterable[date], longest: int) -> tuple[date, date]:
    """The first and last of ``dates`` if they are at most ``longest`` days apart, else the
    stretch of ``longest`` days holding the most of them (the earliest such stretch)."""
    ordered = sorted(dates)
    best = (0, 0)
    first = 0
    for last, day in enumerate(ordered):
        while (day - ordered[first]).days >= longest:
            first += 1
        if last - first > best[1] - best[0]:
            best = (first, last)
    return ordered[best[0]], ordered[best[1]]


def _put_back_days(
    session: Session,
    days: Iterable[SalvagedDay],
    trips: dict[int, int],
    recovered_id: int | None,
) -> int:
    """Each salvaged day on its trip, or on "Recovered" when its trip was lost; texts of lost
    trips that fall on the same date are kept one after the other."""
    merged: dict[tuple[int, date], tuple[str, list[str]]] = {}
    for day in days:
        trip_id = trips.get(day.trip_old_id, recovered_id)
        if trip_id is None or not (day.title or day.body):
            continue
        title, bodies = merged.get((trip_id, day.date), ("", []))
        merged[(trip_id, day.date)] = (title or day.title, [*bodies, day.body])
    for (trip_id, when), (title, bodies) in merged.items():
        text = "\n\n".join(body for body in bodies if body)
        session.add(Day(trip_id=trip_id, date=when, title=title, body=text))
    return len(merged)


def _free_slug(session: Session, slug: str) -> str | None:
    """``slug`` if it is valid and no trip put back so far has it; else None (a new one)."""
    try:
        slug = check_slug(slug)
    except InvalidInputError:
        return None
    taken = session.scalars(select(Trip.id).where(Trip.slug == slug)).first()
    return None if taken is not None else slug


def _usable_zone(name: str) -> str:
    try:
        return validation.check_timezone(name)
    except InvalidInputError:
        return "UTC"


def _today() -> date:
    return datetime.now(UTC).date()
