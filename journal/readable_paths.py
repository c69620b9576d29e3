"""File names as the user can read them, whatever bytes the file system holds.

On Linux a file name is bytes, and names from old cameras, cards and network shares are often
not UTF-8. Python keeps them losslessly as ``str`` with surrogate escapes (``os.fsdecode``), which
opens the file again but cannot be printed, written as JSON or stored as SQLite text, and which
Qt silently drops. Wherever such a path is shown, each byte that is not UTF-8 becomes ``\\xNN``,
as Python itself writes undecodable bytes.
"""

import os


def readable_path(path: str | os.PathLike[str]) -> str:
    """``path`` as printable text: ``IMG\\xff01.JPG`` for the name whose fifth byte is 0xFF."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
