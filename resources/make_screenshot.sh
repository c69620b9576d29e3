#!/bin/sh
# Makes resources/screenshot.png for the README: the app on the demo trip, under Xvfb.
#
#   sh resources/make_screenshot.sh        (after `make` has created .venv)
#
# Needs Xvfb (xvfb-run), xdotool and ImageMagick's `import`. The demo library and the app's
# settings live in a temporary folder, so the user's own library and window layout are untouched.
set -eu
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
output=${1:-resources/screenshot.png}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$python" -m journal demo --library "$work/library" >/dev/null

XDG_CONFIG_HOME="$work/config" xvfb-run --auto-servernum --server-args="-screen 0 1600x1000x24" \
    sh -c '
        set -eu
        "$1" -m journal.gui.app --library "$2" &
        app=$!
        window=$(xdotool search --sync --onlyvisible --name "Trip Journal" | head -n 1)
        xdotool windowmove "$window" 0 0 windowsize "$window" 1600 1000
        sleep 3   # thumbnails and the preview arrive off the UI thread
        import -window root "$3"
        kill "$app"
        wait "$app" 2>/dev/null || true
    ' sh "$python" "$work/library" "$output"
echo "wrote $output"
