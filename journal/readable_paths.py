"""File names (and other text) as the user can read them, whatever bytes they hold.

On Linux a file name is bytes, and names from old cameras, cards and network shares are often
not UTF-8. Python keeps them losslessly as ``str`` with surrogate escapes (``os.fsdecode``), which
opens the file again but cannot be printed, written as JSON or stored as SQLite text, and which
Qt silently drops. Wherever such a path is shown, each byte that is not UTF-8 becomes ``\\xNN``,
as Python itself writes undecodable bytes.

A name can also hold control characters - a line break, or an escape sequence that recolours or
rewrites the user's terminal (``nl\\nname\\x1b[31m.jpg``). A displayed path is one safe line, so
those are written the same way (``\\x0a``, ``\\x1b``), as is any control character in other text a
terminal shows (``escape_controls``). JSON escapes control characters itself, so paths written
as JSON keep them (``path_text``).
"""

import os

#: C0 (tab and line breaks included), DEL and C1: none has a visible form of its own.
_CONTROLS = (*range(0x20), *range(0x7F, 0xA0))
_ESCAPES = {code: f"\\x{code:02x}" for code in _CONTROLS}


def readable_path(path: str | os.PathLike[str]) -> str:
    """``path`` as one printable line: ``IMG\\xff01.JPG`` for the name whose fifth byte is 0xFF,
    ``a\\x0ab.jpg`` for one with a line break."""
    return escape_controls(path_text(path))


def path_text(path: str | os.PathLike[str]) -> str:
    """``path`` as text, only its bytes that are not UTF-8 written ``\\xNN``: for JSON."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def escape_controls(text: str) -> str:
    """``text`` with each control character written ``\\xNN``: what a terminal shows of it is
    exactly one line, with no escape sequence acted on."""
    return text.translate(_ESCAPES)
