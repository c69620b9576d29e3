"""The scripted check of issue 14 under a real X server: Delete, Return, Ctrl+Z loses nothing.

    Xvfb :43 &  DISPLAY=:43 python bench/undo_check.py [--work DIR]

On a fresh library holding the demo trip, the app is started on ``$DISPLAY`` and driven with
xdotool as a user would: Ctrl+2 (the gallery), Right (select a photo), Delete, Return (which once
meant "Yes, remove"), Escape (closes the viewer Return may open), Ctrl+Z. The trip must then hold
all its photos, read through ``journal photos`` (a second process, read-only, as the CLI does
while the app is open). Exit status 0 when it does.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
#: Time for the window to show, and for each key to take effect, on a loaded machine.
START_SECONDS = 15.0
KEY_PAUSE = 1.0


def journal(library: Path, *args: str) -> str:
    command = [str(BIN / "journal"), "--library", str(library), *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def photo_count(library: Path) -> int:
    return len(json.loads(journal(library, "photos", "1", "--json")))


def window_id(pid: int) -> str:
    """The app's main window, once it is mapped."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(pid), "--name", "Trip Journal"],
            capture_output=True,
            text=True,
        ).stdout.split()
        if found:
            return found[0]
        time.sleep(0.2)
    raise SystemExit("The window did not show.")


def keys(window: str, *sequence: str) -> None:
    for key in sequence:
        subprocess.run(["xdotool", "windowfocus", "--sync", window], check=False)
        subprocess.run(["xdotool", "key", "--clearmodifiers", key], check=True)
        print(f"  pressed {key}", flush=True)
        time.sleep(KEY_PAUSE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    if "DISPLAY" not in os.environ or shutil.which("xdotool") is None:
        raise SystemExit("Needs an X display ($DISPLAY, e.g. Xvfb :43) and xdotool.")
    work = args.work or Path(tempfile.mkdtemp(prefix="trip-journal-undo-check-"))
    library = work / "library"
    journal(library, "demo")
    before = photo_count(library)
    print(f"demo trip: {before} photos", flush=True)
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the real display, not offscreen
    settings = work / "config"
    env["XDG_CONFIG_HOME"] = str(settings)  # the window's own settings, not the user's
    app = subprocess.Popen([str(BIN / "trip-journal"), "--library", str(library)], env=env)
    try:
        window = window_id(app.pid)
        time.sleep(KEY_PAUSE * 2)  # the trip and its first day load
        keys(window, "ctrl+2", "Right", "Delete")
        removed = photo_count(library)
        print(f"after Delete: {removed} photos", flush=True)
        keys(window, "Return", "Escape", "ctrl+z")
        after = photo_count(library)
        print(f"after Return, Ctrl+Z: {after} photos", flush=True)
    finally:
        app.terminate()
        app.wait(30)
    ok = removed == before - 1 and after == before
    print("OK: every photo is back" if ok else "FAILED", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
