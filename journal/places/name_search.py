"""Finding a place by a name typed in any script, offline, over the place-name index.

A name is matched by its *key*: case folded, with Latin accents dropped, so that "Sao Paulo",
"são paulo" and "SÃO PAULO" all find São Paulo, while Hangul, kana and kanji stay as written
(their marks, such as the dakuten of が, are letters, not accents: only the combining accents
U+0300-U+036F are dropped). Each place is findable by its English name, its Korean and Japanese
names, and, for places of ``ALTERNATES_POPULATION`` people or more, every alternate name
GeoNames lists (Lisboa, München, 北京): smaller places' hundreds of thousands of alternates
would double the index for names nobody types. A typed name matches a key exactly or as its
beginning; the exact ones come first, then the larger place.
"""

import sqlite3
import unicodedata
from collections.abc import Iterable

#: Places this large are findable by all their alternate names too.
ALTERNATES_POPULATION = 100_000
#: The longest name a search reads; longer input is cut there (no place name is this long).
MAX_QUERY_CHARACTERS = 200

_ACCENTS = range(0x300, 0x370)


def name_key(text: str) -> str:
    """The form names are compared in: case folded, Latin accents dropped, control characters
    and runs of spaces made one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        " " if unicodedata.category(char)[0] == "C" else char
        for char in decomposed
        if ord(char) not in _ACCENTS
    )
    return " ".join(unicodedata.normalize("NFC", kept).casefold().split())


def name_keys(names: Iterable[str | None]) -> set[str]:
    """The distinct, non-empty keys of a place's names."""
    return {key for name in names if name for key in [name_key(name)] if key}


def matching_ids(connection: sqlite3.Connection, text: str, limit: int) -> list[int]:
    """The ids of places a typed name matches, best first (exact, then by population)."""
    key = name_key(text[:MAX_QUERY_CHARACTERS])
    if not key:
        return []
    rows = connection.execute(
        """
        SELECT place.id FROM place_name JOIN place ON place.id = place_name.place_id
        WHERE place_name.key >= ?1 AND place_name.key < ?1 || char(1114111)
        GROUP BY place.id
        ORDER BY max(place_name.key = ?1) DESC, place.population DESC, place.id
        LIMIT ?2
        """,
        (key, limit),
    )
    return [row[0] for row in rows]
