"""Images written in markup other than Markdown's: HTML ``<img>``, Hugo shortcodes, Jekyll includes.

Real posts show images in HTML (``<figure><img src=…><figcaption>``, a gallery ``<div>``, an
``<a>`` around a thumbnail), in Hugo shortcodes (``{{< figure src="…" caption="…" >}}``) and in
Jekyll includes (``{% include figure.html path="…" alt="…" %}``). Each is found with the span of
its URL's value (inside its quotes), so the import can put ``photo:ID`` there and the export the
exported image's URL, and every other byte of the post stays as written.

HTML is looked for only where markdown-it says there is HTML (``images.find_images`` passes those
regions), so ``<img>`` in code is text. Shortcodes and includes are looked for everywhere, as Hugo
and Jekyll expand them before the Markdown is read (in code blocks too), except where the
generator would not: inside ``{% raw %}`` or ``{% comment %}``, and Hugo's escaped
``{{</* … */>}}``. A shortcode or include names an image when it has a ``src`` parameter or a
parameter whose value is an image file's path; any other (``{{< youtube … >}}``,
``{% post_url … %}``) is not an image and is left alone.
"""

import html
import re
from collections.abc import Iterator
from posixpath import splitext
from urllib.parse import urlsplit

from journal.markdown.image_ref import PHOTO_REFERENCE, ImageKind, ImageRef

#: File extensions of images, for parameters that name an image only by its path.
IMAGE_EXTENSIONS = frozenset(
    {
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".webp",
        ".avif",
        ".heic",
        ".heif",
        ".tif",
        ".tiff",
        ".bmp",
        ".svg",
        ".jxl",
    }
)
#: Parameters that describe an image, in the order the caption is taken from.
_CAPTION_PARAMETERS = ("alt", "caption", "title", "description")

_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'"""
    r"""|(?P<bare>[^\s"'=<>`]+)))?"""
)
_IMG_TAG = re.compile(
    r"""<img(?=[\s/>])(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>""",
    re.IGNORECASE,
)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
#: An opening tag (its attributes' quotes respected) that ends right before an image.
_OPENS = {
    name: re.compile(rf"""<{name}\b(?:[^>"']|"[^"]*"|'[^']*')*>\s*\Z""", re.IGNORECASE)
    for name in ("a", "figure")
}
_CLOSES_LINK = re.compile(r"\s*</a\s*>", re.IGNORECASE)
_CLOSES_FIGURE = re.compile(
    r"\s*(?:<figcaption\b[^>]*>(?P<caption>(?:(?!</?figure\b).)*?)</figcaption\s*>\s*)?"
    r"</figure\s*>",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(r"<[^>]*>")

_SHORTCODE = re.compile(
    r"""\{\{(?:(?P<angle><)|%)[ \t]*(?P<name>[\w.-]+(?:/[\w.-]+)*)"""
    r"""(?P<parameters>(?:"(?:[^"\\]|\\.)*"|`[^`]*`|[^"`>%{}])*?)/?[ \t]*(?(angle)>|%)\}\}"""
)
_SHORTCODE_PARAMETER = re.compile(
    r"""(?:(?P<name>[\w-]+)\s*=\s*)?(?P<value>"(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`=]+)"""
)
_INCLUDE = re.compile(
    r"""\{%-?[ \t]*include(?:_relative)?[ \t]+(?P<name>[^\s%]+)"""
    r"""(?P<parameters>(?:"[^"]*"|'[^']*'|[^"'%]|%(?!\}))*?)-?%\}"""
)
_INCLUDE_PARAMETER = re.compile(
    r"""(?P<name>[\w-]+)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>\S+))"""
)
#: Where Jekyll expands no Liquid.
_LIQUID_VERBATIM = re.compile(
    r"\{%-?\s*(?P<tag>raw|comment)\s*-?%\}.*?\{%-?\s*end(?P=tag)\s*-?%\}", re.DOTALL
)


def looks_like_image_path(value: str) -> bool:
    """Whether ``value`` names an image: a file by its extension (``a.JPG``, ``/img/b.png?v=2``)
    or a photo by its id (``photo:42``)."""
    if PHOTO_REFERENCE.fullmatch(value.strip()):
        return True
    try:
        path = urlsplit(value.strip()).path
    except ValueError:
        return False
    return splitext(path)[1].lower() in IMAGE_EXTENSIONS


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _caption(parameters: dict[str, str], *extra: str) -> str:
    for name in _CAPTION_PARAMETERS:
        if parameters.get(name, "").strip():
            return " ".join(parameters[name].split())
    return next((" ".join(text.split()) for text in extra if text.strip()), "")


def html_images(
    text: str, start: int, end: int, block: tuple[int, int] | None = None
) -> Iterator[ImageRef]:
    """The ``<img>`` tags with a ``src`` in ``text[start:end]`` (HTML, as markdown-it found it),
    each spanning the ``<a>`` and the ``<figure>`` around it within ``block`` (by default the
    same span) when it is their only image."""
    low, high = block or (start, end)
    comments = [match.span() for match in _COMMENT.finditer(text, start, end)]
    for tag in _IMG_TAG.finditer(text, start, end):
        if any(begin <= tag.start() < stop for begin, stop in comments):
            continue
        attributes: dict[str, str] = {}
        url_span: tuple[int, int] | None = None
        for attribute in _ATTRIBUTE.finditer(text, tag.start() + 4, tag.end() - 1):
            name = attribute["name"].lower()
            group = next((g for g in ("double", "single", "bare") if attribute[g] is not None), "")
            if name in attributes or not group:
                continue
            attributes[name] = html.unescape(attribute[group])
            if name == "src":
                url_span = attribute.span(group)
        if url_span is None:
            continue
        begin, stop, figure_caption = _widened(text, tag.start(), tag.end(), low, high)
        title = attributes.get("title")
        yield ImageRef(
            start=begin,
            end=stop,
            url=attributes["src"],
            alt=attributes.get("alt", ""),
            title=title,
            destination=attributes["src"],
            line=_line(text, begin),
            kind=ImageKind.HTML,
            url_start=url_span[0],
            url_end=url_span[1],
            caption=_caption({"alt": attributes.get("alt", "")}, title or "", figure_caption),
            attributes=attributes,
            name="img",
        )


def _widened(text: str, start: int, end: int, low: int, high: int) -> tuple[int, int, str]:
    """The span of an image with the ``<a>`` wrapping it and then the ``<figure>`` holding only
    it (and its ``<figcaption>``), and that caption's plain text."""
    if (opens := _OPENS["a"].search(text, low, start)) and (
        closes := _CLOSES_LINK.match(text, end, high)
    ):
        start, end = opens.start(), closes.end()
    if (opens := _OPENS["figure"].search(text, low, start)) and (
        closes := _CLOSES_FIGURE.match(text, end, high)
    ):
        caption = html.unescape(_TAG.sub("", closes["caption"] or ""))
        return opens.start(), closes.end(), " ".join(caption.split())
    return start, end, ""


def _verbatim(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _LIQUID_VERBATIM.finditer(text)]


def shortcode_images(text: str) -> Iterator[ImageRef]:
    """Hugo shortcodes that show an image: a ``src`` parameter, or an image path first."""
    verbatim = _verbatim(text)
    for shortcode in _SHORTCODE.finditer(text):
        if any(begin <= shortcode.start() < stop for begin, stop in verbatim):
            continue
        named: dict[str, str] = {}
        spans: dict[str, tuple[int, int]] = {}
        positional: list[tuple[str, tuple[int, int]]] = []
        begin, stop = shortcode.span("parameters")
        for parameter in _SHORTCODE_PARAMETER.finditer(text, begin, stop):
            written = parameter["value"]
            value, span = _unquoted_shortcode_value(written), parameter.span("value")
            if written[0] in '"`':
                span = (span[0] + 1, span[1] - 1)
            if parameter["name"]:
                named.setdefault(parameter["name"].lower(), value)
                spans.setdefault(parameter["name"].lower(), span)
            else:
                positional.append((value, span))
        if "src" in named:
            url, url_span = named["src"], spans["src"]
        elif positional and looks_like_image_path(positional[0][0]):
            url, url_span = positional[0]
        else:
            continue
        yield ImageRef(
            start=shortcode.start(),
            end=shortcode.end(),
            url=url,
            alt=named.get("alt", ""),
            title=named.get("title"),
            destination=url,
            line=_line(text, shortcode.start()),
            kind=ImageKind.SHORTCODE,
            url_start=url_span[0],
            url_end=url_span[1],
            caption=_caption(named),
            attributes=named,
            name=shortcode["name"],
        )


def _unquoted_shortcode_value(written: str) -> str:
    if written.startswith('"'):
        return re.sub(r"\\(.)", r"\1", written[1:-1])
    if written.startswith("`"):
        return written[1:-1]
    return written


def include_images(text: str) -> Iterator[ImageRef]:
    """Jekyll includes with a quoted parameter naming an image file, outside ``{% raw %}``."""
    verbatim = _verbatim(text)
    for include in _INCLUDE.finditer(text):
        if any(begin <= include.start() < stop for begin, stop in verbatim):
            continue
        named: dict[str, str] = {}
        url: tuple[str, tuple[int, int]] | None = None
        begin, stop = include.span("parameters")
        for parameter in _INCLUDE_PARAMETER.finditer(text, begin, stop):
            group = next(g for g in ("double", "single", "bare") if parameter[g] is not None)
            name = parameter["name"].lower()
            named.setdefault(name, parameter[group])
            if url is None and group != "bare" and looks_like_image_path(parameter[group]):
                url = (parameter[group], parameter.span(group))
        if url is None:
            continue
        yield ImageRef(
            start=include.start(),
            end=include.end(),
            url=url[0],
            alt=named.get("alt", ""),
            title=named.get("title"),
            destination=url[0],
            line=_line(text, include.start()),
            kind=ImageKind.LIQUID,
            url_start=url[1][0],
            url_end=url[1][1],
            caption=_caption(named),
            attributes=named,
            name=include["name"],
        )
