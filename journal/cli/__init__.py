"""The ``journal`` command line: the same services as the GUI, for scripts and terminals."""

from journal.cli.app import main

__all__ = ["main"]
