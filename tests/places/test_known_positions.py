"""The installed index (``make test`` builds it) names real positions as a person would."""

import pytest

from journal.places.finder import Relation, place_finder

# (latitude, longitude), the city, and the relation.
KNOWN = {
    "Tokyo Station, in Tokyo not a ward's neighbourhood": ((35.681, 139.767), "Tokyo", "in"),
    "Eifuku itself, still Tokyo (Immich says Eifuku)": ((35.6755, 139.6399), "Tokyo", "in"),
    "Kawasaki, a city of its own beside Tokyo": ((35.52, 139.70), "Kawasaki", "in"),
    "Kinkaku-ji, Kyoto": ((35.0394, 135.7292), "Kyoto", "in"),
    "Seoul City Hall": ((37.5663, 126.9779), "Seoul", "in"),
    "Haeundae beach, Busan": ((35.1587, 129.1604), "Busan", "in"),
    "Eiffel Tower, Paris": ((48.8584, 2.2945), "Paris", "in"),
    "Notre-Dame, Paris": ((48.853, 2.3499), "Paris", "in"),
    "Pike Place Market, Seattle": ((47.6097, -122.3422), "Seattle", "in"),
    "Redmond town centre": ((47.674, -122.1215), "Redmond", "in"),
    "Berlin Mitte, a capital's centre": ((52.52, 13.405), "Berlin", "in"),
    "Kehl, the German side of the Rhine at Strasbourg": ((48.5721, 7.8156), "Kehl", "in"),
    "Strasbourg, the French side": ((48.5734, 7.7521), "Strasbourg", "in"),
    "Savusavu, Fiji, 70 km from the date line": ((-16.78, 179.33), "Savusavu", "in"),
    "Puget Sound off Seattle, inside US waters": ((47.60, -122.45), "Seattle", "near"),
}


@pytest.mark.parametrize("case", list(KNOWN), ids=list(KNOWN))
def test_a_known_position_gets_the_city_a_person_would_name(case: str) -> None:
    (latitude, longitude), city, relation = KNOWN[case]
    place = place_finder().place_at(latitude, longitude)
    assert (place.city, place.relation.value) == (city, relation), place.label


def test_the_label_names_district_city_region_and_country_each_once() -> None:
    finder = place_finder()
    assert finder.place_at(47.6097, -122.3422).label == "Seattle, Washington, United States"
    assert finder.place_at(37.5663, 126.9779).label == "Seoul, South Korea"
    assert finder.place_at(35.690, 139.700).label.endswith("Tokyo, Japan")


def test_korean_and_japanese_names_when_the_language_asks() -> None:
    finder = place_finder()
    assert finder.place_at(37.5663, 126.9779, "ko").city == "서울"
    assert finder.place_at(35.1587, 129.1604, "ko").city == "부산"
    assert finder.place_at(35.681, 139.767, "ja").city == "東京"
    assert finder.place_at(35.0394, 135.7292, "ja").city == "京都"
    assert finder.place_at(48.8584, 2.2945, "ja").city == "パリ"
    # No Japanese name in the data: English, never the Chinese one (日内瓦).
    assert finder.place_at(46.2044, 6.1432, "ja").city == "Geneva"


def test_the_sea_off_a_coast_and_the_open_ocean() -> None:
    finder = place_finder()
    off_busan = finder.place_at(34.95, 129.35)  # 34 km out in the Korea Strait
    assert off_busan.relation is Relation.AT_SEA
    assert off_busan.label == "At sea off Busan, South Korea"
    assert finder.place_at(40.0, -30.0).label == "At sea"  # mid-Atlantic


def test_across_the_date_line_a_place_on_the_other_side_is_found() -> None:
    # Beringovskiy (Chukotka) is at 179.35° E; 0.75° east of it, across 180°, is -179.9°: 38 km at
    # this latitude. Without the second search box beyond the date line nothing is found.
    place = place_finder().place_at(63.06, -179.9)
    assert place.city == "Beringovskiy"
    assert place.country == "Russia"
