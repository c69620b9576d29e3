"""The image finder reads a hostile text in about linear time.

A post is untrusted text and every text is searched for images on each save. Unclosed shortcodes,
includes, Liquid, comments and highlight blocks made the first version of the finder rescan the
rest of the text from each of them: 100 KB of ``{% comment %}`` took minutes, of unclosed
includes half a minute. Each case here is about 100 KB; the bound is generous (a shared, loaded
machine) and still far below what a rescan from each opener costs.
"""

import time

import pytest

from journal.markdown.images import find_images

HOSTILE = {
    "unclosed comments": "{% comment %}" * 8000,
    "unclosed highlights": "{% highlight x %}" * 3000 + "{{< highlight x >}}" * 3000,
    "unclosed raw": '{% raw %}{% include a.html x="a.jpg" %}' * 2500,
    "unclosed includes": '{% include a.html x="' * 5000,
    "unclosed shortcodes": '{{< figure src="' * 6000,
    "unclosed Liquid": "{{ " * 30000,
    "unclosed HTML comments": "<div>\n" + "<!-- " * 20000,
    "links around images": "<p>" + "<a href=x><img src=y.jpg>" * 3000,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_text_is_searched_quickly(text: str) -> None:
    started = time.perf_counter()
    find_images(text)
    assert time.perf_counter() - started < 6
