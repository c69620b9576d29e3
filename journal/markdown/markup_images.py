"""Images written in markup other than Markdown's: HTML ``<img>``, Hugo shortcodes, Jekyll includes.

Real posts show images in HTML (``<figure><img src=…><figcaption>``, a gallery ``<div>``, an
``<a>`` around a thumbnail), in Hugo shortcodes (``{{< figure src="…" caption="…" >}}``) and in
Jekyll includes (``{% include figure.html path="…" alt="…" %}``). Each is found with the span of
its URL's value (inside its quotes), so the import can put ``photo:ID`` there and the export the
exported image's URL, and every other byte of the post stays as written.

HTML is looked for only where markdown-it says there is HTML (``images.find_images`` passes those
regions), so ``<img>`` in code is text. Shortcodes and includes are looked for everywhere, as Hugo
and Jekyll expand them before the Markdown is read (in code blocks too), except where the
generator would not: inside ``{% raw %}``, and Hugo's escaped ``{{</* … */>}}``. No image of any
syntax is in a Liquid comment or a ``highlight`` block or shortcode (``not_content``). A
shortcode or include names an image when it has a ``src`` parameter or a parameter whose value is
an image file's path; any other (``{{< youtube … >}}``, ``{% post_url … %}``) is not an image
and is left alone.
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
#: How far before and after an image its ``<a>`` and ``<figure>`` tags are looked for.
_WRAPPER_REACH = 2000
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

#: A shortcode: its name, then (up to 500 characters or quoted values, which may span lines)
#: its parameters. The bounds keep a post full of unclosed shortcodes linear.
_SHORTCODE = re.compile(
    r"""\{\{(?:(?P<angle><)|%)[ \t]*(?P<name>[\w.-]+(?:/[\w.-]+)*)(?P<parameters>"""
    r"""(?:"(?:[^"\\\n]|\\.){0,1000}"|`[^`\n]{0,1000}`|[^"`>%{}]){0,500}?)"""
    r"""/?[ \t]*(?(angle)>|%)\}\}"""
)
_SHORTCODE_PARAMETER = re.compile(
    r"""(?:(?P<name>[\w-]+)\s*=\s*)?(?P<value>"(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`=]+)"""
)
#: An include and (up to 1000 characters, which may span lines) its parameters.
_INCLUDE = re.compile(
    r"""\{%-?[ \t]*include(?:_relative)?[ \t]+(?P<name>[^\s%]+)"""
    r"""(?P<parameters>(?:[^%]|%(?!\})){0,1000}?)-?%\}"""
)
_INCLUDE_PARAMETER = re.compile(
    r"""(?P<name>[\w-]+)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>\S+))"""
)
#: The tags opening and closing the regions the generators read verbatim, as code or not at
#: all: Liquid's ``raw``, ``comment`` and ``highlight``, Hugo's ``highlight`` shortcode.
_REGION_TAG = re.compile(
    r"\{%-?\s*(?P<end>end)?(?P<tag>raw|comment|highlight)\b[^%\n]{0,200}%\}"
    r"|\{\{[<%]\s*(?P<hugo_end>/)?(?P<hugo>highlight)\b[^}\n]{0,200}\}\}"
)


def _regions(text: str) -> dict[str, list[tuple[int, int]]]:
    """The closed ``raw``, ``comment`` and ``highlight`` regions of ``text`` by tag (Hugo's
    highlight under ``hugo``): an opening tag counts outside any region, and only its own
    closing tag ends its region (a ``{% comment %}`` inside ``{% raw %}`` is text)."""
    regions: dict[str, list[tuple[int, int]]] = {"raw": [], "comment": [], "highlight": []}
    regions["hugo"] = []
    inside: tuple[str, int] | None = None
    for tag in _REGION_TAG.finditer(text):
        name = tag["tag"] or "hugo"
        closing = bool(tag["end"] or tag["hugo_end"])
        if inside is None and not closing:
            inside = (name, tag.start())
        elif inside is not None and closing and inside[0] == name:
            regions[name].append((inside[1], tag.end()))
            inside = None
    return regions


def not_content(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` no image can be in: comments and code the generator highlights."""
    regions = _regions(text)
    return regions["comment"] + regions["highlight"] + regions["hugo"]


def _html_comments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    comments = []
    position = text.find("<!--", start, end)
    while position >= 0:
        close = text.find("-->", position + 4, end)
        stop = end if close < 0 else close + 3
        comments.append((position, stop))
        position = text.find("<!--", stop, end)
    return comments


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
    text: str, scanned: str, start: int, end: int, block: tuple[int, int] | None = None
) -> Iterator[ImageRef]:
    """The ``<img>`` tags with a ``src`` in ``text[start:end]`` (HTML, as markdown-it found it),
    each spanning the ``<a>`` and the ``<figure>`` around it within ``block`` (by default the
    same span) when it is their only image. Tags are looked for in ``scanned``, the text with
    its Liquid masked (``liquid.masked``), and their values read from ``text``."""
    low, high = block or (start, end)
    comments = _html_comments(scanned, start, end)
    for tag in _IMG_TAG.finditer(scanned, start, end):
        if any(begin <= tag.start() < stop for begin, stop in comments):
            continue
        attributes, spans = _attributes(text, scanned, tag.start() + len("<img"), tag.end() - 1)
        if "src" not in spans:
            continue
        begin, stop, link, figure_caption = _widened(
            text, scanned, tag.start(), tag.end(), low, high
        )
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
            url_start=spans["src"][0],
            url_end=spans["src"][1],
            caption=_caption({"alt": attributes.get("alt", "")}, title or "", figure_caption),
            attributes=attributes,
            name="img",
            follows=tuple(
                span
                for span in (
                    link
                    if link and html.unescape(text[slice(*link)]) == attributes["src"]
                    else None,
                    spans.get("srcset") if _local_srcset(attributes.get("srcset")) else None,
                )
                if span is not None
            ),
        )


def _attributes(
    text: str, scanned: str, start: int, end: int
) -> tuple[dict[str, str], dict[str, tuple[int, int]]]:
    """The attributes of the tag whose inside is ``scanned[start:end]``: values (entities
    decoded) as ``text`` has them and the spans of the values, without quotes, by lower-case
    name."""
    values: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    for attribute in _ATTRIBUTE.finditer(scanned, start, end):
        name = attribute["name"].lower()
        group = next((g for g in ("double", "single", "bare") if attribute[g] is not None), "")
        if name in values or not group:
            continue
        spans[name] = attribute.span(group)
        values[name] = html.unescape(text[slice(*spans[name])])
    return values, spans


def _local_srcset(srcset: str | None) -> bool:
    """Whether an ``srcset`` names only files of the site or photos (no web address, no data)."""
    candidates = [
        candidate.split()[0] for candidate in (srcset or "").split(",") if candidate.split()
    ]
    return bool(candidates) and all(
        PHOTO_REFERENCE.fullmatch(candidate)
        or not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//", candidate)
        for candidate in candidates
    )


def _widened(
    text: str, scanned: str, start: int, end: int, low: int, high: int
) -> tuple[int, int, tuple[int, int] | None, str]:
    """The span of an image with the ``<a>`` wrapping it and then the ``<figure>`` holding only
    it (and its ``<figcaption>``), the span of that link's ``href`` and the caption's text."""
    link = None
    low, high = max(low, start - _WRAPPER_REACH), min(high, end + _WRAPPER_REACH)
    if (opens := _OPENS["a"].search(scanned, low, start)) and (
        closes := _CLOSES_LINK.match(scanned, end, high)
    ):
        link = _attributes(text, scanned, opens.start() + len("<a"), opens.end() - 1)[1].get("href")
        start, end = opens.start(), closes.end()
    if (opens := _OPENS["figure"].search(scanned, low, start)) and (
        closes := _CLOSES_FIGURE.match(scanned, end, high)
    ):
        caption = html.unescape(_TAG.sub("", text[slice(*closes.span("caption"))]))
        return opens.start(), closes.end(), link, " ".join(caption.split())
    return start, end, link, ""


def _verbatim(text: str) -> list[tuple[int, int]]:
    """Where Jekyll expands no Liquid: ``{% raw %}`` (the Markdown inside is still read)."""
    return _regions(text)["raw"]


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
        link = spans["link"] if named.get("link") == url else None
        yield _named_image(text, shortcode, ImageKind.SHORTCODE, (url, url_span), named, link)


def _named_image(
    text: str,
    match: re.Match[str],
    kind: ImageKind,
    url: tuple[str, tuple[int, int]],
    parameters: dict[str, str],
    link: tuple[int, int] | None = None,
) -> ImageRef:
    """The image a shortcode or an include (``match``, its ``name`` group) shows: its URL and
    where it is written, described by its ``parameters``."""
    return ImageRef(
        start=match.start(),
        end=match.end(),
        url=url[0],
        alt=parameters.get("alt", ""),
        title=parameters.get("title"),
        destination=url[0],
        line=_line(text, match.start()),
        kind=kind,
        url_start=url[1][0],
        url_end=url[1][1],
        caption=_caption(parameters),
        attributes=parameters,
        name=match["name"],
        follows=() if link is None else (link,),
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
        yield _named_image(text, include, ImageKind.LIQUID, url, named)
