"""A writer killed with SIGKILL mid-loop leaves a sound library with every committed change."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest

from journal.services import JournalService, NewTrip
from journal.store.library import Library

WRITER = """
import sys
from datetime import date, timedelta
from pathlib import Path
from journal.services import JournalService
from journal.store.library import Library

service = JournalService(Library.open(Path(sys.argv[1])))
trip = service.find_trip("crash")
for i in range(100_000):
    day = date(2023, 9, 16) + timedelta(days=i % 30)
    service.set_day_text(trip.id, day, f"revision {i} " + "text " * 200)
    print(i, flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_during_writes_loses_no_committed_change(library_root: Path) -> None:
    with Library.open(library_root) as library:
        JournalService(library).create_trip(
            NewTrip("Crash", date(2023, 9, 16), date(2023, 10, 15), "UTC")
        )

    writer = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(WRITER), str(library_root)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    committed = -1
    for line in writer.stdout:
        committed = int(line)
        if committed >= 200:
            break
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    # Lines printed after our last read were committed too; the newest text is at least this.
    assert committed >= 200

    with sqlite3.connect(library_root / "journal.db") as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    raw.close()
    with Library.open(library_root) as library:
        service = JournalService(library)
        trip = service.find_trip("crash")
        for i in range(committed - 29, committed + 1):
            day = date(2023, 9, 16) + timedelta(days=i % 30)
            revision = int(service.day(trip.id, day).body.split()[1])
            assert revision >= i
            assert revision % 30 == i % 30
