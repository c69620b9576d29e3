"""Alembic migrations of the library database, applied automatically when a library opens."""
