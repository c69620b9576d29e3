import pytest

from journal.text_stats import count_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("Hello, world!", 2),
        ("드디어 워크숍 첫째 날입니다.", 4),
        ("東京に行く", 5),
        ("see ![img_24.png](/assets/images/img_24.png) and [docs](https://x.y/z)", 3),
        ("<br>\n<!-- note -->\nDay1", 1),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words
