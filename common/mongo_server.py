"""Runs `secantusd-py` (a MongoDB-compatible server) as a child process.

It is GPL-2.0, so it is only ever started as a separate program, never imported.
The child is tethered (`common.tethered`): it stops when the process that
started it ends, however that ends, and signals to the starter's process group
do not reach it, so the starter can stop it last.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

from pymongo import MongoClient
from pymongo.errors import PyMongoError

from common.storagelock import StorageInUse, wait_storage_free
from common.tethered import Tethered, start_tethered

# How long a SIGKILLed server may take to die and let go of its storage.
KILL_RELEASE_SECONDS = 60.0


class MongoServerError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _find_executable() -> str | None:
    # Installed beside the running interpreter, whether or not that venv is on PATH.
    beside = Path(sys.executable).parent / "secantusd-py"
    return str(beside) if beside.exists() else shutil.which("secantusd-py")


class SecantusServer:
    def __init__(
        self, *, storage: Path | None = None, port: int | None = None, sync_on_commit: bool = True
    ) -> None:
        self.port = port or free_port()
        self._storage = str(storage) if storage else ":memory:"
        # Without it the journal is not flushed on commit: a write acknowledged
        # with j:true is lost if the process dies (docs/operations.md).
        self._sync_on_commit = sync_on_commit
        self._process: Tethered | None = None
        self._stopping = False

    @property
    def url(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/?directConnection=true"

    def start(self, *, timeout: float = 30.0, lock_wait: float = 0.0) -> None:
        """Start and wait until it answers.

        A file-backed storage admits one server; when another process holds it,
        wait up to `lock_wait` seconds for it to let go (a database whose
        `lifegraph up` just died is still stopping), then raise `MongoServerError`
        with one line naming the holder.
        """
        executable = _find_executable()
        if executable is None:
            raise MongoServerError(
                "secantusd-py not found: install the embedded extra (pip install -e '.[embedded]') "
                "or set MONGODB_URL to a real MongoDB."
            )
        if self._storage != ":memory:":
            Path(self._storage).mkdir(parents=True, exist_ok=True)
            self._wait_storage_free(lock_wait)
        command = [executable, "--port", str(self.port), "--storage-path", self._storage]
        command += ["--log-level", "WARNING"]
        if self._sync_on_commit:
            command.append("--sync-on-commit")
        self._stopping = False
        self._process = start_tethered(command, stdout=subprocess.DEVNULL)
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is not None and self._process.process.poll() is not None:
                code = self._process.process.returncode
                raise MongoServerError(f"secantusd-py exited with {code}")
            client: MongoClient[dict[str, object]] = MongoClient(
                self.url, serverSelectionTimeoutMS=250
            )
            try:
                client.admin.command("ping")
                return
            except PyMongoError:
                continue
            finally:
                client.close()
        self.stop()
        raise MongoServerError(f"secantusd-py did not answer on port {self.port} in {timeout}s")

    def stop(self) -> None:
        if self._process is None:
            return
        self._stopping = True
        self._process.stop()
        self._process = None

    def kill(self) -> None:
        """SIGKILL, as a crash would: no clean shutdown. `start()` reopens the same storage."""
        if self._process is None:
            return
        # The server runs under a tethering wrapper that leads its own session:
        # SIGKILL the whole group, or the wrapper would stop the server cleanly.
        os.killpg(self._process.process.pid, signal.SIGKILL)
        self._process.stop()
        self._process = None
        if self._storage != ":memory:":
            # Reaping the wrapper does not mean the server is gone: a process
            # blocked in fsync dies only when the disk answers, and holds the
            # storage lock until then. A crash is over once the lock is free.
            self._wait_storage_free(KILL_RELEASE_SECONDS)

    def _wait_storage_free(self, within: float) -> None:
        try:
            wait_storage_free(Path(self._storage), within=within)
        except StorageInUse as exc:
            raise MongoServerError(str(exc)) from None

    def wait_unexpected_exit(self) -> int | None:
        """Block until the server ends: its exit status, or None when `stop()` ended it."""
        process = self._process
        if process is None:
            return None
        code = process.process.wait()
        return None if self._stopping else code

    def __enter__(self) -> SecantusServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
