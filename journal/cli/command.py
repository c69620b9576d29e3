"""How a CLI command is declared: its arguments, a check before the library opens, and its run."""

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from journal.errors import JournalError
from journal.services import JournalService

T = TypeVar("T")


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, JournalService], int]
    #: Validates the arguments before the library is opened, so bad input writes nothing.
    check: Callable[[argparse.Namespace], None] | None = None
    #: Read-only commands work while the app has the library open.
    writes: bool = False
    #: Commands that start a library where none exists yet.
    creates_library: bool = False


@dataclass(frozen=True)
class FolderCommand:
    """A command on the library folder itself, run without opening the library first: a damaged
    library, which ``recover`` mends, cannot be opened."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Path], int]


def argument_type(convert: Callable[[str], T]) -> Callable[[str], T]:
    """Wrap a validator raising ``JournalError`` for argparse, which reports its message."""

    def converted(text: str) -> T:
        try:
            return convert(text)
        except JournalError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    converted.__name__ = convert.__name__
    return converted
