"""File and folder names that every platform can open.

An export made on Linux is often copied to, synced with or built on Windows, whose rules are the
strictest: a device name (``CON``, ``NUL``, ``COM1``…, with any extension, in any case) is not a
file there, a trailing dot or space is silently dropped, and some characters are refused. A name
is also kept within the 255 bytes most file systems allow for one path component.
"""

#: Windows device names (``COM0``/``LPT0`` and the superscript digits included, as its docs list).
_WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"{port}{digit}" for port in ("com", "lpt") for digit in "0123456789¹²³"}
)
_WINDOWS_FORBIDDEN = frozenset('<>:"/\\|?*') | {chr(code) for code in range(32)}
MAX_NAME_BYTES = 255


def is_windows_device(name: str) -> bool:
    """Whether Windows takes ``name`` for a device: ``con``, ``NUL.md``, ``com1.tar.gz``…"""
    return name.split(".", 1)[0].rstrip(" ").casefold() in _WINDOWS_DEVICES


def portability_problem(name: str) -> str | None:
    """Why ``name`` cannot be a file or folder name everywhere, or None when it can."""
    if name in ("", ".", ".."):
        return f"{name!r} is not a file name"
    if is_windows_device(name):
        return f"Windows reserves the name {name!r} for a device, so it cannot be opened there"
    if name.endswith((".", " ")):
        return f"Windows drops the dot or space that {name!r} ends with"
    forbidden = sorted(set(name) & _WINDOWS_FORBIDDEN)
    if forbidden:
        return f"Windows does not allow {''.join(forbidden)!r} in a file name such as {name!r}"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"{name[:40]!r}… is longer than the {MAX_NAME_BYTES} bytes a file name may have"
    return None


def portable_slug(slug: str) -> str:
    """``slug``, or ``slug-trip`` when Windows reserves it (``con`` becomes ``con-trip``)."""
    return f"{slug}-trip" if is_windows_device(slug) else slug
