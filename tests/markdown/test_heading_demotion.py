"""Headings inside a day's text are written below the day heading and read back as they were."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.markdown.parser import markdown_parser
from journal.markdown.post_layout import demote_headings, promote_headings
from journal.post_import.post_structure import split_post

#: Pieces of lines real texts are made of: headings of every depth (and too deep), underlines,
#: code fences and indented code, quotes, list items, paragraphs, blank lines.
_LEADS = st.sampled_from(["", "", "", " ", "   ", "> ", ">", "- ", "1. ", "  ", "    ", "\t"])
_STARTS = st.sampled_from(
    ["#", "##", "###", "####", "#####", "######", "#######", "\\#", "#hashtag", ""]
)
_RESTS = st.sampled_from(
    [" Evening", "", " ## closed ##", "\tTab", " Day 2 — Busan", " 2023-09-18", " `# code`"]
)
_WHOLE = st.sampled_from(["```", "~~~", "---", "===", "***", "", "text", "<div>", "</div>"])
_LINE = st.one_of(st.tuples(_LEADS, _STARTS, _RESTS).map("".join), _WHOLE)
_TEXT = st.one_of(
    st.lists(_LINE, max_size=12).flatmap(
        lambda lines: st.sampled_from(["\n", "\r\n"]).map(lambda end: end.join(lines))
    ),
    st.text(alphabet=st.sampled_from("#= -\n>`\t~*1.ab\r"), max_size=40),
)


def _headings(text: str) -> list[tuple[int, str]]:
    """(level, markup) of every heading the shared parser finds, at any depth."""
    return [
        (int(token.tag[1:]), token.markup)
        for token in markdown_parser().parse(text)
        if token.type == "heading_open"
    ]


@settings(max_examples=600)
@given(_TEXT)
def test_promotion_undoes_demotion_on_any_text_without_underlined_headings(text: str) -> None:
    # An underlined heading has no deeper form (a test below says what it becomes). Lines of
    # seven or more marks count as headings, as demotion takes them past level 6 and back.
    if any(markup[0] in "=-" for _, markup in _headings(re.sub("#{7,}", "#" * 6, text))):
        return
    assert promote_headings(demote_headings(text)) == text


@settings(max_examples=600)
@given(_TEXT)
def test_after_demotion_no_heading_of_a_days_text_is_at_a_day_headings_level(text: str) -> None:
    assert all(level > 2 for level, _ in _headings(demote_headings(text)))


def test_a_days_headings_stay_in_the_day_when_the_post_is_read_again() -> None:
    text = "Morning.\n\n## Evening\n\nDinner.\n\n# Night\n\n> ## Quoted\n"
    post = f"## Day 1\n\n{demote_headings(text)}\n## Day 2\n\nHome.\n"
    days = split_post(post).days
    assert [day.heading for day in days] == ["Day 1", "Day 2"]
    assert "#### Evening" in days[0].body
    assert promote_headings(days[0].body).strip() == text.strip()


def test_headings_in_code_are_not_headings() -> None:
    text = "```bash\n# install\n```\n\n    ## indented code\n<div>\n# raw html\n</div>\n"
    assert demote_headings(text) == text


def test_an_underlined_heading_comes_back_as_a_hash_heading_of_its_level() -> None:
    demoted = demote_headings("Evening\nand night\n-----\n\nDinner.\n\n> Quoted\n> ===\n")
    assert demoted == "#### Evening and night\n\nDinner.\n\n> ### Quoted\n"
    assert promote_headings(demoted) == "## Evening and night\n\nDinner.\n\n> # Quoted\n"


def test_headings_not_deeper_than_a_day_are_kept_by_promotion() -> None:
    assert promote_headings("# Top\n## Section\n### Sub\n") == "# Top\n## Section\n# Sub\n"


def test_a_heading_pushed_past_level_six_keeps_its_marks() -> None:
    assert re.fullmatch(r"#{7} Five\n", demote_headings("##### Five\n"))
    assert promote_headings(demote_headings("##### Five\n")) == "##### Five\n"
