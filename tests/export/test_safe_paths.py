"""Nothing an export writes can land outside the chosen folder; links are valid URL paths."""

from pathlib import Path, PurePosixPath

import pytest

from journal.export import ExportError, ExportSettings
from journal.export.hugo import HugoProfile
from journal.export.jekyll import JekyllProfile
from journal.export.safe_paths import inside, url_path


@pytest.mark.parametrize("relative", ["../escape.md", "a/../../b.md", "a/..", "/etc/passwd"])
def test_paths_that_leave_the_folder_are_refused(tmp_path: Path, relative: str) -> None:
    with pytest.raises(ExportError, match="Refusing to write"):
        inside(tmp_path, PurePosixPath(relative))


def test_a_symlink_planted_in_the_site_cannot_redirect_a_write(tmp_path: Path) -> None:
    site, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    site.mkdir()
    elsewhere.mkdir()
    (site / "assets").symlink_to(elsewhere, target_is_directory=True)

    with pytest.raises(ExportError, match="leads outside"):
        inside(site, PurePosixPath("assets/images/x.jpg"))
    assert inside(site, PurePosixPath("_posts/p.md")) == site / "_posts" / "p.md"


def test_url_paths_keep_real_slashes_and_encode_each_segment() -> None:
    assert url_path(PurePosixPath("assets/images/23q4/img 24#1.png")) == (
        "assets/images/23q4/img%2024%231.png"
    )


def test_jekyll_serves_links_under_its_baseurl_only(tmp_path: Path) -> None:
    profile = JekyllProfile(ExportSettings(baseurl="/blog"))
    post = PurePosixPath("_posts/2023-09-16-x.md")
    assert profile.served_file(tmp_path, post, "/blog/assets/a%20b.jpg") == (
        tmp_path / "assets" / "a b.jpg"
    )
    assert profile.served_file(tmp_path, post, "/assets/a.jpg") == (
        "it is not under the site's baseurl /blog"
    )
    assert isinstance(profile.served_file(tmp_path, post, "assets/a.jpg"), str)
    assert profile.served_file(tmp_path, post, "/blog/../x.jpg") == "it points outside the site"


def test_served_files_follow_dot_segments_as_a_browser_does(tmp_path: Path) -> None:
    """Browsers take ``..`` out of a URL before asking the server, so a link that goes up and
    stays inside the site loads; only one that leaves it is broken."""
    jekyll_post = PurePosixPath("_posts/2023-09-16-x.md")
    jekyll = JekyllProfile(ExportSettings())
    assert jekyll.served_file(tmp_path, jekyll_post, "/assets/x/../a.png") == (
        tmp_path / "assets" / "a.png"
    )
    assert jekyll.served_file(tmp_path, jekyll_post, "/../a.png") == "it points outside the site"

    hugo_post = PurePosixPath("content/posts/x/index.md")
    hugo = HugoProfile(ExportSettings())
    assert hugo.served_file(tmp_path, hugo_post, "/img/../a%20b.png") == (
        tmp_path / "static" / "a b.png"
    )
    assert hugo.served_file(tmp_path, hugo_post, "/../config.toml") == "it points outside the site"
    assert hugo.served_file(tmp_path, hugo_post, "../y/a.png") == (
        tmp_path / "content" / "posts" / "y" / "a.png"
    )
    assert hugo.served_file(tmp_path, hugo_post, "../../../../a.png") == (
        "it points outside the export folder"
    )
