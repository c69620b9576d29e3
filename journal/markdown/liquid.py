"""Liquid in an image's destination: ``![a]({{ site.baseurl }}/assets/a.jpg)``.

Jekyll expands Liquid before kramdown reads the Markdown, and many Jekyll posts build their image
URLs with it: ``{{ site.baseurl }}``, ``{{ "/assets/a.jpg" | relative_url }}``,
``{% link assets/a.jpg %}``. CommonMark reads a destination with spaces as no image at all (and
``src="{{ "/a.jpg" | relative_url }}"`` as no HTML tag), so the finder parses a copy of the text
in which Liquid is masked (``masked``: the same length, without spaces or quotes, so every offset
still fits the real text), and resolving a link works out the site path those few expressions
name (``site_path``).
"""

import re

#: Liquid output or a Liquid tag (or a Hugo shortcode, which reads alike) on one line.
#: (Bounded, so that a text of unclosed braces is read in linear time.)
_ANY_LIQUID = re.compile(r"\{\{[^\n]{0,1000}?\}\}|\{%[^\n]{0,1000}?%\}")
_LIQUID = re.compile(r"\{\{|\{%")
#: The site's own root: its URL and base path.
_SITE_ROOT = re.compile(r"\{\{-?\s*site\.(?:url|baseurl)\s*-?\}\}")
#: A quoted site path through ``relative_url`` or ``absolute_url``.
_URL_FILTER = re.compile(
    r"""\{\{-?\s*(?P<quote>['"])(?P<path>[^'"]*)(?P=quote)\s*\|\s*(?:relative|absolute)_url"""
    r"""\s*-?\}\}"""
)
#: Jekyll's ``link`` tag, naming a file by its path in the site.
_LINK_TAG = re.compile(r"\{%-?\s*link\s+(?P<path>[^\s%]+)\s*-?%\}")


def masked(text: str) -> str:
    """``text`` with each Liquid output and tag replaced by as many ``x`` between its braces, so
    that a Markdown parser reads it as the one word it becomes before Markdown is read: a
    destination (``]({{ site.baseurl }}/a.jpg)``), an attribute (``src="{{ "/a.jpg" |
    relative_url }}"``) or a table cell holding a ``|`` filter."""
    return _ANY_LIQUID.sub(
        lambda match: match[0][:2] + "x" * (len(match[0]) - 4) + match[0][-2:], text
    )


def site_path(destination: str) -> str | None:
    """The site path a destination built with Liquid names (``{{ site.baseurl }}/a.jpg`` is
    ``/a.jpg``); ``destination`` itself when it has no Liquid; None when its Liquid is anything
    but the site's root, a ``relative_url`` filter or a ``link`` tag."""
    if not _LIQUID.search(destination):
        return destination
    rooted = bool(_SITE_ROOT.match(destination))
    path = _SITE_ROOT.sub("", destination)
    path = _URL_FILTER.sub(lambda match: "/" + match["path"].lstrip("/"), path)
    path = _LINK_TAG.sub(lambda match: "/" + match["path"].lstrip("/"), path)
    if _LIQUID.search(path):
        return None
    return "/" + path.lstrip("/") if rooted else path
