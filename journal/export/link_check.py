"""After writing, read each post back and resolve every image the way its generator will serve
it: a post that shows a broken image must never be reported as a successful export. A link to a
folder, a pipe, a link loop or a name no file system takes is reported like a missing file, with
its reason (``journal.markdown.links.file_problem``)."""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from journal.export.profile import Profile
from journal.export.safe_paths import inside
from journal.markdown.image_ref import ImageKind
from journal.markdown.images import find_images
from journal.markdown.links import (
    NOT_AN_ADDRESS,
    NOT_FOUND,
    address_problem,
    file_problem,
    split_link,
)


@dataclass(frozen=True)
class BrokenLink:
    post: Path
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.post.name}: {self.url} ({self.reason})"


def check_links(
    folder: Path, post_files: Iterable[PurePosixPath], profile: Profile
) -> tuple[BrokenLink, ...]:
    broken: list[BrokenLink] = []
    for post_file in post_files:
        post = inside(folder, post_file)
        text = post.read_text(encoding="utf-8")
        for image in find_images(text):
            url = image.url
            if image.kind is ImageKind.LIQUID:
                url = profile.included_link(url)
            reason = _problem(folder, post_file, profile, url)
            if reason is not None:
                broken.append(BrokenLink(post, url, reason))
    return tuple(broken)


def _problem(folder: Path, post_file: PurePosixPath, profile: Profile, url: str) -> str | None:
    parts = split_link(url)
    if parts is None:
        return NOT_AN_ADDRESS
    if parts.scheme == "photo":
        return "a photo reference that was not exported"
    problem = address_problem(parts)
    if problem is not None:
        return problem
    if parts.scheme or parts.netloc:
        return None  # Remote images cannot be checked offline; they are the author's to keep.
    if not parts.path:
        return "an empty link"
    served = profile.served_file(folder, post_file, parts.path)
    if isinstance(served, str):
        return served
    problem = file_problem(served)
    return f"no file {served}" if problem == NOT_FOUND else problem
