"""A FIFO that tells whether anything opened it, without ever leaving the opener hanging.

Hostile text names the FIFO in ``<img src="…">``: a widget that reads the text as HTML opens the
FIFO on the UI thread, which would block forever. A watcher process keeps trying to open the
FIFO's writing end without blocking; that succeeds only while someone has it open for reading,
and closing it at once lets the reader see the end of the file. So a test of the old code fails
instead of hanging, and the watcher notes that the file was opened. It is a process of its own:
Qt may block while holding Python's interpreter lock, and a thread would then never run.
"""

import os
import subprocess
import sys
from pathlib import Path

WATCHER = """
import os, sys, time

fifo, note = sys.argv[1:]
while True:
    try:
        end = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        time.sleep(0.002)
        continue
    os.close(end)
    with open(note, "a") as opened:
        opened.write("opened\\n")
"""


class FifoTripwire:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "tripwire.fifo"
        self._note = folder / "tripwire-opened.txt"
        os.mkfifo(self.path)
        self._watcher = subprocess.Popen([sys.executable, "-c", WATCHER, self.path, self._note])

    @property
    def html(self) -> str:
        """Markup that makes a widget reading it as HTML open the FIFO."""
        return f'<img src="{self.path}">'

    def was_opened(self) -> bool:
        return self._note.exists()

    def remove(self) -> None:
        """Take the FIFO away first, so nothing can open it and block once the watcher is gone."""
        self.path.unlink()
        self._watcher.kill()
        self._watcher.wait()
