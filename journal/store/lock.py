"""One writer per library: OS-level locks on the library folder and on its ``journal.lock``.

An advisory lock held by the kernel (``flock`` on POSIX, ``msvcrt.locking`` on Windows) is released
when its process dies, however it dies, so a crash can never leave a library stuck. The holder
writes its pid and host into ``journal.lock`` so that a second instance can say who has it.

A lock on a file guards only as long as the file stays: delete ``journal.lock`` while the app
imports, and the next process makes a new file, locks that and writes too. So on POSIX the holder
also locks the library folder itself, which no deletion of a file inside it can undo. The lock
on ``journal.lock`` is still taken - it carries the holder's pid, and older versions of Trip
Journal lock only the file - and after taking it, a writer checks that the path still names the
file it locked (one replaced in between is locked afresh).

Where a folder cannot be locked (Linux emulates ``flock`` on NFS with POSIX locks, which need a
descriptor open for writing, and a folder's never is), the file lock alone remains. Windows
locks the file alone too, but refuses to delete or replace a file that a process has open, so
the lock file cannot go while it is held.

``journal.lock`` is only ever a regular file Trip Journal made, so anything else in its place is
refused, never used: it is opened without following a link (writing the pid through a link to
``~/notes`` would overwrite the notes) and without blocking (a named pipe would wait for a writer
forever), and the file opened must be a regular one. It is not replaced either: a link, a pipe
or a folder there is someone else's doing - a folder may hold their files - and the user, told
what it is, removes it in one step.
"""

import os
import socket
import sys
from pathlib import Path
from types import TracebackType

from journal.errors import LibraryError, LibraryLockedError
from journal.store.disk_full import disk_full_error
from journal.store.file_kinds import kind_of_mode, look_inside_first, unusual_kind

LOCK_FILE_NAME = "journal.lock"

#: Times the lock file is locked afresh when it keeps being replaced before giving up.
REPLACED_ATTEMPTS = 5

#: Neither follow a link nor wait on a named pipe (flags Windows does not have are left out).
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_SAFE_OPEN = getattr(os, "O_NOFOLLOW", 0) | _NONBLOCK


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


def _open_folder(folder: Path) -> int | None:
    """A descriptor on ``folder`` for its lock, or None where folders cannot be locked."""
    if sys.platform == "win32":
        return None
    try:
        return os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None  # the lock file's own opening explains what is wrong with the folder


def _open_regular_file(path: Path, flags: int) -> int:
    """``path`` opened with ``flags`` if it is a regular file (see the module's docstring).

    Raises ``LibraryError`` saying what stands there instead, and ``OSError`` when it cannot be
    opened for another reason.
    """
    try:
        fd = os.open(path, flags | _SAFE_OPEN, 0o644)
    except OSError as error:
        kind = unusual_kind(path)
        if kind is not None:
            raise _not_a_file(path, kind) from error
        raise
    try:
        kind = kind_of_mode(os.fstat(fd).st_mode)
        if kind is not None:
            raise _not_a_file(path, kind)
        if _NONBLOCK:  # only the opening was not to wait; locks and writes go as usual
            import fcntl

            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~_NONBLOCK)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _not_a_file(path: Path, kind: str) -> LibraryError:
    return LibraryError(
        f"The library's lock file {path} is {kind}, not a file, so the library cannot be "
        "locked through it; Trip Journal keeps nothing in it. "
        f"Remove it{look_inside_first(kind)} and try again."
    )


def _write_holder(fd: int, path: Path) -> None:
    """Write this process's pid and host into the lock file ``fd``, after byte 0 (the byte
    Windows locks), so that a second instance can say who has the library."""
    try:
        os.ftruncate(fd, 1)
        os.lseek(fd, 1, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n{socket.gethostname()}\n".encode())
    except OSError as error:  # a new lock file on a full disk, say
        raise disk_full_error(path.parent, error) or LibraryError(
            f"Cannot write the library's lock file {path}: {error.strerror}."
        ) from error


def _names(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the file open as ``fd`` (not deleted, not replaced)."""
    try:
        named = path.lstat()
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


class LibraryLock:
    """The exclusive right to write one library folder, for as long as it is held."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE_NAME
        self._fd: int | None = None
        self._folder_fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise ``LibraryLockedError`` naming the process that has it."""
        if self._fd is not None:
            return
        folder_fd = self._lock_folder()
        fd = None
        try:
            fd = self._lock_file()
            _write_holder(fd, self.path)
        except BaseException:
            for opened in (fd, folder_fd):
                if opened is not None:
                    os.close(opened)
            raise
        self._fd, self._folder_fd = fd, folder_fd

    def release(self) -> None:
        # Closing the descriptors drops the locks; the file stays, empty locks are harmless.
        for fd in (self._fd, self._folder_fd):
            if fd is not None:
                os.close(fd)
        self._fd = self._folder_fd = None

    def _lock_folder(self) -> int | None:
        fd = _open_folder(self.path.parent)
        if fd is None:
            return None
        try:
            if _try_lock(fd):
                return fd
        except OSError:  # a file system that cannot lock folders: the file lock alone remains
            os.close(fd)
            return None
        os.close(fd)
        raise self._locked()

    def _lock_file(self) -> int:
        for _ in range(REPLACED_ATTEMPTS):
            try:
                fd = _open_regular_file(self.path, os.O_RDWR | os.O_CREAT)
            except OSError as error:
                raise LibraryError(
                    f"Cannot open the library's lock file {self.path}: {error.strerror}."
                ) from error
            if not _try_lock(fd):
                os.close(fd)
                raise self._locked()
            if _names(fd, self.path):
                return fd
            os.close(fd)  # deleted or replaced between our opening and our lock: lock the new one
        raise LibraryError(
            f"The library's lock file {self.path} keeps being deleted or replaced; stop the "
            "program doing that and try again."
        )

    def _locked(self) -> LibraryLockedError:
        return LibraryLockedError(
            f"The library {self.path.parent} is open in another Trip Journal process"
            f"{self._holder()}. Close it there and try again."
        )

    def _holder(self) -> str:
        """`` (pid N on HOST)`` from the lock file, or nothing if it is gone or empty."""
        try:
            fd = _open_regular_file(self.path, os.O_RDONLY)
        except (OSError, LibraryError):
            return ""
        try:
            os.lseek(fd, 1, os.SEEK_SET)
            lines = os.read(fd, 256).decode("utf-8", "replace").split()
        except OSError:
            return ""
        finally:
            os.close(fd)
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
