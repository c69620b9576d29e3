import pytest

from journal.markdown.photo_refs import (
    markdown_image,
    photo_id_of,
    photo_url,
    shown_photos,
    without_photos,
)


def test_a_reference_round_trips_and_escapes_brackets() -> None:
    assert photo_url(42) == "photo:42"
    assert markdown_image(7, "Day [1] view") == r"![Day \[1\] view](photo:7)"
    assert photo_id_of(" photo:42 ") == 42
    assert photo_id_of("/assets/images/img_24.png") is None
    assert photo_id_of("photo:abc") is None


def test_shown_photos_are_found_with_their_lines_and_code_is_not_a_reference() -> None:
    text = "Intro.\r\nA ![view](photo:3) here\n\n`![](photo:4)`\n\n![](photo:5)\n![x](other.png)"

    assert [(shown.photo_id, shown.line) for shown in shown_photos(text)] == [(3, 2), (5, 6)]
    first = shown_photos(text)[0]
    assert text[first.start : first.end] == "![view](photo:3)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Alone on its line: the line goes, and no second blank line is left behind.
        ("Before.\n\n![](photo:3)\n\nAfter.\n", "Before.\n\nAfter.\n"),
        ("Before.\n![](photo:3)\nAfter.", "Before.\nAfter."),
        ("![a](photo:3)\n\nFirst line.", "First line."),
        ("Last line.\n\n  ![a](photo:3)  ", "Last line."),
        ("Last line.\n![](photo:3)\n", "Last line.\n"),
        ("![](photo:3)", ""),
        # Blank lines the user wrote stay as they were.
        ("One.\n\n\n![](photo:3)\n\nTwo.", "One.\n\n\nTwo."),
        ("One.\n\n\n\nTwo.\n![](photo:3)", "One.\n\n\n\nTwo."),
        # Inline: just the reference and the space it leaves.
        ("A view ![x](photo:3) of the bay.", "A view of the bay."),
        ("![x](photo:3) The bay.", "The bay."),
        ("The bay: ![x](photo:3)\nNext.", "The bay:\nNext."),
        ("(![x](photo:3))", "()"),
        ("- ![x](photo:3) the bay\n- the hills", "- the bay\n- the hills"),
        # The whole of a list item or quote line: the item or line goes, not just its image.
        ("- the bay\n- ![x](photo:3)\n- the hills", "- the bay\n- the hills"),
        ("1. the bay\n2. ![x](photo:3)\n", "1. the bay\n"),
        ("> Quote.\n> ![x](photo:3)\n\nAfter.", "> Quote.\n\nAfter."),
        ("> - ![x](photo:3)\n> - kept", "> - kept"),
        ("Note - ![x](photo:3)", "Note -"),
        # Several references, to deleted and to other photos; code is not a reference.
        (
            "Start.\n\n![](photo:3)\n\n![](photo:4)\n\nMiddle ![](photo:3) and ![](photo:7).\n",
            "Start.\n\nMiddle and ![](photo:7).\n",
        ),
        ("![](photo:3) ![](photo:4) ![](photo:7)", "![](photo:7)"),
        ("Use `![](photo:3)` to show a photo.", "Use `![](photo:3)` to show a photo."),
        ("![](photo:33) ![](photo:7)", "![](photo:33) ![](photo:7)"),
        # Windows line endings from a file set on the command line are kept.
        ("One.\r\n\r\n![](photo:3)\r\n\r\nTwo.\r\n", "One.\r\n\r\nTwo.\r\n"),
    ],
)
def test_without_photos_removes_their_references_and_nothing_else(text: str, expected: str) -> None:
    assert without_photos(text, {3, 4}) == expected
