"""Run an export: plan the posts, write the images (on a few threads), write the posts, check
every link. Posts are written after their images so that no moment has a post showing a missing
file; every file is written atomically and only when its bytes change, so exporting again over
an unchanged trip touches nothing."""

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from journal.atomic_files import TEMP_PREFIX, atomic_write_bytes
from journal.export.errors import ExportError, ExportExistsError
from journal.export.hugo import HugoProfile
from journal.export.images import exported_image, is_current_web_copy
from journal.export.jekyll import JekyllProfile
from journal.export.link_check import BrokenLink, check_links
from journal.export.plain import PlainProfile
from journal.export.post import PlannedImage, RenderedPost, exported_name, render_posts
from journal.export.profile import Profile
from journal.export.safe_paths import inside
from journal.export.settings import ExportFormat, ExportSettings
from journal.export.source import ExportSource

_PROFILES: dict[ExportFormat, type[Profile]] = {
    ExportFormat.JEKYLL: JekyllProfile,
    ExportFormat.HUGO: HugoProfile,
    ExportFormat.MARKDOWN: PlainProfile,
}


@dataclass(frozen=True)
class ExportProgress:
    """Files written so far; reported on the thread that runs the export."""

    done: int
    total: int
    #: The file just finished, relative to the export folder.
    current: str


@dataclass(frozen=True)
class ExportPlan:
    """The posts an export would write, for the preview and the overwrite question."""

    settings: ExportSettings
    folder: Path
    posts: tuple[RenderedPost, ...]
    #: Existing files the export would replace with other content.
    conflicts: tuple[Path, ...]
    #: What the post lacks and why (``ExportSource.notes``).
    notes: tuple[str, ...] = ()

    @property
    def markdown(self) -> str:
        """Every post's text, one after the other, as the preview shows it."""
        return "\n".join(post.text for post in self.posts)


@dataclass(frozen=True)
class ExportReport:
    folder: Path
    posts: tuple[Path, ...]
    images: int
    files_written: int
    files_unchanged: int
    #: Images an earlier export wrote that the post no longer shows (a photo deleted, moved).
    files_removed: int
    broken_links: tuple[BrokenLink, ...]
    notes: tuple[str, ...] = ()

    @property
    def post_folder(self) -> Path:
        """The folder to open for the user: the one holding the (first) post."""
        return self.posts[0].parent


def profile_for(settings: ExportSettings) -> Profile:
    return _PROFILES[settings.format](settings)


def plan_export(source: ExportSource, settings: ExportSettings) -> ExportPlan:
    settings = settings.checked()
    assert settings.folder is not None
    folder = settings.folder.expanduser().absolute()
    profile = profile_for(settings)
    profile.check_buildable(folder, source)
    posts = tuple(render_posts(source, settings, profile))
    conflicts = []
    for post in posts:
        target = inside(folder, post.file)
        if target.exists() and _read(target) != post.text.encode("utf-8"):
            conflicts.append(target)
    return ExportPlan(settings, folder, posts, tuple(conflicts), source.notes)


def run_export(
    plan: ExportPlan,
    *,
    overwrite: bool = False,
    progress: Callable[[ExportProgress], None] | None = None,
) -> ExportReport:
    """Write ``plan``; refuse to replace other content unless ``overwrite``."""
    if plan.conflicts and not overwrite:
        raise ExportExistsError(plan.conflicts)
    try:
        plan.folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"Cannot create the folder {plan.folder}: {error.strerror}.") from error
    _sweep_partial_files(plan)
    images = {image.file: image for post in plan.posts for image in post.images}
    total = len(images) + len(plan.posts)
    done = written = 0

    def report(current: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(ExportProgress(done, total, current))

    workers = min(4, os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="export-image") as pool:
        futures: dict[Future[bool], PlannedImage] = {
            pool.submit(_write_image, plan, image): image for image in images.values()
        }
        try:
            for future in as_completed(futures):
                written += future.result()
                report(futures[future].file.as_posix())
        except BaseException:
            for pending in futures:
                pending.cancel()
            raise
    for post in plan.posts:
        written += _write_if_changed(inside(plan.folder, post.file), post.text.encode("utf-8"))
        report(post.file.as_posix())
    removed = _remove_stale_images(plan, set(images))
    profile = profile_for(plan.settings)
    broken = check_links(plan.folder, (post.file for post in plan.posts), profile)
    return ExportReport(
        folder=plan.folder,
        posts=tuple(inside(plan.folder, post.file) for post in plan.posts),
        images=len(images),
        files_written=written,
        files_unchanged=total - written,
        files_removed=removed,
        broken_links=broken,
        notes=plan.notes,
    )


def _sweep_partial_files(plan: ExportPlan) -> None:
    """Delete temporary files an export killed mid-write left in the folders it writes."""
    folders = {post.image_folder for post in plan.posts} | {post.file.parent for post in plan.posts}
    for folder in folders:
        target = inside(plan.folder, folder)
        if target.is_dir():
            for leftover in target.glob(f"{TEMP_PREFIX}*"):
                leftover.unlink(missing_ok=True)


def _remove_stale_images(plan: ExportPlan, current: set[PurePosixPath]) -> int:
    """Delete images an earlier export of this post wrote and the post no longer shows, so that
    the folder holds exactly what the post links. Only files named the way the exporter names
    this post's images are candidates; anything else in the folder (the user's own files, the
    images of a translation sharing a Hugo bundle) is left alone."""
    removed = 0
    for folder, prefix in {(post.image_folder, post.image_prefix) for post in plan.posts}:
        target = inside(plan.folder, folder)
        if not target.is_dir():
            continue
        stale_name = exported_name(prefix)
        for entry in target.iterdir():
            relative = folder / entry.name
            if stale_name.match(entry.name) and entry.is_file() and relative not in current:
                try:
                    entry.unlink()
                except OSError as error:
                    raise ExportError(f"Cannot remove {entry}: {error.strerror}.") from error
                removed += 1
    return removed


def _write_image(plan: ExportPlan, image: PlannedImage) -> bool:
    target = inside(plan.folder, image.file)
    if is_current_web_copy(target, image.photo, plan.settings.images):
        return False
    return _write_if_changed(target, exported_image(image.photo, plan.settings.images))


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write_if_changed(target: Path, data: bytes) -> bool:
    """Write ``data`` unless ``target`` already holds it; True if it was written."""
    if _read(target) == data:
        return False
    try:
        atomic_write_bytes(target, data)
    except OSError as error:
        raise ExportError(f"Cannot write {target}: {error.strerror or error}.") from error
    return True
