"""Hostile front matter is refused with a clear message, fast, and nothing is created (issue 11.4).

"Billion laughs" YAML is a few hundred bytes whose aliases describe 10⁹ strings; the old importer
ran out of memory turning them into a trip. Both tests of it run the import in a child process
under a memory limit and a timeout, so the old code fails them instead of taking the machine down.
"""

import multiprocessing
import resource
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from journal.bounded_yaml import MAX_EXPANDED_SIZE, MAX_TEXT_LENGTH
from journal.cli import main
from journal.errors import InvalidInputError
from journal.post_import.post_plan import plan_post
from journal.services import JournalService, NewTrip
from journal.store.library import Library

#: Address space for the CLI child: ample for the CLI, far too little for 10⁹ strings.
MEMORY_LIMIT = 1024 * 1024 * 1024


def billion_laughs(levels: int = 9) -> str:
    """Front matter whose ``categories`` expands to 10**(levels + 1) strings."""
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [
        f"lol{level}: &lol{level} [{', '.join([f'*lol{level - 1}'] * 10)}]"
        for level in range(1, levels + 1)
    ]
    return "\n".join(lines) + f"\ncategories: *lol{levels}\n"


def hostile_post(folder: Path, yaml_text: str) -> Path:
    """A post in a Jekyll site with ``yaml_text`` in its front matter and one real image."""
    (folder / "_posts").mkdir(parents=True)
    (folder / "_config.yml").write_text("title: Blog\n", encoding="utf-8")
    (folder / "assets").mkdir()
    Image.new("RGB", (32, 24), (200, 40, 40)).save(folder / "assets" / "red.png")
    post = folder / "_posts" / "2023-09-30-laughs.md"
    post.write_text(
        f"---\ntitle: Laughs\ndate: 2023-09-30\n{yaml_text}---\n\n## Day 0\n\n"
        "![red](/assets/red.png)\n",
        encoding="utf-8",
    )
    return post


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _import_with_limited_memory(root: Path, post: Path) -> str:
    """In a child process: import ``post`` through the service; the refusal's message."""
    _limit_memory()
    with Library.open(root) as library:
        try:
            service = JournalService(library)
            service.import_post(service.plan_post(post))
        except InvalidInputError as error:
            return str(error)
    return "imported"


def run_limited_cli(*argv: str) -> subprocess.CompletedProcess[str]:
    """The real ``journal`` in a child with ``MEMORY_LIMIT`` of address space."""
    return subprocess.run(
        [sys.executable, "-m", "journal", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
        check=False,
    )


def test_the_cli_refuses_a_billion_laughs_post_at_once_and_creates_nothing(
    tmp_path: Path,
) -> None:
    post = hostile_post(tmp_path / "site", billion_laughs())
    root = tmp_path / "library"
    Library.open(root).close()
    result = run_limited_cli("import-post", str(post), "--library", str(root))
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stderr.startswith(f"journal: {post}: the front matter (line ")
    assert f"its aliases expand to more than {MAX_EXPANDED_SIZE:,} characters" in result.stderr
    assert result.stderr.count("\n") == 1
    with Library.open(root) as library:
        assert JournalService(library).list_trips() == []
        assert list(library.photos_dir.rglob("*.*")) == []


def test_extra_front_matter_given_to_the_cli_is_bounded_too(tmp_path: Path) -> None:
    root = tmp_path / "library"
    with Library.open(root) as library:
        JournalService(library).create_trip(
            NewTrip("Seattle", date(2023, 9, 16), date(2023, 9, 17), "America/Los_Angeles")
        )
    template = tmp_path / "extra.yml"
    template.write_text(billion_laughs(), encoding="utf-8")
    result = run_limited_cli("front-matter", "seattle", str(template), "--library", str(root))
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stderr.startswith("journal: The extra front matter cannot be used on line ")
    assert "(its aliases expand to more than" in result.stderr


def test_the_service_refuses_it_before_creating_a_trip_or_copying_a_photo(
    tmp_path: Path,
) -> None:
    post = hostile_post(tmp_path / "site", billion_laughs())
    root = tmp_path / "library"
    spawn = multiprocessing.get_context("spawn")  # no fork of a process that may run Qt threads
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as child:
        message = child.submit(_import_with_limited_memory, root, post).result(timeout=60)
    assert "aliases expand to more than" in message
    with Library.open(root) as library:
        assert JournalService(library).list_trips() == []
        assert list(library.photos_dir.rglob("*.*")) == []


@pytest.mark.parametrize(
    ("yaml_text", "problem"),
    [
        ("loop: &loop [1, *loop]\n", "an alias refers to the value that contains it"),
        ("deep: " + "[" * 5000 + "]" * 5000 + "\n", "its values are nested too deeply"),
        (f"big: '{'x' * MAX_TEXT_LENGTH}'\n", "it is longer than 256 KB"),
        # Under the text cap, over the expansion's: a 200 KB string shown six times.
        (f"s: &s '{'x' * 200_000}'\nsix: [*s, *s, *s, *s, *s, *s]\n", "aliases expand"),
    ],
)
def test_other_hostile_front_matter_gets_a_clear_message(
    tmp_path: Path, yaml_text: str, problem: str
) -> None:
    post = hostile_post(tmp_path / "site", yaml_text)
    with pytest.raises(InvalidInputError, match=problem) as refused:
        plan_post(post.read_text(encoding="utf-8"), source=post, site_root=tmp_path / "site")
    assert str(refused.value).startswith(f"{post}: the front matter")


def test_a_few_aliases_are_still_fine(tmp_path: Path) -> None:
    post = hostile_post(
        tmp_path / "site",
        "labels: &labels [AWS, Summit]\ncategories: *labels\nseo: &seo {image: a.png}\n"
        "twitter:\n  <<: *seo\n  card: summary\n",
    )
    plan = plan_post(post.read_text(encoding="utf-8"), source=post, site_root=tmp_path / "site")
    assert plan.categories == ("AWS", "Summit")
    assert plan.extra_front_matter["twitter"] == {"image": "a.png", "card": "summary"}


#: Tags the safe loader turns into Python values no front matter means (bytes, a set, lists of
#: pairs), one it knows nothing of, anywhere in the document: each refused by key (issue 11.4).
TAGGED = [
    ("subtitle: !!binary aGVsbG8=\n", "'subtitle' is tagged !!binary"),
    ("categories: !!set {a, b}\n", "'categories' is tagged !!set"),
    ("order: !!omap [a: 1, b: 2]\n", "'order' is tagged !!omap"),
    ("pairs: !!pairs [a: 1, a: 2]\n", "'pairs' is tagged !!pairs"),
    ("seo: {images: [!custom a.png]}\n", "a value inside 'seo' is tagged !custom"),
    ("!!binary aGk=: x\n", "the key 'aGk=' is tagged !!binary"),
]


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(("yaml_text", "problem"), TAGGED)
def test_import_post_refuses_tagged_values_by_key_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], yaml_text: str, problem: str
) -> None:
    post = hostile_post(tmp_path / "site", yaml_text)
    root = tmp_path / "library"
    Library.open(root).close()

    code, out, err = run_cli(capsys, "import-post", str(post), "--library", str(root))

    assert (code, out) == (2, "")
    assert err == (
        f"journal: {post}: the front matter (line 4) cannot be read: {problem}, which is not "
        "plain data; write it as text, a number, true/false, a date, a list or 'key: value' "
        "pairs, without the tag.\n"
    )
    with Library.open(root) as library:
        assert JournalService(library).list_trips() == []
        assert list(library.photos_dir.rglob("*.*")) == []


def test_a_binary_title_is_refused_not_made_a_trip_titled_b_hello(tmp_path: Path) -> None:
    post = hostile_post(tmp_path / "site", "")
    post.write_text(
        post.read_text(encoding="utf-8").replace("title: Laughs", "title: !!binary aGVsbG8="),
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError, match="'title' is tagged !!binary"):
        plan_post(post.read_text(encoding="utf-8"), source=post, site_root=tmp_path / "site")


@pytest.mark.parametrize(("yaml_text", "problem"), TAGGED)
def test_the_front_matter_command_refuses_tagged_values_and_keeps_the_old_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], yaml_text: str, problem: str
) -> None:
    root = tmp_path / "library"
    with Library.open(root) as library:
        service = JournalService(library)
        trip = service.create_trip(
            NewTrip("Seattle", date(2023, 9, 16), date(2023, 9, 17), "America/Los_Angeles")
        ).trip
        assert trip is not None
        service.set_front_matter_template(trip.id, {"author": "Jane"})
    template = tmp_path / "extra.yml"
    template.write_text(yaml_text, encoding="utf-8")

    code, _, err = run_cli(capsys, "front-matter", "seattle", str(template), "--library", str(root))

    assert code == 2
    assert err.startswith("journal: The extra front matter cannot be used on line 1 (")
    assert f"({problem}, which is not plain data;" in err
    with Library.open(root) as library:
        assert JournalService(library).front_matter_template(trip.id) == {"author": "Jane"}


def test_plain_data_with_core_tags_merges_and_a_bare_equals_sign_still_reads(
    tmp_path: Path,
) -> None:
    post = hostile_post(
        tmp_path / "site",
        "code: !!str 0012\ncount: !!int '3'\nratio: !!float 1\nshown: !!bool yes\n"
        "none: !!null ''\nlist: !!seq [a]\nmap: !!map {a: 1}\nmood: =\n"
        "base: &base {x: 1}\nmerged: {<<: *base, y: 2}\n",
    )
    plan = plan_post(post.read_text(encoding="utf-8"), source=post, site_root=tmp_path / "site")
    assert plan.extra_front_matter == {
        "date": "2023-09-30",
        "code": "0012",
        "count": 3,
        "ratio": 1.0,
        "shown": True,
        "none": None,
        "list": ["a"],
        "map": {"a": 1},
        "mood": "=",
        "base": {"x": 1},
        "merged": {"x": 1, "y": 2},
    }
