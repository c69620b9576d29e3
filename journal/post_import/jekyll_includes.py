"""Images a Jekyll include builds a path for: ``{% include image.html file="namsan.jpg" %}``.

Many themes' includes take only a file name and put the folder in front of it in the template
(``<img src="{{ site.baseurl }}/assets/images/{{ include.file }}">``). Such an image names no file
by itself, so when it is not found as written, the include's template (``_includes/image.html``)
is read for what it writes before that parameter.
"""

import re
from pathlib import Path

from journal.markdown.image_ref import ImageKind, ImageRef
from journal.markdown.liquid import site_path

#: The longest include template read (themes' includes are a few hundred bytes).
MAX_TEMPLATE_BYTES = 64 * 1024


def include_built_path(site_root: Path, image: ImageRef) -> str | None:
    """The path the include of ``image`` writes for it (``/assets/images/namsan.jpg``), when
    its template puts a folder before the parameter holding it; None otherwise."""
    if image.kind is not ImageKind.LIQUID or "/" in image.name or "\\" in image.name:
        return None
    parameter = next((name for name, value in image.attributes.items() if value == image.url), "")
    template = _template(site_root / "_includes" / image.name)
    if not parameter or template is None:
        return None
    prefix = re.search(
        r"(?P<before>(?:\{\{[^{}\n]*\}\}|[^\"'\s{}<>=])*)\{\{-?\s*include\."
        + re.escape(parameter)
        + r"\s*-?\}\}",
        template,
    )
    if prefix is None or not prefix["before"]:
        return None
    folder = site_path(prefix["before"])
    return None if folder is None else folder + image.url


def _template(path: Path) -> str | None:
    try:
        if not path.is_file() or path.stat().st_size > MAX_TEMPLATE_BYTES:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
