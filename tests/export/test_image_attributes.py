"""What a post says about each image (issue 13 item 11): its alt text comes from the photo's
caption, else its own description, else nothing (never the camera's file name), and an image
written in a syntax that can carry its size (an HTML ``<img>``, a Hugo ``figure``) carries the
exported image's, so that a page does not jump as its images load."""

import dataclasses
import io
import re
from pathlib import Path

import pytest
from PIL import Image

from journal.export import ExportFormat, ExportSettings, ImageOptions
from journal.export.exporter import plan_export
from journal.export.images import exported_image, web_copy_size
from journal.services import JournalService, TripInfo
from journal.services.export_ops import export_source
from tests.export.conftest import AddPhoto, make_photo
from tests.export.test_hugo_build import HUGO, build_site, make_site
from tests.export.test_images import source


@pytest.mark.parametrize(
    ("size", "orientation", "media_format"),
    [
        ((96, 64), 1, "JPEG"),
        ((4000, 3000), 1, "JPEG"),
        ((3001, 1999), 6, "JPEG"),
        ((1999, 3001), 8, "JPEG"),
        ((1601, 1600), 1, "JPEG"),
        ((5003, 17), 1, "JPEG"),
        ((2400, 1350), 1, "PNG"),
    ],
)
@pytest.mark.parametrize("keep_originals", [False, True])
def test_the_size_a_post_gives_is_the_exported_images(
    tmp_path: Path,
    size: tuple[int, int],
    orientation: int,
    media_format: str,
    keep_originals: bool,
) -> None:
    path = make_photo(
        tmp_path / "photo", size=size, orientation=orientation, image_format=media_format
    )
    photo = source(path, media_format)
    options = ImageOptions(keep_originals=keep_originals)

    with Image.open(io.BytesIO(exported_image(photo, options))) as exported:
        shown = exported.size
        if exported.getexif().get(0x0112) in (5, 6, 7, 8):  # an original shown rotated
            shown = shown[::-1]
    assert web_copy_size(photo, options) == shown


def test_a_file_that_cannot_be_read_has_no_size(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a photo")
    assert web_copy_size(source(broken), ImageOptions()) is None


def _written_size(text: str, attribute_pattern: str) -> tuple[int, int]:
    match = re.search(attribute_pattern, text)
    assert match is not None, text
    return int(match["width"]), int(match["height"])


def test_html_images_and_hugo_figures_get_the_exported_size_unless_they_give_one(
    service: JournalService, summit: TripInfo, add_photo: AddPhoto, tmp_path: Path
) -> None:
    wide = add_photo(summit, summit.start_date, size=(3200, 2000))
    tall = add_photo(summit, summit.start_date, size=(3200, 2000), orientation=6)
    service.set_day_text(
        summit.id,
        summit.start_date,
        f'<figure><img src="photo:{wide}" alt="Spheres"><figcaption>In</figcaption></figure>\n\n'
        f'{{{{< figure src="photo:{tall}" caption="Tall" >}}}}\n\n'
        f'<img src="photo:{wide}" width="300">\n\n'
        f"![Markdown has no size](photo:{wide})\n",
    )
    settings = ExportSettings(format=ExportFormat.HUGO, folder=tmp_path / "site")

    [post] = service.export_trip(summit.id, settings).posts

    text = post.read_text(encoding="utf-8")
    assert '<img src="day-0-01.jpg" width="1600" height="1000" alt="Spheres">' in text
    assert '{{< figure src="day-0-02.jpg" width="1000" height="1600" caption="Tall" >}}' in text
    assert '<img src="day-0-01.jpg" width="300">' in text
    assert "![Markdown has no size](day-0-01.jpg)" in text
    for name, attributes in (("day-0-01.jpg", (1600, 1000)), ("day-0-02.jpg", (1000, 1600))):
        with Image.open(post.parent / name) as exported:
            assert exported.size == attributes

    if HUGO is None:
        return
    make_site(tmp_path / "site")
    public = tmp_path / "public"
    build_site(tmp_path / "site", public)
    page = (public / "posts" / summit.slug / "index.html").read_text(encoding="utf-8")
    pattern = r'<img src="day-0-02.jpg"[^>]*?width="(?P<width>\d+)"\s+height="(?P<height>\d+)"'
    assert _written_size(page, pattern) == (1000, 1600)


def test_a_photo_without_caption_is_described_by_its_own_metadata(
    service: JournalService, summit: TripInfo, add_photo: AddPhoto, tmp_path: Path
) -> None:
    described = add_photo(summit, summit.start_date)
    captioned = add_photo(summit, summit.start_date, caption="The caption wins")
    bare = add_photo(summit, summit.start_date)
    shown = "".join(f"![](photo:{photo_id})\n\n" for photo_id in (described, captioned, bare))
    service.set_day_text(summit.id, summit.start_date, shown)
    with service.library.session() as session:
        exported = export_source(session, summit.id, service.library)
    photos = dict(exported.photos)
    for photo_id in (described, captioned):
        photos[photo_id] = dataclasses.replace(
            photos[photo_id], description="  Amazon   Spheres\nat dusk "
        )
    exported = dataclasses.replace(exported, photos=photos)
    settings = ExportSettings(format=ExportFormat.JEKYLL, folder=tmp_path)

    text = plan_export(exported, settings).markdown

    assert "![Amazon Spheres at dusk](/assets/images/aws-summit-2023/day-0-01.jpg)" in text
    assert "![The caption wins](/assets/images/aws-summit-2023/day-0-02.jpg)" in text
    assert "![](/assets/images/aws-summit-2023/day-0-03.jpg)" in text
    assert "IMG_" not in text
