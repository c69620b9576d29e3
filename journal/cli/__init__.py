"""The ``journal`` command line: the same services as the GUI, for scripts and terminals.

The console script imports this package and calls ``main`` at once, so it imports nothing
heavy: the command line's own modules (SQLAlchemy, Pillow and the rest) take a few tenths of a
second to import, and a Ctrl-C in that time must end the program like one later on - a line
saying so and exit 130 - not with a Python traceback. So they are imported inside ``main``'s
own ``try``.
"""

import sys
from collections.abc import Sequence

#: The exit code of a command stopped by Ctrl-C, as shells report a command SIGINT ended.
EXIT_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``journal`` command line on ``argv`` (the process's arguments by default)."""
    try:
        from journal.cli.app import main as run_command
    except KeyboardInterrupt:
        return _interrupted("interrupted while starting; nothing was done")
    try:
        return run_command(argv)
    except KeyboardInterrupt:  # in the instant before or after the command's own handling
        return _interrupted("interrupted")


def _interrupted(what: str) -> int:
    sys.stderr.write(f"journal: {what}.\n")
    return EXIT_INTERRUPTED


__all__ = ["EXIT_INTERRUPTED", "main"]
