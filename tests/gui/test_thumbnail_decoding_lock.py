"""A thumbnail decoded on a worker never deadlocks the UI thread drawing a standard icon.

Qt reading a ``QIODevice`` made in Python takes Qt's image-plugin lock and then needs the
interpreter lock; a message box on the UI thread takes them the other way round. The race ran
in a child process, because the old code hangs it for good (it hung CI for 90 minutes).
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PIL import Image

RACE = textwrap.dedent(
    """
    import sys, threading, time
    from pathlib import Path
    from PySide6.QtWidgets import QApplication, QMessageBox
    from journal.gui.thumbnail_loader import decode_scaled

    path = Path(sys.argv[1])
    app = QApplication([])
    stop = time.monotonic() + 2.0

    def decode_until_stopped() -> None:
        while time.monotonic() < stop:
            decode_scaled(path, 100, 1.0)

    worker = threading.Thread(target=decode_until_stopped)
    worker.start()
    boxes = 0
    while time.monotonic() < stop:
        QMessageBox(QMessageBox.Icon.Information, "Title", "Text").deleteLater()
        app.processEvents()
        boxes += 1
    worker.join()
    print(boxes)
    """
)


def test_decoding_thumbnails_while_message_boxes_open_finishes(tmp_path: Path) -> None:
    thumbnail = tmp_path / "thumbnail.jpg"
    Image.new("RGB", (256, 192), "teal").save(thumbnail, "JPEG")
    script = tmp_path / "race.py"
    script.write_text(RACE, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(script), str(thumbnail)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=Path(__file__).parents[2],
        check=True,
    )
    assert int(done.stdout) > 0
