"""One app per library: a second launch hands its arguments to the window already open on it.

The running app listens on a local socket (``QLocalServer``: a Unix socket in the temporary
folder, a named pipe on Windows) whose name is derived from the library folder and the user, so
two libraries run side by side and another user's app is never reached. A launch first tries to
hand over its files and folders there; the running app raises its window and imports them, and
the launch exits 0.

The app listens only once it holds the library's lock (``journal.store.lock``), which the
kernel drops when its holder dies. So a socket file found then was left by a crash: nobody can
be serving it, and it is removed and listened on afresh.

The message is one line of JSON (``{"paths": [...]}``, absolute paths, since the two processes
have different working folders); the running app answers ``ok`` once it has taken it, so a launch
that exits 0 knows its files were received.
"""

import getpass
import hashlib
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

#: How long a launch waits for the running app to connect, take the message and answer.
HANDOVER_TIMEOUT_MS = 5_000
#: A message longer than this is no launch's (tens of thousands of paths): it is dropped.
MAX_MESSAGE_BYTES = 4 * 1024 * 1024
ACK = b"ok\n"


def server_name(library_root: Path) -> str:
    """The socket's name for a library: per user and per library folder, short enough for a
    Unix socket path (about 100 bytes) whatever the folder's name."""
    user = str(os.getuid()) if hasattr(os, "getuid") else getpass.getuser()
    folder = str(library_root.expanduser().resolve())
    digest = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:24]
    return f"trip-journal-{digest}"


def hand_over(name: str, paths: Sequence[Path], wait_seconds: float = 0.0) -> bool:
    """Give ``paths`` to the app serving ``name``; False when none answers.

    ``wait_seconds``: keep trying that long, for an app that holds the library but is still
    starting (it listens once its window exists).
    """
    message = json.dumps({"paths": [str(path.absolute()) for path in paths]}).encode() + b"\n"
    deadline = time.monotonic() + wait_seconds
    while True:
        if _send(name, message):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)


def _send(name: str, message: bytes) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(HANDOVER_TIMEOUT_MS):
        return False
    socket.write(message)
    if not socket.waitForBytesWritten(HANDOVER_TIMEOUT_MS):
        return False
    answer = b""
    while not answer.endswith(b"\n") and socket.waitForReadyRead(HANDOVER_TIMEOUT_MS):
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return answer == ACK


class InstanceServer(QObject):
    """Listens for later launches on one library and emits what each hands over."""

    #: The files and folders a later launch named (empty: it only wants the window).
    arrived = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self.name = name

    def listen(self) -> bool:
        """Start listening; a socket a crashed app left is removed first (see the module).
        False when the system refuses (the app then works on, alone)."""
        if self._server.listen(self.name):
            return True
        if self._server.serverError() is QAbstractSocket.SocketError.AddressInUseError:
            QLocalServer.removeServer(self.name)
            return self._server.listen(self.name)
        return False

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            received = bytearray()
            socket.readyRead.connect(lambda s=socket, r=received: self._read(s, r))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket, received: bytearray) -> None:
        received += bytes(socket.readAll().data())
        if len(received) > MAX_MESSAGE_BYTES:
            socket.abort()
            return
        if not received.endswith(b"\n"):
            return
        try:
            paths = [Path(str(path)) for path in json.loads(received)["paths"]]
        except (ValueError, KeyError, TypeError):
            socket.abort()
            return
        socket.write(ACK)
        socket.flush()
        self.arrived.emit(paths)
