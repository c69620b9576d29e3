"""Ctrl-C while ``journal`` is still starting (importing its modules, a few tenths of a second)
ends it like a Ctrl-C later on: one line, exit 130, no Python traceback."""

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from journal.store.library import Library

#: Seconds after the start at which Ctrl-C comes: all but the last fall in the imports.
DELAYS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
#: What CPython prints when Ctrl-C comes while it imports its own ``site`` module, before
#: ``journal`` is even looked for: nothing of ours can catch that.
INTERPRETER_START_UP = "Fatal Python error: init_import_site"


def _console_script() -> list[str]:
    script = Path(sys.executable).with_name("journal")
    if not script.exists():
        pytest.skip("the journal console script is not installed beside this Python")
    return [str(script)]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is a POSIX thing")
@pytest.mark.parametrize(
    "launcher", [_console_script, lambda: [sys.executable, "-m", "journal"]], ids=["script", "-m"]
)
def test_ctrl_c_during_start_up_never_shows_a_traceback(
    library_root: Path, launcher: Callable[[], list[str]]
) -> None:
    Library.open(library_root).close()
    outcomes = []
    for delay in DELAYS:
        process = subprocess.Popen(
            [*launcher(), "trips", "--library", str(library_root)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        outcomes.append((delay, process.returncode, err))

    for delay, code, err in outcomes:
        if err.startswith(INTERPRETER_START_UP):
            continue  # the signal came before Python could run a line of ours (a loaded machine)
        assert "Traceback" not in err, (delay, err)
        # Killed by the signal itself if it came before Python set up its handler; on a fast
        # machine the last may come after the command finished.
        assert code in (130, -signal.SIGINT) or (code, err) == (0, ""), (delay, code, err)
        assert err.count("\n") <= 1, (delay, err)
    assert any(
        err == "journal: interrupted while starting; nothing was done.\n" for _, _, err in outcomes
    )
