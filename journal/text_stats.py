"""Word counts that are fair to every script our users write in.

Korean separates words with spaces, but Chinese and Japanese do not, so a run of ideographs or
kana counts one word per character (the convention of most CJK word processors). Markdown image
references, link targets and HTML tags are not prose and are not counted.
"""

import re

_NOT_PROSE = re.compile(
    r"!\[[^\]]*\]\([^)]*\)"  # images
    r"|\]\([^)]*\)"  # link targets (the link text stays)
    r"|<[^>]+>"  # HTML tags and comments
)
_CJK_CHAR = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_WORD = re.compile(rf"{_CJK_CHAR}|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def count_words(markdown: str) -> int:
    """Count the words of Markdown prose."""
    return len(_WORD.findall(_NOT_PROSE.sub(" ", markdown)))
