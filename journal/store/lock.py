"""One writer per library: an OS-level lock on ``journal.lock`` in the library folder.

An advisory lock held by the kernel (``flock`` on POSIX, ``msvcrt.locking`` on Windows) is released
when its process dies, however it dies, so a crash can never leave a library stuck. The holder
writes its pid and host into the file so that a second instance can say who has the library.
"""

import os
import socket
import sys
from pathlib import Path
from types import TracebackType

from journal.errors import LibraryError, LibraryLockedError

LOCK_FILE_NAME = "journal.lock"


def _try_lock(fd: int) -> bool:
    """Take the lock on ``fd`` without waiting; False when another process holds it."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class LibraryLock:
    """The exclusive right to write one library folder, for as long as it is held."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise ``LibraryLockedError`` naming the process that has it."""
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise LibraryError(
                f"Cannot open the library's lock file {self.path}: {error.strerror}."
            ) from error
        if not _try_lock(fd):
            holder = self._describe_holder(fd)
            os.close(fd)
            raise LibraryLockedError(
                f"The library {self.path.parent} is open in another Trip Journal process"
                f"{holder}. Close it there and try again."
            )
        # Byte 0 is what Windows locks; the holder's details go after it.
        os.ftruncate(fd, 1)
        os.lseek(fd, 1, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n{socket.gethostname()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        # Closing the descriptor drops the lock; the file stays, empty locks are harmless.
        os.close(self._fd)
        self._fd = None

    @staticmethod
    def _describe_holder(fd: int) -> str:
        try:
            os.lseek(fd, 1, os.SEEK_SET)
            lines = os.read(fd, 256).decode("utf-8", "replace").split()
        except OSError:
            return ""
        if len(lines) >= 2:
            return f" (pid {lines[0]} on {lines[1]})"
        return ""

    def __enter__(self) -> "LibraryLock":
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()
