"""Ctrl-C during a long command (``import``, ``recover``): stop cleanly, keeping finished work."""

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from journal.photos.import_progress import CancelToken


@contextmanager
def cancel_on_interrupt(cancel: CancelToken, *, finish_in_flight: bool = False) -> Iterator[None]:
    """The first Ctrl-C stops the work cleanly (what finished is kept); a second one quits.

    With ``finish_in_flight`` (an import), a second Ctrl-C does not quit: the photos in flight
    (a few per core) are copied and committed first. Quitting never ended an import sooner - the
    way out waits for the worker threads anyway - but it lost the commit of the copies they
    finished, leaving files in ``photos/`` that no photo uses.
    """

    def interrupted(_signal: int, _frame: FrameType | None) -> None:
        if cancel.cancelled:
            sys.stderr.write("\nStill finishing the photos in progress…\n")
            return
        cancel.cancel()
        if finish_in_flight:
            sys.stderr.write("\nStopping: finishing the photos in progress…\n")
        else:
            sys.stderr.write("\nStopping after the photos in progress; Ctrl-C again to quit now.\n")
            signal.signal(signal.SIGINT, previous)

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
