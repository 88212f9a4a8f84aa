"""One app per person: a second launch asks the first to come to the front, then exits.

The first instance listens on a ``QLocalServer``. The check a new start makes before its
window shows uses a plain Unix socket on POSIX (the server's socket file is
``$TMPDIR/<name>``, or ``/tmp/<name>``, as ``QDir.tempPath()`` has it), and only when that
file exists: QtNetwork is loaded only when the app starts listening, after its window
painted (issue #8, workload 1).
"""

from __future__ import annotations

import os
import sys
import zlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from elearn_desktop.config import data_dir

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

TIMEOUT_MS = 500


def server_name() -> str:
    """One name per person and data folder. A checksum, not a secure hash: the name only
    has to differ between them (anyone can compute either), and ``hashlib`` (OpenSSL) and
    ``getpass`` would cost ~3 ms of the start-up before the window paints."""
    if sys.platform == "win32":
        import getpass

        who = getpass.getuser()
    else:
        who = str(os.getuid())
    folder = str(data_dir())
    return f"elearn-desktop-{zlib.crc32(who.encode()):08x}{zlib.crc32(folder.encode()):08x}"


class SingleInstance(QObject):
    activation_requested = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server: QLocalServer | None = None

    def notify_running_instance(self) -> bool:
        """True if another instance answered (it was asked to show itself)."""
        if sys.platform != "win32":  # Windows: a named pipe, Qt's own way
            return self._notify_by_unix_socket()
        from PySide6.QtNetwork import QLocalSocket

        client = QLocalSocket()
        client.connectToServer(self.name)
        if not client.waitForConnected(TIMEOUT_MS):
            return False
        client.write(b"activate\n")
        client.waitForBytesWritten(TIMEOUT_MS)
        client.disconnectFromServer()
        return True

    def socket_path(self) -> str:
        """Where a ``QLocalServer`` listening on this name has its socket file (POSIX)."""
        if self.name.startswith("/"):
            return self.name
        temp = os.environ.get("TMPDIR", "").rstrip("/") or "/tmp"
        return f"{temp}/{self.name}"

    def _notify_by_unix_socket(self) -> bool:
        path = self.socket_path()
        if not os.path.exists(path):
            return False  # nobody listens (the usual start): no socket module needed
        import socket

        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(TIMEOUT_MS / 1000)
            try:
                client.connect(path)
                client.sendall(b"activate\n")
            except OSError:  # no socket file, or a stale one nobody listens on
                return False
        return True

    def listen(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A stale socket from a crashed run: remove it and try once more.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    @Slot()
    def _on_connection(self) -> None:
        assert self._server is not None
        peer = self._server.nextPendingConnection()
        if peer is None:
            return
        # Slots are methods, not closures over the socket: deleting it stays clean.
        peer.readyRead.connect(self._on_ready_read)
        peer.disconnected.connect(peer.deleteLater)
        if peer.bytesAvailable():
            self._read(peer)

    @Slot()
    def _on_ready_read(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        peer = self.sender()
        if isinstance(peer, QLocalSocket):
            self._read(peer)

    def _read(self, peer: QLocalSocket) -> None:
        if bytes(peer.readAll().data()).startswith(b"activate"):
            self.activation_requested.emit()
