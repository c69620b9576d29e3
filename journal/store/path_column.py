"""A column type that keeps a file-system path exactly, even one that is not valid UTF-8.

SQLite text must be UTF-8, so a name with other bytes (``os.fsdecode`` gives it surrogate
escapes) cannot be stored as text. Such a path is stored as a BLOB of its bytes instead; every
other path stays text, so existing libraries and ordinary rows read exactly as before and no
migration is needed (SQLite columns take any type of value).
"""

import os
from typing import Any

from sqlalchemy import Dialect, Text, TypeDecorator


class FileSystemPath(TypeDecorator[str]):
    """A path as ``str`` in Python (surrogate escapes and all), text or bytes in the database."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return os.fsencode(value)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if isinstance(value, bytes):
            return os.fsdecode(value)
        return value  # type: ignore[no-any-return]
