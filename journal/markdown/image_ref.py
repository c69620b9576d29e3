"""One image a text shows, in whichever syntax it is written: what the one finder returns.

A post written by hand or by a blog theme shows images in several syntaxes, and every reader of
the text (the post import, photo references, the export, the preview, recovery) must agree on
which are images and where their URL is written, so that a URL can be replaced in place and the
rest of the text kept byte for byte.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

#: The scheme of a photo reference, ``photo:42``: an image of the library's, by its id.
PHOTO_SCHEME = "photo"
#: The scheme recovery gives a reference to a photo that did not come back (``lost-photo:42``).
LOST_PHOTO_SCHEME = "lost-photo"
#: A photo reference, or a lost one.
PHOTO_REFERENCE = re.compile(rf"(?:{PHOTO_SCHEME}|{LOST_PHOTO_SCHEME}):\d+")


class ImageKind(StrEnum):
    """The syntax an image is written in."""

    #: ``![alt](url "title")``
    MARKDOWN = "markdown"
    #: ``![alt][label]`` with ``[label]: url "title"`` elsewhere in the text.
    REFERENCE = "reference"
    #: ``<img src="url" alt="…">``, in an HTML block or inline.
    HTML = "html"
    #: A Hugo shortcode with a ``src`` (``{{< figure src="url" caption="…" >}}``) or an image
    #: path as its first parameter.
    SHORTCODE = "shortcode"
    #: A Jekyll include naming an image path (``{% include figure.html path="url" %}``).
    LIQUID = "liquid"


@dataclass(frozen=True)
class ImageRef:
    """One image: its span in the text, where its URL is written, and what describes it."""

    start: int
    end: int
    #: The target as a renderer loads it (for Markdown, markdown-it's normalised URL).
    url: str
    #: The alt text as written (Markdown and escapes included, for Markdown images).
    alt: str
    title: str | None
    #: The destination as the text means it: as written inside any angle brackets (Markdown),
    #: entities decoded (HTML), quotes and escapes off (shortcodes and includes).
    destination: str
    #: 1-based line of the image's start.
    line: int
    kind: ImageKind
    #: Where the URL is written, without its quotes: the span ``rewrite_urls`` replaces. For a
    #: reference-style image it is in the definition, which other images may share; for a
    #: Markdown image it is inside the angle brackets, if any.
    url_start: int
    url_end: int
    #: The image's caption as plain text: its alt text, else its caption or title.
    caption: str = ""
    #: The named attributes or parameters of an HTML tag, shortcode or include, their values
    #: unquoted; the attribute or parameter holding the URL is among them.
    attributes: Mapping[str, str] = field(default_factory=dict)
    #: The tag (``img``), shortcode (``figure``) or included file (``figure.html``).
    name: str = ""
    #: A reference-style image's definition line(s) (``[label]: url``), without its line break.
    definition: tuple[int, int] | None = None
    #: Where other URLs that follow the image's are written, rewritten with it: the link around
    #: the image when it leads to the image itself (``<a href>``, a shortcode's ``link``,
    #: ``[![alt](a.jpg)](a.jpg)``), so that it keeps leading to the image, and an ``<img>``'s
    #: local ``srcset`` (other sizes of the picture, which the export does not write), so that a
    #: browser loads the image rather than files that are not there.
    follows: tuple[tuple[int, int], ...] = ()

    def pointing_to(self, url: str) -> str:
        """This image as a Markdown image leading to ``url``: its alt text as written (on one
        line), its title kept."""
        return _image(" ".join(self.alt.split()), url, self.title)


def image_markdown(alt: str, url: str, title: str | None = None) -> str:
    """``![alt](url "title")`` for a plain-text ``alt`` (a caption): its brackets and
    backslashes escaped, folded onto one line."""
    folded = " ".join(alt.split())
    escaped = folded.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return _image(escaped, url, title)


def _image(label: str, url: str, title: str | None) -> str:
    target = url if not re.search(r"[\s()<>]", url) else f"<{url}>"
    if title:
        quoted = title.replace("\\", "\\\\").replace('"', '\\"')
        return f'![{label}]({target} "{quoted}")'
    return f"![{label}]({target})"
