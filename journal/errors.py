"""Errors whose message is written for the user.

Anything raised as a ``JournalError`` is shown as-is by the CLI (one line on stderr, exit code 2)
and by the GUI (a message box), so its text must say what went wrong and, where possible, what
to do about it. Other exceptions are bugs.
"""

import shlex
from pathlib import Path


class JournalError(Exception):
    """A failure caused by input or circumstances, explained in its message."""


class InvalidInputError(JournalError):
    """The user asked for something that makes no sense (end before start, unknown time zone)."""


class NotFoundError(JournalError):
    """A trip, day or photo named by the user does not exist."""


class LibraryError(JournalError):
    """The library folder cannot be used."""


class LibraryLockedError(LibraryError):
    """Another process has the library open for writing."""


class LibraryTooNewError(LibraryError):
    """The library was written by a newer Trip Journal; opening it here could damage it."""


class LibraryMissingError(LibraryError):
    """There is no library at the given path (and the command does not create one)."""


class RecoveryCancelledError(LibraryError):
    """The user stopped a recovery before it swapped databases: the library is as it was."""


class LibraryDamagedError(LibraryError):
    """The library's database is damaged, or gone while its photos are still there.

    Writing to it could only lose more, so nothing is written; ``journal recover`` (or the app's
    offer at start-up) rebuilds the database from what can still be read.
    """

    def __init__(self, root: Path, problem: str) -> None:
        self.root = root
        self.problem = problem
        super().__init__(
            f"The library {root} is damaged: {problem}. Nothing was written to it. Recover it "
            f"with `journal recover --library {shlex.quote(str(root))}` or by opening it in the "
            "app; the damaged database is kept beside the new one."
        )
