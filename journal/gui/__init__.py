"""The Qt (PySide6) user interface: a thin layer over ``journal.services``."""
