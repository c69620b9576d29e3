"""Ctrl-C during a long command (``import``, ``recover``): stop cleanly, keeping finished work."""

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from journal.photos.import_progress import CancelToken


@contextmanager
def cancel_on_interrupt(cancel: CancelToken) -> Iterator[None]:
    """The first Ctrl-C stops the import cleanly (finished photos are kept); a second one quits."""

    def interrupted(_signal: int, _frame: FrameType | None) -> None:
        sys.stderr.write("\nStopping after the photos in progress; Ctrl-C again to quit now.\n")
        cancel.cancel()
        signal.signal(signal.SIGINT, previous)

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
