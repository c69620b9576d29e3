"""Images a Jekyll include builds a path for: ``{% include image.html file="namsan.jpg" %}``.

Many themes' includes take only a file name and put the folder in front of it in the template
(``<img src="{{ site.baseurl }}/assets/images/{{ include.file }}">``). Such an image names no file
by itself, and it cannot be imported: the export would write the exported image's address where
the include expects a file name in its own folder, and the page would show nothing. So when it
is not found as written, the include's template (``_includes/image.html``) is read for what it
writes before that parameter, to say why the image stays as it is.
"""

import re
from pathlib import Path

from journal.markdown.image_ref import ImageKind, ImageRef
from journal.markdown.liquid import site_path

#: The longest include template read (themes' includes are a few hundred bytes).
MAX_TEMPLATE_BYTES = 64 * 1024


def include_folder_problem(site_root: Path, image: ImageRef) -> str | None:
    """Why an image an include builds the path of stays as written, naming the folder; None
    for any other image."""
    built = include_built_path(site_root, image)
    if built is None:
        return None
    folder = built.removesuffix(image.url)
    return (
        f"a file name the include {image.name} puts in {folder}; kept as written, since the "
        "include would not take another folder"
    )


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
