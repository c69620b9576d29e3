"""The real ``journal`` (or a snippet of Python) in a process of its own, with a time limit and a
memory cap: for what would block forever (opening a FIFO) or read until memory runs out (a link
to ``/dev/zero``) on code that gets it wrong, so such a test fails instead of hanging the suite."""

import resource
import subprocess
import sys
from pathlib import Path

#: Address space the child may take: far more than any check or export of a small library needs.
MEMORY_LIMIT = 2 * 1024**3
TIMEOUT_SECONDS = 60


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_journal(library: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """``journal --library LIBRARY ARGV…``; a hang raises ``TimeoutExpired``."""
    return _run([sys.executable, "-m", "journal", "--library", str(library), *argv])


def run_python(source: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """``python -c SOURCE ARGV…`` under the same limits."""
    return _run([sys.executable, "-c", source, *argv])


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        preexec_fn=_limit_memory,
        check=False,
    )
