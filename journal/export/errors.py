"""Why an export cannot go ahead, in words the user can act on."""

from pathlib import Path

from journal.errors import JournalError


class ExportError(JournalError):
    """The export cannot be written as asked (a bad option, a photo the text names is gone)."""


class ExportExistsError(ExportError):
    """The posts would replace files that already exist with other content.

    The GUI asks before overwriting and the CLI wants ``--force``, so the paths travel with the
    error for the question to name them.
    """

    def __init__(self, paths: tuple[Path, ...]) -> None:
        self.paths = paths
        names = ", ".join(str(path) for path in paths[:3])
        more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
        verb = "exists" if len(paths) == 1 else "exist"
        super().__init__(
            f"The export would replace {names}{more}, which already {verb} with other content; "
            "confirm overwriting (--force on the command line)."
        )
