"""GUI tests run offscreen (``make test`` sets QT_QPA_PLATFORM; this covers a bare pytest)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
