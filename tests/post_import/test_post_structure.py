"""Cutting a post's body into intro, days and closing where markdown-it sees its headings."""

from journal.post_import.post_structure import split_post


def test_characters_python_counts_as_line_breaks_do_not_move_the_sections() -> None:
    # markdown-it breaks lines at \n and \r only; a form feed or U+2028 (pasted from a web page)
    # inside a paragraph must not shift the cut by a line.
    body = "Intro\u2028still the intro.\x0c\n\n## Day 1\n\nFirst\u2029day.\n\n## Day 2\nSecond.\n"

    structure = split_post(body)

    assert structure.intro == "Intro\u2028still the intro.\x0c\n\n"
    assert [(day.index, day.body, day.line) for day in structure.days] == [
        (1, "\nFirst\u2029day.\n\n", 3),
        (2, "Second.\n", 7),
    ]
