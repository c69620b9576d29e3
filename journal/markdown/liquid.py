"""Liquid in an image's destination: ``![a]({{ site.baseurl }}/assets/a.jpg)``.

Jekyll expands Liquid before kramdown reads the Markdown, and many Jekyll posts build their image
URLs with it: ``{{ site.baseurl }}``, ``{{ "/assets/a.jpg" | relative_url }}``,
``{% link assets/a.jpg %}``. CommonMark reads a destination with spaces as no image at all, so
the finder parses a copy of the text in which Liquid at the start of a destination is masked
(``masked``: the same length, without spaces, so every offset still fits the real text), and
resolving a link works out the site path those few expressions name (``site_path``).
"""

import re

#: Liquid output or tags opening a Markdown destination, inline (``](``) or in a reference
#: definition (``[label]:``).
_DESTINATION_LIQUID = re.compile(
    r"(?:\]\([ \t]*\n?[ \t]*<?|^[ \t>]*\[[^\]\n]+\]:[ \t]*<?)"
    r"(?P<liquid>(?:\{\{[^\n]*?\}\}|\{%[^\n]*?%\})+)",
    re.MULTILINE,
)
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
    """``text`` with the Liquid opening each destination replaced by as many ``x`` between its
    braces, so that a Markdown parser reads the destination as one."""

    def mask(match: re.Match[str]) -> str:
        liquid = match["liquid"]
        inner = re.sub(
            r"(\{[{%])[^\n]*?([%}]\})", lambda m: m[1] + "x" * (len(m[0]) - 4) + m[2], liquid
        )
        return match[0][: match.start("liquid") - match.start()] + inner

    return _DESTINATION_LIQUID.sub(mask, text)


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
