"""A place's Korean and Japanese names, picked from GeoNames' unlabelled alternate names.

The data lists every alternate name without its language, so the language is read off the
script: Hangul is Korean; text a Japanese code page can spell that has kana or kanji is Japanese
(Chinese simplified characters such as 东 are not in it, so 东京 loses to 東京). Among several
candidates, Korean prefers the one whose romanization sounds like the English name (서울 over
the historic 경성 for Seoul), Japanese prefers kanji for places in Japan (京都 over きょうと) and
katakana elsewhere (パリ over 巴黎); both then prefer the shortest. Outside the countries whose
places Japanese writes in kanji, a name without kana is taken for Chinese (日内瓦 is Geneva in
Chinese, ジュネーヴ in Japanese) and not used.
"""

import difflib
import unicodedata
from collections.abc import Iterable

from slugify import slugify

#: The languages place names are offered in besides English; other UI languages get English.
LANGUAGES = ("ko", "ja")
#: Countries whose place names Japanese writes in kanji (東京, 北京, 釜山).
KANJI_COUNTRIES = frozenset({"JP", "CN", "TW", "HK", "MO", "KR", "KP"})


def _scripts(text: str) -> set[str]:
    """The scripts of the letters in ``text``: HANGUL, HIRAGANA, KATAKANA, CJK, or LATIN..."""
    scripts = set()
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        scripts.add(name.split(" ", 1)[0] if name else "OTHER")
    return scripts


def _is_japanese(text: str) -> bool:
    if not _scripts(text) or not _scripts(text) <= {"HIRAGANA", "KATAKANA", "CJK"}:
        return False
    try:
        text.encode("shift_jis")
    except UnicodeEncodeError:
        return False
    return True


def korean_name(name: str, alternates: Iterable[str]) -> str | None:
    """The Hangul name that reads most like ``name`` (then the shortest), or None."""
    candidates = [text for text in alternates if _scripts(text) == {"HANGUL"}]
    if not candidates:
        return None
    romanized = slugify(name)

    def likeness(text: str) -> tuple[float, int]:
        return (-difflib.SequenceMatcher(None, slugify(text), romanized).ratio(), len(text))

    return min(candidates, key=likeness)


def japanese_name(alternates: Iterable[str], *, country: str) -> str | None:
    """Kanji for a place in Japan, katakana elsewhere (then the shortest), or None."""
    candidates = [text for text in alternates if _is_japanese(text)]
    if country not in KANJI_COUNTRIES:
        candidates = [text for text in candidates if _scripts(text) - {"CJK"}]
    if not candidates:
        return None
    wanted = "CJK" if country == "JP" else "KATAKANA"

    def preference(text: str) -> tuple[bool, int]:
        return (wanted not in _scripts(text), len(text))

    return min(candidates, key=preference)
