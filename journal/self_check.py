"""A smoke test of the whole core on a throwaway library, run by ``trip-journal --self-check``.

It exists for the frozen app. A PyInstaller bundle that lacks libheif, a Pillow codec, a migration
script or a module only imported at run time still starts, and fails only when a user imports a
photo. The self-check does what a user does first, on files it generates in a temporary folder:
it opens a new library, imports a JPEG and a HEIC (one of them with a Korean file name), writes
the days, exports a Jekyll post and reads that post back the way a site would. Each step reports
what it proved or why it failed, and the steps after a failure are not run.

This module is Qt-free; ``journal.gui.self_check`` adds the window and Qt's image plugins.
``python -m journal.self_check`` runs the core's steps alone, where Qt's system libraries are
missing (a server, a minimal container).
"""

import re
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml
from PIL import ExifTags, Image, ImageDraw, features
from pillow_heif import libheif_version

from journal.export import ExportFormat, ExportSettings
from journal.markdown.photo_refs import markdown_image
from journal.photos.formats import enable_heif
from journal.photos.thumbnails import ThumbnailCache, ThumbSize
from journal.services import JournalService, NewTrip, PhotoInfo, TripInfo
from journal.store.library import Library

FIRST_DAY = date(2024, 5, 1)
TRIP_TITLE = "서울 자가 점검 (self-check)"
#: Day 0 and Day 1 of the trip, in Seoul's time.
JPEG_TAKEN = datetime(2024, 5, 1, 10, 30)
HEIC_TAKEN = datetime(2024, 5, 2, 15, 45)
#: An image link of the exported post: ``![alt](/assets/images/...)``.
_IMAGE_LINK = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


class CheckFailed(Exception):
    """A step found something other than what it expected; the message says what."""


@dataclass(frozen=True)
class Step:
    name: str
    #: Does the step's work and returns what it proved, or raises.
    run: Callable[[], str]


@dataclass(frozen=True)
class StepResult:
    name: str
    passed: bool
    detail: str

    def line(self) -> str:
        return f"{'ok  ' if self.passed else 'FAIL'}  {self.name}: {self.detail}"


@dataclass(frozen=True)
class SelfCheckReport:
    results: tuple[StepResult, ...]
    #: Steps not run because an earlier one failed.
    skipped: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return bool(self.results) and all(result.passed for result in self.results)

    def text(self) -> str:
        lines = [result.line() for result in self.results]
        lines += [f"skip  {name}: an earlier step failed" for name in self.skipped]
        lines.append("Self-check passed." if self.passed else "Self-check FAILED.")
        return "\n".join(lines)


def run_steps(steps: Iterable[Step]) -> SelfCheckReport:
    """Run ``steps`` in order until one fails.

    Any exception fails its step: a self-check exists to report what is broken, so an unexpected
    error (a missing module in a bundle) is a finding like any other. Its traceback goes into the
    detail, because the person reading it is debugging a build.
    """
    results: list[StepResult] = []
    pending = list(steps)
    while pending:
        step = pending.pop(0)
        try:
            results.append(StepResult(step.name, True, step.run()))
        except CheckFailed as failure:
            results.append(StepResult(step.name, False, str(failure)))
            break
        except Exception as error:
            detail = f"{type(error).__name__}: {error}\n{traceback.format_exc().rstrip()}"
            results.append(StepResult(step.name, False, detail))
            break
    return SelfCheckReport(tuple(results), tuple(step.name for step in pending))


def run_core_self_check() -> SelfCheckReport:
    """The core's steps in a temporary folder that is removed afterwards."""
    with (
        # Windows refuses to delete a file still open: leaving a temporary file behind must
        # not turn a passed check into a crash.
        tempfile.TemporaryDirectory(
            prefix="trip-journal-self-check-", ignore_cleanup_errors=True
        ) as temp,
        closing(CoreSelfCheck(Path(temp))) as check,
    ):
        return run_steps(check.steps())


class CoreSelfCheck:
    """The core's steps on a library under ``workdir``; each step uses what the earlier made.

    ``service``, ``trip`` and ``photos`` are there for more steps (the GUI's) to use afterwards.
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.jpeg_file = workdir / "camera" / "서울-경복궁.jpg"
        self.heic_file = workdir / "camera" / "IMG_0002.HEIC"
        self.site = workdir / "site"
        self._service: JournalService | None = None
        self._trip: TripInfo | None = None
        self.photos: list[PhotoInfo] = []

    def steps(self) -> list[Step]:
        return [
            Step("photo codecs", self.make_photos),
            Step("library", self.open_library),
            Step("import", self.import_photos),
            Step("thumbnails", self.make_thumbnails),
            Step("export", self.export_post),
        ]

    @property
    def service(self) -> JournalService:
        if self._service is None:
            raise CheckFailed("the library is not open")
        return self._service

    @property
    def trip(self) -> TripInfo:
        if self._trip is None:
            raise CheckFailed("there is no trip")
        return self._trip

    def close(self) -> None:
        if self._service is not None:
            self._service.library.close()
            self._service = None

    def make_photos(self) -> str:
        enable_heif()
        for codec in ("jpg", "zlib"):
            if not features.check(codec):
                raise CheckFailed(f"Pillow was built without {codec}")
        self.jpeg_file.parent.mkdir(parents=True, exist_ok=True)
        _drawing((31, 111, 148)).save(
            self.jpeg_file, "JPEG", quality=90, exif=_exif(JPEG_TAKEN, "Canon", "EOS R6")
        )
        _drawing((240, 112, 60)).save(
            self.heic_file, "HEIF", quality=80, exif=_exif(HEIC_TAKEN, "Apple", "iPhone 13")
        )
        for path, expected in ((self.jpeg_file, "JPEG"), (self.heic_file, "HEIF")):
            with Image.open(path) as image:
                image.load()
                if image.format != expected or image.size != (96, 64):
                    raise CheckFailed(f"{path.name} reads back as {image.format} {image.size}")
        return f"wrote and read back a JPEG and a HEIC (libheif {libheif_version()})"

    def open_library(self) -> str:
        self._service = JournalService(Library.open(self.workdir / "library"))
        changes = self.service.create_trip(
            NewTrip(
                title=TRIP_TITLE,
                start_date=FIRST_DAY,
                end_date=date(2024, 5, 3),
                timezone="Asia/Seoul",
                categories=("Travel",),
            )
        )
        if changes.trip is None:
            raise CheckFailed("creating the trip returned no trip")
        self._trip = changes.trip
        return f"created and migrated a library; trip {self.trip.slug!r}"

    def import_photos(self) -> str:
        service, trip = self.service, self.trip
        report = service.import_photos(trip.id, [self.jpeg_file, self.heic_file])
        if report.failures:
            reasons = "; ".join(f"{f.path.name}: {f.reason}" for f in report.failures)
            raise CheckFailed(f"import failed: {reasons}")
        if len(report.imported) != 2 or report.unassigned:
            raise CheckFailed(
                f"imported {len(report.imported)} of 2 photos, {report.unassigned} unassigned"
            )
        placed = []
        for taken, expected_format in ((JPEG_TAKEN, "JPEG"), (HEIC_TAKEN, "HEIF")):
            day = taken.date()
            photos = service.photos(trip.id, day)
            if [(p.media_format, p.local_time) for p in photos] != [(expected_format, taken)]:
                found = [(p.original_name, p.media_format, p.local_time) for p in photos]
                raise CheckFailed(f"expected the {expected_format} on {day}, found {found}")
            if not service.photo_path(photos[0]).is_file():
                raise CheckFailed(f"the library copy of {photos[0].original_name} is missing")
            self.photos.append(photos[0])
            placed.append(f"{expected_format} on Day {trip.day_index(day)}")
        return f"2 photos, {' and '.join(placed)}, times from EXIF"

    def make_thumbnails(self) -> str:
        cache = ThumbnailCache(self.service.library.root)
        for photo in self.photos:
            for size in ThumbSize:
                with Image.open(cache.thumbnail_path(photo, size)) as thumbnail:
                    if thumbnail.format != "JPEG" or max(thumbnail.size) > size.pixels:
                        raise CheckFailed(
                            f"the {size.name.lower()} of {photo.original_name} is "
                            f"{thumbnail.format} {thumbnail.size}"
                        )
        return f"{len(self.photos) * len(ThumbSize)} thumbnails made and decoded"

    def export_post(self) -> str:
        service, trip = self.service, self.trip
        jpeg, heic = self.photos
        for day, text, photo, caption in (
            (FIRST_DAY, "경복궁에 다녀왔습니다.", jpeg, "경복궁"),
            (HEIC_TAKEN.date(), "Han River at dusk.", heic, ""),
        ):
            service.set_day_text(trip.id, day, f"{text}\n\n{markdown_image(photo.id, caption)}\n")
        report = service.export_trip(
            trip.id, ExportSettings(format=ExportFormat.JEKYLL, folder=self.site)
        )
        if report.broken_links:
            raise CheckFailed(f"the exporter reports broken links: {report.broken_links}")
        if len(report.posts) != 1:
            raise CheckFailed(f"expected one post, the export wrote {len(report.posts)}")
        post = report.posts[0]
        images = verify_jekyll_post(post, self.site, trip.title)
        return f"{post.relative_to(self.site).as_posix()} with {images} images, all readable"


def verify_jekyll_post(post: Path, site: Path, title: str) -> int:
    """Read the post as Jekyll would: front matter, text, and every image it links."""
    text = post.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise CheckFailed(f"{post.name} does not start with YAML front matter")
    front_matter = yaml.safe_load(text.split("---\n", 2)[1])
    if not isinstance(front_matter, dict) or front_matter.get("title") != title:
        raise CheckFailed(f"{post.name}'s front matter has no title {title!r}")
    for expected in ("경복궁에 다녀왔습니다.", "Han River at dusk.", "Day 0", "Day 1"):
        if expected not in text:
            raise CheckFailed(f"{post.name} lacks {expected!r}")
    links = _IMAGE_LINK.findall(text)
    if len(links) != 2:
        raise CheckFailed(f"{post.name} links {len(links)} images, not 2: {links}")
    for link in links:
        image_file = site.joinpath(*link.lstrip("/").split("/"))
        if not image_file.is_file():
            raise CheckFailed(f"{post.name} links {link}, which the export did not write")
        with Image.open(image_file) as image:
            image.load()
    return len(links)


def _drawing(color: tuple[int, int, int]) -> Image.Image:
    """A small picture with edges in it, so the encoders have real work to do."""
    image = Image.new("RGB", (96, 64), (250, 246, 236))
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 60, 56), fill=color)
    draw.ellipse((52, 12, 88, 48), outline=(20, 20, 20), width=3)
    return image


def _exif(taken: datetime, make: str, model: str) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = make
    exif[ExifTags.Base.Model] = model
    details = exif.get_ifd(ExifTags.IFD.Exif)
    details[ExifTags.Base.DateTimeOriginal] = taken.strftime("%Y:%m:%d %H:%M:%S")
    details[ExifTags.Base.OffsetTimeOriginal] = "+09:00"
    return exif


def main() -> int:
    report = run_core_self_check()
    print(report.text(), file=sys.stdout if report.passed else sys.stderr)
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
