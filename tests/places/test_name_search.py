"""Finding a place by the name a person types, in any script, with or without accents."""

from pathlib import Path

import pytest

from journal.places.finder import PlaceFinder, place_finder
from journal.places.index_file import open_index
from journal.places.name_search import MAX_QUERY_CHARACTERS, name_key

# What is typed, and the place (label) that must come first.
TYPED = {
    "Latin without accents": ("Sao Paulo", "São Paulo, Brazil"),
    "Latin with accents, other case": ("SÃO PAULO", "São Paulo, Brazil"),
    "Hangul": ("서울", "Seoul, South Korea"),
    "kanji": ("東京", "Tokyo, Japan"),
    "lower case": ("kyoto", "Kyoto, Japan"),
    "katakana": ("ソウル", "Seoul, South Korea"),
    "an alternate name of a large city": ("München", "Munich, Bavaria, Germany"),
    "the beginning of a name": ("Reykjav", "Reykjavík, Capital Region, Iceland"),
}


@pytest.mark.parametrize("case", list(TYPED), ids=list(TYPED))
def test_a_typed_name_finds_the_place(case: str) -> None:
    typed, label = TYPED[case]
    assert place_finder().search(typed)[0].place.label == label


def test_places_sharing_a_name_come_largest_first() -> None:
    found = place_finder().search("Paris", limit=5)
    assert found[0].place.label == "Paris, Île-de-France, France"
    populations = [match.population for match in found]
    assert populations == sorted(populations, reverse=True)
    assert "Paris, Texas, United States" in [match.place.label for match in found]


def test_an_exact_name_comes_before_a_larger_place_it_begins() -> None:
    """ "York" is York, not the far larger New York... nor Yorkshire towns that start with it."""
    assert place_finder().search("York")[0].place.city == "York"


def test_a_found_place_is_named_in_the_language_asked_for() -> None:
    assert place_finder().search("Kyoto", "ja")[0].place.city == "京都"


def test_hostile_input_finds_nothing_and_never_fails() -> None:
    finder = place_finder()
    assert finder.search("") == []
    assert finder.search("   \t\n") == []
    assert finder.search("\x00\x1b\x07") == []
    assert finder.search("x" * 10_000) == []
    assert finder.search("%_'\"; DROP TABLE place; --") == []
    assert finder.search("Kyoto", limit=-5)[0].place.city == "Kyoto"


def test_name_keys_fold_case_and_latin_accents_but_keep_other_scripts() -> None:
    assert name_key("  São\tPAULO ") == "sao paulo"
    assert name_key("Kyōto\x1b") == "kyoto"
    assert name_key("が") == "が"
    assert name_key("서울") == "서울"
    assert len(name_key("a" * 10_000)) == 10_000
    assert MAX_QUERY_CHARACTERS < 10_000


def test_the_small_index_finds_names_and_alternates_of_its_places(small_index: Path) -> None:
    finder = PlaceFinder(open_index(small_index))
    assert [match.place.city for match in finder.search("geneve")] == ["Geneva"]
    assert [match.place.city for match in finder.search("서울특별시", "ko")] == ["서울"]
    assert finder.place_named(999_999) is None
