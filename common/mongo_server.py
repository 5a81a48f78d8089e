"""Runs `secantusd-py` (a MongoDB-compatible server) as a child process.

It is GPL-2.0, so it is only ever started as a separate program, never imported.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

from pymongo import MongoClient
from pymongo.errors import PyMongoError


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
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/?directConnection=true"

    def start(self, *, timeout: float = 30.0) -> None:
        executable = _find_executable()
        if executable is None:
            raise MongoServerError(
                "secantusd-py not found: install the embedded extra (pip install -e '.[embedded]') "
                "or set MONGODB_URL to a real MongoDB."
            )
        if self._storage != ":memory:":
            Path(self._storage).mkdir(parents=True, exist_ok=True)
        command = [executable, "--port", str(self.port), "--storage-path", self._storage]
        command += ["--log-level", "WARNING"]
        if self._sync_on_commit:
            command.append("--sync-on-commit")
        self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise MongoServerError(f"secantusd-py exited with {self._process.returncode}")
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
        self._process.terminate()
        try:
            self._process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

    def kill(self) -> None:
        """SIGKILL, as a crash would: no clean shutdown. `start()` reopens the same storage."""
        if self._process is None:
            return
        self._process.kill()
        self._process.wait()
        self._process = None

    async def astart(self) -> None:
        await asyncio.to_thread(self.start)

    async def astop(self) -> None:
        await asyncio.to_thread(self.stop)

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
